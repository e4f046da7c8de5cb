// The fix a row offers when Auth0 refuses a tenant's credentials: enter the same kind again.
import * as vscode from 'vscode';
import { COMMANDS } from '../../contributions';
import type { TenantConnection } from '../../tenants/tenantConnection';
import type { ExplorerNode } from './nodes/explorerNode';

export function credentialsCommand(connection: TenantConnection | undefined, row: ExplorerNode): vscode.Command {
  return connection?.credentials?.kind === 'client-credentials'
    ? { command: COMMANDS.useClientCredentials, title: vscode.l10n.t('Use Client Credentials'), arguments: [row] }
    : { command: COMMANDS.setManagementToken, title: vscode.l10n.t('Set Management API Token'), arguments: [row] };
}
