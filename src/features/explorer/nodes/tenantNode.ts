// A connected tenant: its users, 50 a page, or the results of a search; rows that say what is
// missing when it has no credentials or its token will not work. It listens to its tenant's
// model, so a revocation made anywhere (tree, details panel, Quick Pick) redraws the user's row.
import * as vscode from 'vscode';
import type { User } from '../../../auth0/types';
import { COMMANDS } from '../../../contributions';
import type { Disposable } from '../../../model/events';
import type { RevocationChange } from '../../../model/tenantModel';
import { userPager } from '../../../paging/offsetPager';
import { describeUserSearchRoute, userSearchPager, type UserSearchPager } from '../../../paging/userSearchPager';
import { safeLabel } from '../../../presentation/plainText';
import type { TenantTarget } from '../../../tenants/targets';
import type { TenantConnection } from '../../../tenants/tenantConnection';
import { credentialsCommand } from '../credentialsCommand';
import type { ExplorerContext } from '../explorerContext';
import { PagedChildren } from '../pagedChildren';
import { ExplorerNode } from './explorerNode';
import { CHECK_SETUP_CONTEXT, checkSetupRow, MessageNode } from './messageNode';
import { UserNode } from './userNode';

export class TenantNode extends ExplorerNode {
  private users: PagedChildren<User, number> | undefined;
  private readonly userRows = new Map<string, UserNode>();
  private search: string | undefined;
  private currentConnection: TenantConnection;
  private modelSubscription: Disposable | undefined;
  private searchPager: UserSearchPager | undefined;

  constructor(
    connection: TenantConnection,
    private readonly context: ExplorerContext,
  ) {
    super(undefined);
    this.currentConnection = connection;
  }

  override get connection(): TenantConnection {
    return this.currentConnection;
  }

  /** The tenant's setting or credentials changed: show the new connection's rows. */
  setConnection(connection: TenantConnection): void {
    if (connection !== this.currentConnection) {
      this.currentConnection = connection;
      this.reset();
    }
  }

  get searchQuery(): string | undefined {
    return this.search;
  }

  getTreeItem(): vscode.TreeItem {
    const { connection } = this;
    const item = new vscode.TreeItem(safeLabel(connection.label), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `tenant:${connection.domain}`;
    item.description = connection.label === connection.domain ? undefined : connection.domain;
    item.tooltip = `${connection.label}\n${connection.domain}\n${
      connection.credentials?.kind === 'client-credentials'
        ? vscode.l10n.t('Client credentials')
        : connection.credentials
          ? vscode.l10n.t('Management API token')
          : connection.credentialError
            ? connection.credentialError.row().label
            : vscode.l10n.t('No credentials')
    }${connection.settingNotes.map((note) => `\n${note}`).join('')}`;
    item.iconPath = new vscode.ThemeIcon(connection.hasCredentials ? 'organization' : connection.credentialError ? 'warning' : 'debug-disconnect');
    item.contextValue = this.search ? 'tenant.searching' : 'tenant';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const { connection } = this;
    if (connection.domainError) {
      return [new MessageNode(this, { kind: 'error', label: vscode.l10n.t('Invalid tenant domain'), description: connection.domain, tooltip: connection.domainError })];
    }
    if (connection.credentialError) {
      // SecretStorage failed (no OS keyring): the cause, a retry, and the fix (secretStorageError.ts).
      return connection.credentialError.treeRows(this).map((row) => new MessageNode(this, row));
    }
    const users = this.pagedChildren();
    if (!users) {
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
        new MessageNode(this, { kind: 'warning', label: warning, description: vscode.l10n.t('click to set a new token'), tooltip: warning, command: credentialsCommand(connection, this) }),
    );
    const userRows = (await this.pagedChildren()?.rows()) ?? [];
    // The warnings are the tenant's setup: offer its check once, unless the listing's own error row already does.
    const offered = userRows.some((row) => row instanceof MessageNode && row.row.contextValue === CHECK_SETUP_CONTEXT);
    if (warnings.length > 0 && !offered) {
      warnings.push(checkSetupRow(this));
    }
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
    const model = this.connection.getModel();
    if (!model) {
      return undefined;
    }
    this.modelSubscription ??= combined(
      model.onDidChangeRevocations((change) => this.onRevocation(change)),
      model.evidence.onDidChange(({ userId }) => this.onEvidence(userId)),
    );
    if (!this.users) {
      const perPage = this.context.listing().usersPageSize;
      const searchCommand: vscode.Command = { command: COMMANDS.searchUsers, title: 'Search Users', arguments: [this] };
      this.searchPager = this.search ? userSearchPager(model.client, this.search, perPage) : undefined;
      this.users = new PagedChildren(this.searchPager ?? userPager(model.client, { perPage }), {
        owner: this,
        redraw: (node) => this.context.redraw(node),
        rowFor: (user) => this.rowFor(user),
        loadMore: (loaded, total) => (total === undefined ? vscode.l10n.t('Load more users… ({0} shown)', loaded) : vscode.l10n.t('Load more users… ({0} of {1})', loaded, total)),
        empty: this.search ? vscode.l10n.t('No user matches this search') : vscode.l10n.t('No users'),
        credentialsCommand: credentialsCommand(this.connection, this),
        credentialKind: this.connection.credentials?.kind,
        searchCommand,
        capped: vscode.l10n.t('Only the first 1,000 users can be listed'),
      });
    }
    return this.users;
  }

  /** Shows the users matching `query` instead of the listing (undefined clears the search). */
  setSearch(query: string | undefined): void {
    this.search = query?.trim() || undefined;
    this.users?.dispose();
    this.users = undefined;
  }

  override refreshTarget(): ExplorerNode {
    return this;
  }

  /** Forgets users and their tokens: the next expansion loads afresh. */
  override reset(): void {
    this.users?.dispose();
    this.users = undefined;
    this.userRows.clear();
    this.modelSubscription?.dispose();
    this.modelSubscription = undefined;
  }

  override target(): TenantTarget {
    return { kind: 'tenant', connection: this.connection };
  }

  dispose(): void {
    this.reset();
  }

  /** The row of a user, made once so its loaded tokens survive redraws. */
  rowFor(user: User): UserNode {
    let row = this.userRows.get(user.user_id);
    if (!row) {
      row = new UserNode(this, user, this.connection.getModel()!, this.context);
      this.userRows.set(user.user_id, row);
    } else {
      row.user = user;
    }
    return row;
  }

  /** A token of a shown user was revoked: redraw that user's rows; once settled, reload them. */
  private onRevocation(change: RevocationChange): void {
    const row = change.userId === undefined ? undefined : this.userRows.get(change.userId);
    if (!row) {
      return;
    }
    if (change.state === 'settled') {
      row.reset();
    }
    row.findingsChanged();
    this.context.redraw(row);
  }

  /** A session or log events of a shown user arrived: their findings may have changed. */
  private onEvidence(userId: string): void {
    const row = this.userRows.get(userId);
    if (row) {
      row.findingsChanged();
      this.context.redraw(row);
    }
  }
}

function combined(...disposables: Disposable[]): Disposable {
  return { dispose: () => disposables.forEach((d) => d.dispose()) };
}
