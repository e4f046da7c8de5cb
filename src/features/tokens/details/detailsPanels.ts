// The details webview panels: one per token (shown again if already open), restored after a
// window reload by the serializer. Messages from the page are validated (protocol.ts) before
// anything acts. A panel listens to its tenant's model, so a revocation made anywhere shows.
import * as vscode from 'vscode';
import { COMMANDS, DETAILS_VIEW_TYPE } from '../../../contributions';
import type { Disposable } from '../../../model/events';
import { detailsEvidence } from './detailsEvidence';
import type { TokenTarget } from '../../../tenants/targets';
import type { TenantRegistry } from '../../../tenants/tenantRegistry';
import { isDetailsViewRequest, isDetailsViewState, type DetailsViewUpdate } from './protocol';
import { lazy } from '../lazy';
import type { WebviewResources } from './renderDetailsHtml';
import type { DetailsActions, TokenDetails } from '../tokenActions';
import { panelIcon, webviewPanelOptions, webviewResources } from '../../../webview/panel';


class DetailsPanel {
  target: TokenTarget | undefined;
  private modelSubscription: Disposable | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly actions: DetailsActions,
    onDispose: () => void,
  ) {
    panel.onDidDispose(() => {
      this.modelSubscription?.dispose();
      onDispose();
    });
    panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
  }

  private resources(): WebviewResources {
    return webviewResources(this.panel.webview, this.extensionUri, 'details');
  }

  show(target: TokenTarget): void {
    if (target.model !== this.target?.model) {
      this.modelSubscription?.dispose();
      const { model } = target;
      const subscriptions = [
        model.onDidChangeRevocations((change) => {
          if (this.target && (change.tokenIds.includes(this.target.token.id) || change.userId === this.target.token.user_id)) {
            this.show(this.target);
          }
        }),
        model.evidence.onDidChange(({ userId }) => {
          if (this.target && userId === this.target.token.user_id) {
            this.show(this.target);
          }
        }),
      ];
      this.modelSubscription = { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
    }
    this.target = target;
    const { token, model, connection } = target;
    this.requestEvidence(target);
    const now = new Date();
    const evidence = detailsEvidence(model, token, target.userTokens ?? [], now, target.connection.getTokenProvider()?.describe().scopes);
    const appName = model.applicationName(token.client_id);
    this.panel.title = `${appName ?? token.client_id ?? 'Refresh token'} · ${token.id}`;
    this.panel.webview.html = lazy().renderDetailsHtml({
      ...this.resources(),
      token,
      appName,
      userLabel: target.userLabel,
      tenantLabel: connection.label,
      tenantId: connection.domain,
      now,
      revoked: model.isRevoked(token.id),
      metadataEditable: !model.isRevoked(token.id),
      ...evidence,
    });
  }

  /** Starts the session and history look-ups this token's sections need (each once per tenant). */
  private requestEvidence({ model, token }: TokenTarget): void {
    const userId = token.user_id;
    if (typeof token.session_id === 'string' && token.session_id !== '' && model.evidence.session(token.session_id) === undefined) {
      void model.evidence.loadSession(token.session_id, userId);
    }
    if (userId && model.evidence.history(userId) === undefined) {
      void model.evidence.loadHistory(userId);
    }
  }

  showMessage(kind: 'loading' | 'error', message: string, tokenId: string, tenantId?: string): void {
    const input = { ...this.resources(), message, tokenId, tenantId };
    const { renderDetailsErrorHtml, renderDetailsLoadingHtml } = lazy();
    this.panel.webview.html = kind === 'loading' ? renderDetailsLoadingHtml(input) : renderDetailsErrorHtml(input);
  }

  post(update: DetailsViewUpdate): void {
    void this.panel.webview.postMessage(update);
  }

  async onMessage(message: unknown): Promise<void> {
    const target = this.target;
    if (!isDetailsViewRequest(message) || !target) {
      return; // anything else is not from our script: ignore it
    }
    try {
      switch (message.type) {
        case 'copy-json':
          await this.actions.copyJson(target);
          this.post({ type: 'copied', what: 'json' });
          break;
        case 'copy-id':
          await this.actions.copyId(target);
          this.post({ type: 'copied', what: 'id' });
          break;
        case 'revoke-token':
          if (await this.actions.revoke(target)) {
            this.post({ type: 'revoked' });
          }
          break;
        case 'revoke-session':
          await this.actions.revokeSession(target);
          break;
        case 'contain-user':
          await this.actions.containUser(target);
          break;
        case 'load-more-history':
          if (target.token.user_id) {
            await target.model.evidence.loadHistory(target.token.user_id, true);
          }
          break;
        case 'set-token':
          // A section said which scope is missing: set a token of this tenant that has it.
          await vscode.commands.executeCommand(COMMANDS.setManagementToken, { kind: 'tenant', connection: target.connection });
          break;
        case 'check-setup':
          // The same tenant's full diagnosis: every missing scope and plan feature, not only this section's.
          await vscode.commands.executeCommand(COMMANDS.checkTenantSetup, undefined, target.connection.domain);
          break;
        case 'edit-metadata': {
          const updated = await this.actions.editMetadata(target);
          if (updated) {
            this.show({ ...target, token: updated });
          }
          break;
        }
      }
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.post(message.type === 'revoke-token' ? { type: 'revoke-failed', message: text } : { type: 'error', message: text });
    }
  }
}

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
    const panel = new DetailsPanel(webviewPanel, this.extensionUri, this.actions, () => this.panels.delete(key));
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
    return [...this.panels.values()].map((p) => ({ title: p.panel.title, html: p.panel.webview.html, tokenId: p.target?.token.id }));
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
