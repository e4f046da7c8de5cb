// The numbers the findings are judged by. The settings keys mirror the field names
// (auth0TokenInspector.findings.deviceLimit, ...), so a setting read from the workbench is passed
// straight through `resolveThresholds`, which keeps a bad value from silencing a rule.

/** Limits for the rules, each a whole number of its unit. */
export interface FindingThresholds {
  /** A rotation family exchanged from MORE than this many devices in 30 days is flagged (default 3). */
  deviceLimit: number;
  /** A rotation family exchanged from MORE than this many ASNs in 30 days is flagged (default 3). */
  networkLimit: number;
  /** A rotation family exchanged from MORE than this many IP addresses in 30 days is flagged (default 5). */
  ipLimit: number;
  /** A token valid for longer than this many days is long-lived (default 90). */
  longLivedDays: number;
  /** A valid token not exchanged for more than this many days is dormant (default 30). */
  dormantDays: number;
}

export const DEFAULT_THRESHOLDS: Readonly<FindingThresholds> = Object.freeze({
  deviceLimit: 3,
  networkLimit: 3,
  ipLimit: 5,
  longLivedDays: 90,
  dormantDays: 30,
});

/**
 * The window Auth0's own detections count distinct devices and networks in
 * (auth0-customer-detections: refresh_token_from_multiple_user_agent, ..._too_many_locations).
 */
export const FAMILY_WINDOW_DAYS = 30;

/** Auth0 keeps at most this many active refresh tokens per user and application, dropping the oldest. */
export const TOKENS_PER_APPLICATION_CAP = 200;

/** More tokens than this for one user and application is "near the cap". */
export const NEAR_CAP_COUNT = 150;

export const DAY_MS = 24 * 60 * 60 * 1000;

function wholeNumberAtLeast(value: unknown, minimum: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= minimum ? value : undefined;
}

/**
 * Thresholds from settings: each field that is a whole number (counts ≥ 1, days ≥ 1) is taken,
 * anything else (absent, negative, fractional, a string) falls back to its default. Never throws.
 */
export function resolveThresholds(settings: Partial<Record<keyof FindingThresholds, unknown>> = {}): FindingThresholds {
  const resolved = { ...DEFAULT_THRESHOLDS };
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof FindingThresholds)[]) {
    resolved[key] = wholeNumberAtLeast(settings[key], 1) ?? DEFAULT_THRESHOLDS[key];
  }
  return resolved;
}
