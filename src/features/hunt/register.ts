// The hunt and incident-response commands as activation registers them: "Hunt Refresh Tokens…",
// "Show Hunt Results", "Contain User…" and "Show Audit Log". Everything beyond registration lives
// in the lazily loaded dist/huntFlows.js (see huntFlowsLoader.ts), so activation stays small.
import * as vscode from 'vscode';
import { COMMANDS, STORAGE_FILES } from '../../contributions';
import type { DetailsPanels } from '../tokens/details/detailsPanels';
import type { TenantModel } from '../../model/tenantModel';
import type { TenantConnection } from '../../tenants/tenantConnection';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import type { HuntController } from './huntController';
import { huntFlows } from './lazy';
import { targetOf } from '../../workbench/nodeTargets';

/** What the response flows need from the extension: where to keep the audit file, where to log. */
export interface ResponseEnvironment {
  storageUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

/** What the hunt flows need besides: the tenants, the details panels, storage for the checkpoint. */
export interface HuntEnvironment extends ResponseEnvironment {
  registry: TenantRegistry;
  panels: DetailsPanels;
  response: IncidentResponse;
  extensionUri: vscode.Uri;
  globalState: vscode.Memento;
}

/** A user to contain, from a tree row, a details panel or the hunt results. */
export interface ContainTarget {
  connection: TenantConnection;
  model: TenantModel;
  userId: string;
  /** How to name the user ("jane@example.com"). */
  userLabel?: string;
}

/** Contain User, as the token commands and the hunt results call it. */
export class IncidentResponse {
  constructor(readonly environment: ResponseEnvironment) {}

  /** The NDJSON audit file: one line per destructive action. */
  get auditLogUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.environment.storageUri, STORAGE_FILES.auditLog);
  }

  /** The one modal, then the containment and its report; resolves true when every step was done. */
  containUser(target: ContainTarget): Promise<boolean> {
    return huntFlows().containUser(this.environment, target);
  }
}

/** Registers the commands; the controller (and its bundle) is made on first use. */
export class HuntCommands implements vscode.Disposable {
  private loaded: HuntController | undefined;

  constructor(private readonly environment: HuntEnvironment) {}

  /** The hunt controller, loading its bundle (the commands, or a test reading the API). */
  controller(): HuntController {
    this.loaded ??= new (huntFlows().HuntController)(this.environment);
    return this.loaded;
  }

  register(): vscode.Disposable[] {
    const { response } = this.environment;
    return [
      this,
      vscode.commands.registerCommand(COMMANDS.huntRefreshTokens, (node?: unknown, args?: unknown) => this.controller().huntCommand(node, args)),
      vscode.commands.registerCommand(COMMANDS.showHuntResults, () => this.controller().showResults()),
      vscode.commands.registerCommand(COMMANDS.containUser, (node?: unknown) => {
        const user = targetOf(node, 'user');
        return user ? response.containUser({ connection: user.connection, model: user.model, userId: user.user.user_id, userLabel: user.user.email }) : undefined;
      }),
      vscode.commands.registerCommand(COMMANDS.showAuditLog, async () => {
        try {
          await vscode.window.showTextDocument(response.auditLogUri, { preview: false });
        } catch {
          void vscode.window.showInformationMessage(vscode.l10n.t('No destructive action has been taken yet: the audit log is empty.'));
        }
      }),
    ];
  }

  /** After activation: a hunt that a reload interrupted is offered for resuming (its bundle loads only then). */
  async offerResume(): Promise<void> {
    let state: unknown;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.environment.storageUri, STORAGE_FILES.huntCheckpoint)));
      state = (JSON.parse(text) as { state?: unknown } | null)?.state;
    } catch {
      return; // no hunt was interrupted (or its file is unreadable: "Hunt Refresh Tokens…" says so)
    }
    if (state === 'running') {
      await this.controller().offerResume();
    }
  }

  dispose(): void {
    this.loaded?.dispose();
  }
}
