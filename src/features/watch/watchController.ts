// "Watch Tenant…" end to end: which tenant and which users, the watch as background work (the
// core's TenantWatch at its share of the rate, its requests and what it does in the output
// channel), the feed, a notification for each high-severity alert ("Open", "Contain User…"), the
// status-bar item with Stop, the alerts and the checkpoint in global state (a reload resumes the
// watch where it stopped), and the NDJSON export. One watch runs at a time.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { COMMANDS, SETTINGS, SETTINGS_SECTION } from '../../contributions';
import { safeLabel } from '../../presentation/plainText';
import type { TenantConnection } from '../../tenants/tenantConnection';
import { pickTenant } from '../../workbench/tenantPicker';
import type { RefreshToken, User } from '../../auth0/types';
import { TenantWatch, type WatchEvent, type WatchStatus } from './core/tenantWatch';
import type { WatchAlert } from './core/watchAlert';
import { WatchFeedPanel, type WatchFeedSource } from './feed/watchFeedPanel';
import { AlertStore, mementoCheckpointStore, RUNNING_WATCH_KEY, type RunningWatch } from './watchStores';
import type { WatchEnvironment } from './watchEnvironment';
import { alertCountText, watchStatusText } from './watchStatusText';
import { planAlertOpen } from './alertTokens';
import { MAX_FEED_ALERTS } from './feed/protocol';
import { readCursorListing } from '../../paging/cursorListing';
import { formatNetworkMatcher, parseNetworkMatcher } from '../hunt/core/network';

/** What automation (and the tests) may pass instead of the narrowing Quick Pick. */
export interface WatchArguments {
  userIds?: string[];
  clientIds?: string[];
  /** Narrow to the users the last hunt on this tenant matched. */
  huntUsers?: boolean;
  /** The watch list: addresses, CIDR ranges or ASNs ("203.0.113.0/24", "AS7922"; log events carry no ASN); an exchange from one is alerted. */
  networks?: string[];
  /** Where to start: an ISO date within the tenant's log retention (default now). */
  since?: string;
  /** Poll bounds (ms), for tests: the core's defaults otherwise (2 s while events flow, up to 30 s). */
  minIntervalMs?: number;
  maxIntervalMs?: number;
}

interface Running {
  connection: TenantConnection;
  watch: TenantWatch;
  abort: AbortController;
  alerts: AlertStore;
  done: Promise<void>;
  narrow: RunningWatch;
  status?: WatchStatus;
  notices: string[];
  poll: Pick<WatchArguments, 'minIntervalMs' | 'maxIntervalMs'>;
  /** High alerts raised while reading a backlog: notified once, summed up, when the watch has caught up. */
  heldHigh: WatchAlert[];
  /** Started in the past (a date, a checkpoint) and not yet within BACKLOG_BEHIND_MS of now: before its first page, no status says how far behind it is. */
  catchingUp: boolean;
}

/**
 * Behind by more than this (ms), the watch reads a backlog (a start in the past, a long pause): its
 * high alerts wait for one notification once caught up. A trial's start a month back raised 162
 * high alerts in 70 s, each a notification.
 */
const BACKLOG_BEHIND_MS = 5 * 60_000;

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= 10_000 && value.every((item) => typeof item === 'string' && item !== '' && item.length <= 2048);
}

export class WatchController implements vscode.Disposable {
  private running: Running | undefined;
  private panel: WatchFeedPanel | undefined;
  private statusBar: vscode.StatusBarItem | undefined;
  private readonly checkpoints;

  constructor(private readonly environment: WatchEnvironment) {
    // The running watch's new alerts are written just before each checkpoint (once a page, not once an alert).
    this.checkpoints = mementoCheckpointStore(environment.globalState, async (tenant) => {
      const alerts = this.running?.alerts;
      if (alerts && alerts.tenant.toLowerCase() === tenant.toLowerCase()) {
        await alerts.save();
      }
    });
  }

  /** The watch running (or stopped last) in this window. */
  get current(): { tenant: string; watch: TenantWatch; alerts: readonly WatchAlert[]; running: boolean; done: Promise<void> } | undefined {
    const running = this.running;
    return running && { tenant: running.connection.domain, watch: running.watch, alerts: running.alerts.all(), running: !running.abort.signal.aborted, done: running.done };
  }

  /** The feed, while open. */
  get feed(): WatchFeedPanel | undefined {
    return this.panel;
  }

  /** What the status-bar item says now (for tests that check what a person sees). */
  get statusBarText(): string | undefined {
    return this.statusBar?.text;
  }

  /** The command: `node` a tenant row (else a pick), `args` WatchArguments instead of the Quick Pick. */
  async watchCommand(node?: unknown, args?: unknown): Promise<boolean> {
    const connection = await pickTenant(this.environment.registry, node, { title: vscode.l10n.t('Watch which tenant?'), connectWhenNone: true });
    if (!connection?.getModel()) {
      if (connection) {
        void vscode.window.showErrorMessage(connection.credentialProblem ?? vscode.l10n.t('Set a Management API token or client credentials for {0} first.', safeLabel(connection.label)));
      }
      return false;
    }
    const parsed = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
    let narrow: RunningWatch | undefined;
    let networks: string[] | string | undefined;
    let since: Date | undefined;
    if (args !== undefined) {
      narrow = this.narrowFromArguments(connection, parsed);
      networks = isStringList(parsed.networks) ? this.parseNetworks(parsed.networks.join(',')) : [];
      if (typeof networks === 'string') {
        void vscode.window.showErrorMessage(networks);
        return false;
      }
      since = typeof parsed.since === 'string' && Number.isFinite(Date.parse(parsed.since)) ? new Date(parsed.since) : undefined;
    } else {
      narrow = await this.askNarrow(connection);
      networks = narrow && (await this.askNetworks(connection));
      const start = networks && (await this.askStart(connection));
      if (start === undefined) {
        return false;
      }
      since = start === 'now' ? undefined : start;
    }
    if (!narrow || !Array.isArray(networks)) {
      return false;
    }
    if (networks.length > 0) {
      narrow.networks = networks;
    }
    const poll = { minIntervalMs: typeof parsed.minIntervalMs === 'number' ? parsed.minIntervalMs : undefined, maxIntervalMs: typeof parsed.maxIntervalMs === 'number' ? parsed.maxIntervalMs : undefined };
    await this.start(connection, narrow, poll, true, false, since);
    return true;
  }

  /** After a reload: the watch that was running resumes from its checkpoint. */
  async resumeAfterReload(): Promise<boolean> {
    const saved = this.environment.globalState.get<RunningWatch>(RUNNING_WATCH_KEY);
    if (!saved || typeof saved.tenant !== 'string') {
      return false;
    }
    const connection = await this.environment.registry.find(saved.tenant);
    if (!connection?.getModel()) {
      this.environment.log.warn(`Watch: ${saved.tenant} is no longer connected; the watch is not resumed.`);
      await this.environment.globalState.update(RUNNING_WATCH_KEY, undefined);
      return false;
    }
    this.environment.log.info(`Watch: resuming the watch of ${connection.label} from its checkpoint.`);
    await this.start(connection, saved, {}, false, true);
    return true;
  }

  /** Stops the watch (its checkpoint is saved); it is not resumed after a reload. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running || running.abort.signal.aborted) {
      return;
    }
    await this.environment.globalState.update(RUNNING_WATCH_KEY, undefined);
    running.abort.abort();
    await running.done;
  }

  /**
   * What a reload does to a running watch: it stops (its checkpoint saved) and is remembered as
   * running, so resumeAfterReload() (the next activation) resumes it. Resolves once stopped.
   */
  async suspend(): Promise<void> {
    await this.stopQuietly();
  }

  /** The command "Show Watch Alerts" (its arguments are ignored). */
  showFeed(): void {
    this.openFeed(undefined);
  }

  /** The feed; `focusAlertId`: the alert to bring into view and mark (a notification's "Open"). */
  private openFeed(focusAlertId: string | undefined): void {
    const running = this.running;
    if (!running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No tenant is being watched. Run "Auth0: Watch Tenant…" first.'));
      return;
    }
    const source = this.feedSource(running);
    if (this.panel) {
      this.panel.show(source, focusAlertId);
      return;
    }
    const panel = new WatchFeedPanel(this.environment.extensionUri, source, {
      openTokens: (alert) => this.openTokens(running, alert),
      revealUser: (alert) => this.revealUser(running, alert),
      containUser: (alert) => this.containUser(running, alert),
      revokeSession: (alert) => this.revokeSession(running, alert),
      exportAlerts: async () => void (await this.exportAlerts()),
      stop: () => void this.stop(),
    });
    panel.onDidDispose(() => {
      if (this.panel === panel) {
        this.panel = undefined;
      }
    });
    this.panel = panel;
    if (focusAlertId !== undefined) {
      panel.focusOn(focusAlertId);
      panel.redraw();
    }
  }

  /** The alerts kept for the watched tenant as NDJSON, to `destination` or where the save dialog says. */
  async exportAlerts(destination?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const running = this.running;
    if (!running) {
      return undefined;
    }
    const safeTenant = running.connection.domain.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
    const uri =
      destination ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export the watch alerts'),
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), `watch-${safeTenant}-${new Date().toISOString().slice(0, 10)}.ndjson`),
        filters: { NDJSON: ['ndjson', 'jsonl'] },
      }));
    if (!uri) {
      return undefined;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(running.alerts.toNdjson()));
    const count = running.alerts.all().length;
    void vscode.window.showInformationMessage(count === 1 ? vscode.l10n.t('Exported 1 alert to {0}.', uri.fsPath) : vscode.l10n.t('Exported {0} alerts to {1}.', count.toLocaleString('en-US'), uri.fsPath));
    return uri;
  }

  /** The status bar's menu: the feed, or Stop. */
  async statusMenu(): Promise<void> {
    const show = vscode.l10n.t('$(eye) Show Watch Alerts');
    const stop = vscode.l10n.t('$(debug-stop) Stop Watching');
    const picked = await vscode.window.showQuickPick(this.running && !this.running.abort.signal.aborted ? [show, stop] : [show], { title: safeLabel(this.running ? this.statusText(this.running) : '') });
    if (picked === show) {
      this.showFeed();
    } else if (picked === stop) {
      await this.stop();
    }
  }

  private narrowFromArguments(connection: TenantConnection, args: Record<string, unknown>): RunningWatch | undefined {
    if (args.huntUsers === true) {
      return this.huntNarrow(connection);
    }
    return {
      tenant: connection.domain,
      ...(isStringList(args.userIds) ? { userIds: args.userIds, scope: `Users: ${args.userIds.join(', ')}` } : {}),
      ...(isStringList(args.clientIds) ? { clientIds: args.clientIds, scope: `Applications: ${args.clientIds.join(', ')}` } : {}),
    };
  }

  private huntMatchedUsers(): { tenant: string; userIds: string[] } | undefined {
    const session = this.environment.hunt();
    return session && { tenant: session.tenant, userIds: [...new Set(session.matches.map((match) => match.user.userId))] };
  }

  private huntNarrow(connection: TenantConnection): RunningWatch | undefined {
    const hunt = this.huntMatchedUsers();
    if (!hunt || hunt.tenant.toLowerCase() !== connection.domain.toLowerCase() || hunt.userIds.length === 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('No hunt with matched users ran on {0} in this window. Run "Auth0: Hunt Refresh Tokens…" first, or watch every user.', safeLabel(connection.label)));
      return undefined;
    }
    return { tenant: connection.domain, userIds: hunt.userIds, scope: `The ${hunt.userIds.length.toLocaleString('en-US')} users the last hunt matched` };
  }

  private async askNarrow(connection: TenantConnection): Promise<RunningWatch | undefined> {
    const every = { label: vscode.l10n.t('$(globe) Every user'), value: 'every' };
    const user = { label: vscode.l10n.t('$(person) One user…'), value: 'user' };
    const application = { label: vscode.l10n.t('$(window) One application…'), value: 'application' };
    const hunt = { label: vscode.l10n.t('$(search-fuzzy) The users the last hunt matched'), value: 'hunt' };
    const matched = this.huntMatchedUsers();
    const items = [every, user, application, ...(matched && matched.tenant.toLowerCase() === connection.domain.toLowerCase() ? [hunt] : [])];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Watch {0}: whose refresh-token events?', safeLabel(connection.label)) });
    if (!picked) {
      return undefined;
    }
    if (picked.value === 'hunt') {
      return this.huntNarrow(connection);
    }
    if (picked.value === 'every') {
      return { tenant: connection.domain };
    }
    const id = (
      await vscode.window.showInputBox({
        title: picked.value === 'user' ? vscode.l10n.t('Watch one user of {0}', safeLabel(connection.label)) : vscode.l10n.t('Watch one application of {0}', safeLabel(connection.label)),
        prompt: picked.value === 'user' ? vscode.l10n.t('The user id, e.g. auth0|64f…') : vscode.l10n.t('The application\'s client id'),
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter an id')),
      })
    )?.trim();
    if (!id) {
      return undefined;
    }
    return picked.value === 'user' ? { tenant: connection.domain, userIds: [id], scope: `User ${id}` } : { tenant: connection.domain, clientIds: [id], scope: `Application ${id}` };
  }

  /**
   * The watch list, asked after whose events: addresses, CIDR ranges or ASNs, comma-separated,
   * filled with the networks of the last hunt on this tenant. Resolves with the canonical entries
   * ([] for none), or undefined when the person pressed Escape.
   */
  private async askNetworks(connection: TenantConnection): Promise<string[] | undefined> {
    const session = this.environment.hunt();
    const fromHunt = session && session.tenant.toLowerCase() === connection.domain.toLowerCase() ? (session.criteria.networks ?? []) : [];
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Watch {0}: networks to alert on (optional)', safeLabel(connection.label)),
      prompt: vscode.l10n.t('Addresses, CIDR ranges or ASNs, comma-separated (203.0.113.0/24, 2001:db8::/32): any exchange from one is a high alert. Leave empty for none.'),
      value: fromHunt.join(', '),
      ignoreFocusOut: true,
      validateInput: (value) => {
        const parsed = this.parseNetworks(value);
        if (typeof parsed === 'string') {
          return parsed;
        }
        // Auth0's log events record an IP address, never an ASN: say so rather than let an ASN entry wait in silence.
        const asns = parsed.filter((entry) => /^AS\d+$/.test(entry));
        return asns.length === 0
          ? undefined
          : {
              message: vscode.l10n.t(
                '{0}: Auth0 log events carry no ASN, so an ASN matches only an event that carries one (some log streams add it). Use the network\'s CIDR ranges to be sure.',
                asns.join(', '),
              ),
              severity: vscode.InputBoxValidationSeverity.Warning,
            };
      },
    });
    if (text === undefined) {
      return undefined;
    }
    const parsed = this.parseNetworks(text);
    return typeof parsed === 'string' ? undefined : parsed;
  }

  /** Canonical watch-list entries of `text` (comma- or space-separated), or the message naming the first entry that is none. */
  private parseNetworks(text: string): string[] | string {
    const entries: string[] = [];
    for (const part of text.split(/[\s,]+/).filter((item) => item !== '')) {
      const parsed = parseNetworkMatcher(part);
      if (!parsed.ok) {
        return parsed.error;
      }
      entries.push(formatNetworkMatcher(parsed.value));
    }
    return entries;
  }

  /** Where the watch starts: now, or an hour, a day or a chosen time back (within the tenant's log retention). Undefined: Escape. */
  private async askStart(connection: TenantConnection): Promise<'now' | Date | undefined> {
    const now = { label: vscode.l10n.t('$(play) From now'), value: 0 };
    const hour = { label: vscode.l10n.t('$(history) From an hour ago'), value: 3_600_000 };
    const day = { label: vscode.l10n.t('$(history) From 24 hours ago'), value: 86_400_000 };
    const chosen = { label: vscode.l10n.t('$(calendar) From a date and time…'), value: -1 };
    const picked = await vscode.window.showQuickPick([now, hour, day, chosen], {
      title: vscode.l10n.t('Watch {0}: from when?', safeLabel(connection.label)),
      placeHolder: vscode.l10n.t('Earlier events are read first, at the watch\'s share of the rate; Auth0 keeps them for the plan\'s retention only.'),
    });
    if (!picked) {
      return undefined;
    }
    if (picked.value === 0) {
      return 'now';
    }
    if (picked.value > 0) {
      return new Date(Date.now() - picked.value);
    }
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Watch {0}: from a date and time', safeLabel(connection.label)),
      prompt: vscode.l10n.t('An ISO date and time, e.g. 2026-12-07T09:00:00Z (Z for UTC, or an offset such as +01:00; without either, this computer\'s time zone)'),
      ignoreFocusOut: true,
      validateInput: (value) => {
        const at = Date.parse(value.trim());
        return !Number.isFinite(at) ? vscode.l10n.t('Enter a date such as 2026-12-07T09:00:00Z') : at > Date.now() ? vscode.l10n.t('That is in the future: nothing would be read yet.') : undefined;
      },
    });
    return text === undefined ? undefined : new Date(Date.parse(text.trim()));
  }

  /** `resume`: from the saved checkpoint (after a reload); else from `since` or now (a watch the person starts). */
  private async start(connection: TenantConnection, narrow: RunningWatch, poll: Running['poll'], reveal: boolean, resume: boolean, since?: Date): Promise<void> {
    await this.stopQuietly();
    const model = connection.getModel();
    if (!model) {
      return;
    }
    const { log, globalState } = this.environment;
    const abort = new AbortController();
    const share = vscode.workspace.getConfiguration(SETTINGS_SECTION).get(SETTINGS.watchRateShare);
    const watch = new TenantWatch({
      client: model.client,
      tenant: connection.domain,
      label: connection.label,
      store: this.checkpoints,
      userHistory: true,
      share: typeof share === 'number' && Number.isFinite(share) ? Math.min(1, Math.max(0.05, share)) : undefined,
      shareSettings: { watch: `${SETTINGS_SECTION}.${SETTINGS.watchRateShare}`, background: `${SETTINGS_SECTION}.${SETTINGS.huntRateShare}` },
      resume,
      ...(since ? { start: since } : {}),
      watchList: (isStringList(narrow.networks) ? narrow.networks : []).map((entry) => parseNetworkMatcher(entry)).flatMap((parsed) => (parsed.ok ? [parsed.value] : [])),
      narrow: { ...(narrow.userIds ? { userIds: new Set(narrow.userIds) } : {}), ...(narrow.clientIds ? { clientIds: new Set(narrow.clientIds) } : {}) },
      ...poll,
    });
    const alerts = new AlertStore(globalState, connection.domain);
    const running: Running = { connection, watch, abort, alerts, narrow, notices: [], poll, heldHigh: [], catchingUp: resume || since !== undefined, done: Promise.resolve() };
    this.running = running;
    await globalState.update(RUNNING_WATCH_KEY, narrow);
    watch.onEvent((event) => this.onWatchEvent(running, event));
    const networks = narrow.networks && narrow.networks.length > 0 ? `, watch list ${narrow.networks.join(', ')}` : '';
    log.info(`Watch: watching ${connection.label}${narrow.scope ? ` (${narrow.scope})` : ''}${networks}${since ? `, from ${since.toISOString()}` : ''}: GET /api/v2/logs?from&take=100 at background priority.`);
    this.showStatus(running, watch.status());
    running.done = watch.run(abort.signal).then(
      (summary) => log.info(`Watch: stopped watching ${connection.label}: ${summary.judged} refresh-token events judged, ${summary.alerts} alerts raised by this run (${alerts.all().length} kept for the tenant), ${summary.requests} requests; checkpoint ${summary.checkpoint?.logId ?? 'none'} saved.`),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`Watch: the watch of ${connection.label} stopped: ${message}`);
        running.notices.push(`The watch stopped: ${message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('The watch of {0} stopped: {1}', safeLabel(connection.label), message));
        abort.abort();
      },
    ).finally(() => {
      void alerts.save(); // what a failure left unwritten
      this.showStatus(running, watch.status());
      this.panel?.redraw();
    });
    if (reveal || this.panel) {
      this.showFeed(); // an open feed shows the new watch's alerts
    }
  }

  /** Ends the running watch without forgetting that it ran (a new watch replaces it, or the window closes). */
  private async stopQuietly(): Promise<void> {
    const running = this.running;
    if (running && !running.abort.signal.aborted) {
      running.abort.abort();
      await running.done;
    }
  }

  private onWatchEvent(running: Running, event: WatchEvent): void {
    const { log } = this.environment;
    switch (event.type) {
      case 'alert':
        if (running.alerts.add(event.alert)) {
          log.warn(`Watch: ${event.alert.severity} alert on ${running.connection.label}: ${safeLabel(event.alert.title, 200)}`);
          if (this.running === running) {
            this.panel?.scheduleRedraw();
          }
          this.showStatus(running, running.status ?? running.watch.status()); // the kept count, at once
          if (event.alert.severity === 'high') {
            if (running.catchingUp || (running.status?.behindMs ?? 0) > BACKLOG_BEHIND_MS) {
              running.heldHigh.push(event.alert);
            } else {
              void this.notify(running, event.alert);
            }
          }
        }
        break;
      case 'status':
        this.showStatus(running, event.status);
        if ((event.status.behindMs ?? Infinity) <= BACKLOG_BEHIND_MS) {
          running.catchingUp = false;
          if (running.heldHigh.length > 0) {
            void this.notifyBacklog(running, running.heldHigh.splice(0));
          }
        }
        break;
      case 'gap': {
        const text = event.gap.message;
        running.notices.push(text);
        log.warn(`Watch: ${text}`);
        this.panel?.redraw();
        break;
      }
      case 'checkpoint':
        log.debug(`Watch: checkpoint ${event.checkpoint.logId} (${event.checkpoint.lastEventDate ?? 'date not recorded'}) saved.`);
        break;
      case 'pace':
        if (event.shortfall) {
          log.warn(`Watch: ${event.message}`);
        } else {
          log.info(`Watch: ${event.message}`);
        }
        break;
      case 'history-unavailable':
        log.warn(`Watch: the recent log of ${safeLabel(event.userId)} could not be read (${event.message}); their events are judged against what the watch sees.`);
        break;
    }
  }

  /** One notification for the high alerts of a backlog, newest named; Show Alerts opens the feed at it. */
  private async notifyBacklog(running: Running, held: readonly WatchAlert[]): Promise<void> {
    const newest = held[held.length - 1];
    const show = vscode.l10n.t('Show Alerts');
    const answer = await vscode.window.showWarningMessage(
      held.length === 1
        ? vscode.l10n.t('Watch {0}: 1 high alert in the backlog it read: {1}', safeLabel(running.connection.label), safeLabel(newest.title, 200))
        : vscode.l10n.t('Watch {0}: {1} high alerts in the backlog it read; the newest: {2}', safeLabel(running.connection.label), held.length.toLocaleString('en-US'), safeLabel(newest.title, 200)),
      show,
    );
    if (answer === show) {
      this.openFeed(newest.id);
    }
  }

  private async notify(running: Running, alert: WatchAlert): Promise<void> {
    const open = vscode.l10n.t('Open');
    const contain = vscode.l10n.t('Contain User…');
    const hasUser = alert.event.userId !== undefined && alert.event.userId !== '';
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Watch {0}: {1}', safeLabel(running.connection.label), safeLabel(alert.title, 200)),
      ...(hasUser ? [open, contain] : [open]),
    );
    if (answer === open) {
      this.openFeed(alert.id);
    } else if (answer === contain) {
      await this.containUser(running, alert);
    }
  }

  private showStatus(running: Running, status: WatchStatus): void {
    running.status = status;
    if (this.running !== running) {
      return;
    }
    const bar = (this.statusBar ??= vscode.window.createStatusBarItem('auth0TokenInspector.watch', vscode.StatusBarAlignment.Left, 0));
    bar.name = vscode.l10n.t('Auth0 Watch');
    const active = !running.abort.signal.aborted && status.state !== 'stopped';
    bar.text = `${active ? '$(eye)' : '$(eye-closed)'} ${safeLabel(this.statusText(running), 120)}`;
    const kept = vscode.l10n.t('{0} kept for {1}, as the feed lists them (the newest {2} are kept).', alertCountText(running.alerts.all().length), safeLabel(running.connection.label), MAX_FEED_ALERTS.toLocaleString('en-US'));
    bar.tooltip = `${kept} ${active ? vscode.l10n.t('Click to show the alerts or stop watching') : vscode.l10n.t('Click to show the alerts')}`;
    bar.command = COMMANDS.watchMenu;
    bar.show();
    this.panel?.status();
  }

  /** "Watching acme-prod · 6 alerts · 3 s behind", counting the alerts kept for the tenant (what the feed lists). */
  private statusText(running: Running): string {
    return watchStatusText(running.status ?? running.watch.status(), running.connection.label, running.alerts.all().length);
  }

  private feedSource(running: Running): WatchFeedSource {
    return {
      tenantLabel: running.connection.label,
      scope: running.narrow.scope,
      alerts: () => running.alerts.all(),
      statusText: () => this.statusText(running),
      running: () => !running.abort.signal.aborted,
      notices: () => running.notices,
    };
  }

  private userOf(alert: WatchAlert): User | undefined {
    const { userId, userName } = alert.event;
    return userId ? { user_id: userId, ...(userName ? { name: userName } : {}) } : undefined;
  }

  /**
   * A row's "Open Tokens" (see alertTokens.ts): the token whose session_id and client_id match the
   * event's opens (details, History, its row revealed); several, or none named, list the user's
   * tokens; none listed (a revoked token) shows the user's row. A note says which, and why.
   */
  private async openTokens(running: Running, alert: WatchAlert): Promise<void> {
    const user = this.userOf(alert);
    const model = running.connection.getModel();
    if (!user || !model) {
      return;
    }
    const tokens = await this.listedTokens(running, user.user_id);
    if (!tokens) {
      await vscode.commands.executeCommand(COMMANDS.listRefreshTokens, running.connection.domain, user.user_id);
      return;
    }
    const plan = planAlertOpen(alert, tokens);
    void vscode.window.showInformationMessage(safeLabel(plan.note, 600));
    switch (plan.kind) {
      case 'open-token':
        await vscode.commands.executeCommand(COMMANDS.openTokenById, await this.environment.explorer.tenantRow(running.connection.domain), plan.token.id);
        break;
      case 'choose-token':
        await vscode.commands.executeCommand(COMMANDS.listRefreshTokens, running.connection.domain, user.user_id);
        break;
      case 'reveal-user':
        await this.revealUser(running, alert);
        break;
    }
  }

  /** The user's refresh tokens as Auth0 lists them now (every page, ended by cursorListingEnds), a person waiting; undefined when they cannot be read (said in the output channel). */
  private async listedTokens(running: Running, userId: string): Promise<RefreshToken[] | undefined> {
    const model = running.connection.getModel();
    if (!model) {
      return undefined;
    }
    try {
      return await readCursorListing(async (from) => {
        const page = await model.client.listRefreshTokens(userId, { take: 100, from, priority: 'foreground' });
        return { items: page.tokens, next: page.next, total: page.total };
      }, (token) => (typeof token.id === 'string' ? token.id : undefined));
    } catch (error) {
      this.environment.log.warn(`Watch: the refresh tokens of ${safeLabel(userId)} could not be read (${error instanceof Error ? error.message : String(error)}); listing them instead.`);
      return undefined;
    }
  }

  private async revealUser(running: Running, alert: WatchAlert): Promise<void> {
    const user = this.userOf(alert);
    if (!user) {
      return;
    }
    const row = await this.environment.explorer.showUser(running.connection.domain, user);
    if (row) {
      await Promise.resolve(this.environment.treeView.reveal(row, { select: true, focus: true, expand: true })).catch(() => undefined);
    }
  }

  private async containUser(running: Running, alert: WatchAlert): Promise<void> {
    const model = running.connection.getModel();
    const user = this.userOf(alert);
    if (!model || !user) {
      return;
    }
    await this.environment.response.containUser({ connection: running.connection, model, userId: user.user_id, userLabel: user.name });
  }

  /**
   * A row's "Revoke Session and Its Tokens…": the tokens' own flow (a modal naming the session and
   * its tokens, then POST /api/v2/sessions/{id}/revoke), given a token listed now whose session_id is the
   * event's (log events name no refresh-token id). None listed: said, and nothing is revoked.
   */
  private async revokeSession(running: Running, alert: WatchAlert): Promise<void> {
    const user = this.userOf(alert);
    const model = running.connection.getModel();
    const sessionId = alert.event.sessionId;
    if (!user || !model || !sessionId) {
      return;
    }
    const tokens = await this.listedTokens(running, user.user_id);
    const token = tokens?.find((listed) => listed.session_id === sessionId);
    if (!tokens || !token) {
      void vscode.window.showInformationMessage(
        tokens
          ? vscode.l10n.t('Session {0} was not revoked from the feed: no refresh token of the user listed now has it (revoked or expired since). Contain User… ends every session of the user.', safeLabel(sessionId))
          : vscode.l10n.t('Session {0} was not revoked from the feed: the user\'s refresh tokens could not be read (see the output channel). Contain User… ends every session of the user.', safeLabel(sessionId)),
      );
      return;
    }
    await this.environment.tokens.revokeSession({ kind: 'token', connection: running.connection, model, token, userLabel: user.name ?? user.user_id, userTokens: tokens });
  }

  dispose(): void {
    // The window closes or reloads: the watch stops (its checkpoint is saved) and is resumed on the next activation.
    this.running?.abort.abort();
    this.panel?.dispose();
    this.statusBar?.dispose();
  }
}
