// A connected tenant: its users, 50 a page, or the results of a search; rows that say what is
// missing when it has no credentials or its token will not work.
import * as vscode from 'vscode';
import type { RefreshToken, User } from '../../auth0/types';
import { COMMANDS } from '../../commands/commandIds';
import { userPager } from '../../paging/offsetPager';
import { describeUserSearchRoute, userSearchPager, type UserSearchPager } from '../../paging/userSearchPager';
import { safeLabel } from '../../presentation/plainText';
import type { TenantConnection } from '../../tenants/tenantConnection';
import type { ExplorerContext } from '../explorerContext';
import { PagedChildren } from '../pagedChildren';
import { ExplorerNode } from './explorerNode';
import { MessageNode } from './messageNode';
import { UserNode } from './userNode';

export class TenantNode extends ExplorerNode {
  private users: PagedChildren<User, number> | undefined;
  private readonly userRows = new Map<string, UserNode>();
  /** Application names by client id; resolved once per client. */
  readonly appNames = new Map<string, string>();
  private search: string | undefined;
  private searchPager: UserSearchPager | undefined;

  constructor(
    public connection: TenantConnection,
    private readonly context: ExplorerContext,
  ) {
    super(undefined);
  }

  get searchQuery(): string | undefined {
    return this.search;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(safeLabel(this.connection.label), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `tenant:${this.connection.domain}`;
    item.description = this.connection.label === this.connection.domain ? undefined : this.connection.domain;
    item.tooltip = `${this.connection.label}\n${this.connection.domain}\n${
      this.connection.credentials?.kind === 'client-credentials'
        ? vscode.l10n.t('Client credentials')
        : this.connection.credentials
          ? vscode.l10n.t('Management API token')
          : vscode.l10n.t('No credentials')
    }${this.connection.settingNotes.map((note) => `\n${note}`).join('')}`;
    item.iconPath = new vscode.ThemeIcon(this.connection.hasCredentials ? 'organization' : 'debug-disconnect');
    item.contextValue = this.search ? 'tenant.searching' : 'tenant';
    return item;
  }

  /** The fix for credentials Auth0 refused: enter the same kind again. */
  credentialsCommand(): vscode.Command {
    return this.connection.credentials?.kind === 'client-credentials'
      ? { command: COMMANDS.useClientCredentials, title: vscode.l10n.t('Use Client Credentials'), arguments: [this] }
      : { command: COMMANDS.setManagementToken, title: vscode.l10n.t('Set Management API Token'), arguments: [this] };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const { connection } = this;
    if (connection.domainError) {
      return [new MessageNode(this, { kind: 'error', label: vscode.l10n.t('Invalid tenant domain'), description: connection.domain, tooltip: connection.domainError })];
    }
    const client = connection.getClient();
    if (!client) {
      return [
        new MessageNode(this, {
          kind: 'action',
          label: vscode.l10n.t('Set a Management API token…'),
          command: { command: COMMANDS.setManagementToken, title: vscode.l10n.t('Set Management API Token'), arguments: [this] },
        }),
        new MessageNode(this, {
          kind: 'action',
          label: vscode.l10n.t('Or use client credentials…'),
          command: { command: COMMANDS.useClientCredentials, title: 'Use Client Credentials', arguments: [this] },
        }),
      ];
    }
    const warnings = connection.credentialWarnings(this.context.now()).map(
      (warning) =>
        new MessageNode(this, { kind: 'warning', label: warning, description: vscode.l10n.t('click to set a new token'), tooltip: warning, command: this.credentialsCommand() }),
    );
    const userRows = (await this.pagedChildren()?.rows()) ?? [];
    const route = this.searchPager?.route;
    const searchRow = this.search
      ? [
          new MessageNode(this, {
            kind: 'info',
            label: vscode.l10n.t('Search: {0}', safeLabel(this.search)),
            description: route ? vscode.l10n.t('{0} · click to clear', describeUserSearchRoute(route)) : vscode.l10n.t('click to clear'),
            command: { command: COMMANDS.clearSearch, title: 'Clear Search', arguments: [this] },
            contextValue: 'search',
          }),
        ]
      : [];
    return [...warnings, ...searchRow, ...userRows];
  }

  override pagedChildren(): PagedChildren<User, number> | undefined {
    const client = this.connection.getClient();
    if (!client) {
      return undefined;
    }
    if (!this.users) {
      const perPage = this.context.listing().usersPageSize;
      const searchCommand: vscode.Command = { command: COMMANDS.searchUsers, title: 'Search Users', arguments: [this] };
      this.searchPager = this.search ? userSearchPager(client, this.search, perPage) : undefined;
      this.users = new PagedChildren(this.searchPager ?? userPager(client, { perPage }), {
        owner: this,
        rowFor: (user) => this.rowFor(user),
        loadMoreLabel: (loaded, total) => (total === undefined ? vscode.l10n.t('Load more users… ({0} shown)', loaded) : vscode.l10n.t('Load more users… ({0} of {1})', loaded, total)),
        emptyLabel: this.search ? vscode.l10n.t('No user matches this search') : vscode.l10n.t('No users'),
        credentialsCommand: this.credentialsCommand(),
        credentialKind: this.connection.credentials?.kind,
        searchCommand,
        capLabel: vscode.l10n.t('Only the first 1,000 users can be listed'),
      });
    }
    return this.users;
  }

  /** Shows the users matching `query` instead of the listing (undefined clears the search). */
  setSearch(query: string | undefined): void {
    this.search = query?.trim() || undefined;
    this.users = undefined;
  }

  /** Forgets users and their tokens: the next expansion loads afresh. */
  reset(): void {
    this.users = undefined;
    this.userRows.clear();
    this.appNames.clear();
  }

  shownUserRow(userId: string): UserNode | undefined {
    return this.userRows.get(userId);
  }

  /** The row of a user, made once so its loaded tokens survive redraws. */
  rowFor(user: User): UserNode {
    let row = this.userRows.get(user.user_id);
    if (!row) {
      row = new UserNode(this, user, this.context);
      this.userRows.set(user.user_id, row);
    } else {
      row.user = user;
    }
    return row;
  }

  /** Resolves the application names of `tokens`, one request per application ever. */
  async resolveAppNames(tokens: readonly RefreshToken[]): Promise<void> {
    const client = this.connection.getClient();
    if (!client) {
      return;
    }
    const unknown = [...new Set(tokens.map((t) => t.client_id).filter((id): id is string => !!id && !this.appNames.has(id)))];
    await Promise.all(
      unknown.map(async (clientId) => {
        const name = await client.getClientName(clientId).catch(() => undefined);
        if (name) {
          this.appNames.set(clientId, name);
        }
      }),
    );
  }
}
