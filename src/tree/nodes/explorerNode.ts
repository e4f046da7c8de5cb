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

  /** The paged listing under this row ("Load more" loads its next page), if it has one. */
  pagedChildren(): PagedChildren<unknown, unknown> | undefined {
    return undefined;
  }
}
