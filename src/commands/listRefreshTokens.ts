// "List Refresh Tokens" from the command palette: tenant → user (typed, or a recent one) →
// a Quick Pick of that user's tokens, paged with a "Load more" item → the token's details. The
// user is revealed in the tree too.
import * as vscode from 'vscode';
import type { RefreshToken, User } from '../auth0/types';
import type { DetailsPanels } from '../details/detailsPanels';
import { refreshTokenPager } from '../paging/cursorPager';
import { findUsers } from '../paging/userSearchPager';
import { safeLabel } from '../presentation/plainText';
import { tokenStatus } from '../presentation/tokenStatus';
import type { ExplorerProvider } from '../tree/explorerProvider';
import type { ExplorerNode } from '../tree/nodes/explorerNode';
import type { TenantNode } from '../tree/nodes/tenantNode';
import { COMMANDS } from './commandIds';
import { targetOf } from './tokenCommands';

const RECENT_KEY = 'auth0TokenInspector.recentUsers';
const RECENT_LIMIT = 10;

interface RecentUser {
  domain: string;
  userId: string;
  label: string;
}

type UserPick = vscode.QuickPickItem & { query?: string };
type TokenPick = vscode.QuickPickItem & { token?: RefreshToken; loadMore?: true };

export class ListRefreshTokensCommand implements vscode.Disposable {
  private readonly tokensShown = new vscode.EventEmitter<readonly RefreshToken[]>();
  /** Fires each time the token Quick Pick shows a loaded page (tests wait on it). */
  readonly onDidShowTokens = this.tokensShown.event;

  constructor(
    private readonly explorer: ExplorerProvider,
    private readonly treeView: vscode.TreeView<ExplorerNode>,
    private readonly panels: DetailsPanels,
    private readonly state: vscode.Memento,
  ) {}

  dispose(): void {
    this.tokensShown.dispose();
  }

  register(): vscode.Disposable {
    return vscode.commands.registerCommand(COMMANDS.listRefreshTokens, (tenantDomain?: string, userQuery?: string) => this.run(tenantDomain, userQuery));
  }

  /** Arguments are for automation; without them every step asks. */
  async run(tenantDomain?: string, userQuery?: string): Promise<void> {
    const tenant = await this.pickTenant(tenantDomain);
    const client = tenant?.connection.getClient();
    if (!tenant || !client) {
      if (tenant) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Tenant {0} has no credentials. Set a Management API token first.', tenant.connection.label));
      }
      return;
    }
    const query = userQuery ?? (await this.askUser(tenant));
    if (!query) {
      return;
    }
    const users = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding {0}…', query) },
      () => findUsers(client, query),
    );
    const user = users.length <= 1 ? users[0] : await this.pickUser(users);
    if (!user) {
      if (users.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No user of {0} matches {1}.', tenant.connection.label, query));
      }
      return;
    }
    await this.remember({ domain: tenant.connection.domain, userId: user.user_id, label: user.email ?? user.name ?? user.user_id });
    const userNode = await this.revealInTree(tenant, user);
    const token = await this.pickToken(tenant, user);
    if (token) {
      const row = userNode.rowForToken(token);
      this.panels.show(targetOf(row));
    }
  }

  private async pickTenant(domain?: string): Promise<TenantNode | undefined> {
    const tenants = await this.explorer.tenantRows();
    if (domain) {
      return tenants.find((t) => t.connection.domain.toLowerCase() === domain.toLowerCase());
    }
    if (tenants.length <= 1) {
      if (tenants.length === 0) {
        await vscode.commands.executeCommand(COMMANDS.connectTenant);
      }
      return tenants[0];
    }
    const picked = await vscode.window.showQuickPick(
      tenants.map((t) => ({ label: t.connection.label, description: t.connection.domain, tenant: t })),
      { title: vscode.l10n.t('List refresh tokens: choose a tenant') },
    );
    return picked?.tenant;
  }

  private recent(domain: string): RecentUser[] {
    return this.state.get<RecentUser[]>(RECENT_KEY, []).filter((r) => r.domain === domain);
  }

  private async remember(entry: RecentUser): Promise<void> {
    const all = this.state.get<RecentUser[]>(RECENT_KEY, []).filter((r) => !(r.domain === entry.domain && r.userId === entry.userId));
    await this.state.update(RECENT_KEY, [entry, ...all].slice(0, RECENT_LIMIT));
  }

  /** A Quick Pick that takes what is typed, and offers recent users below it. */
  private askUser(tenant: TenantNode): Promise<string | undefined> {
    return new Promise((resolve) => {
      const pick = vscode.window.createQuickPick<UserPick>();
      pick.title = vscode.l10n.t('List refresh tokens of a user of {0}', tenant.connection.label);
      pick.placeholder = vscode.l10n.t('Email, user id (auth0|…) or Lucene query');
      pick.ignoreFocusOut = true;
      const recentItems: UserPick[] = this.recent(tenant.connection.domain).map((r) => ({
        label: `$(history) ${safeLabel(r.label)}`,
        description: safeLabel(r.userId),
        query: r.userId,
      }));
      const update = () => {
        const typed = pick.value.trim();
        pick.items = typed ? [{ label: typed, description: vscode.l10n.t('find this user'), query: typed, alwaysShow: true }, ...recentItems] : recentItems;
      };
      update();
      pick.onDidChangeValue(update);
      let answered = false;
      pick.onDidAccept(() => {
        answered = true;
        resolve(pick.selectedItems[0]?.query ?? (pick.value.trim() || undefined));
        pick.hide();
      });
      pick.onDidHide(() => {
        if (!answered) {
          resolve(undefined);
        }
        pick.dispose();
      });
      pick.show();
    });
  }

  private async pickUser(users: User[]): Promise<User | undefined> {
    const picked = await vscode.window.showQuickPick(
      users.map((u) => ({ label: safeLabel(u.email ?? u.name ?? u.user_id), description: safeLabel(u.user_id), user: u })),
      { title: vscode.l10n.t('Several users match: choose one') },
    );
    return picked?.user;
  }

  /** Shows the user in the tree (as a search on the tenant) and returns the row. */
  private async revealInTree(tenant: TenantNode, user: User) {
    tenant.setSearch(user.user_id);
    this.explorer.context.refresh(tenant);
    const row = tenant.rowFor(user);
    try {
      await this.treeView.reveal(row, { select: true, focus: false, expand: false });
    } catch {
      // The view may be hidden; the Quick Pick still lists the tokens.
    }
    return row;
  }

  private pickToken(tenant: TenantNode, user: User): Promise<RefreshToken | undefined> {
    const client = tenant.connection.getClient()!;
    const pager = refreshTokenPager(client, user.user_id, this.explorer.context.listing().tokensPageSize);
    const pick = vscode.window.createQuickPick<TokenPick>();
    pick.title = vscode.l10n.t('Refresh tokens of {0}', safeLabel(user.email ?? user.name ?? user.user_id));
    pick.placeholder = vscode.l10n.t('Filter by application, status or id');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const render = () => {
      const now = new Date();
      const items: TokenPick[] = pager.items.map((token) => {
        const status = tokenStatus(token, now, { revoked: this.explorer.context.revokedTokenIds.has(token.id) });
        const app = token.client_id ? (tenant.appNames.get(token.client_id) ?? token.client_id) : 'Unknown application';
        return { label: `$(key) ${safeLabel(app)}`, description: status.description, detail: safeLabel(token.id), token };
      });
      if (pager.state === 'failed') {
        items.push({ label: `$(error) ${safeLabel(pager.error?.message ?? 'Failed to load')}`, description: vscode.l10n.t('choose to retry'), loadMore: true, alwaysShow: true });
      } else if (pager.hasMore) {
        items.push({ label: `$(more) ${vscode.l10n.t('Load more… ({0} loaded)', pager.items.length)}`, loadMore: true, alwaysShow: true });
      } else if (pager.items.length === 0) {
        items.push({ label: vscode.l10n.t('No refresh tokens'), alwaysShow: true });
      }
      pick.items = items;
    };
    const loadNext = async () => {
      pick.busy = true;
      try {
        await tenant.resolveAppNames(await pager.loadNext());
      } catch {
        // shown as the error item by render()
      } finally {
        pick.busy = false;
        render();
        this.tokensShown.fire(pager.items);
      }
    };
    return new Promise((resolve) => {
      let chosen: RefreshToken | undefined;
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0];
        if (item?.loadMore) {
          void loadNext();
        } else if (item?.token) {
          chosen = item.token;
          pick.hide();
        }
      });
      pick.onDidHide(() => {
        resolve(chosen);
        pick.dispose();
      });
      render();
      pick.show();
      void loadNext();
    });
  }
}
