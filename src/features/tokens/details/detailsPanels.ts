// The details webview panels: one per token (shown again if already open), restored after a
// window reload by the serializer, which activation registers. Each panel (detailsPanel.ts, with
// the renderers) loads on first use; its page's messages are validated (protocol.ts) before anything acts.
import * as vscode from 'vscode';
import { DETAILS_VIEW_TYPE } from '../../../contributions';
import type { TokenTarget } from '../../../tenants/targets';
import type { TenantRegistry } from '../../../tenants/tenantRegistry';
import { isDetailsViewState } from './protocol';
import { lazy } from '../lazy';
import type { DetailsPanel } from './detailsPanel';
import type { DetailsActions, TokenDetails } from '../tokenActions';
import { panelIcon, webviewPanelOptions } from '../../../webview/panel';


export class DetailsPanels implements TokenDetails, vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, DetailsPanel>();
  private readonly registration: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly registry: TenantRegistry,
    private readonly actions: DetailsActions,
  ) {
    this.registration = vscode.window.registerWebviewPanelSerializer(DETAILS_VIEW_TYPE, this);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return webviewPanelOptions(this.extensionUri);
  }

  private key(domain: string, tokenId: string): string {
    return `${domain.toLowerCase()}\n${tokenId}`;
  }

  private adopt(webviewPanel: vscode.WebviewPanel, key: string): DetailsPanel {
    webviewPanel.iconPath = panelIcon(this.extensionUri);
    const panel = new (lazy().DetailsPanel)(webviewPanel, this.extensionUri, this.actions, () => this.panels.delete(key));
    this.panels.set(key, panel);
    return panel;
  }

  /** Opens the token's panel, or focuses it if it is already open. */
  show(target: TokenTarget): vscode.WebviewPanel {
    const key = this.key(target.connection.domain, target.token.id);
    let panel = this.panels.get(key);
    if (panel) {
      panel.panel.reveal();
    } else {
      const webviewPanel = vscode.window.createWebviewPanel(DETAILS_VIEW_TYPE, 'Refresh token', vscode.ViewColumn.Active, this.options());
      panel = this.adopt(webviewPanel, key);
    }
    panel.show(target);
    return panel.panel;
  }

  /** Handles `message` as if the page of the token's open panel had posted it (automation and tests). */
  async receive(domain: string, tokenId: string, message: unknown): Promise<void> {
    await this.panels.get(this.key(domain, tokenId))?.onMessage(message);
  }

  /** The open panels' HTML, for tests that check what a person sees. */
  openPanels(): { title: string; html: string; tokenId?: string }[] {
    return [...this.panels.values()].map((p) => ({ title: p.panel.title, html: p.html, tokenId: p.target?.token.id }));
  }

  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    webviewPanel.webview.options = this.options();
    if (!isDetailsViewState(state) || !state.tenantId) {
      webviewPanel.dispose();
      return;
    }
    const panel = this.adopt(webviewPanel, this.key(state.tenantId, state.tokenId));
    panel.showMessage('loading', 'Loading the refresh token…', state.tokenId, state.tenantId);
    const connection = await this.registry.find(state.tenantId);
    const model = connection?.getModel();
    if (!connection || !model) {
      panel.showMessage('error', `Tenant ${state.tenantId} is not connected any more. Connect it to see this token again.`, state.tokenId, state.tenantId);
      return;
    }
    try {
      const token = await model.client.getRefreshToken(state.tokenId);
      await model.resolveApplicationNames([token]);
      panel.show({ kind: 'token', connection, model, token, userLabel: token.user_id });
    } catch (error) {
      panel.showMessage('error', error instanceof Error ? error.message : String(error), state.tokenId, state.tenantId);
    }
  }

  dispose(): void {
    this.registration.dispose();
    for (const panel of this.panels.values()) {
      panel.panel.dispose();
    }
  }
}
