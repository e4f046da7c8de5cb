// A row of the Refresh Tokens view. Each kind of row is a small subclass that knows its own
// TreeItem and its own children; the provider only asks nodes.
import type * as vscode from 'vscode';
import type { PagedChildren } from '../pagedChildren';

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
  pagedChildren(): PagedChildren<unknown, unknown> | undefined {
    return undefined;
  }
}
