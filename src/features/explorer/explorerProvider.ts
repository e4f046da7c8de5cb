// The Refresh Tokens view's data provider. It stays thin: rows know their items, children and
// what a refresh reloads; this keeps the tenant rows, redraws what changed, and offers the
// view's operations to commands (search, reveal a user, load more) so they never reach into rows.
import * as vscode from 'vscode';
import type { User } from '../../auth0/types';
import { CONTEXT_KEYS, VIEWS } from '../../contributions';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import { readListingSettings } from '../../tenants/tenantSettings';
import type { ExplorerContext } from './explorerContext';
import type { ExplorerNode } from './nodes/explorerNode';
import { TenantNode } from './nodes/tenantNode';
import type { UserNode } from './nodes/userNode';

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly tenantNodes = new Map<string, TenantNode>();
  private readonly subscription: vscode.Disposable;
  private flagged = false;
  /** Tokens opened by id ("domain\ntokenId"), shown under "Flagged Only" until it is switched on again. */
  private readonly opened = new Set<string>();
  readonly context: ExplorerContext;

  constructor(private readonly registry: TenantRegistry) {
    this.context = {
      redraw: (node) => this.changed.fire(node),
      listing: readListingSettings,
      now: () => new Date(),
      flaggedOnly: () => this.flagged,
      keptInView: (domain, tokenId) => this.opened.has(openedKey(domain, tokenId)),
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
      } else {
        row.setConnection(connection);
      }
      rows.push(row);
    }
    for (const [key, row] of [...this.tenantNodes]) {
      if (!tenants.some((t) => t.domain.toLowerCase() === key)) {
        row.dispose();
        this.tenantNodes.delete(key);
      }
    }
    return rows;
  }

  /** Reloads the subtree that `node` belongs to from Auth0, or everything. */
  refresh(node?: ExplorerNode): void {
    const target = node?.refreshTarget();
    if (target) {
      target.reset();
      this.changed.fire(target);
    } else {
      for (const row of this.tenantNodes.values()) {
        row.reset();
      }
      this.changed.fire(undefined);
    }
  }

  /** "Flagged Only": hides token rows without a finding (a row under each user counts them). */
  async setFlaggedOnly(flaggedOnly: boolean): Promise<void> {
    this.flagged = flaggedOnly;
    // Switching the filter on asks for flagged tokens only, whatever was opened before.
    if (flaggedOnly) {
      this.opened.clear();
    }
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.flaggedOnly, flaggedOnly);
    this.changed.fire(undefined);
  }

  get flaggedOnly(): boolean {
    return this.flagged;
  }

  /** Loads the next page under `owner` (a tenant or a user), keeping the rows already shown. */
  async loadMore(owner: ExplorerNode): Promise<void> {
    const paged = owner.pagedChildren();
    if (paged) {
      // The pager's change events redraw the spinner row and then the new rows.
      await vscode.window.withProgress({ location: { viewId: VIEWS.explorer } }, () => paged.loadNext());
    }
  }

  /** Shows the users matching `query` under the tenant (undefined clears the search). */
  async search(domain: string, query: string | undefined): Promise<TenantNode | undefined> {
    const row = await this.tenantRow(domain);
    if (row) {
      row.setSearch(query);
      this.changed.fire(row);
    }
    return row;
  }

  /**
   * Shows `user` in the tree (as a search on the tenant) with `tokenId` among its rows, even when
   * "Flagged Only" would hide it, and returns the token's row once its page is loaded (the user's
   * row when the token is not on the first page), to reveal.
   */
  async showToken(domain: string, user: User, tokenId: string): Promise<ExplorerNode | undefined> {
    this.opened.add(openedKey(domain, tokenId));
    const row = await this.showUser(domain, user);
    if (!row) {
      return undefined;
    }
    await row.getChildren();
    const token = row.loadedTokens.find((loaded) => loaded.id === tokenId);
    return token ? row.rowForToken(token) : row;
  }

  /** Shows `user` in the tree (as a search on the tenant) and returns its row. */
  async showUser(domain: string, user: User): Promise<UserNode | undefined> {
    const row = await this.search(domain, user.user_id);
    return row?.rowFor(user);
  }

  async tenantRow(domain: string): Promise<TenantNode | undefined> {
    return (await this.tenantRows()).find((row) => row.connection.domain.toLowerCase() === domain.toLowerCase());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    for (const row of this.tenantNodes.values()) {
      row.dispose();
    }
  }
}

function openedKey(domain: string, tokenId: string): string {
  return `${domain.toLowerCase()}\n${tokenId}`;
}
