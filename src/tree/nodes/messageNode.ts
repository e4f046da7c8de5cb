// Loading, empty, error and hint rows: states are rows, so the tree is never silently wrong.
import * as vscode from 'vscode';
import { ExplorerNode } from './explorerNode';

export type MessageKind = 'loading' | 'empty' | 'info' | 'warning' | 'error' | 'action';

const ICONS: Record<MessageKind, vscode.ThemeIcon> = {
  loading: new vscode.ThemeIcon('loading~spin'),
  empty: new vscode.ThemeIcon('circle-slash'),
  info: new vscode.ThemeIcon('info'),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  action: new vscode.ThemeIcon('arrow-right'),
};

export interface MessageRow {
  kind: MessageKind;
  label: string;
  description?: string;
  tooltip?: string;
  command?: vscode.Command;
  contextValue?: string;
}

export class MessageNode extends ExplorerNode {
  constructor(
    parent: ExplorerNode | undefined,
    readonly row: MessageRow,
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.row.label, vscode.TreeItemCollapsibleState.None);
    item.description = this.row.description;
    item.tooltip = this.row.tooltip;
    item.iconPath = ICONS[this.row.kind];
    item.command = this.row.command;
    item.contextValue = this.row.contextValue ?? `message.${this.row.kind}`;
    return item;
  }
}
