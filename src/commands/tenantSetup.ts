// "Auth0: Check Tenant Setup…", loaded on first use as its own bundle (dist/tenantSetup.js, see
// tenantSetupLoader.ts): for the tenant the command chose (tenantSetupCommands.ts), runs the
// read-only diagnosis with the tenant's own token and rate limiter, and shows the report in one
// panel per tenant, from which it can be copied as Markdown or run again.
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import { diagnoseTenant } from '../doctor/diagnoseTenant';
import { renderSetupReportErrorHtml, renderSetupReportHtml, renderSetupReportLoadingHtml } from '../doctor/renderSetupReportHtml';
import type { SetupReport } from '../doctor/setupReport';
import { setupReportMarkdown } from '../doctor/setupReportMarkdown';
import type { SetupReportRequest } from '../doctor/setupReportProtocol';
import { isManagementApiError } from '../auth0/errors';
import type { TenantConnection } from '../tenants/tenantConnection';
import { TenantSetupPanel } from '../views/tenantSetupPanel';

/** What the command resolves with (for automation and tests). */
export interface TenantSetupResult {
  report?: SetupReport;
  /** The report as copied by "Copy as Markdown". */
  markdown?: string;
  /** The panel's document as shown when the check ended. */
  html: string;
  /** The panel's document now (it changes when the tenant's credentials do, or the check runs again). */
  currentHtml(): string;
  /** Handles a message as if the report's page had posted it. */
  receive(message: unknown): Promise<void>;
}

interface OpenReport {
  panel: TenantSetupPanel;
  /** The connection the report was made with; replaced when the check runs again after a change. */
  connection: TenantConnection;
  report?: SetupReport;
  markdown?: string;
}

export class TenantSetupFlow implements vscode.Disposable {
  private readonly reports = new Map<string, OpenReport>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  /**
   * Checks `connection` (chosen by the command in the activation bundle: rows are told apart by
   * their classes there, which this bundle has copies of) and shows the report in its panel.
   */
  async check(connection: TenantConnection): Promise<TenantSetupResult> {
    const key = connection.domain.toLowerCase();
    let open = this.reports.get(key);
    if (open) {
      // The same tenant's panel, even if its credentials changed since: the report is redrawn in place.
      open.connection = connection;
      open.panel.reveal();
    } else {
      const created: OpenReport = {
        connection,
        panel: new TenantSetupPanel(
          this.extensionUri,
          this.title(connection),
          (request) => this.onRequest(created, request),
          () => {
            if (this.reports.get(key) === created) {
              this.reports.delete(key);
            }
          },
        ),
      };
      open = created;
      this.reports.set(key, open);
    }
    const report = await this.diagnose(open);
    const current = open;
    return { report, markdown: open.markdown, html: open.panel.html, currentHtml: () => current.panel.html, receive: (message) => current.panel.receive(message) };
  }

  /**
   * After the tenants changed (registry.onDidChange): a report whose tenant now has another
   * connection (new credentials, label or listing settings) or none says it is out of date.
   */
  tenantsChanged(connections: readonly TenantConnection[]): void {
    for (const [key, open] of this.reports) {
      const current = connections.find((connection) => connection.domain.toLowerCase() === key);
      if (open.report && current !== open.connection) {
        const notice = current
          ? vscode.l10n.t("The tenant's credentials or settings changed after this check: press Check Again to check with the current ones.")
          : vscode.l10n.t('This tenant is no longer connected: the report shows how it was when checked.');
        open.panel.show(this.title(open.connection), renderSetupReportHtml({ ...open.panel.resources(), report: open.report, notice }));
      }
    }
  }

  private title(connection: TenantConnection): string {
    return vscode.l10n.t('Tenant setup · {0}', connection.label);
  }

  /** Runs the diagnosis and shows the report (or why there is none) in the open panel. */
  private async diagnose(open: OpenReport): Promise<SetupReport | undefined> {
    const { connection, panel } = open;
    const message = (text: string) => ({ ...panel.resources(), tenantLabel: connection.label, tenantId: connection.domain, message: text });
    open.markdown = undefined;
    open.report = undefined;
    const model = connection.getModel();
    const tokenProvider = connection.getTokenProvider();
    if (connection.domainError || !connection.endpoint) {
      panel.show(this.title(connection), renderSetupReportErrorHtml(message(connection.domainError ?? vscode.l10n.t('The tenant domain cannot be used.'))));
      return undefined;
    }
    if (!model || !tokenProvider || !connection.credentials) {
      panel.show(
        this.title(connection),
        renderSetupReportErrorHtml(message(vscode.l10n.t('Tenant {0} has no credentials yet: set a Management API token or client credentials on its row, then check again.', connection.domain))),
      );
      return undefined;
    }
    panel.show(this.title(connection), renderSetupReportLoadingHtml(message(vscode.l10n.t('Checking the tenant with a few read-only requests…'))));
    try {
      const report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the setup of {0}', connection.label), cancellable: true },
        (progress, cancellation) => {
          const controller = new AbortController();
          cancellation.onCancellationRequested(() => controller.abort());
          return diagnoseTenant({
            domain: connection.endpoint!,
            label: connection.label,
            credentialKind: connection.credentials!.kind,
            tokenProvider,
            limiter: model.client.limiter,
            timeoutMs: connection.requestTimeoutMs,
            onRequest: connection.requestListener(),
            signal: controller.signal,
            onProgress: (step) => progress.report({ message: step }),
          });
        },
      );
      open.report = report;
      open.markdown = setupReportMarkdown(report);
      panel.show(this.title(connection), renderSetupReportHtml({ ...panel.resources(), report }));
      return report;
    } catch (error) {
      const text = isManagementApiError(error, 'cancelled')
        ? vscode.l10n.t('The check was cancelled.')
        : error instanceof Error
          ? error.message
          : String(error);
      panel.show(this.title(connection), renderSetupReportErrorHtml(message(text)));
      return undefined;
    }
  }

  private async onRequest(open: OpenReport, request: SetupReportRequest): Promise<void> {
    switch (request.type) {
      case 'copy-markdown':
        if (!open.markdown) {
          throw new Error(vscode.l10n.t('There is no report to copy yet.'));
        }
        await vscode.env.clipboard.writeText(open.markdown);
        open.panel.post({ type: 'copied' });
        break;
      case 'run-again':
        // The tenant's current connection: its credentials may have changed since.
        await vscode.commands.executeCommand(COMMANDS.checkTenantSetup, undefined, open.connection.domain);
        break;
    }
  }

  dispose(): void {
    for (const open of this.reports.values()) {
      open.panel.dispose();
    }
    this.reports.clear();
  }
}
