// One user: expands into their refresh tokens, loaded one page at a time.
import * as vscode from 'vscode';
import { untrustedMarkdown } from '../untrustedMarkdown';
import type { ManagementClient } from '../../auth0/managementClient';
import type { RefreshToken, User } from '../../auth0/types';
import { refreshTokenPager } from '../../paging/cursorPager';
import { safeLabel } from '../../presentation/plainText';
import { userTooltip } from '../../presentation/tooltips';
import type { ExplorerContext } from '../explorerContext';
import { PagedChildren } from '../pagedChildren';
import { ExplorerNode } from './explorerNode';
import { RefreshTokenNode } from './refreshTokenNode';
import type { TenantNode } from './tenantNode';

export class UserNode extends ExplorerNode {
  private tokens: PagedChildren<RefreshToken, string> | undefined;
  private readonly rows = new Map<string, RefreshTokenNode>();

  constructor(
    readonly tenant: TenantNode,
    public user: User,
    private readonly context: ExplorerContext,
  ) {
    super(tenant);
  }

  get userId(): string {
    return this.user.user_id;
  }

  get displayName(): string {
    return safeLabel(this.user.email ?? this.user.name ?? this.user.user_id);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.displayName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `user:${this.tenant.connection.domain}:${this.user.user_id}`;
    item.description = this.displayName === safeLabel(this.user.user_id) ? undefined : safeLabel(this.user.user_id);
    item.iconPath = new vscode.ThemeIcon(this.user.blocked ? 'person-blocked' : 'account');
    item.contextValue = 'user';
    return item;
  }

  override resolveTooltip(): vscode.MarkdownString {
    return untrustedMarkdown(userTooltip(this.user, this.context.now()));
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const client = this.tenant.connection.getClient();
    if (!client) {
      return [];
    }
    return this.tokenRows(client).rows();
  }

  /** The refresh tokens loaded so far (the tree's rows, in Auth0's order). */
  get loadedTokens(): readonly RefreshToken[] {
    return this.tokens?.pager.items ?? [];
  }

  override pagedChildren(): PagedChildren<RefreshToken, string> | undefined {
    const client = this.tenant.connection.getClient();
    return client ? this.tokenRows(client) : undefined;
  }

  tokenRows(client: ManagementClient): PagedChildren<RefreshToken, string> {
    if (!this.tokens) {
      const take = this.context.listing().tokensPageSize;
      this.tokens = new PagedChildren(refreshTokenPager(client, this.user.user_id, take), {
        owner: this,
        rowFor: (token) => this.rowForToken(token),
        loadMoreLabel: (loaded) => vscode.l10n.t('Load more… ({0} loaded)', loaded),
        emptyLabel: vscode.l10n.t('No refresh tokens'),
        credentialsCommand: this.tenant.credentialsCommand(),
        credentialKind: this.tenant.connection.credentials?.kind,
        beforeShow: (tokens) => this.tenant.resolveAppNames(tokens),
      });
    }
    return this.tokens;
  }

  /** Forgets loaded tokens; the next expansion loads from the first page. */
  reset(): void {
    this.tokens = undefined;
    this.rows.clear();
  }

  /** The row of a token, made once so open panels and the tree agree on it. */
  rowForToken(token: RefreshToken): RefreshTokenNode {
    let row = this.rows.get(token.id);
    if (!row) {
      row = new RefreshTokenNode(this, token, this.context);
      this.rows.set(token.id, row);
    }
    return row;
  }
}
