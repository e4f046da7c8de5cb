// The result of "Check Tenant Setup": one check per thing that can stop a feature of this
// extension on a tenant (credentials, scopes, plan and Early Access endpoints, log retention,
// rate limit, clock), each ✓ / ⚠ / ✗ with one sentence and the fix. Plain data, so the same
// report is drawn as HTML (renderSetupReportHtml.ts) and copied as Markdown (setupReportMarkdown.ts).
//
// Sentences carry one piece of markup, inline code between backticks, made only by `code()`:
// identifiers (scopes, paths, the application's client id) go there, stripped of backticks, so
// each renderer escapes text and code separately and no value can become markup in either.
// A report never holds a token or a client secret: only the kind of credentials, the client id,
// the expiry and the granted scopes.

import { revealHiddenCharacters } from '../../../presentation/hiddenCharacters';
import { truncateWithEllipsis } from '../../../presentation/plainText';

export type CheckStatus = 'ok' | 'warning' | 'error' | 'unknown';

/** How each status is shown, in the webview, the Markdown and the tests alike. */
export const STATUS_SYMBOLS: Readonly<Record<CheckStatus, string>> = { ok: '✓', warning: '⚠', error: '✗', unknown: '?' };

export const STATUS_WORDS: Readonly<Record<CheckStatus, string>> = { ok: 'OK', warning: 'Warning', error: 'Problem', unknown: 'Not checked' };

export type CheckGroup = 'credentials' | 'features' | 'endpoints' | 'rate-limit' | 'clock';

/** The report's sections, in order. */
export const CHECK_GROUPS: readonly { id: CheckGroup; title: string }[] = [
  { id: 'credentials', title: 'Credentials' },
  { id: 'features', title: 'Features and their scopes' },
  { id: 'endpoints', title: 'Endpoints this tenant answers' },
  { id: 'rate-limit', title: 'Rate limit' },
  { id: 'clock', title: 'Clock' },
];

export interface SetupCheck {
  /** Stable: 'credentials', 'token-expiry', 'scopes', 'feature:browse', 'endpoint:refresh-tokens', 'rate-limit', 'clock-skew'... */
  id: string;
  group: CheckGroup;
  title: string;
  status: CheckStatus;
  /** One sentence: what was found. Inline code between backticks (see code()). */
  summary: string;
  /** What to do about it; absent when nothing is to be done. Inline code between backticks. */
  fix?: string;
  /** Feature checks: the exact scopes to add for this feature. */
  missingScopes?: string[];
  /** Endpoint checks: the request and Auth0's answer, "GET /api/v2/users/{id}/sessions → 403 feature_not_enabled". */
  evidence?: string;
}

export type CredentialKind = 'token' | 'client-credentials';

export interface RateLimitObservation {
  /** x-ratelimit-limit: the bucket's burst. */
  limit: number;
  /** x-ratelimit-remaining of the last answer. */
  remaining: number;
  /** x-ratelimit-reset: when the bucket is full again, UNIX seconds (tenant clock). */
  resetSeconds?: number;
  /** Refill rate in requests per second: documented for the limit, or estimated from the headers. */
  perSecond?: number;
  /** Whether perSecond is Auth0's documented rate for this limit (true) or estimated (false). */
  documentedRate?: boolean;
}

export interface ClockObservation {
  /** Tenant clock minus this machine's, ms (positive: Auth0 is ahead). */
  skewMs: number;
  /** Half the width of the interval the Date headers allow, ms. */
  uncertaintyMs: number;
}

export interface SetupReport {
  tenant: { domain: string; label: string };
  /** When the check ran, ISO 8601 (this machine's clock). */
  checkedAt: string;
  credentials: {
    kind: CredentialKind;
    /** The application, for client credentials. */
    clientId?: string;
    /** ISO 8601, when known. */
    expiresAt?: string;
    /** Granted scopes, when the token shows them. */
    scopes?: string[];
  };
  checks: SetupCheck[];
  /** Every scope the features lack, to grant in one go (empty when none or unknown). */
  missingScopes: string[];
  /** Where in the Auth0 Dashboard to grant scopes, for these credentials. */
  grantScopesAt: string;
  rateLimit?: RateLimitObservation;
  clock?: ClockObservation;
  /** Users in the tenant, when the users listing said. */
  userCount?: number;
  /** Management API requests the check sent (none of them writes). */
  requests: number;
}

const SEVERITY: Record<CheckStatus, number> = { ok: 0, unknown: 1, warning: 2, error: 3 };

/** The worst status of the report's checks ('ok' for none). */
export function overallStatus(checks: readonly SetupCheck[]): CheckStatus {
  return checks.reduce<CheckStatus>((worst, check) => (SEVERITY[check.status] > SEVERITY[worst] ? check.status : worst), 'ok');
}

/** How many checks have each status. */
export function countByStatus(checks: readonly SetupCheck[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { ok: 0, warning: 0, error: 0, unknown: 0 };
  checks.forEach((check) => (counts[check.status] += 1));
  return counts;
}

/**
 * "7 Management API requests, none of which writes": what the check sent, in words that stay true
 * of the bulk revocation's probe (a POST whose empty list revokes nothing).
 */
export function requestsText(requests: number): string {
  return requests === 0
    ? 'no Management API request'
    : `${requests} Management API request${requests === 1 ? '' : 's'}, none of which writes`;
}

/** The checks that need a person's attention, worst first (✗ then ⚠), each group's order kept within a status. */
export function checksNeedingAttention(checks: readonly SetupCheck[]): SetupCheck[] {
  return (['error', 'warning'] as const).flatMap((status) => checks.filter((check) => check.status === status));
}

/** "✓ 12 · ⚠ 2 · ✗ 1", then "· ? 3" when some checks could not be made (the webview's order too). */
export function statusTally(checks: readonly SetupCheck[]): string {
  const counts = countByStatus(checks);
  return (['ok', 'warning', 'error', 'unknown'] as const)
    .filter((status) => counts[status] > 0 || status !== 'unknown')
    .map((status) => `${STATUS_SYMBOLS[status]} ${counts[status]}`)
    .join(' · ');
}

const MAX_CODE_LENGTH = 120;

/**
 * An identifier as inline code in a sentence: `value` with backticks removed, hidden characters
 * shown as "[U+202E]", whitespace collapsed and the length bounded, between backticks.
 */
export function code(value: string): string {
  const cleaned = revealHiddenCharacters(value).replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  return `\`${truncateWithEllipsis(cleaned, MAX_CODE_LENGTH)}\``;
}

/** A sentence split into plain text (even indices) and inline code (odd indices). */
export function sentenceParts(sentence: string): { text: string; code: boolean }[] {
  return sentence.split('`').map((text, index) => ({ text, code: index % 2 === 1 }));
}

/** Scopes as inline code, joined: "`read:users`, `read:refresh_tokens`". */
export function codeList(values: readonly string[], conjunction = 'and'): string {
  const items = values.map(code);
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
