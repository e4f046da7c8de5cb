// The webview panel that shows one tenant's setup report, on the webview kit (src/webview/panel.ts).
// It only wires: the kit's resources for the renderer, the document it is given, and the page's
// messages, each checked against protocol.ts before anything acts. The report's HTML comes from
// the pure renderer (renderSetupReportHtml.ts), called by the flow that owns the panel (setup.lazy.ts).
import * as vscode from 'vscode';
import { SETUP_REPORT_VIEW_TYPE } from '../../contributions';
import type { SetupReportResources } from './renderSetupReportHtml';
import { handlePageMessage, panelIcon, webviewPanelOptions, webviewResources } from '../../webview/panel';
import { isSetupReportRequest, type SetupReportRequest, type SetupReportUpdate } from './protocol';

export class TenantSetupPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    title: string,
    /** Called with each request the page sends that the protocol knows. */
    private readonly onRequest: (request: SetupReportRequest) => Promise<void>,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel(SETUP_REPORT_VIEW_TYPE, title, vscode.ViewColumn.Active, webviewPanelOptions(extensionUri));
    this.panel.iconPath = panelIcon(extensionUri);
    this.subscriptions.push(
      this.panel.onDidDispose(() => {
        this.subscriptions.forEach((subscription) => subscription.dispose());
        onDispose();
      }),
      this.panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
    );
  }

  /** What the renderer needs from this panel; a fresh nonce each time. */
  resources(): SetupReportResources {
    return webviewResources(this.panel.webview, this.extensionUri, 'setupReport');
  }

  show(title: string, html: string): void {
    this.panel.title = title;
    this.panel.webview.html = html;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** The last update posted to the page (automation and tests read what the page was told). */
  lastUpdate: SetupReportUpdate | undefined;

  post(update: SetupReportUpdate): void {
    this.lastUpdate = update;
    void this.panel.webview.postMessage(update);
  }

  /** Handles `message` as the page's; anything the protocol does not know is ignored. */
  receive(message: unknown): Promise<void> {
    return handlePageMessage(message, isSetupReportRequest, (request) => this.onRequest(request), (text) => this.post({ type: 'error', message: text }));
  }

  dispose(): void {
    this.panel.dispose();
  }
}
