// One refresh token: the application as label, status and the most useful time as description,
// an icon coloured by status, and the device, IPs and scopes in its tooltip.
import * as vscode from 'vscode';
import { untrustedMarkdown } from '../untrustedMarkdown';
import type { RefreshToken } from '../../auth0/types';
import { COMMANDS } from '../../commands/commandIds';
import { safeLabel } from '../../presentation/plainText';
import { tokenStatus, type TokenStatusKind } from '../../presentation/tokenStatus';
import { refreshTokenTooltip } from '../../presentation/tooltips';
import type { ExplorerContext } from '../explorerContext';
import { ExplorerNode } from './explorerNode';
import type { UserNode } from './userNode';

const STATUS_COLOURS: Record<TokenStatusKind, string> = {
  active: 'charts.green',
  expired: 'charts.red',
  'idle-expired': 'charts.yellow',
  revoked: 'disabledForeground',
};

export class RefreshTokenNode extends ExplorerNode {
  constructor(
    readonly user: UserNode,
    readonly token: RefreshToken,
    private readonly context: ExplorerContext,
  ) {
    super(user);
  }

  get appName(): string | undefined {
    return this.token.client_id ? this.user.tenant.appNames.get(this.token.client_id) : undefined;
  }

  get revoked(): boolean {
    return this.context.revokedTokenIds.has(this.token.id);
  }

  getTreeItem(): vscode.TreeItem {
    const now = this.context.now();
    const status = tokenStatus(this.token, now, { revoked: this.revoked });
    const item = new vscode.TreeItem(safeLabel(this.appName ?? this.token.client_id ?? vscode.l10n.t('Unknown application')), vscode.TreeItemCollapsibleState.None);
    item.id = `token:${this.user.tenant.connection.domain}:${this.token.id}`;
    item.description = status.description;
    item.iconPath = new vscode.ThemeIcon(status.kind === 'revoked' ? 'circle-slash' : 'key', new vscode.ThemeColor(STATUS_COLOURS[status.kind]));
    item.contextValue = this.revoked ? 'refreshToken.revoked' : 'refreshToken';
    item.accessibilityInformation = { label: `${String(item.label)}, ${status.description}` };
    item.command = { command: COMMANDS.showTokenDetails, title: vscode.l10n.t('Show Token Details'), arguments: [this] };
    return item;
  }

  override resolveTooltip(): vscode.MarkdownString {
    return untrustedMarkdown(refreshTokenTooltip(this.token, this.appName, this.context.now()));
  }
}
