// The hunt results webview panel: one per hunt. It listens to the hunt (new matches redraw the
// table, at most once a second: redrawThrottle.ts; progress and statuses are posted to the page, which
// updates text in place) and to the tenant's model (application names, locations from log
// events). Messages from the page are validated (protocol.ts) before anything acts.
import * as vscode from 'vscode';
import { HUNT_RESULTS_VIEW_TYPE } from '../../../contributions';
import { eventIp, type TokenLogEvent } from '../../../findings/logEvents';
import { describeCriteria } from '../core/criteria';
import { describeHuntProgress } from '../core/progressText';
import { groupByUser } from '../core/results';
import { describeUserSource } from '../core/userSources';
import type { Disposable } from '../../../model/events';
import type { HuntSession } from '../core/huntSession';
import { isHuntResultsRequest, type HuntResultsRequest, type HuntResultsUpdate } from './protocol';
import { renderHuntResultsHtml, STATUS_LABELS } from './renderHuntResultsHtml';
import { handlePageMessage, pageDrawer, panelIcon, webviewPanelOptions } from '../../../webview/panel';
import type { PageDrawer } from '../../../webview/pageDrawer';
import { RedrawThrottle } from '../../../webview/redrawThrottle';
import type { WebviewResources } from '../../../webview/page';

/** What the page's buttons do; the hunt controller implements it. */
export interface HuntResultsActions {
  openToken(tokenId: string): Promise<void>;
  containUser(userId: string): Promise<void>;
  revokeSelected(tokenIds: readonly string[]): Promise<void>;
  /** `tokenIds` undefined: every match. */
  exportResults(format: 'csv' | 'json', tokenIds: readonly string[] | undefined): Promise<void>;
  cancelHunt(): void;
}

/** Redraws of the whole table, at most this often while matches arrive (ms). */
const REDRAW_INTERVAL_MS = 1000;

function locationText(event: TokenLogEvent): string | undefined {
  const info = event.location_info;
  if (!info || typeof info !== 'object') {
    return undefined;
  }
  const parts = [info.city_name, info.country_name ?? info.country_code].filter((part): part is string => typeof part === 'string' && part !== '');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

export class HuntResultsPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  /** Sets the page, one load at a time (pageDrawer.ts). */
  readonly page: PageDrawer;
  private readonly subscriptions: Disposable[] = [];
  private readonly throttle = new RedrawThrottle(() => this.redraw(), REDRAW_INTERVAL_MS);
  private readonly disposed = new vscode.EventEmitter<void>();
  private isDisposed = false;

  /** Fires once the panel is closed. */
  readonly onDidDispose = this.disposed.event;

  constructor(
    extensionUri: vscode.Uri,
    readonly session: HuntSession,
    private readonly tenantLabel: string,
    private readonly actions: HuntResultsActions,
  ) {
    this.panel = vscode.window.createWebviewPanel(HUNT_RESULTS_VIEW_TYPE, 'Hunt results', vscode.ViewColumn.Active, webviewPanelOptions(extensionUri));
    this.panel.iconPath = panelIcon(extensionUri);
    this.panel.title = `Hunt · ${tenantLabel}`;
    this.page = pageDrawer(this.panel.webview, extensionUri, 'huntResults');
    this.panel.onDidDispose(() => this.dispose());
    this.panel.webview.onDidReceiveMessage((message: unknown) => (this.page.receive(message) ? this.pageLoaded() : void this.onMessage(message)));
    const { model } = session;
    this.subscriptions.push(
      session.onDidChange((change) => {
        switch (change.kind) {
          case 'progress':
            this.post({ type: 'progress', text: this.progressText(), state: session.state });
            break;
          case 'statuses':
            this.postStatuses(change.tokenIds);
            break;
          case 'matches':
            this.throttle.request();
            break;
          case 'ended':
            this.redraw();
            break;
        }
      }),
      model.onDidResolveApplicationNames(() => this.throttle.request()),
    );
    this.redraw();
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** The page as drawn last (once the page before it loaded: pageDrawer.ts), for tests that check what a person sees. */
  get html(): string {
    return this.page.html;
  }

  /** Handles `message` as the page would post it (the page, automation and tests). */
  onMessage(message: unknown): Promise<void> {
    return handlePageMessage(message, isHuntResultsRequest, (request) => this.handle(request), (text) => this.post({ type: 'notice', text }));
  }

  private async handle(request: HuntResultsRequest): Promise<void> {
    switch (request.type) {
      case 'open-token':
        await this.actions.openToken(request.tokenId);
        break;
      case 'contain-user':
        await this.actions.containUser(request.userId);
        break;
      case 'revoke-selected':
        await this.actions.revokeSelected(request.tokenIds);
        break;
      case 'export':
        await this.actions.exportResults(request.format, request.all ? undefined : request.tokenIds);
        break;
      case 'cancel-hunt':
        this.actions.cancelHunt();
        this.post({ type: 'progress', text: this.progressText(), state: this.session.state });
        break;
    }
  }

  redraw(): void {
    if (this.isDisposed) {
      return;
    }
    this.throttle.drew();
    // Rendered when drawn, so a draw that waited for the page shows the hunt as it is then.
    this.page.draw((resources) => this.render(resources));
  }

  private render(resources: WebviewResources): string {
    const { session } = this;
    const notices: string[] = [];
    const result = session.result;
    if (result?.truncated) {
      notices.push(result.truncated);
    }
    if (result?.stopCause) {
      notices.push(`The hunt stopped: ${result.stopCause.message}`);
    }
    if (result && result.failures.length > 0) {
      const first = result.failures[0];
      notices.push(`${result.failures.length.toLocaleString('en-US')} users could not be read (the first, ${first.userId}: ${first.message}). A resumed hunt tries them again.`);
    }
    if (result?.checkpointError) {
      notices.push(result.checkpointError);
    }
    return renderHuntResultsHtml({
      ...resources,
      huntId: session.huntId,
      tenantLabel: this.tenantLabel,
      heading: `Hunt: ${describeCriteria(session.criteria, (id) => session.model.applicationName(id))}`,
      usersDescription: describeUserSource(session.userSource),
      state: session.state,
      progressText: this.progressText(),
      notices,
      groups: groupByUser(session.rows()),
      statusOf: (tokenId) => session.status(tokenId),
      locationOf: (userId, ip) => {
        const events = session.model.evidence.history(userId)?.events ?? [];
        const event = events.find((candidate) => eventIp(candidate) === ip && locationText(candidate) !== undefined);
        return event ? locationText(event) : undefined;
      },
      now: new Date(),
    });
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.isDisposed = true;
    this.throttle.dispose();
    this.page.dispose();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }

  /**
   * A page loaded (drawn, or shown again after being hidden: VS Code then loads the html last
   * drawn). What was posted since that draw is not in it: the progress, and what was done to the
   * matches (pending, revoked) go again.
   */
  private pageLoaded(): void {
    this.post({ type: 'progress', text: this.progressText(), state: this.session.state });
    const changed = this.session.rows().map((row) => row.tokenId).filter((tokenId) => this.session.status(tokenId).state !== 'found');
    if (changed.length > 0) {
      this.postStatuses(changed);
    }
  }

  private postStatuses(tokenIds: readonly string[]): void {
    this.post({
      type: 'statuses',
      statuses: tokenIds.map((tokenId) => {
        const status = this.session.status(tokenId);
        return { tokenId, state: status.state, label: STATUS_LABELS[status.state], ...(status.reason === undefined ? {} : { reason: status.reason }) };
      }),
    });
  }

  private progressText(): string {
    return describeHuntProgress(this.session.progress, this.session.state, this.session.cancelling);
  }

  private post(update: HuntResultsUpdate): void {
    if (!this.isDisposed) {
      void this.panel.webview.postMessage(update);
    }
  }
}
