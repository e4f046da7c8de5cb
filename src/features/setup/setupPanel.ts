// The webview panel that shows one tenant's setup report. It only wires: the nonce, the CSP
// source and the media URIs for the renderer, the document it is given, and the page's messages,
// each checked against setupReportProtocol.ts before anything acts. The report's HTML comes from
// the pure renderer (doctor/renderSetupReportHtml.ts), called by the command that owns the panel.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { SETUP_REPORT_VIEW_TYPE } from '../../contributions';
import type { SetupReportResources } from './renderSetupReportHtml';
import { isSetupReportRequest, type SetupReportRequest, type SetupReportUpdate } from './protocol';

export class TenantSetupPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly mediaRoot: vscode.Uri;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    title: string,
    /** Called with each request the page sends that the protocol knows. */
    private readonly onRequest: (request: SetupReportRequest) => Promise<void>,
    onDispose: () => void,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(SETUP_REPORT_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [this.mediaRoot],
      retainContextWhenHidden: false,
      enableFindWidget: true,
    });
    this.panel.iconPath = vscode.Uri.joinPath(this.mediaRoot, 'auth0.svg');
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
    const { webview } = this.panel;
    return {
      nonce: randomBytes(16).toString('base64'),
      cspSource: webview.cspSource,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'setupReport.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'setupReport.js')).toString(),
    };
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
  async receive(message: unknown): Promise<void> {
    if (!isSetupReportRequest(message)) {
      return;
    }
    try {
      await this.onRequest(message);
    } catch (error) {
      this.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  dispose(): void {
    this.panel.dispose();
  }
}
