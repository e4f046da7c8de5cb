// "Auth0: Check Tenant Setup…", loaded on first use as its own bundle (dist/setup.lazy.js, see
// lazy.ts): for the tenant the command chose (register.ts), runs the
// read-only diagnosis with the tenant's own token and rate limiter, and shows the report in one
// panel per tenant, from which it can be copied as Markdown or run again.
import * as vscode from 'vscode';
import { COMMANDS } from '../../contributions';
import { diagnoseTenant } from './core/diagnoseTenant';
import { checkingStepText } from './core/setupChecks';
import { renderSetupReportErrorHtml, renderSetupReportHtml, renderSetupReportLoadingHtml, type SetupReportResources } from './renderSetupReportHtml';
import type { SetupReport } from './core/setupReport';
import { setupReportMarkdown } from './core/setupReportMarkdown';
import type { SetupReportRequest, SetupReportUpdate } from './protocol';
import { isManagementApiError } from '../../auth0/errors';
import type { TenantConnection } from '../../tenants/tenantConnection';
import { TenantSetupPanel } from './setupPanel';

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
  /** What the extension last posted to the page ("copied", or an error it shows beside the buttons). */
  lastUpdate(): SetupReportUpdate | undefined;
  /** Resolves once no check is running in the panel (one may start by itself when credentials arrive). */
  settled(): Promise<void>;
}

interface OpenReport {
  panel: TenantSetupPanel;
  /** The connection the report was made with; replaced when the check runs again after a change. */
  connection: TenantConnection;
  report?: SetupReport;
  markdown?: string;
  /** What the panel shows: the check running, its report, or why there is none (no credentials...). */
  showing: 'checking' | 'report' | 'message';
  /** Counts the checks run in this panel: only the latest may draw it. */
  generation: number;
  /** The latest check, while it runs. */
  running?: Promise<SetupReport | undefined>;
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
        showing: 'checking',
        generation: 0,
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
    const report = await this.run(open);
    const current = open;
    return {
      report,
      markdown: open.markdown,
      html: open.panel.html,
      currentHtml: () => current.panel.html,
      receive: (message) => current.panel.receive(message),
      lastUpdate: () => current.panel.lastUpdate,
      settled: async () => {
        while (current.running) {
          await current.running;
        }
      },
    };
  }

  /**
   * After the tenants changed (registry.onDidChange): a report whose tenant now has another
   * connection (new credentials, label or listing settings) or none says it is out of date; a
   * panel that could not check (no credentials yet) checks now that it can.
   */
  tenantsChanged(connections: readonly TenantConnection[]): void {
    for (const [key, open] of this.reports) {
      const current = connections.find((connection) => connection.domain.toLowerCase() === key);
      if (open.showing === 'message' && current?.hasCredentials && current !== open.connection) {
        // The check could not run (no credentials yet) and now can: run it, as was asked.
        open.connection = current;
        void this.run(open);
        continue;
      }
      if (open.showing === 'report' && open.report && current !== open.connection) {
        const notice = current
          ? vscode.l10n.t("The tenant's credentials or settings changed after this check: press Check Again to check with the current ones.")
          : vscode.l10n.t('This tenant is no longer connected: the report shows how it was when checked.');
        const report = open.report;
        open.panel.show(this.title(open.connection), (resources) => renderSetupReportHtml({ ...resources, report, notice }));
      }
    }
  }

  private title(connection: TenantConnection): string {
    return vscode.l10n.t('Tenant setup · {0}', connection.label);
  }

  /** Runs the diagnosis in `open`'s panel, kept as `open.running` until it ends. */
  private async run(open: OpenReport): Promise<SetupReport | undefined> {
    const running = this.diagnose(open);
    open.running = running;
    try {
      return await running;
    } finally {
      if (open.running === running) {
        open.running = undefined;
      }
    }
  }

  /** Runs the diagnosis and shows the report (or why there is none) in the open panel. */
  private async diagnose(open: OpenReport): Promise<SetupReport | undefined> {
    const { connection, panel } = open;
    const generation = ++open.generation;
    const message = (text: string) => (resources: SetupReportResources) => ({ ...resources, tenantLabel: connection.label, tenantId: connection.domain, message: text });
    const showMessage = (text: string) => {
      // A check started later (Check Again, new credentials) owns the panel now.
      if (open.generation === generation) {
        open.showing = 'message';
        panel.show(this.title(connection), (resources) => renderSetupReportErrorHtml(message(text)(resources)));
      }
    };
    open.markdown = undefined;
    open.report = undefined;
    const model = connection.getModel();
    const tokenProvider = connection.getTokenProvider();
    if (connection.domainError || !connection.endpoint) {
      showMessage(connection.domainError ?? vscode.l10n.t('The tenant domain cannot be used.'));
      return undefined;
    }
    if (connection.credentialProblem) {
      // SecretStorage failed (no OS keyring): the check cannot run, and "no credentials" would be wrong.
      showMessage(connection.credentialProblem);
      return undefined;
    }
    if (!model || !tokenProvider || !connection.credentials) {
      showMessage(vscode.l10n.t('Tenant {0} has no credentials yet: set a Management API token or client credentials on its row, then check again.', connection.domain));
      return undefined;
    }
    open.showing = 'checking';
    panel.show(this.title(connection), (resources) => renderSetupReportLoadingHtml(message(vscode.l10n.t('Checking the tenant with a few read-only requests…'))(resources)));
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
            onProgress: (step) => {
              // The page says what is being asked, and a long rate-limit wait, so a slow check does not look stuck.
              const text = checkingStepText(step, model.client.limiter.expectedWaitMs());
              progress.report({ message: text });
              if (open.generation === generation) {
                panel.show(this.title(connection), (resources) => renderSetupReportLoadingHtml(message(vscode.l10n.t('Checking the tenant with a few read-only requests. {0}', text))(resources)));
              }
            },
          });
        },
      );
      if (open.generation === generation) {
        open.report = report;
        open.markdown = setupReportMarkdown(report);
        open.showing = 'report';
        panel.show(this.title(connection), (resources) => renderSetupReportHtml({ ...resources, report }));
      }
      return report;
    } catch (error) {
      showMessage(
        isManagementApiError(error, 'cancelled')
          ? vscode.l10n.t('The check was cancelled.')
          : error instanceof Error
            ? error.message
            : String(error),
      );
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
      case 'run-again': {
        // The tenant's current connection: its credentials may have changed since.
        const result = await vscode.commands.executeCommand<TenantSetupResult | undefined>(COMMANDS.checkTenantSetup, undefined, open.connection.domain);
        if (!result) {
          // Removed since: the page says so beside its buttons instead of "Checking…" for ever.
          throw new Error(vscode.l10n.t('Tenant {0} is no longer connected: connect it again to check it.', open.connection.domain));
        }
        break;
      }
    }
  }

  dispose(): void {
    for (const open of this.reports.values()) {
      open.panel.dispose();
    }
    this.reports.clear();
  }
}
