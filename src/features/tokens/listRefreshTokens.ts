// "List Refresh Tokens" from the command palette: tenant → user (typed, or a recent one) →
// a Quick Pick of that user's tokens, paged with a "Load more" item → the token's details. The
// user is revealed in the tree too. The last item says what the tree's last row says (one
// presenter), and a revocation made anywhere redraws the items (the tenant model's events).
import * as vscode from 'vscode';
import type { RefreshToken, User } from '../../auth0/types';
import { RECENT_USERS_KEY } from '../../contributions';
import type { DetailsActions, TokenDetails } from './tokenActions';
import type { TenantModel } from '../../model/tenantModel';
import { refreshTokenPager } from '../../paging/cursorPager';
import { findUsers } from '../../paging/userSearchPager';
import { safeLabel } from '../../presentation/plainText';
import { tokenStatus } from '../../presentation/tokenStatus';
import { userDisplayName } from '../../presentation/userLabel';
import type { TokenTarget } from '../../tenants/targets';
import type { TenantConnection } from '../../tenants/tenantConnection';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import type { ExplorerProvider } from '../explorer/types';
import type { ExplorerNode } from '../explorer/types';
import { loadMoreTokensLabel, pagerStatus } from '../../workbench/pagerStatus';
import { pickTenant } from '../../workbench/tenantPicker';

const RECENT_LIMIT = 10;

interface RecentUser {
  domain: string;
  userId: string;
  label: string;
}

type UserPick = vscode.QuickPickItem & { query?: string };
type TokenPick = vscode.QuickPickItem & { token?: RefreshToken; loadMore?: true };

const REVOKE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Revoke…') };

export class ListRefreshTokensCommand implements vscode.Disposable {
  private readonly tokensShown = new vscode.EventEmitter<readonly RefreshToken[]>();
  /** Fires each time the token Quick Pick shows a loaded page, or redraws after a revocation (tests wait on it). */
  readonly onDidShowTokens = this.tokensShown.event;

  /** The items the open token Quick Pick shows (for tests that check what a person sees). */
  shownItems: readonly { tokenId?: string; label: string; description?: string }[] = [];
  private revokeShown: ((tokenId: string) => Promise<boolean>) | undefined;
  /** The tokens the open Quick Pick has listed (a panel opened from it compares them). */
  private listed: readonly RefreshToken[] = [];

  constructor(
    private readonly registry: TenantRegistry,
    private readonly explorer: ExplorerProvider,
    private readonly treeView: vscode.TreeView<ExplorerNode>,
    private readonly panels: TokenDetails,
    private readonly tokens: DetailsActions,
    private readonly state: vscode.Memento,
  ) {}

  dispose(): void {
    this.tokensShown.dispose();
  }

  /** Arguments are for automation; without them every step asks. */
  async run(tenantDomain?: string, userQuery?: string): Promise<void> {
    const connection = await pickTenant(this.registry, undefined, {
      domain: tenantDomain,
      title: vscode.l10n.t('List refresh tokens: choose a tenant'),
      connectWhenNone: true,
    });
    const model = connection?.getModel();
    if (!connection || !model) {
      if (connection) {
        void vscode.window.showWarningMessage(connection.credentialProblem ?? vscode.l10n.t('Tenant {0} has no credentials. Set a Management API token first.', connection.label));
      }
      return;
    }
    const query = userQuery ?? (await this.askUser(connection));
    if (!query) {
      return;
    }
    const users = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding {0}…', query) },
      () => findUsers(model.client, query),
    );
    const user = users.length <= 1 ? users[0] : await this.pickUser(users);
    if (!user) {
      if (users.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No user of {0} matches {1}.', connection.label, query));
      }
      return;
    }
    await this.remember({ domain: connection.domain, userId: user.user_id, label: userDisplayName(user) });
    await this.revealInTree(connection, user);
    const token = await this.pickToken(connection, model, user);
    if (token) {
      this.panels.show(this.targetOf(connection, model, user, token));
    }
  }

  /** What the revoke button of a shown token's item does (automation and tests). */
  revokeShownToken(tokenId: string): Promise<boolean> {
    return this.revokeShown ? this.revokeShown(tokenId) : Promise.resolve(false);
  }

  private targetOf(connection: TenantConnection, model: TenantModel, user: User, token: RefreshToken): TokenTarget {
    return { kind: 'token', connection, model, token, userLabel: safeLabel(userDisplayName(user)), userTokens: this.listed };
  }

  private recent(domain: string): RecentUser[] {
    return this.state.get<RecentUser[]>(RECENT_USERS_KEY, []).filter((r) => r.domain === domain);
  }

  private async remember(entry: RecentUser): Promise<void> {
    const all = this.state.get<RecentUser[]>(RECENT_USERS_KEY, []).filter((r) => !(r.domain === entry.domain && r.userId === entry.userId));
    await this.state.update(RECENT_USERS_KEY, [entry, ...all].slice(0, RECENT_LIMIT));
  }

  /** A Quick Pick that takes what is typed, and offers recent users below it. */
  private askUser(connection: TenantConnection): Promise<string | undefined> {
    return new Promise((resolve) => {
      const pick = vscode.window.createQuickPick<UserPick>();
      pick.title = vscode.l10n.t('List refresh tokens of a user of {0}', connection.label);
      pick.placeholder = vscode.l10n.t('Email, user id (auth0|…) or Lucene query');
      pick.ignoreFocusOut = true;
      const recentItems: UserPick[] = this.recent(connection.domain).map((r) => ({
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
      users.map((u) => ({ label: safeLabel(userDisplayName(u)), description: safeLabel(u.user_id), user: u })),
      { title: vscode.l10n.t('Several users match: choose one') },
    );
    return picked?.user;
  }

  /** Shows the user in the tree (as a search on the tenant). */
  private async revealInTree(connection: TenantConnection, user: User): Promise<void> {
    const row = await this.explorer.showUser(connection.domain, user);
    try {
      if (row) {
        await this.treeView.reveal(row, { select: true, focus: false, expand: false });
      }
    } catch {
      // The view may be hidden; the Quick Pick still lists the tokens.
    }
  }

  private pickToken(connection: TenantConnection, model: TenantModel, user: User): Promise<RefreshToken | undefined> {
    const pager = refreshTokenPager(model.client, user.user_id, this.explorer.context.listing().tokensPageSize);
    const pick = vscode.window.createQuickPick<TokenPick>();
    pick.title = vscode.l10n.t('Refresh tokens of {0}', safeLabel(userDisplayName(user)));
    pick.placeholder = vscode.l10n.t('Filter by application, status or id');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const render = () => {
      const now = new Date();
      const items: TokenPick[] = pager.items.map((token) => {
        const revoked = model.isRevoked(token.id);
        const status = tokenStatus(token, now, { revoked });
        const app = model.applicationName(token.client_id) ?? token.client_id ?? vscode.l10n.t('Unknown application');
        return { label: `$(key) ${safeLabel(app)}`, description: status.description, detail: safeLabel(token.id), token, buttons: revoked ? [] : [REVOKE_BUTTON] };
      });
      const status = pagerStatus(pager, {
        loadMore: (loaded, total) => loadMoreTokensLabel(loaded, total),
        empty: vscode.l10n.t('No refresh tokens'),
        credentialKind: connection.credentials?.kind,
      });
      if (status && status.kind !== 'loading') {
        const icon = status.kind === 'error' ? '$(error)' : status.kind === 'more' ? '$(more)' : status.kind === 'capped' ? '$(warning)' : '';
        const retryable = status.fix === 'load-more' || status.fix === 'retry';
        items.push({
          label: `${icon} ${status.label}`.trim(),
          description: status.kind === 'error' && retryable ? vscode.l10n.t('choose to retry') : status.description,
          detail: status.tooltip,
          loadMore: retryable ? true : undefined,
          alwaysShow: true,
        });
      }
      pick.items = items;
      this.listed = pager.items;
      this.shownItems = items.map((item) => ({ tokenId: item.token?.id, label: item.label, description: item.description }));
    };
    const revoke = (token: RefreshToken) => this.tokens.revoke(this.targetOf(connection, model, user, token));
    this.revokeShown = async (tokenId) => {
      const token = pager.items.find((t) => t.id === tokenId);
      return token ? revoke(token) : false;
    };
    const show = () => {
      render();
      this.tokensShown.fire(pager.items);
    };
    const loadNext = async () => {
      pick.busy = true;
      try {
        await model.resolveApplicationNames(await pager.loadNext());
      } catch {
        // shown as the error item by render()
      } finally {
        pick.busy = false;
        show();
      }
    };
    const subscriptions = [
      model.onDidChangeRevocations((change) => change.tokenIds.some((id) => pager.items.some((t) => t.id === id)) && show()),
      pick.onDidTriggerItemButton(({ item }) => item.token && void revoke(item.token)),
    ];
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
        subscriptions.forEach((s) => s.dispose());
        this.revokeShown = undefined;
        this.shownItems = [];
        resolve(chosen);
        pick.dispose();
      });
      render();
      pick.show();
      void loadNext();
    });
  }
}
