// A row of the Refresh Tokens view. Each kind of row is a small subclass that knows its own
// TreeItem, its children, what "Refresh" reloads and what it offers to commands; the provider
// and the commands ask the row instead of testing its class.
import type * as vscode from 'vscode';
import type { NodeTarget } from '../../../tenants/targets';
import type { TenantConnection } from '../../../tenants/tenantConnection';

/** A listing under a row that can load its next page (see PagedChildren). */
export interface LoadsMore {
  /** Loads the next page; a failure is kept and shown as a row, never thrown. */
  loadNext(): Promise<void>;
}

export abstract class ExplorerNode {
  constructor(readonly parent: ExplorerNode | undefined) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): Promise<ExplorerNode[]> {
    return Promise.resolve([]);
  }

  /**
   * A tooltip too costly to build for every row of a long list; VS Code asks for it on hover
   * (TreeDataProvider.resolveTreeItem). Rows whose tooltip is cheap set it in getTreeItem.
   */
  resolveTooltip(): vscode.MarkdownString | undefined {
    return undefined;
  }

  /** The paged listing under this row ("Load more" loads its next page), if it has one. */
  pagedChildren(): LoadsMore | undefined {
    return undefined;
  }

  /** The row whose subtree "Refresh" on this row reloads: the nearest row that loads children. */
  refreshTarget(): ExplorerNode | undefined {
    return this.parent?.refreshTarget();
  }

  /** Forgets what this row loaded, so its next expansion asks Auth0 again. */
  reset(): void {
    // Rows that load nothing have nothing to forget.
  }

  /** The tenant this row belongs to. */
  get connection(): TenantConnection | undefined {
    return this.parent?.connection;
  }

  /** What this row offers to commands (a tenant, a user or a refresh token), if anything. */
  target(): NodeTarget | undefined {
    return undefined;
  }
}
