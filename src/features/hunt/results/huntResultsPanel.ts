// The hunt results webview panel: one per hunt. It listens to the hunt (new matches redraw the
// table, at most about once a second; progress and statuses are posted to the page, which
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
import { handlePageMessage, panelIcon, webviewPanelOptions, webviewResources } from '../../../webview/panel';

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
  private readonly subscriptions: Disposable[] = [];
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposed = new vscode.EventEmitter<void>();
  private isDisposed = false;

  /** Fires once the panel is closed. */
  readonly onDidDispose = this.disposed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    readonly session: HuntSession,
    private readonly tenantLabel: string,
    private readonly actions: HuntResultsActions,
  ) {
    this.panel = vscode.window.createWebviewPanel(HUNT_RESULTS_VIEW_TYPE, 'Hunt results', vscode.ViewColumn.Active, webviewPanelOptions(extensionUri));
    this.panel.iconPath = panelIcon(extensionUri);
    this.panel.title = `Hunt · ${tenantLabel}`;
    this.panel.onDidDispose(() => this.dispose());
    this.panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message));
    const { model } = session;
    this.subscriptions.push(
      session.onDidChange((change) => {
        switch (change.kind) {
          case 'progress':
            this.post({ type: 'progress', text: this.progressText(), state: session.state });
            break;
          case 'statuses':
            this.post({
              type: 'statuses',
              statuses: change.tokenIds.map((tokenId) => {
                const status = session.status(tokenId);
                return { tokenId, state: status.state, label: STATUS_LABELS[status.state], ...(status.reason === undefined ? {} : { reason: status.reason }) };
              }),
            });
            break;
          case 'matches':
            this.scheduleRedraw();
            break;
          case 'ended':
            this.redraw();
            break;
        }
      }),
      model.onDidResolveApplicationNames(() => this.scheduleRedraw()),
    );
    this.redraw();
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** The page as last drawn, for tests that check what a person sees. */
  get html(): string {
    return this.panel.webview.html;
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
    if (this.redrawTimer !== undefined) {
      clearTimeout(this.redrawTimer);
      this.redrawTimer = undefined;
    }
    const { session } = this;
    const { webview } = this.panel;
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
    webview.html = renderHuntResultsHtml({
      ...webviewResources(webview, this.extensionUri, 'huntResults'),
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
    if (this.redrawTimer !== undefined) {
      clearTimeout(this.redrawTimer);
    }
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }

  private progressText(): string {
    return describeHuntProgress(this.session.progress, this.session.state, this.session.cancelling);
  }

  private scheduleRedraw(): void {
    if (this.redrawTimer === undefined && !this.isDisposed) {
      this.redrawTimer = setTimeout(() => this.redraw(), REDRAW_INTERVAL_MS);
    }
  }

  private post(update: HuntResultsUpdate): void {
    if (!this.isDisposed) {
      void this.panel.webview.postMessage(update);
    }
  }
}
