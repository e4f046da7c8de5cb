// The Refresh Tokens view's data provider. It stays thin: nodes know their rows and children;
// this keeps the tenant nodes, fires changes for the node that changed, and loads more.
import * as vscode from 'vscode';
import type { TenantRegistry } from '../tenants/tenantRegistry';
import { readListingSettings } from '../tenants/tenantSettings';
import type { ExplorerContext } from './explorerContext';
import type { ExplorerNode } from './nodes/explorerNode';
import { TenantNode } from './nodes/tenantNode';
import { UserNode } from './nodes/userNode';

export const EXPLORER_VIEW_ID = 'auth0TokenInspector.explorer';

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly tenantNodes = new Map<string, TenantNode>();
  private readonly subscription: vscode.Disposable;
  readonly context: ExplorerContext;

  constructor(private readonly registry: TenantRegistry) {
    this.context = {
      refresh: (node) => this.changed.fire(node),
      listing: readListingSettings,
      revokedTokenIds: new Set<string>(),
      now: () => new Date(),
    };
    // tenantRows() resets only the tenants whose connection changed; the others keep their rows.
    this.subscription = registry.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return node ? node.getChildren() : this.tenantRows();
  }

  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
    item.tooltip ??= node.resolveTooltip();
    return item;
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  /** Tenant rows, reused across redraws so loaded users and tokens survive them. */
  async tenantRows(): Promise<TenantNode[]> {
    const tenants = await this.registry.tenants();
    const rows: TenantNode[] = [];
    for (const connection of tenants) {
      const key = connection.domain.toLowerCase();
      let row = this.tenantNodes.get(key);
      if (!row) {
        row = new TenantNode(connection, this.context);
        this.tenantNodes.set(key, row);
      } else if (row.connection !== connection) {
        row.connection = connection;
        row.reset();
      }
      rows.push(row);
    }
    for (const key of [...this.tenantNodes.keys()]) {
      if (!tenants.some((t) => t.domain.toLowerCase() === key)) {
        this.tenantNodes.delete(key);
      }
    }
    return rows;
  }

  /** The row of a user already shown under a tenant, if any. */
  userRow(domain: string, userId: string): UserNode | undefined {
    return this.tenantNodes.get(domain.toLowerCase())?.shownUserRow(userId);
  }

  /** Reloads a tenant's or a user's subtree from Auth0, or everything. */
  refresh(node?: ExplorerNode): void {
    if (node instanceof TenantNode || node instanceof UserNode) {
      node.reset();
      this.changed.fire(node);
    } else {
      this.refreshAll();
    }
  }

  private refreshAll(): void {
    for (const row of this.tenantNodes.values()) {
      row.reset();
    }
    this.changed.fire(undefined);
  }

  /** Loads the next page under `owner` (a tenant or a user), keeping the rows already shown. */
  async loadMore(owner: ExplorerNode): Promise<void> {
    const paged = owner.pagedChildren();
    if (!paged) {
      return;
    }
    const loading = paged.loadNext();
    this.changed.fire(owner); // shows the spinner row while the page loads
    await vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, () => loading);
    this.changed.fire(owner);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
