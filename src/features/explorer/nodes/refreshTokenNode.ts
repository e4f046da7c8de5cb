// One refresh token: the application as label, status and the most useful time as description,
// an icon coloured by status, and the device, IPs and scopes in its tooltip.
import * as vscode from 'vscode';
import type { RefreshToken } from '../../../auth0/types';
import { COMMANDS } from '../../../contributions';
import type { TokenAnalysis } from '../../../findings/analyzeToken';
import { FINDING_KIND_LABELS, type Finding } from '../../../findings/finding';
import type { TenantModel } from '../../../model/tenantModel';
import { safeLabel } from '../../../presentation/plainText';
import { tokenStatus, type TokenStatusKind } from '../../../presentation/tokenStatus';
import { refreshTokenTooltip } from '../../../presentation/tooltips';
import type { TokenTarget } from '../../../tenants/targets';
import type { ExplorerContext } from '../explorerContext';
import { untrustedMarkdown } from '../untrustedMarkdown';
import { ExplorerNode } from './explorerNode';

const STATUS_COLOURS: Record<TokenStatusKind, string> = {
  active: 'charts.green',
  expired: 'charts.red',
  'idle-expired': 'charts.yellow',
  revoked: 'disabledForeground',
};

export class RefreshTokenNode extends ExplorerNode {
  constructor(
    parent: ExplorerNode,
    readonly token: RefreshToken,
    private readonly model: TenantModel,
    /** How the token's user is named ("jane@example.com"). */
    private readonly userLabel: string,
    private readonly context: ExplorerContext,
    /** The token's findings as far as known now (its fields first; session and logs fill in). */
    private readonly analysis: () => TokenAnalysis | undefined,
    /** The user's tokens listed so far (this one among them). */
    private readonly userTokens: () => readonly RefreshToken[],
  ) {
    super(parent);
  }

  /**
   * The most severe finding that flags the token (high or medium), if any. Only a token that can
   * still be exchanged is flagged: an expired or revoked one keeps its findings in the hover and
   * the details, but nobody can use it any more.
   */
  get flag(): Finding | undefined {
    if (this.revoked || tokenStatus(this.token, this.context.now()).kind !== 'active') {
      return undefined;
    }
    const first = this.analysis()?.findings[0];
    return first && first.severity !== 'info' ? first : undefined;
  }

  get appName(): string | undefined {
    return this.model.applicationName(this.token.client_id);
  }

  get revoked(): boolean {
    return this.model.isRevoked(this.token.id);
  }

  getTreeItem(): vscode.TreeItem {
    const now = this.context.now();
    const status = tokenStatus(this.token, now, { revoked: this.revoked });
    const item = new vscode.TreeItem(safeLabel(this.appName ?? this.token.client_id ?? vscode.l10n.t('Unknown application')), vscode.TreeItemCollapsibleState.None);
    item.id = `token:${this.connection?.domain}:${this.token.id}`;
    const flag = this.flag;
    item.description = flag ? `⚠ ${FINDING_KIND_LABELS[flag.kind]} · ${status.description}` : status.description;
    item.iconPath = flag
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor(flag.severity === 'high' ? 'charts.red' : 'charts.orange'))
      : new vscode.ThemeIcon(status.kind === 'revoked' ? 'circle-slash' : 'key', new vscode.ThemeColor(STATUS_COLOURS[status.kind]));
    item.contextValue = this.revoked ? 'refreshToken.revoked' : 'refreshToken';
    // Read out as shown, the finding included: a screen reader user hears what the warning icon says.
    item.accessibilityInformation = { label: `${String(item.label)}, ${String(item.description)}` };
    // No arguments: VS Code hands a command with arguments to the click through a per-render id,
    // which a redraw (findings arriving in the background) disposes, so a click just then failed
    // with "Actual command not found". The command reads the clicked row from the view's selection.
    item.command = { command: COMMANDS.showTokenDetails, title: vscode.l10n.t('Show Token Details') };
    return item;
  }

  override resolveTooltip(): vscode.MarkdownString {
    return untrustedMarkdown(refreshTokenTooltip(this.token, this.appName, this.context.now(), this.analysis()?.findings));
  }

  override target(): TokenTarget | undefined {
    const { connection } = this;
    return connection ? { kind: 'token', connection, model: this.model, token: this.token, userLabel: this.userLabel, userTokens: this.userTokens() } : undefined;
  }
}
