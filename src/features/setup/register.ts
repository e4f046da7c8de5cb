// Registers "Auth0: Check Tenant Setup…" (palette, tenant row menu, welcome view, and the row that
// follows an error stemming from a missing scope or plan) and chooses the tenant: the row it was
// run on (any row of a tenant), a domain given by automation, the only tenant, or a Quick Pick;
// with none connected, "Connect to Tenant…" first. Rows are recognised here, in the activation
// bundle; the check itself is loaded on first use (see lazy.ts).
import * as vscode from 'vscode';
import { COMMANDS } from '../../contributions';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import type { TenantSetupFlow, TenantSetupResult } from './setup.lazy';
import { lazy } from './lazy';
import { pickTenant } from '../../workbench/tenantPicker';

export function registerTenantSetupCommands(context: vscode.ExtensionContext, registry: TenantRegistry): vscode.Disposable[] {
  let flow: TenantSetupFlow | undefined;
  const run = async (node?: unknown, domain?: unknown): Promise<TenantSetupResult | undefined> => {
    const options = { title: vscode.l10n.t('Check the setup of which tenant?'), domain: typeof domain === 'string' ? domain : undefined };
    const hadTenants = (await registry.tenants()).length > 0;
    let connection = await pickTenant(registry, node, { ...options, connectWhenNone: true });
    if (!connection && !hadTenants && !options.domain) {
      // "Connect to Tenant…" ran: check the tenant it connected, if any.
      connection = await pickTenant(registry, undefined, options);
    }
    if (!connection) {
      return undefined;
    }
    if (!flow) {
      flow = new (lazy().TenantSetupFlow)(context.extensionUri);
      context.subscriptions.push(flow);
    }
    return flow.check(connection);
  };
  return [
    vscode.commands.registerCommand(COMMANDS.checkTenantSetup, run),
    // An open report made with credentials that have since changed says so (only once the check was loaded).
    registry.onDidChange(async () => flow?.tenantsChanged(await registry.tenants())),
  ];
}
