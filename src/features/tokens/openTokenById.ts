// "Open Refresh Token by ID…": the id from a log line (srrt's credential_id) or a ticket opens
// the token's details (`GET /api/v2/refresh-tokens/{id}`) and reveals its row under its user in
// the tree, shown even under "Flagged Only" (a token looked up by id is the one wanted).
import * as vscode from 'vscode';
import { isManagementApiError } from '../../auth0/errors';
import type { RefreshToken, User } from '../../auth0/types';
import { COMMANDS } from '../../contributions';
import type { TokenDetails } from './tokenActions';
import { failureRow } from '../../presentation/failureRowLoader';
import { safeLabel } from '../../presentation/plainText';
import { userDisplayName } from '../../presentation/userLabel';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import type { ExplorerProvider } from '../explorer/types';
import type { ExplorerNode } from '../explorer/types';
import { pickTenant } from '../../workbench/tenantPicker';

export interface OpenTokenByIdDependencies {
  registry: TenantRegistry;
  explorer: ExplorerProvider;
  treeView: vscode.TreeView<ExplorerNode>;
  panels: TokenDetails;
}

/** Asks for the tenant (unless `node` is one of its rows) and the id (unless given), then opens it. */
export async function openTokenById({ registry, explorer, treeView, panels }: OpenTokenByIdDependencies, node?: unknown, tokenId?: string): Promise<vscode.WebviewPanel | undefined> {
  const connection = await pickTenant(registry, node, { title: vscode.l10n.t('Open a refresh token of which tenant?'), connectWhenNone: true });
  const model = connection?.getModel();
  if (!connection || !model) {
    if (connection?.credentialProblem) {
      void vscode.window.showErrorMessage(connection.credentialProblem);
    }
    return undefined;
  }
  const id =
    typeof tokenId === 'string'
      ? tokenId.trim()
      : (
          await vscode.window.showInputBox({
            title: vscode.l10n.t('Open a refresh token of {0} by ID', connection.label),
            prompt: vscode.l10n.t('The refresh token id, e.g. from a log event (credential_id) or a ticket'),
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter a refresh token id')),
          })
        )?.trim();
  if (!id) {
    return undefined;
  }
  let token: RefreshToken;
  try {
    token = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Opening refresh token {0}…', id) }, () =>
      model.client.getRefreshToken(id),
    );
  } catch (error) {
    if (!isManagementApiError(error)) {
      throw error;
    }
    // Said like the tree's rows say it, with the fix they offer, instead of "the command resulted in an error".
    const failure = failureRow(error, connection.credentials?.kind);
    // Auth0's message says the cause and the fix ("The token lacks the scope read:refresh_tokens. Grant it…"); a 404 says little.
    const cause = isManagementApiError(error, 'not-found')
      ? vscode.l10n.t('Auth0 has no refresh token with this id (revoked, expired and deleted, or of another tenant).')
      : failure.detail;
    const checkSetup = vscode.l10n.t('Check Tenant Setup');
    const answer = await vscode.window.showErrorMessage(
      vscode.l10n.t('Cannot open refresh token {0} on {1}: {2}', safeLabel(id), safeLabel(connection.label), cause),
      ...(failure.checkSetup ? [checkSetup] : []),
    );
    if (answer === checkSetup) {
      await vscode.commands.executeCommand(COMMANDS.checkTenantSetup, undefined, connection.domain);
    }
    return undefined;
  }
  await model.resolveApplicationNames([token]);
  const user: User | undefined = token.user_id ? await model.client.getUser(token.user_id).catch(() => undefined) : undefined;
  const panel = panels.show({ kind: 'token', connection, model, token, userLabel: user ? safeLabel(userDisplayName(user)) : token.user_id });
  if (user) {
    const row = await explorer.showToken(connection.domain, user, token.id);
    if (row) {
      await Promise.resolve(treeView.reveal(row, { select: true, focus: false, expand: true })).catch(() => undefined);
    }
  }
  return panel;
}
