// The watch feed's webview panel: one per window, showing the alerts kept for the watched tenant,
// newest first. New alerts redraw the page (at most about once a second); the status line is
// posted in place. Messages from the page are validated (protocol.ts) before anything acts.
import * as vscode from 'vscode';
import { handlePageMessage, panelIcon, webviewPanelOptions, webviewResources } from '../../../webview/panel';
import type { WatchAlert } from '../core/watchAlert';
import { isWatchFeedRequest, type WatchFeedRequest, type WatchFeedUpdate } from './protocol';
import { renderWatchFeedHtml } from './renderWatchFeedHtml';

/** What the page's buttons do; the watch controller implements it. */
export interface WatchFeedActions {
  openTokens(alert: WatchAlert): Promise<void>;
  revealUser(alert: WatchAlert): Promise<void>;
  containUser(alert: WatchAlert): Promise<void>;
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
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private isDisposed = false;
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private source: WatchFeedSource,
    private readonly actions: WatchFeedActions,
  ) {
    this.panel = vscode.window.createWebviewPanel(WATCH_FEED_VIEW_TYPE, 'Watch', vscode.ViewColumn.Active, webviewPanelOptions(extensionUri));
    this.panel.iconPath = panelIcon(extensionUri);
    this.panel.onDidDispose(() => this.dispose());
    this.panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message));
    this.redraw();
  }

  /** Shows another watch's alerts (a new watch of another tenant). */
  show(source: WatchFeedSource): void {
    this.source = source;
    this.redraw();
    this.panel.reveal();
  }

  /** The page as last drawn, for tests that check what a person sees. */
  get html(): string {
    return this.panel.webview.html;
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
    }
  }

  /** The status line changed: posted in place, no redraw. */
  status(): void {
    this.post({ type: 'status', text: this.source.statusText(), running: this.source.running() });
  }

  /** Alerts arrived: one redraw within a second. */
  scheduleRedraw(): void {
    if (this.redrawTimer === undefined && !this.isDisposed) {
      this.redrawTimer = setTimeout(() => this.redraw(), REDRAW_INTERVAL_MS);
    }
  }

  redraw(): void {
    if (this.isDisposed) {
      return;
    }
    if (this.redrawTimer !== undefined) {
      clearTimeout(this.redrawTimer);
      this.redrawTimer = undefined;
    }
    const { webview } = this.panel;
    this.panel.title = `Watch · ${this.source.tenantLabel}`;
    webview.html = renderWatchFeedHtml({
      ...webviewResources(webview, this.extensionUri, 'watchFeed'),
      tenantLabel: this.source.tenantLabel,
      statusText: this.source.statusText(),
      running: this.source.running(),
      scope: this.source.scope,
      alerts: this.source.alerts(),
      notices: this.source.notices(),
      now: new Date(),
    });
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
    if (this.redrawTimer !== undefined) {
      clearTimeout(this.redrawTimer);
    }
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}
