// One token's details panel: it shows the token (and its evidence as it arrives), answers the
// page's buttons, and listens to its tenant's model, so a revocation made anywhere shows. Loaded on
// first use with the tokens feature's bundle (tokens.lazy.ts); DetailsPanels, at activation, owns
// the panels and restores them after a window reload.
import * as vscode from 'vscode';
import { COMMANDS } from '../../../contributions';
import type { Disposable } from '../../../model/events';
import { detailsEvidence, requestDetailsEvidence } from './detailsEvidence';
import type { TokenTarget } from '../../../tenants/targets';
import { isDetailsViewRequest, type DetailsViewRequest, type DetailsViewUpdate } from './protocol';
import { renderDetailsErrorHtml, renderDetailsHtml, renderDetailsLoadingHtml } from './renderDetailsHtml';
import type { DetailsActions } from '../tokenActions';
import { handlePageMessage, pageDrawer } from '../../../webview/panel';
import type { PageDrawer } from '../../../webview/pageDrawer';

export class DetailsPanel {
  target: TokenTarget | undefined;
  private modelSubscription: Disposable | undefined;
  /** Sets the page, one load at a time: "Loading…" and then the token, a breath apart, must not leave "Loading…" showing. */
  private readonly page: PageDrawer;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly actions: DetailsActions,
    onDispose: () => void,
  ) {
    this.page = pageDrawer(panel.webview, extensionUri, 'details');
    panel.onDidDispose(() => {
      this.modelSubscription?.dispose();
      this.page.dispose();
      onDispose();
    });
    panel.webview.onDidReceiveMessage((message: unknown) => (this.page.receive(message) ? undefined : this.onMessage(message)));
  }

  /** The page as drawn last (once the page before it loaded: pageDrawer.ts), for tests that check what a person sees. */
  get html(): string {
    return this.page.html;
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
    void requestDetailsEvidence(target.model, target.token);
    const now = new Date();
    const evidence = detailsEvidence(model, token, target.userTokens ?? [], now, target.connection.getTokenProvider()?.describe().scopes);
    const appName = model.applicationName(token.client_id);
    this.panel.title = `${appName ?? token.client_id ?? 'Refresh token'} · ${token.id}`;
    this.page.draw((resources) => renderDetailsHtml({
      ...resources,
      token,
      appName,
      userLabel: target.userLabel,
      tenantLabel: connection.label,
      tenantId: connection.domain,
      now,
      revoked: model.isRevoked(token.id),
      metadataEditable: !model.isRevoked(token.id),
      ...evidence,
    }));
  }

  /** The panel's Refresh: the token (`GET /refresh-tokens/{id}`), its session and the user's log events, read again. */
  private async refresh(target: TokenTarget): Promise<void> {
    const token = await target.model.client.getRefreshToken(target.token.id);
    const current = { ...target, token };
    this.show(current);
    await requestDetailsEvidence(current.model, current.token, true);
  }

  showMessage(kind: 'loading' | 'error', message: string, tokenId: string, tenantId?: string): void {
    this.page.draw((resources) => {
      const input = { ...resources, message, tokenId, tenantId };
      return kind === 'loading' ? renderDetailsLoadingHtml(input) : renderDetailsErrorHtml(input);
    });
  }

  post(update: DetailsViewUpdate): void {
    void this.panel.webview.postMessage(update);
  }

  /** Handles `message` as the page would post it (the page, automation and tests). */
  onMessage(message: unknown): Promise<void> {
    const target = this.target;
    if (!target) {
      return Promise.resolve(); // no token shown yet: nothing to act on
    }
    return handlePageMessage(message, isDetailsViewRequest, (request) => this.handle(request, target), (text, request) =>
      this.post(request.type === 'revoke-token' ? { type: 'revoke-failed', message: text } : { type: 'error', message: text }),
    );
  }

  private async handle(message: DetailsViewRequest, target: TokenTarget): Promise<void> {
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
      case 'refresh':
        await this.refresh(target);
        break;
      case 'load-more-history':
        if (target.token.user_id) {
          await target.model.evidence.loadHistory(target.token.user_id, true, false, 'foreground');
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
  }
}
