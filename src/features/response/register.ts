// "Contain User…" and "Show Audit Log" as activation registers them. The flows load on first use
// (see incidentResponse.ts and lazy.ts).
import * as vscode from 'vscode';
import { COMMANDS } from '../../contributions';
import { targetOf } from '../../workbench/nodeTargets';
import { LazyIncidentResponse } from './incidentResponse';
import type { IncidentResponse, ResponseEnvironment } from './types';

/** Registers the commands; returns the IncidentResponse the other features call. */
export function registerResponse(environment: ResponseEnvironment): { response: IncidentResponse; disposables: vscode.Disposable[] } {
  const response = new LazyIncidentResponse(environment);
  const disposables = [
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
  return { response, disposables };
}
