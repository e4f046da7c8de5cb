// The `auth0TokenInspector.tenants` setting: which tenants are connected and what they are
// called. Credentials are never here (see tenantCredentials.ts).
import * as vscode from 'vscode';

import { normalizeTenantSettings, type NormalizedTenantSettings, type TenantSetting } from './normalizeTenantSettings';

export type { TenantSetting } from './normalizeTenantSettings';

export const SETTINGS_SECTION = 'auth0TokenInspector';

/** The tenants setting as written, one entry per tenant, with what was ignored and why. */
export function readTenantSettings(): NormalizedTenantSettings {
  return normalizeTenantSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('tenants', []));
}

export async function writeTenantSettings(tenants: TenantSetting[]): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  // Global (user) settings: a tenant list belongs to the person, not to a workspace folder.
  await configuration.update('tenants', tenants.map((t) => (t.label ? { domain: t.domain, label: t.label } : { domain: t.domain })), vscode.ConfigurationTarget.Global);
}

export interface ListingSettings {
  tokensPageSize: number;
  usersPageSize: number;
  requestTimeoutMs: number;
  concurrency: number;
}

export function readListingSettings(): ListingSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const clamp = (value: unknown, min: number, max: number, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
  return {
    tokensPageSize: clamp(configuration.get('tokensPageSize'), 1, 100, 50),
    usersPageSize: clamp(configuration.get('usersPageSize'), 1, 100, 50),
    requestTimeoutMs: clamp(configuration.get('requestTimeoutSeconds'), 1, 300, 30) * 1000,
    concurrency: clamp(configuration.get('concurrency'), 1, 16, 4),
  };
}
