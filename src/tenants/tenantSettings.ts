// The `auth0TokenInspector.tenants` setting: which tenants are connected and what they are
// called. Credentials are never here (see tenantCredentials.ts).
import * as vscode from 'vscode';
import { SETTINGS, SETTINGS_SECTION } from '../contributions';
import type { FindingThresholds } from '../findings/thresholds';
import { normalizeTenantSettings, type NormalizedTenantSettings, type TenantSetting } from './normalizeTenantSettings';

export type { TenantSetting } from './normalizeTenantSettings';

/** The tenants setting as written, one entry per tenant, with what was ignored and why. */
export function readTenantSettings(): NormalizedTenantSettings {
  return normalizeTenantSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(SETTINGS.tenants, []));
}

export async function writeTenantSettings(tenants: TenantSetting[]): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  // Global (user) settings: a tenant list belongs to the person, not to a workspace folder.
  await configuration.update(SETTINGS.tenants, tenants.map((t) => (t.label ? { domain: t.domain, label: t.label } : { domain: t.domain })), vscode.ConfigurationTarget.Global);
}

export interface ListingSettings {
  tokensPageSize: number;
  usersPageSize: number;
  requestTimeoutMs: number;
  concurrency: number;
  /** Share of the rate and concurrency a hunt (background work) may use, 0.1..1 (hunt.rateShare). */
  backgroundShare: number;
  /** The findings' limits as set (each resolved to its default when missing or invalid). */
  thresholds: Partial<Record<keyof FindingThresholds, unknown>>;
}

export function readListingSettings(): ListingSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const clamp = (value: unknown, min: number, max: number, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
  return {
    tokensPageSize: clamp(configuration.get(SETTINGS.tokensPageSize), 1, 100, 50),
    usersPageSize: clamp(configuration.get(SETTINGS.usersPageSize), 1, 100, 50),
    requestTimeoutMs: clamp(configuration.get(SETTINGS.requestTimeoutSeconds), 1, 300, 30) * 1000,
    concurrency: clamp(configuration.get(SETTINGS.concurrency), 1, 16, 4),
    backgroundShare: (() => {
      const share = configuration.get(SETTINGS.huntRateShare);
      return typeof share === 'number' && Number.isFinite(share) ? Math.min(1, Math.max(0.1, share)) : 0.5;
    })(),
    // Read raw: the findings resolve each to its default when missing or out of range.
    thresholds: {
      deviceLimit: configuration.get(SETTINGS.deviceLimit),
      networkLimit: configuration.get(SETTINGS.networkLimit),
      ipLimit: configuration.get(SETTINGS.ipLimit),
      longLivedDays: configuration.get(SETTINGS.longLivedDays),
      dormantDays: configuration.get(SETTINGS.dormantDays),
    },
  };
}
