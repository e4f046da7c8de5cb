// A row of the Refresh Tokens view. Each kind of row is a small subclass that knows its own
// TreeItem and its own children; the provider only asks nodes.
import type * as vscode from 'vscode';

export abstract class ExplorerNode {
  constructor(readonly parent: ExplorerNode | undefined) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): Promise<ExplorerNode[]> {
    return Promise.resolve([]);
  }
}
