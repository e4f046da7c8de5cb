// The response feature's public types: what other features (the tokens' Contain User, the hunt's
// Revoke Selected) and the extension's wiring may know of it. Types only.
import type * as vscode from 'vscode';
import type { TenantModel } from '../../model/tenantModel';
import type { TenantConnection } from '../../tenants/tenantConnection';
import type { HuntSession } from '../hunt/core/huntSession';
import type { RevocationReport } from './core/revocationExecutor';

/** Contain User and Revoke Selected, as the token commands, the details panel and the hunt results call them. */
export interface IncidentResponse {
  /** The NDJSON audit file: one line per destructive action. */
  readonly auditLogUri: vscode.Uri;
  /** The one modal, then the containment and its report; resolves true when every step was done. */
  containUser(target: ContainTarget): Promise<boolean>;
  /** The dry run, the confirmation, then the revocation of a hunt's selected tokens; undefined when nothing was sent. */
  revokeSelected(session: HuntSession, connection: TenantConnection, tokenIds: readonly string[]): Promise<RevocationReport | undefined>;
}

/** What the response flows need from the extension: where to keep the audit file, where to log. */
export interface ResponseEnvironment {
  storageUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

/** A user to contain, from a tree row, a details panel or the hunt results. */
export interface ContainTarget {
  connection: TenantConnection;
  model: TenantModel;
  userId: string;
  /** How to name the user ("jane@example.com"). */
  userLabel?: string;
}
