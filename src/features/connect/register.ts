// Connecting tenants and managing their credentials: the commands as activation registers them;
// their flows load on first use (credentialPrompts.ts, through lazy.ts: dist/connect.lazy.js). Secrets go
// straight from the (password) input box into SecretStorage; they are never logged, shown or put
// in settings.
import * as vscode from 'vscode';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import { COMMANDS } from '../../contributions';
import { lazy } from './lazy';
import { pickTenant } from '../../workbench/tenantPicker';

/**
 * The tenant of the row the command was run on, or one the person picks, before the flows load:
 * the picker is the activation bundle's (workbench/tenantPicker.ts).
 */
async function pickTenantDomain(registry: TenantRegistry, node: unknown): Promise<string | undefined> {
  return (await pickTenant(registry, node, { title: vscode.l10n.t('Choose a tenant') }))?.domain;
}

export type { ConnectTenantArguments } from './credentialPrompts';

export function registerTenantCommands(registry: TenantRegistry): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.connectTenant, (args?: unknown) => lazy().connectTenant(registry, args)),
    vscode.commands.registerCommand(COMMANDS.setManagementToken, async (node?: unknown) => lazy().setCredentials(registry, await pickTenantDomain(registry, node), 'token')),
    vscode.commands.registerCommand(COMMANDS.useClientCredentials, async (node?: unknown) => lazy().setCredentials(registry, await pickTenantDomain(registry, node), 'client-credentials')),
    vscode.commands.registerCommand(COMMANDS.signOut, async (node?: unknown) => lazy().signOut(registry, await pickTenantDomain(registry, node))),
    vscode.commands.registerCommand(COMMANDS.removeTenant, async (node?: unknown) => lazy().removeTenant(registry, await pickTenantDomain(registry, node))),
  ];
}
