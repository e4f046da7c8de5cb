// What the tokens feature's lazily loaded flows (the Quick Pick, Open by ID, the details panel's
// buttons) need from its activation side, as types that import neither side: so the lazy side and
// the activation side do not form an import circle through the lazy() helper (see lazy.ts).
import type * as vscode from 'vscode';
import type { RefreshToken } from '../../auth0/types';
import type { TokenTarget } from '../../tenants/targets';

/** What the details panel's buttons do; the token commands implement it. */
export interface DetailsActions {
  copyJson(target: TokenTarget): Promise<void>;
  copyId(target: TokenTarget): Promise<void>;
  /** Resolves true when the token was revoked. */
  revoke(target: TokenTarget): Promise<boolean>;
  /** Revokes the token's session and every token bound to it; resolves true when done. */
  revokeSession(target: TokenTarget): Promise<boolean>;
  /** A finding's "Contain User…": the response to a stolen token, for the token's user. */
  containUser(target: TokenTarget): Promise<boolean>;
  /** Edits refresh_token_metadata; resolves with the token as Auth0 now has it, or undefined. */
  editMetadata(target: TokenTarget): Promise<RefreshToken | undefined>;
}

/** Opens (or reveals) a token's details panel; DetailsPanels implements it. */
export interface TokenDetails {
  show(target: TokenTarget): vscode.WebviewPanel;
}
