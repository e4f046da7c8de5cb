// One user: expands into their refresh tokens, loaded one page at a time.
import * as vscode from 'vscode';
import type { RefreshToken, User } from '../../auth0/types';
import type { TenantModel } from '../../model/tenantModel';
import { refreshTokenPager } from '../../paging/cursorPager';
import { safeLabel } from '../../presentation/plainText';
import { userTooltip } from '../../presentation/tooltips';
import { userDisplayName } from '../../presentation/userLabel';
import type { UserTarget } from '../../tenants/targets';
import { credentialsCommand } from '../credentialsCommand';
import type { ExplorerContext } from '../explorerContext';
import { PagedChildren } from '../pagedChildren';
import { untrustedMarkdown } from '../untrustedMarkdown';
import { ExplorerNode } from './explorerNode';
import { RefreshTokenNode } from './refreshTokenNode';

export class UserNode extends ExplorerNode {
  private tokens: PagedChildren<RefreshToken, string> | undefined;
  private readonly rows = new Map<string, RefreshTokenNode>();

  constructor(
    parent: ExplorerNode,
    public user: User,
    private readonly model: TenantModel,
    private readonly context: ExplorerContext,
  ) {
    super(parent);
  }

  get userId(): string {
    return this.user.user_id;
  }

  get displayName(): string {
    return safeLabel(userDisplayName(this.user));
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.displayName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `user:${this.connection?.domain}:${this.user.user_id}`;
    item.description = this.displayName === safeLabel(this.user.user_id) ? undefined : safeLabel(this.user.user_id);
    item.iconPath = new vscode.ThemeIcon(this.user.blocked ? 'person-blocked' : 'account');
    item.contextValue = 'user';
    return item;
  }

  override resolveTooltip(): vscode.MarkdownString {
    return untrustedMarkdown(userTooltip(this.user, this.context.now()));
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return this.pagedChildren().rows();
  }

  /** The refresh tokens loaded so far (the tree's rows, in Auth0's order). */
  get loadedTokens(): readonly RefreshToken[] {
    return this.tokens?.pager.items ?? [];
  }

  override pagedChildren(): PagedChildren<RefreshToken, string> {
    if (!this.tokens) {
      this.tokens = new PagedChildren(refreshTokenPager(this.model.client, this.user.user_id, this.context.listing().tokensPageSize), {
        owner: this,
        redraw: (node) => this.context.redraw(node),
        rowFor: (token) => this.rowForToken(token),
        loadMore: (loaded) => vscode.l10n.t('Load more… ({0} loaded)', loaded),
        empty: vscode.l10n.t('No refresh tokens'),
        credentialsCommand: credentialsCommand(this.connection, this),
        credentialKind: this.connection?.credentials?.kind,
        beforeShow: (tokens) => this.model.resolveApplicationNames(tokens),
      });
    }
    return this.tokens;
  }

  override refreshTarget(): ExplorerNode {
    return this;
  }

  /** Forgets loaded tokens; the next expansion loads from the first page. */
  override reset(): void {
    this.tokens?.dispose();
    this.tokens = undefined;
    this.rows.clear();
  }

  override target(): UserTarget | undefined {
    const { connection } = this;
    return connection ? { kind: 'user', connection, model: this.model, user: this.user, loadedTokens: this.loadedTokens } : undefined;
  }

  /** The row of a token, made once so open panels and the tree agree on it. */
  rowForToken(token: RefreshToken): RefreshTokenNode {
    let row = this.rows.get(token.id);
    if (!row) {
      row = new RefreshTokenNode(this, token, this.model, this.displayName, this.context);
      this.rows.set(token.id, row);
    }
    return row;
  }
}
