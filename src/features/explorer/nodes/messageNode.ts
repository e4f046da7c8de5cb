// Loading, empty, error and hint rows: states are rows, so the tree is never silently wrong.
import * as vscode from 'vscode';
import { COMMANDS } from '../../../contributions';
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

/**
 * "Check tenant setup…", offered under a row whose cause is the tenant's setup (a missing scope,
 * a plan without an endpoint, an expired token): runs the check for `owner`'s tenant.
 */
export function checkSetupRow(owner: ExplorerNode): MessageNode {
  return new MessageNode(owner, {
    kind: 'action',
    label: vscode.l10n.t('Check tenant setup…'),
    description: vscode.l10n.t('what this tenant and token allow, and the fixes'),
    command: { command: COMMANDS.checkTenantSetup, title: vscode.l10n.t('Check Tenant Setup'), arguments: [owner] },
    contextValue: CHECK_SETUP_CONTEXT,
  });
}

export const CHECK_SETUP_CONTEXT = 'message.checkSetup';
