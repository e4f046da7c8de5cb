// The webview panel that shows one tenant's setup report, on the webview kit (src/webview/panel.ts).
// It only wires: the kit's resources for the renderer, the document it is given, and the page's
// messages, each checked against protocol.ts before anything acts. The report's HTML comes from
// the pure renderer (renderSetupReportHtml.ts), called by the flow that owns the panel (setup.lazy.ts).
import * as vscode from 'vscode';
import { SETUP_REPORT_VIEW_TYPE } from '../../contributions';
import { handlePageMessage, pageDrawer, panelIcon, webviewPanelOptions } from '../../webview/panel';
import type { PageDrawer, PageRender } from '../../webview/pageDrawer';
import { isSetupReportRequest, type SetupReportRequest, type SetupReportUpdate } from './protocol';

export class TenantSetupPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  /** Sets the page, one load at a time: the check's steps redraw it a breath apart. */
  private readonly page: PageDrawer;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    title: string,
    /** Called with each request the page sends that the protocol knows. */
    private readonly onRequest: (request: SetupReportRequest) => Promise<void>,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel(SETUP_REPORT_VIEW_TYPE, title, vscode.ViewColumn.Active, webviewPanelOptions(extensionUri));
    this.panel.iconPath = panelIcon(extensionUri);
    this.page = pageDrawer(this.panel.webview, extensionUri, 'setupReport');
    this.subscriptions.push(
      this.panel.onDidDispose(() => {
        this.subscriptions.forEach((subscription) => subscription.dispose());
        this.page.dispose();
        onDispose();
      }),
      this.panel.webview.onDidReceiveMessage((message: unknown) => (this.page.receive(message) ? undefined : this.receive(message))),
    );
  }

  /** Shows `title` on the tab and the page `render` draws (given the kit's resources: a fresh nonce each time). */
  show(title: string, render: PageRender): void {
    this.panel.title = title;
    this.page.draw(render);
  }

  /** The page as drawn last (once the page before it loaded: pageDrawer.ts), for tests that check what a person sees. */
  get html(): string {
    return this.page.html;
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
