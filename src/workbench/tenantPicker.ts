// Choosing a tenant for a command: the row it was run on, else the only tenant, else a Quick Pick.
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import type { TenantConnection } from '../tenants/tenantConnection';
import type { TenantRegistry } from '../tenants/tenantRegistry';
import { connectionOf } from './nodeTargets';

export interface TenantPickOptions {
  /** The Quick Pick's title when several tenants are connected. */
  title: string;
  /** A domain given by automation, instead of a row. */
  domain?: string;
  /** With no tenant at all, start "Connect to Tenant…" (and pick nothing). */
  connectWhenNone?: boolean;
}

export async function pickTenant(registry: TenantRegistry, node: unknown, options: TenantPickOptions): Promise<TenantConnection | undefined> {
  const fromRow = connectionOf(node);
  if (fromRow) {
    return fromRow;
  }
  if (options.domain) {
    return registry.find(options.domain);
  }
  const tenants = await registry.tenants();
  if (tenants.length === 0 && options.connectWhenNone) {
    await vscode.commands.executeCommand(COMMANDS.connectTenant);
    return undefined;
  }
  if (tenants.length <= 1) {
    return tenants[0];
  }
  const picked = await vscode.window.showQuickPick(
    tenants.map((t) => ({ label: t.label, description: t.label === t.domain ? undefined : t.domain, connection: t })),
    { title: options.title },
  );
  return picked?.connection;
}
