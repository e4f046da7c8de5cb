// The watch feed's webview panel: one per window, showing the alerts kept for the watched tenant,
// newest first. New alerts redraw the page at once when it was not redrawn in the last second,
// else once at the end of that second (redrawThrottle.ts), and never over a page still loading
// (pageDrawer.ts); the status line is posted in place. The notification's "Open" redraws with the
// alert it names, which the page scrolls to and focuses. Messages from the page are validated
// (protocol.ts) before anything acts.
import * as vscode from 'vscode';
import { handlePageMessage, pageDrawer, panelIcon, webviewPanelOptions } from '../../../webview/panel';
import type { PageDrawer } from '../../../webview/pageDrawer';
import type { WatchAlert } from '../core/watchAlert';
import { isWatchFeedRequest, type WatchFeedRequest, type WatchFeedUpdate } from './protocol';
import { renderWatchFeedHtml } from './renderWatchFeedHtml';
import { RedrawThrottle, type RedrawTimers } from '../../../webview/redrawThrottle';

/** What the page's buttons do; the watch controller implements it. */
export interface WatchFeedActions {
  openTokens(alert: WatchAlert): Promise<void>;
  revealUser(alert: WatchAlert): Promise<void>;
  containUser(alert: WatchAlert): Promise<void>;
  /** "Revoke Session and Its Tokens…": the event's session_id. */
  revokeSession(alert: WatchAlert): Promise<void>;
  exportAlerts(): Promise<void>;
  stop(): void;
}

/** What the panel draws from. */
export interface WatchFeedSource {
  tenantLabel: string;
  scope?: string;
  alerts(): readonly WatchAlert[];
  statusText(): string;
  running(): boolean;
  notices(): readonly string[];
}

const REDRAW_INTERVAL_MS = 1000;

/** The webview panel type of the feed; not restored after a reload (a resumed watch reopens it on "Show Watch Alerts"). Here, not in contributions.ts, to keep it out of the activation bundle. */
export const WATCH_FEED_VIEW_TYPE = 'auth0TokenInspector.watchFeed';

export class WatchFeedPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly page: PageDrawer;
  private readonly throttle: RedrawThrottle;
  /** The alert the last "Open" named, and how many times one was asked for (the page focuses each request once). */
  private focus: { alertId: string; request: number } | undefined;
  /** How many alerts the page as last drawn lists (none: the next alert is drawn at once). */
  private drawnAlerts = 0;
  private isDisposed = false;
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    extensionUri: vscode.Uri,
    private source: WatchFeedSource,
    private readonly actions: WatchFeedActions,
    timers?: RedrawTimers,
  ) {
    this.throttle = new RedrawThrottle(() => this.redraw(), REDRAW_INTERVAL_MS, timers);
    this.panel = vscode.window.createWebviewPanel(WATCH_FEED_VIEW_TYPE, 'Watch', vscode.ViewColumn.Active, webviewPanelOptions(extensionUri));
    this.panel.iconPath = panelIcon(extensionUri);
    this.page = pageDrawer(this.panel.webview, extensionUri, 'watchFeed');
    this.panel.onDidDispose(() => this.dispose());
    // A page loaded (drawn, or shown again: VS Code loads the html last drawn): the status line posted since goes again.
    this.panel.webview.onDidReceiveMessage((message: unknown) => (this.page.receive(message) ? this.status() : void this.onMessage(message)));
    this.redraw();
  }

  /** Shows another watch's alerts (a new watch of another tenant); `focusAlertId`: the alert to bring into view and mark. */
  show(source: WatchFeedSource, focusAlertId?: string): void {
    this.source = source;
    this.focusOn(focusAlertId);
    this.redraw();
    this.panel.reveal();
  }

  /** Marks `alertId` for the next redraw, and asks the page to scroll to it once. */
  focusOn(alertId: string | undefined): void {
    if (alertId !== undefined) {
      this.focus = { alertId, request: (this.focus?.request ?? 0) + 1 };
    }
  }

  /** The page as drawn last (once the page before it loaded: pageDrawer.ts), for tests that check what a person sees. */
  get html(): string {
    return this.page.html;
  }

  /** Handles `message` as the page would post it (the page, automation and tests). */
  onMessage(message: unknown): Promise<void> {
    return handlePageMessage(message, isWatchFeedRequest, (request) => this.handle(request), (text) => this.post({ type: 'notice', text }));
  }

  private async handle(request: WatchFeedRequest): Promise<void> {
    if (request.type === 'export') {
      await this.actions.exportAlerts();
      return;
    }
    if (request.type === 'stop') {
      this.actions.stop();
      return;
    }
    const alert = this.source.alerts()[request.index];
    if (!alert) {
      return;
    }
    switch (request.type) {
      case 'open-tokens':
        await this.actions.openTokens(alert);
        break;
      case 'reveal-user':
        await this.actions.revealUser(alert);
        break;
      case 'contain-user':
        await this.actions.containUser(alert);
        break;
      case 'revoke-session':
        await this.actions.revokeSession(alert);
        break;
    }
  }

  /** The status line changed: posted in place, no redraw. */
  status(): void {
    this.post({ type: 'status', text: this.source.statusText(), running: this.source.running() });
  }

  /** Alerts arrived: a redraw at once when none happened in the last second (always for the first alert), else one at its end. */
  scheduleRedraw(): void {
    this.throttle.request({ urgent: this.drawnAlerts === 0 });
  }

  redraw(): void {
    if (this.isDisposed) {
      return;
    }
    this.throttle.drew();
    this.drawnAlerts = this.source.alerts().length;
    this.panel.title = `Watch · ${this.source.tenantLabel}`;
    // Rendered when drawn, so a draw that waited for the page shows the alerts as they are then.
    this.page.draw((resources) =>
      renderWatchFeedHtml({
        ...resources,
        tenantLabel: this.source.tenantLabel,
        statusText: this.source.statusText(),
        running: this.source.running(),
        scope: this.source.scope,
        alerts: this.source.alerts(),
        notices: this.source.notices(),
        now: new Date(),
        focus: this.focus,
      }),
    );
  }

  private post(update: WatchFeedUpdate): void {
    if (!this.isDisposed) {
      void this.panel.webview.postMessage(update);
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.isDisposed = true;
    this.throttle.dispose();
    this.page.dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}
