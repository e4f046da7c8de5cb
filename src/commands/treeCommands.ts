// Refresh, search and "load more" in the Refresh Tokens view.
import * as vscode from 'vscode';
import type { ExplorerProvider } from '../tree/explorerProvider';
import type { ExplorerNode } from '../tree/nodes/explorerNode';
import { TenantNode } from '../tree/nodes/tenantNode';
import { COMMANDS } from './commandIds';

async function pickTenantNode(explorer: ExplorerProvider, node: unknown): Promise<TenantNode | undefined> {
  if (node instanceof TenantNode) {
    return node;
  }
  const tenants = await explorer.tenantRows();
  if (tenants.length <= 1) {
    return tenants[0];
  }
  const picked = await vscode.window.showQuickPick(
    tenants.map((t) => ({ label: t.connection.label, description: t.connection.domain, node: t })),
    { title: vscode.l10n.t('Search users of which tenant?') },
  );
  return picked?.node;
}

export function registerTreeCommands(explorer: ExplorerProvider, treeView: vscode.TreeView<ExplorerNode>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.refresh, (node?: ExplorerNode) => explorer.refresh(node)),
    vscode.commands.registerCommand(COMMANDS.loadMore, (owner: ExplorerNode) => explorer.loadMore(owner)),
    vscode.commands.registerCommand(COMMANDS.searchUsers, async (node?: unknown, query?: string) => {
      const tenant = await pickTenantNode(explorer, node);
      if (!tenant) {
        return;
      }
      const search =
        typeof query === 'string'
          ? query
          : await vscode.window.showInputBox({
              title: vscode.l10n.t('Search users of {0}', tenant.connection.label),
              prompt: vscode.l10n.t('An email (found in any case), a user id (auth0|…), or a Lucene query such as name:"Jane*"'),
              value: tenant.searchQuery,
              ignoreFocusOut: true,
            });
      if (search === undefined) {
        return;
      }
      tenant.setSearch(search);
      explorer.context.refresh(tenant);
      await treeView.reveal(tenant, { expand: true, focus: false, select: false });
    }),
    vscode.commands.registerCommand(COMMANDS.clearSearch, async (node?: unknown) => {
      const tenant = node instanceof TenantNode ? node : node && (node as ExplorerNode).parent instanceof TenantNode ? ((node as ExplorerNode).parent as TenantNode) : undefined;
      const target = tenant ?? (await explorer.tenantRows()).find((t) => t.searchQuery);
      if (target) {
        target.setSearch(undefined);
        explorer.context.refresh(target);
      }
    }),
  ];
}
