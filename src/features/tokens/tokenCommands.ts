// Acting on tokens: details, copy, revoke (one or all of a user's), export. Revocations go
// through the tenant's model; the tree, the open details panels and the Quick Pick hear of
// them from the model's events.
import * as vscode from 'vscode';
import type { ExplorerNode } from '../explorer/types';
import { COMMANDS } from '../../contributions';
import type { DetailsPanels } from './details/detailsPanels';
import type { DetailsActions } from './tokenActions';
import type { TenantModel } from '../../model/tenantModel';
import type { RefreshToken } from '../../auth0/types';
import type { TokenTarget, UserTarget } from '../../tenants/targets';
import { lazy } from './lazy';
import type { IncidentResponse } from '../response/types';
import { requireTarget, targetOf } from '../../workbench/nodeTargets';

export class TokenCommands implements DetailsActions {
  private readonly models = new Set<TenantModel>();

  constructor(private readonly response: IncidentResponse) {}

  /** Background checks after revocations (the user's list reloads when one ends); tests wait on these. */
  get pendingReloads(): Set<Promise<void>> {
    return new Set([...this.models].map((model) => model.settled()));
  }

  async copyJson(target: TokenTarget): Promise<void> {
    await vscode.env.clipboard.writeText(JSON.stringify(target.token, null, 2));
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied the refresh token JSON'), 3000);
  }

  async copyId(target: TokenTarget): Promise<void> {
    await vscode.env.clipboard.writeText(target.token.id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied the refresh token ID'), 3000);
  }

  /** Asks (a modal naming user, application and tenant), then revokes; resolves true when revoked (revokeFlows.ts, loaded on first use). */
  revoke(target: TokenTarget): Promise<boolean> {
    this.models.add(target.model);
    return lazy().confirmAndRevokeToken(target);
  }

  /** Asks (a modal naming user, session and the tokens bound to it), then revokes the session (revokeFlows.ts). */
  revokeSession(target: TokenTarget): Promise<boolean> {
    this.models.add(target.model);
    return lazy().confirmAndRevokeSession(target);
  }

  /** Edits the token's metadata as JSON (see tokenExport.ts); resolves with the token as saved. */
  editMetadata(target: TokenTarget): Promise<RefreshToken | undefined> {
    return lazy().editTokenMetadata(target);
  }

  /** A finding's "Contain User…" from a token: the containment of the token's user (see huntCommands.ts). */
  async containUser(target: TokenTarget): Promise<boolean> {
    const userId = target.token.user_id;
    if (!userId) {
      return false;
    }
    this.models.add(target.model);
    return this.response.containUser({ connection: target.connection, model: target.model, userId, userLabel: target.userLabel });
  }

  /** Asks (a modal naming the user and tenant), then revokes every refresh token of the user (revokeFlows.ts). */
  revokeAll(target: UserTarget): Promise<boolean> {
    this.models.add(target.model);
    return lazy().confirmAndRevokeAll(target);
  }

  /** Exports all of the user's refresh tokens (see tokenExport.ts); resolves with the file written. */
  export(target: UserTarget, format?: 'json' | 'csv', destination?: vscode.Uri): Promise<vscode.Uri | undefined> {
    return lazy().exportTokens(target, format, destination);
  }
}

/** How long a row's click waits for the workbench's selection change, which may arrive just after the command. */
const SELECTION_SETTLE_MS = 250;

/**
 * The row a click without arguments was on: the view's selection once the workbench has reported
 * it. The selection change and the command travel separately, so the command may come first: the
 * next selection change within SELECTION_SETTLE_MS is taken, else the selection as it is.
 */
function clickedRow(treeView: vscode.TreeView<ExplorerNode>): Promise<ExplorerNode | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(treeView.selection[0]);
    }, SELECTION_SETTLE_MS);
    const subscription = treeView.onDidChangeSelection((event) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(event.selection[0]);
    });
  });
}

/**
 * `treeView`: a token row's click runs "Show Token Details" without arguments (see
 * RefreshTokenNode), so the command opens the row the view has selected.
 */
export function registerTokenCommands(tokens: TokenCommands, panels: DetailsPanels, treeView: vscode.TreeView<ExplorerNode>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.showTokenDetails, async (node?: unknown) => panels.show(requireTarget(node ?? (await clickedRow(treeView)), 'token'))),
    vscode.commands.registerCommand(COMMANDS.copyTokenJson, (node: unknown) => tokens.copyJson(requireTarget(node, 'token'))),
    vscode.commands.registerCommand(COMMANDS.copyTokenId, (node: unknown) => tokens.copyId(requireTarget(node, 'token'))),
    vscode.commands.registerCommand(COMMANDS.copyUserId, async (node: unknown) => {
      const userId = targetOf(node, 'user')?.user.user_id ?? requireTarget(node, 'token').token.user_id ?? '';
      await vscode.env.clipboard.writeText(userId);
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied the user ID'), 3000);
    }),
    vscode.commands.registerCommand(COMMANDS.revokeToken, (node: unknown) => tokens.revoke(requireTarget(node, 'token'))),
    vscode.commands.registerCommand(COMMANDS.revokeAllTokens, (node: unknown) => {
      const user = targetOf(node, 'user');
      return user ? tokens.revokeAll(user) : undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.exportTokens, (node: unknown, format?: 'json' | 'csv', destination?: vscode.Uri) => {
      const user = targetOf(node, 'user');
      return user ? tokens.export(user, format, destination) : undefined;
    }),
  ];
}
