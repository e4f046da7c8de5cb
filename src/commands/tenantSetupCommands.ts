// Registers "Auth0: Check Tenant Setup…" (palette, tenant row menu, welcome view, and the fix of
// error rows that stem from a missing scope or plan). The flow itself is loaded on first use.
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import type { TenantRegistry } from '../tenants/tenantRegistry';
import type { TenantSetupFlow, TenantSetupResult } from './tenantSetup';
import { tenantSetup } from './tenantSetupLoader';

export function registerTenantSetupCommands(context: vscode.ExtensionContext, registry: TenantRegistry): vscode.Disposable[] {
  let flow: TenantSetupFlow | undefined;
  const run = (node?: unknown, domain?: string): Promise<TenantSetupResult | undefined> => {
    if (!flow) {
      flow = new (tenantSetup().TenantSetupFlow)(context.extensionUri, registry);
      context.subscriptions.push(flow);
    }
    return flow.run(node, typeof domain === 'string' ? domain : undefined);
  };
  return [vscode.commands.registerCommand(COMMANDS.checkTenantSetup, run)];
}
