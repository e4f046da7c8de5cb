// Acting on tokens: details, copy, revoke (one or all of a user's), export.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { isManagementApiError } from '../auth0/errors';
import type { ManagementClient } from '../auth0/managementClient';
import type { DetailsActions, DetailsPanels, TokenTarget } from '../details/detailsPanels';
import { refreshTokenPager } from '../paging/cursorPager';
import { tokensToCsv, tokensToJson } from '../presentation/export';
import type { ExplorerProvider } from '../tree/explorerProvider';
import { RefreshTokenNode } from '../tree/nodes/refreshTokenNode';
import { UserNode } from '../tree/nodes/userNode';
import { COMMANDS } from './commandIds';

/** Auth0 deletes in the background: how long to wait for a revoked token to disappear. */
const REVOCATION_POLL_DELAYS_MS = [250, 500, 1000, 2000, 3000, 5000, 8000];

export function targetOf(node: RefreshTokenNode): TokenTarget {
  return { connection: node.user.tenant.connection, token: node.token, appName: node.appName, userLabel: node.user.displayName };
}

function requireClient(target: TokenTarget): ManagementClient {
  const client = target.connection.getClient();
  if (!client) {
    throw new Error(vscode.l10n.t('Tenant {0} has no credentials. Set a Management API token first.', target.connection.label));
  }
  return client;
}

/** Resolves once `applied()` answers true, polling with growing pauses (or after the last). */
async function waitUntilApplied(applied: () => Promise<boolean>): Promise<void> {
  for (const delayMs of REVOCATION_POLL_DELAYS_MS) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (await applied()) {
      return;
    }
  }
}

/** Auth0 no longer returns the token. */
function tokenGone(client: ManagementClient, tokenId: string): () => Promise<boolean> {
  return () => client.getRefreshToken(tokenId).then(() => false, (error) => isManagementApiError(error, 'not-found'));
}

/** Auth0 lists no token for the user any more. */
function userHasNoTokens(client: ManagementClient, userId: string): () => Promise<boolean> {
  return () => client.listRefreshTokens(userId, { take: 1 }).then((page) => page.tokens.length === 0, () => false);
}

export class TokenCommands implements DetailsActions {
  /** The user rows whose list is reloading after a revocation; tests wait on these. */
  readonly pendingReloads = new Set<Promise<void>>();

  constructor(
    private readonly explorer: ExplorerProvider,
    private readonly panels: () => DetailsPanels,
  ) {}

  isRevoked(tokenId: string): boolean {
    return this.explorer.context.revokedTokenIds.has(tokenId);
  }

  async copyJson(target: TokenTarget): Promise<void> {
    await vscode.env.clipboard.writeText(JSON.stringify(target.token, null, 2));
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied the refresh token JSON'), 3000);
  }

  async copyId(target: TokenTarget): Promise<void> {
    await vscode.env.clipboard.writeText(target.token.id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied the refresh token ID'), 3000);
  }

  /** `userNode`: the row whose list shows the token; found in the tree when not given (panel). */
  async revoke(target: TokenTarget, userNode?: UserNode): Promise<boolean> {
    const app = target.appName ?? target.token.client_id ?? vscode.l10n.t('an unknown application');
    const user = target.userLabel ?? target.token.user_id ?? '';
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Revoke the refresh token of {0} for {1} on tenant {2}?', app, user, target.connection.label),
      {
        modal: true,
        detail: vscode.l10n.t('The application on that device must sign in again once its access token expires. Token {0}.', target.token.id),
      },
      vscode.l10n.t('Revoke'),
    );
    if (answer !== vscode.l10n.t('Revoke')) {
      return false;
    }
    const client = requireClient(target);
    await client.deleteRefreshToken(target.token.id);
    this.explorer.context.revokedTokenIds.add(target.token.id);
    this.panels().markRevoked(target.connection.domain, target.token.id);
    const row = userNode ?? (target.token.user_id ? this.explorer.userRow(target.connection.domain, target.token.user_id) : undefined);
    if (row) {
      this.explorer.context.refresh(row);
      this.reloadWhenApplied(row, () => waitUntilApplied(tokenGone(client, target.token.id)));
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Revoked the refresh token of {0} for {1}.', app, user));
    return true;
  }

  async revokeAll(node: UserNode): Promise<boolean> {
    const client = node.tenant.connection.getClient();
    if (!client) {
      return false;
    }
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Revoke ALL refresh tokens of {0} on tenant {1}?', node.displayName, node.tenant.connection.label),
      { modal: true, detail: vscode.l10n.t('Every application and device of this user must sign in again. User {0}.', node.userId) },
      vscode.l10n.t('Revoke All'),
    );
    if (answer !== vscode.l10n.t('Revoke All')) {
      return false;
    }
    await client.deleteAllRefreshTokens(node.userId);
    for (const token of node.loadedTokens) {
      this.explorer.context.revokedTokenIds.add(token.id);
    }
    this.explorer.context.refresh(node);
    // Auth0 applies this in the background; reload once the first page comes back empty.
    this.reloadWhenApplied(node, () => waitUntilApplied(userHasNoTokens(client, node.userId)));
    void vscode.window.showInformationMessage(vscode.l10n.t('Revoking all refresh tokens of {0}.', node.displayName));
    return true;
  }

  private reloadWhenApplied(node: UserNode, applied: () => Promise<void>): void {
    const reload = applied().then(() => this.explorer.refresh(node));
    this.pendingReloads.add(reload);
    void reload.finally(() => this.pendingReloads.delete(reload));
  }

  async export(node: UserNode, format?: 'json' | 'csv', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const client = node.tenant.connection.getClient();
    if (!client) {
      return undefined;
    }
    const chosenFormat =
      format ??
      (
        await vscode.window.showQuickPick(
          [
            { label: 'JSON', description: vscode.l10n.t('complete tokens, every field'), format: 'json' as const },
            { label: 'CSV', description: vscode.l10n.t('one row per token, for spreadsheets'), format: 'csv' as const },
          ],
          { title: vscode.l10n.t('Export the refresh tokens of {0}', node.displayName) },
        )
      )?.format;
    if (!chosenFormat) {
      return undefined;
    }
    const safeName = node.userId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export refresh tokens'),
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), `refresh-tokens-${safeName}.${chosenFormat}`),
        filters: chosenFormat === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
      }));
    if (!uri) {
      return undefined;
    }
    const take = 100; // the largest page: fewest requests for a complete export
    const tokens = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting refresh tokens of {0}', node.displayName), cancellable: true },
      async (progress, cancellation) => {
        const controller = new AbortController();
        cancellation.onCancellationRequested(() => controller.abort());
        const pager = refreshTokenPager(client, node.userId, take);
        return pager.loadAll(controller.signal, ({ loaded }) => progress.report({ message: vscode.l10n.t('{0} loaded', loaded) }));
      },
    );
    await node.tenant.resolveAppNames(tokens);
    const content = chosenFormat === 'json' ? tokensToJson(tokens) : tokensToCsv(tokens, node.tenant.appNames);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} refresh tokens to {1}.', tokens.length, uri.fsPath));
    return uri;
  }
}

export function registerTokenCommands(tokens: TokenCommands, panels: DetailsPanels): vscode.Disposable[] {
  const tokenNode = (node: unknown): RefreshTokenNode => {
    if (!(node instanceof RefreshTokenNode)) {
      throw new Error(vscode.l10n.t('Choose a refresh token in the Refresh Tokens view.'));
    }
    return node;
  };
  return [
    vscode.commands.registerCommand(COMMANDS.showTokenDetails, (node: unknown) => panels.show(targetOf(tokenNode(node)))),
    vscode.commands.registerCommand(COMMANDS.copyTokenJson, (node: unknown) => tokens.copyJson(targetOf(tokenNode(node)))),
    vscode.commands.registerCommand(COMMANDS.copyTokenId, (node: unknown) => tokens.copyId(targetOf(tokenNode(node)))),
    vscode.commands.registerCommand(COMMANDS.copyUserId, async (node: unknown) => {
      const userId = node instanceof UserNode ? node.userId : tokenNode(node).user.userId;
      await vscode.env.clipboard.writeText(userId);
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied the user ID'), 3000);
    }),
    vscode.commands.registerCommand(COMMANDS.revokeToken, (node: unknown) => {
      const row = tokenNode(node);
      return tokens.revoke(targetOf(row), row.user);
    }),
    vscode.commands.registerCommand(COMMANDS.revokeAllTokens, (node: unknown) => (node instanceof UserNode ? tokens.revokeAll(node) : undefined)),
    vscode.commands.registerCommand(COMMANDS.exportTokens, (node: unknown, format?: 'json' | 'csv', target?: vscode.Uri) =>
      node instanceof UserNode ? tokens.export(node, format, target) : undefined,
    ),
  ];
}

