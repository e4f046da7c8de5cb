// The Refresh Tokens view as activation registers it: its provider and tree view, and refresh,
// search and "load more" in it.
import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from '../../contributions';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import { ExplorerProvider } from './explorerProvider';
import type { ExplorerNode } from './nodes/explorerNode';
import { lazy } from './lazy';
import { connectionOf } from '../../workbench/nodeTargets';
import { pickTenant } from '../../workbench/tenantPicker';

/** The view, its provider and its commands; the disposables go to the extension's subscriptions. */
export function registerExplorer(registry: TenantRegistry): { explorer: ExplorerProvider; treeView: vscode.TreeView<ExplorerNode>; disposables: vscode.Disposable[] } {
  const explorer = new ExplorerProvider(registry);
  const treeView = vscode.window.createTreeView(VIEWS.explorer, { treeDataProvider: explorer, showCollapseAll: true });
  return { explorer, treeView, disposables: [explorer, treeView, ...registerTreeCommands(registry, explorer, treeView)] };
}

export function registerTreeCommands(registry: TenantRegistry, explorer: ExplorerProvider, treeView: vscode.TreeView<ExplorerNode>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.refresh, async (node?: ExplorerNode) => {
      // Refreshing everything, or a tenant whose credentials SecretStorage could not read, reads them again: the retry.
      if (!node || node.connection?.credentialError) {
        await registry.reload();
      }
      explorer.refresh(node);
    }),
    vscode.commands.registerCommand(COMMANDS.loadMore, (owner: ExplorerNode) => explorer.loadMore(owner)),
    vscode.commands.registerCommand(COMMANDS.judgeAllTokens, (node?: ExplorerNode) => lazy().judgeAllTokens(node)),
    vscode.commands.registerCommand(COMMANDS.showFlaggedOnly, () => explorer.setFlaggedOnly(true)),
    vscode.commands.registerCommand(COMMANDS.showAllTokens, () => explorer.setFlaggedOnly(false)),
    vscode.commands.registerCommand(COMMANDS.searchUsers, async (node?: unknown, query?: string) => {
      const connection = await pickTenant(registry, node, { title: vscode.l10n.t('Search users of which tenant?') });
      if (!connection) {
        return;
      }
      const current = (await explorer.tenantRow(connection.domain))?.searchQuery;
      const search =
        typeof query === 'string'
          ? query
          : await vscode.window.showInputBox({
              title: vscode.l10n.t('Search users of {0}', connection.label),
              prompt: vscode.l10n.t('An email (found in any case), a user id (auth0|…), or a Lucene query such as name:"Jane*"'),
              value: current,
              ignoreFocusOut: true,
            });
      if (search === undefined) {
        return;
      }
      const row = await explorer.search(connection.domain, search);
      if (row) {
        await treeView.reveal(row, { expand: true, focus: false, select: false });
      }
    }),
    vscode.commands.registerCommand(COMMANDS.clearSearch, async (node?: unknown) => {
      const domain = connectionOf(node)?.domain ?? (await explorer.tenantRows()).find((t) => t.searchQuery)?.connection.domain;
      if (domain) {
        await explorer.search(domain, undefined);
      }
    }),
  ];
}
