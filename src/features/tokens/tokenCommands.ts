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
import { safeLabel } from '../../presentation/plainText';
import { userDisplayName } from '../../presentation/userLabel';
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

  /** Asks (a modal naming user, application and tenant), then revokes; resolves true when revoked. */
  async revoke(target: TokenTarget): Promise<boolean> {
    const { token, model, connection } = target;
    const app = model.applicationName(token.client_id) ?? token.client_id ?? vscode.l10n.t('an unknown application');
    const user = target.userLabel ?? token.user_id ?? '';
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Revoke the refresh token of {0} for {1} on tenant {2}?', app, user, connection.label),
      {
        modal: true,
        detail: vscode.l10n.t('The application on that device must sign in again once its access token expires. Token {0}.', token.id),
      },
      vscode.l10n.t('Revoke'),
    );
    if (answer !== vscode.l10n.t('Revoke')) {
      return false;
    }
    this.models.add(model);
    await model.revokeToken(token);
    void vscode.window.showInformationMessage(vscode.l10n.t('Revoked the refresh token of {0} for {1}.', app, user));
    return true;
  }

  /** Asks (a modal naming user, session and the tokens bound to it), then revokes the session. */
  async revokeSession(target: TokenTarget): Promise<boolean> {
    const { token, model, connection } = target;
    const sessionId = typeof token.session_id === 'string' && token.session_id !== '' ? token.session_id : undefined;
    if (!sessionId) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This refresh token has no linked session to revoke (its session_id is null or not recorded).'));
      return false;
    }
    const bound = (target.userTokens ?? [token]).filter((t) => t.session_id === sessionId);
    const user = target.userLabel ?? token.user_id ?? '';
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Revoke session {0} of {1} on tenant {2}, and its refresh tokens?', sessionId, user, connection.label),
      {
        modal: true,
        detail: vscode.l10n.t(
          'The session ends and Auth0 revokes every refresh token bound to it: {0} listed here ({1}). Applications using them must sign in again.',
          bound.length,
          bound.map((t) => model.applicationName(t.client_id) ?? t.client_id ?? t.id).join(', '),
        ),
      },
      vscode.l10n.t('Revoke Session'),
    );
    if (answer !== vscode.l10n.t('Revoke Session')) {
      return false;
    }
    this.models.add(model);
    await model.revokeSession(sessionId, token.user_id, bound.map((t) => t.id));
    void vscode.window.showInformationMessage(vscode.l10n.t('Revoked session {0} of {1} and its refresh tokens.', sessionId, user));
    return true;
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

  async revokeAll(target: UserTarget): Promise<boolean> {
    const { model, user, connection } = target;
    const name = safeLabel(userDisplayName(user));
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Revoke ALL refresh tokens of {0} on tenant {1}?', name, connection.label),
      { modal: true, detail: vscode.l10n.t('Every application and device of this user must sign in again. User {0}.', user.user_id) },
      vscode.l10n.t('Revoke All'),
    );
    if (answer !== vscode.l10n.t('Revoke All')) {
      return false;
    }
    this.models.add(model);
    await model.revokeAllTokens(user.user_id, target.loadedTokens.map((token) => token.id));
    void vscode.window.showInformationMessage(vscode.l10n.t('Revoking all refresh tokens of {0}.', name));
    return true;
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
