// The checks of a setup report, from what the probes and the token provider showed. Pure: each
// function takes observations and returns checks, so every ✓ / ⚠ / ✗ and its sentence is tested
// without a tenant (and again against the emulator's profiles in diagnoseTenant's tests).

import { CustomDomainError, looksLikeCustomDomain, otherManagementApiDomain } from '../../../auth0/customDomain';
import type { ManagementApiError } from '../../../auth0/errors';
import type { TokenInfo } from '../../../auth0/tokenProvider';
import { formatAbsoluteTime, formatRelativeTime } from '../../../presentation/time';
import { FEATURES, consequenceOf, grantScopesBriefly, scopesToAdd, type FeatureId, type FeatureScopes } from './featureScopes';
import { code, codeList, type CheckStatus, type ClockObservation, type CredentialKind, type RateLimitObservation, type SetupCheck } from './setupReport';
import type { ProbeOutcome } from './tenantProbes';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A pasted token that expires within this is a warning: it will stop working during the session. */
export const EXPIRY_WARNING_MS = HOUR_MS;
/** Clock skew from which token expiry and idle expiry read wrong enough to notice. */
export const CLOCK_WARNING_MS = 30_000;
export const CLOCK_ERROR_MS = 5 * 60_000;
/** The window the findings look at (Auth0's own detections use 30 days of logs). */
export const FINDINGS_WINDOW_DAYS = 30;
/** An oldest event at least this old means the tenant keeps about the findings' window. */
export const FULL_RETENTION_DAYS = 25;
/** From this share of the limit used by others than the check, something else is using the tenant's rate limit now. */
export const OTHERS_BUSY_SHARE = 0.5;

export interface CredentialsInput {
  kind: CredentialKind;
  /** The application, for client credentials. */
  clientId?: string;
  /** The first probe (the users listing): how Auth0 took the credentials. */
  firstProbe: ProbeOutcome<unknown>;
  /** The tenant's domain as set ("login.acme.com"): a custom domain is said, not suggested fine. */
  domain?: string;
  /** The token's `aud` claim (a pasted token): its Management API domain may be the canonical one. */
  audiences?: readonly string[];
}

function reachability(error: ManagementApiError): string {
  switch (error.kind) {
    case 'timeout':
      return 'The tenant did not answer in time.';
    case 'redirect':
      return 'The tenant answered with a redirect, which is not followed so that the token stays with the tenant.';
    case 'server-error':
      return `Auth0 answered ${error.status ?? 'with a server error'}; it may be having problems.`;
    case 'invalid-json':
      return "The answer was not the JSON Auth0 sends: the domain may not be an Auth0 tenant's.";
    case 'rate-limited':
      return 'Auth0 is rate limiting this tenant, so the check could not run.';
    case 'cancelled':
      return 'The check was cancelled.';
    default:
      return 'The tenant could not be reached.';
  }
}

/** The summary and fix when a pasted token was issued for `issuedFor`, not the tenant's `domain`. */
function domainMismatch(domain: string, issuedFor: string): { summary: string; fix: string } {
  const said = `The pasted token was issued for ${code(issuedFor)} (its \`aud\`), not ${code(domain)}`;
  const use = `${code(issuedFor)} as this tenant's domain (run "Auth0: Add Tenant…" with it, or edit the tenants setting)`;
  return looksLikeCustomDomain(domain)
    ? { summary: `${said}: ${code(domain)} looks like a custom domain, which serves no Management API; ${code(issuedFor)} is the tenant's canonical domain.`, fix: `Use ${use}.` }
    : { summary: `${said}: it is another tenant's token.`, fix: `Paste a token of ${code(domain)}, or use ${use}.` };
}

/**
 * Connection and credentials, from how Auth0 answered the first probe: ✓ accepted; ✗ refused
 * (401, or an application not authorised on the Management API: 403 from /oauth/token) or not
 * answered (network, timeout, redirect, 5xx), each with its fix.
 */
export function credentialsCheck(input: CredentialsInput): SetupCheck {
  const { kind, clientId, firstProbe } = input;
  const base = { id: 'credentials', group: 'credentials' as const, title: kind === 'client-credentials' ? 'Client credentials' : 'Management API token' };
  const who = kind === 'client-credentials' && clientId ? `application ${code(clientId)}` : 'the application';
  const domain = input.domain?.trim().toLowerCase();
  // A pasted token names its Management API in `aud`: when that is another domain, it is the
  // domain to use (a custom domain's canonical one, or the tenant the token belongs to).
  const issuedFor = domain === undefined ? undefined : otherManagementApiDomain(domain, input.audiences);
  const mismatch = domain !== undefined && issuedFor !== undefined ? domainMismatch(domain, issuedFor) : undefined;
  if (firstProbe.kind === 'refused-credentials') {
    const { error } = firstProbe;
    if (error instanceof CustomDomainError) {
      const canonical = error.canonicalDomain ?? issuedFor;
      return {
        ...base,
        status: 'error',
        summary: `${code(error.domain)} looks like a custom domain: Auth0 serves the Management API, and issues its tokens, only on the tenant's canonical domain.`,
        fix: canonical
          ? `Use the tenant's canonical domain ${code(canonical)} as its domain (run "Auth0: Add Tenant…" with it, or edit the tenants setting).`
          : 'Use the tenant\'s canonical domain (the Domain shown in an application\'s Settings in the Auth0 Dashboard, like `acme.eu.auth0.com`), not a custom domain.',
        evidence: firstProbe.evidence,
      };
    }
    if (kind === 'client-credentials') {
      return error.kind === 'forbidden'
        ? {
            ...base,
            status: 'error',
            summary: `Auth0 will not give ${who} a Management API token: it is not authorised for the Auth0 Management API.`,
            fix: 'Authorise it under Applications > APIs > Auth0 Management API > Machine To Machine Applications in the Auth0 Dashboard.',
            evidence: firstProbe.evidence,
          }
        : {
            ...base,
            status: 'error',
            summary: `Auth0 rejected the client id or secret of ${who}.`,
            fix: 'Copy both from Applications > Applications > (the application) > Settings in the Auth0 Dashboard and run "Auth0: Use Client Credentials…" again.',
            evidence: firstProbe.evidence,
          };
    }
    const expired = 'reason' in error && error.reason === 'expired';
    if (mismatch && !expired) {
      return { ...base, status: 'error', summary: `Auth0 refused the token. ${mismatch.summary}`, fix: mismatch.fix, evidence: firstProbe.evidence };
    }
    return {
      ...base,
      status: 'error',
      summary: expired ? 'Auth0 refused the token: it has expired.' : 'Auth0 refused the token: it was not issued for this tenant, or it is malformed or revoked.',
      fix: 'Create a token on the API Explorer tab of Applications > APIs > Auth0 Management API in the Auth0 Dashboard and run "Auth0: Set Management API Token…", or use client credentials, which are renewed automatically.',
      evidence: firstProbe.evidence,
    };
  }
  if (firstProbe.kind === 'failed') {
    if (mismatch) {
      return { ...base, status: 'error', summary: `${reachability(firstProbe.error)} ${mismatch.summary}`, fix: mismatch.fix, evidence: firstProbe.evidence };
    }
    const custom = domain !== undefined && looksLikeCustomDomain(domain) ? ` ${code(domain)} looks like a custom domain, which serves no Management API.` : '';
    return {
      ...base,
      status: 'error',
      summary: `${reachability(firstProbe.error)}${custom}`,
      fix: "Check the tenant domain (the tenant's canonical domain, the Domain of an application in the Auth0 Dashboard like `acme.eu.auth0.com`: a custom domain serves no Management API) and the network, then run the check again.",
      evidence: firstProbe.evidence,
    };
  }
  if (firstProbe.kind === 'skipped') {
    return { ...base, status: 'unknown', summary: `Not checked: ${firstProbe.reason}.` };
  }
  return {
    ...base,
    status: 'ok',
    summary: kind === 'client-credentials' ? `Auth0 issued a Management API token to ${who} and accepted it.` : 'Auth0 accepted the pasted Management API token.',
    evidence: firstProbe.evidence,
  };
}

/** When the token stops working: ✗ expired, ⚠ within the hour or unknown, ✓ otherwise or renewed automatically. */
export function tokenExpiryCheck(kind: CredentialKind, info: TokenInfo, now: Date): SetupCheck {
  const base = { id: 'token-expiry', group: 'credentials' as const, title: 'Token expiry' };
  const at = info.expiresAt;
  if (kind === 'client-credentials') {
    return at
      ? { ...base, status: 'ok', summary: `Tokens are fetched and renewed automatically; the current one expires ${formatRelativeTime(at, now)} (${formatAbsoluteTime(at)}).` }
      : { ...base, status: 'unknown', summary: 'No token was issued, so there is no expiry to check.' };
  }
  const newToken = 'Create a new token on the API Explorer tab of Applications > APIs > Auth0 Management API and run "Auth0: Set Management API Token…", or use client credentials, which are renewed automatically.';
  if (!at) {
    return { ...base, status: 'warning', summary: 'The token carries no readable expiry (no `exp` claim), so the extension cannot warn before it stops working.', fix: newToken };
  }
  const left = at.getTime() - now.getTime();
  if (left <= 0) {
    return { ...base, status: 'error', summary: `The token expired ${formatRelativeTime(at, now)} (${formatAbsoluteTime(at)}).`, fix: newToken };
  }
  if (left < EXPIRY_WARNING_MS) {
    return { ...base, status: 'warning', summary: `The token expires ${formatRelativeTime(at, now)} (${formatAbsoluteTime(at)}).`, fix: newToken };
  }
  return { ...base, status: 'ok', summary: `The token expires ${formatRelativeTime(at, now)} (${formatAbsoluteTime(at)}).` };
}

/** Granted scopes: ✓ when the token has every scope the features use, ⚠ when it lacks some or shows none. */
export function scopesCheck(info: TokenInfo, missing: readonly string[], notChecked?: string): SetupCheck {
  const base = { id: 'scopes', group: 'credentials' as const, title: 'Granted scopes' };
  if (notChecked) {
    const claimed = info.scopes === undefined ? '' : ` Its claims name ${info.scopes.length} scope${info.scopes.length === 1 ? '' : 's'}; check again with working credentials.`;
    return { ...base, status: 'unknown', summary: `Not checked: ${notChecked}.${claimed}` };
  }
  if (info.scopes === undefined) {
    return {
      ...base,
      status: 'warning',
      summary: "The token's scopes cannot be read (it has no `scope` claim), so each feature below is judged by Auth0's answers alone.",
    };
  }
  const granted = info.scopes.length;
  if (missing.length === 0) {
    return { ...base, status: 'ok', summary: `The token grants ${granted} scope${granted === 1 ? '' : 's'}, among them every scope this extension uses.` };
  }
  return {
    ...base,
    status: 'warning',
    summary: `The token grants ${granted} scope${granted === 1 ? '' : 's'} but lacks ${codeList(missing)}; the features below say what each is for.`,
    missingScopes: [...missing],
  };
}

/** "`read:users` and `read:logs` (or `read:logs_users`)": what a feature needs, each alternative named. */
export function requirementText(feature: FeatureScopes): string {
  const groups = feature.requires.map((group) => (group.length > 1 ? `${code(group[0])} (or ${codeList(group.slice(1), 'or')})` : code(group[0])));
  return groups.length <= 1 ? groups.join('') : `${groups.slice(0, -1).join(', ')} and ${groups[groups.length - 1]}`;
}

/** The probes that tell about a feature's scopes when the token does not show them. */
export type FeatureEvidence = Partial<Record<FeatureId, ProbeOutcome<unknown>>>;

/**
 * Whether a feature's scopes are there: ✓, or its severity with the exact scopes to add and where.
 * `notChecked` (why) when no token could be had, so its scopes are unknown for want of one.
 * `refreshTokens` says when no refresh token can be listed whatever the feature's own scopes: the
 * plan has no refresh-token endpoints, or the token lacks `read:refresh_tokens`.
 */
export function featureCheck(
  feature: FeatureScopes,
  kind: CredentialKind,
  info: TokenInfo,
  evidence: FeatureEvidence,
  notChecked?: string,
  refreshTokens?: RefreshTokensUnreadable,
): SetupCheck {
  const base = { id: `feature:${feature.id}`, group: 'features' as const, title: feature.title };
  const where = grantScopesBriefly(kind);
  if (notChecked) {
    // A refused or unreachable token's claims say nothing of what a working one can do.
    return { ...base, status: 'unknown', summary: `Not checked: ${notChecked}. It needs ${requirementText(feature)}.` };
  }
  if ((refreshTokens === 'plan' || refreshTokens === 'plan-and-sessions') && feature.onRefreshTokens) {
    if (feature.id === 'contain') {
      return containOnPlan(base, info.scopes === undefined ? undefined : new Set(info.scopes), refreshTokens === 'plan-and-sessions', where);
    }
    // No scope helps here: the scopes to add would fix nothing, so none are asked for.
    return { ...base, status: 'warning', summary: "It cannot work here whatever its scopes: this tenant's plan has no refresh-token endpoints (see Endpoints)." };
  }
  const unopenable = refreshTokens === 'scope' && feature.fromTokenRows;
  if (info.scopes !== undefined) {
    const missing = scopesToAdd(feature, new Set(info.scopes));
    if (missing.length === 0) {
      const used = feature.requires.map((group) => group.find((scope) => info.scopes!.includes(scope)) ?? group[0]);
      if (unopenable) {
        return {
          ...base,
          status: 'warning',
          summary: `Its own scopes are granted (${codeList([...new Set(used)])}), but it acts from a refresh token's row or details panel, and without ${code('read:refresh_tokens')} no refresh token can be listed or opened (see Browse).`,
        };
      }
      return { ...base, status: 'ok', summary: `Granted: ${codeList([...new Set(used)])}.` };
    }
    return {
      ...base,
      status: missing.some((scope) => feature.errorWithout?.includes(scope)) ? 'error' : feature.severity,
      summary: `The token lacks ${codeList(missing)}: ${consequenceOf(feature, missing)}. It is for ${feature.what}.`,
      fix: `Grant ${codeList(missing)} ${where}.`,
      missingScopes: missing,
    };
  }
  const probe = evidence[feature.id];
  if (probe?.kind === 'refused-scope') {
    const missing = probe.scopes.length > 0 ? [probe.scopes[0]] : feature.requires.map((group) => group[0]);
    return {
      ...base,
      status: feature.severity,
      summary: `Auth0 refused ${feature.what} for want of a scope (${code(probe.evidence)}): ${consequenceOf(feature, missing)}.`,
      fix: `Grant ${codeList(missing)} ${where}.`,
      missingScopes: missing,
      evidence: probe.evidence,
    };
  }
  if (probe?.kind === 'answered') {
    return { ...base, status: 'ok', summary: `Auth0 answered ${code(probe.evidence)}, so the token has the scopes this needs.`, evidence: probe.evidence };
  }
  return { ...base, status: 'unknown', summary: `Cannot tell: the token does not show its scopes. It needs ${requirementText(feature)}.` };
}

/**
 * Why no refresh token can be listed, whatever a feature's own scopes: the plan (and whether it
 * lacks the session endpoints too), or a missing `read:refresh_tokens`.
 */
export type RefreshTokensUnreadable = 'plan' | 'plan-and-sessions' | 'scope' | undefined;

/**
 * "Contain User…" on a plan without refresh-token endpoints: it still blocks (with `update:users`)
 * and ends the sessions (with `delete:sessions`, where the plan has session endpoints); its
 * refresh-token step fails. Says which steps work and fail, and asks only for scopes that help.
 */
function containOnPlan(base: Pick<SetupCheck, 'id' | 'group' | 'title'>, granted: ReadonlySet<string> | undefined, sessionsToo: boolean, where: string): SetupCheck {
  const has = (scope: string) => granted === undefined || granted.has(scope);
  const works: string[] = [];
  const missing: string[] = [];
  (has('update:users') ? works : missing).push(has('update:users') ? 'block the user' : 'update:users');
  if (!sessionsToo) {
    (has('delete:sessions') ? works : missing).push(has('delete:sessions') ? 'end their sessions' : 'delete:sessions');
  }
  const failing = sessionsToo ? 'its steps that end the sessions and revoke refresh tokens fail' : 'its step that revokes refresh tokens fails';
  const plan = sessionsToo ? 'refresh-token or session endpoints' : 'refresh-token endpoints';
  const start = works.length > 0 ? `"Contain User…" can ${works.join(' and ')} here, but ${failing}` : `"Contain User…" can do nothing here: ${failing}`;
  const summary = `${start}, as this tenant's plan has no ${plan} (see Endpoints).`;
  return missing.length === 0
    ? { ...base, status: 'warning', summary }
    : { ...base, status: 'warning', summary: `${summary} The token also lacks ${codeList(missing)} for its other steps.`, fix: `Grant ${codeList(missing)} ${where}.`, missingScopes: missing };
}

/** One check per feature, in FEATURES order. */
export function featureChecks(kind: CredentialKind, info: TokenInfo, evidence: FeatureEvidence, notChecked?: string, refreshTokens?: RefreshTokensUnreadable): SetupCheck[] {
  return FEATURES.map((feature) => featureCheck(feature, kind, info, evidence, notChecked, refreshTokens));
}

export interface EndpointDescription {
  id: string;
  title: string;
  /** ✓: what the answer means. */
  present: string;
  /** Without the endpoint: its status and what the extension does then. */
  absentStatus: CheckStatus;
  absent: string;
  absentFix: string;
}

export const ENDPOINTS = {
  refreshTokens: {
    id: 'endpoint:refresh-tokens',
    title: 'Refresh-token endpoints (plan)',
    present: 'Auth0 answered the per-user refresh-token listing: the plan includes the refresh-token endpoints.',
    absentStatus: 'error',
    absent: "The tenant's plan has no refresh-token endpoints, so the extension can list users but none of their refresh tokens. They come with Auth0's Enterprise plans.",
    absentFix: "Use a tenant on an Enterprise plan, or ask Auth0 to enable the refresh-token endpoints for this one.",
  },
  sessions: {
    id: 'endpoint:sessions',
    title: 'Session endpoints (plan)',
    present: "Auth0 answered the per-user session listing: the details panel can show a token's session and revoke it.",
    absentStatus: 'warning',
    absent: "The tenant's plan has no session endpoints: the details panel shows no Session section and cannot revoke a session; refresh tokens are still listed and revoked one by one.",
    absentFix: "Session endpoints come with Auth0's Enterprise plans; nothing else needs changing.",
  },
  /** The session endpoints on a plan that has no refresh-token endpoints: there is no token to show a session for. */
  sessionsWithoutRefreshTokens: {
    id: 'endpoint:sessions',
    title: 'Session endpoints (plan)',
    present: "Auth0 answered the per-user session listing, but without the refresh-token endpoints there is no refresh token whose session the details panel could show.",
    absentStatus: 'warning',
    absent: "The tenant's plan has no session endpoints either: with the refresh-token endpoints, both come with Auth0's Enterprise plans.",
    absentFix: 'See the refresh-token endpoints above: the same plan change brings both.',
  },
  /** A user's log listing on a plan without refresh-token endpoints: no details panel can show a History. */
  userLogsWithoutRefreshTokens: {
    id: 'endpoint:user-logs',
    title: 'User log events',
    present: "Auth0 answered a user's log listing (`GET /api/v2/users/{id}/logs`), but without the refresh-token endpoints there is no refresh token whose History a details panel could show.",
    absentStatus: 'warning',
    absent: "The tenant does not answer a user's log listing either.",
    absentFix: 'Check that the tenant domain is the tenant itself, not a proxy in front of it.',
  },
  refreshTokenList: {
    id: 'endpoint:refresh-token-list',
    title: 'Refresh-token list (Early Access)',
    present: "The Early Access list (`GET /api/v2/refresh-tokens`) is enabled: a hunt for one application's tokens asks Auth0 for those only.",
    absentStatus: 'warning',
    absent: "The Early Access list (`GET /api/v2/refresh-tokens`) is not enabled: the extension lists each user's tokens with `GET /api/v2/users/{id}/refresh-tokens` and filters them itself (the same results, more requests).",
    absentFix: 'Nothing is needed. To use it, ask Auth0 to enable the Early Access refresh-token endpoints for this tenant.',
  },
  bulkRevocation: {
    id: 'endpoint:bulk-revocation',
    title: 'Bulk revocation (Early Access)',
    present: 'The Early Access bulk revocation (`POST /api/v2/refresh-tokens/revoke`) is enabled: it refused the check\'s empty list of ids without revoking anything.',
    absentStatus: 'warning',
    absent: "The Early Access bulk revocation (`POST /api/v2/refresh-tokens/revoke`) is not enabled: revoking many tokens sends one `DELETE /api/v2/refresh-tokens/{id}` per token, or `DELETE /api/v2/users/{id}/refresh-tokens` for all of a user's.",
    absentFix: 'Nothing is needed. To use it, ask Auth0 to enable the Early Access refresh-token endpoints for this tenant.',
  },
  userLogs: {
    id: 'endpoint:user-logs',
    title: 'User log events',
    present: "Auth0 answered a user's log listing (`GET /api/v2/users/{id}/logs`): the History section and the findings that need log events can read it.",
    absentStatus: 'warning',
    absent: "The tenant does not answer a user's log listing: the History section and the findings that need log events stay empty.",
    absentFix: 'Check that the tenant domain is the tenant itself, not a proxy in front of it.',
  },
} as const satisfies Record<string, EndpointDescription>;

/** What one endpoint probe showed: ✓ present, the endpoint's status when absent, '?' when it could not tell. */
export function endpointCheck(endpoint: EndpointDescription, probe: ProbeOutcome<unknown>): SetupCheck {
  const base = { id: endpoint.id, group: 'endpoints' as const, title: endpoint.title };
  switch (probe.kind) {
    case 'answered':
      return { ...base, status: 'ok', summary: endpoint.present, evidence: probe.evidence };
    case 'absent':
      return { ...base, status: endpoint.absentStatus, summary: endpoint.absent, fix: endpoint.absentFix, evidence: probe.evidence };
    case 'refused-scope':
      return {
        ...base,
        status: 'unknown',
        summary: `Could not tell: Auth0 refused the probe for want of ${probe.scopes.length > 0 ? codeList(probe.scopes, 'or') : 'a scope'} (see the features above).`,
        evidence: probe.evidence,
      };
    case 'refused-credentials':
      return { ...base, status: 'unknown', summary: 'Not checked: Auth0 refused the credentials.', evidence: probe.evidence };
    case 'failed':
      return { ...base, status: 'unknown', summary: `Could not tell: ${reachability(probe.error).replace(/\.$/, '')} (${code(probe.evidence)}).`, evidence: probe.evidence };
    case 'skipped':
      return { ...base, status: 'unknown', summary: `Not checked: ${probe.reason}.` };
  }
}

/** How far back the tenant's log events go, from the age of the oldest one. */
export function logRetentionCheck(probe: ProbeOutcome<Date | undefined>, now: Date): SetupCheck {
  const base = { id: 'log-retention', group: 'endpoints' as const, title: 'Log retention' };
  const keepLonger =
    "Auth0 keeps log events 1 to 30 days depending on the plan; to keep them longer, stream them to a store of your own (Monitoring > Streams in the Auth0 Dashboard). Nothing in this extension needs changing.";
  if (probe.kind !== 'answered') {
    return endpointCheck({ ...ENDPOINTS.userLogs, id: base.id, title: base.title }, probe);
  }
  const oldest = probe.value;
  if (oldest === undefined) {
    return {
      ...base,
      status: 'warning',
      summary: 'Auth0 returned no log events at all: the History section and the findings that need log events will find nothing.',
      fix: keepLonger,
      evidence: probe.evidence,
    };
  }
  const days = Math.max(0, now.getTime() - oldest.getTime()) / DAY_MS;
  const age = days < 2 ? `${Math.round(days * 24)} h` : `${Math.floor(days)} days`;
  if (days >= FULL_RETENTION_DAYS) {
    return {
      ...base,
      status: 'ok',
      summary: `The oldest log event is ${age} old: the tenant keeps about the ${FINDINGS_WINDOW_DAYS} days the findings look at.`,
      evidence: probe.evidence,
    };
  }
  return {
    ...base,
    status: 'warning',
    summary: `The oldest log event is ${age} old: the tenant keeps about that much (or is that new), less than the ${FINDINGS_WINDOW_DAYS} days the findings look at, so History and the reuse findings see only that far back.`,
    fix: keepLonger,
    evidence: probe.evidence,
  };
}

/** Auth0's documented Management API rates by burst (FACTS.md: Enterprise production and non-production). */
export const DOCUMENTED_RATES: Readonly<Record<number, { perSecond: number; plan: string }>> = {
  50: { perSecond: 16, plan: 'Enterprise, production' },
  10: { perSecond: 2, plan: 'Enterprise, non-production' },
};

/** Requests a hunt makes per user: one page of refresh tokens, and one page of users per 100. */
export const HUNT_REQUESTS_PER_USER = 1 + 1 / 100;

/** "40 s", "2 min", "1.5 h": a duration rounded to what a person plans with. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 90) {
    return `${Math.max(1, Math.round(seconds))} s`;
  }
  const minutes = seconds / 60;
  if (minutes < 90) {
    return `${Math.round(minutes)} min`;
  }
  return `${(minutes / 60).toFixed(1).replace(/\.0$/, '')} h`;
}

/** From this wait on, the page says the check is waiting for the rate limit rather than just "Checking…". */
export const NAMED_WAIT_MS = 5_000;

/**
 * The loading page's line while the check runs: the probe about to be sent ("Session endpoints"),
 * and, when the tenant's rate limiter will hold it `waitMs` (TenantRateLimiter.expectedWaitMs) of
 * NAMED_WAIT_MS or more, that wait, so a slow check is not mistaken for a stuck one.
 */
export function checkingStepText(step: string, waitMs: number): string {
  return waitMs >= NAMED_WAIT_MS
    ? `${step}: waiting about ${formatDuration(waitMs)} for the tenant's Management API rate limit; each request after it may wait as long (other requests of this tenant come first).`
    : `${step}…`;
}

/** How long a hunt over `users` users takes at `share` of `perSecond`, in ms. */
export function huntDurationMs(users: number, perSecond: number, share: number): number {
  return ((users * HUNT_REQUESTS_PER_USER) / (perSecond * share)) * 1000;
}

export interface RateLimitInput {
  observation?: RateLimitObservation;
  /** Whether Auth0 answered any request of the check (headers can only come with an answer). */
  answered: boolean;
  /** Whether Auth0 answered a probe with 429. */
  rateLimited: boolean;
  /** Management API requests the check itself sent up to the reading: they used the bucket too. */
  ownRequests: number;
  /** The share of the rate background work (a hunt) may use. */
  backgroundShare: number;
  userCount?: number;
  /** Local time, and the tenant clock's offset from it (to read x-ratelimit-reset). */
  now: Date;
  skewMs?: number;
}

/** The limit in the x-ratelimit-* headers and what it means for a hunt. */
export function rateLimitCheck(input: RateLimitInput): SetupCheck {
  const base = { id: 'rate-limit', group: 'rate-limit' as const, title: 'Management API rate limit' };
  const { observation, backgroundShare } = input;
  if (!input.answered) {
    return { ...base, status: 'unknown', summary: 'Not checked: Auth0 answered no Management API request.' };
  }
  if (!observation) {
    return input.rateLimited
      ? { ...base, status: 'warning', summary: 'Auth0 answered the check with 429 (rate limited) and no x-ratelimit-* headers.', fix: 'Run the check again in a minute.' }
      : {
          ...base,
          status: 'warning',
          summary: 'Auth0 sent no x-ratelimit-* headers, so the extension cannot pace itself to the limit and backs off after a 429 instead.',
          fix: 'Check that nothing between this machine and Auth0 (a proxy) removes response headers.',
        };
  }
  const { limit, remaining, resetSeconds, perSecond } = observation;
  const serverNow = input.now.getTime() + (input.skewMs ?? 0);
  const resetIn = resetSeconds === undefined ? undefined : Math.max(0, resetSeconds * 1000 - serverNow);
  const documented = DOCUMENTED_RATES[limit];
  const own = input.ownRequests;
  // Refill during the check only makes this smaller: what is left is not the check's own doing.
  const othersUsed = Math.max(0, limit - remaining - own);
  const parts = [`A burst of ${limit.toLocaleString('en-US')} requests, ${remaining.toLocaleString('en-US')} left now (the check itself used ${own})`];
  if (resetIn !== undefined) {
    parts.push(resetIn < 1000 ? 'full again within a second' : `full again in ${formatDuration(resetIn)}`);
  }
  let sentence = parts.join(', ');
  if (perSecond !== undefined) {
    sentence += `, refilled at ${perSecond} request${perSecond === 1 ? "" : "s"}/s${documented ? ` (Auth0's documented rate, ${documented.plan})` : ' (estimated from the headers)'}`;
    const huntRate = Number((perSecond * backgroundShare).toFixed(1));
    const share = backgroundShare === 0.5 ? 'half' : `${Math.round(backgroundShare * 100)}%`;
    const tenant = input.userCount !== undefined && input.userCount > 0 ? `; this tenant's ${input.userCount.toLocaleString('en-US')} users ≈ ${formatDuration(huntDurationMs(input.userCount, perSecond, backgroundShare))}` : '';
    sentence += `. A hunt uses ${share} of it (${huntRate} request${huntRate === 1 ? "" : "s"}/s): 1,000 users ≈ ${formatDuration(huntDurationMs(1000, perSecond, backgroundShare))}${tenant}.`;
  } else {
    sentence += '. Auth0 documents no refill rate for this limit, so how long a hunt takes is learned as it runs.';
  }
  if (input.rateLimited) {
    return { ...base, status: 'warning', summary: `Auth0 rate-limited the check itself (429). ${sentence}`, fix: 'Something else is using up this tenant\'s Management API limit: a hunt now would go slowly. Run the check again later.' };
  }
  if (othersUsed >= limit * OTHERS_BUSY_SHARE) {
    return {
      ...base,
      status: 'warning',
      summary: `Only ${remaining} of ${limit} requests were left, and the check itself used ${own}: something else used about ${othersUsed} of this tenant's Management API limit just now. ${sentence.replace(/ \(the check itself used \d+\)/, '')}`,
      fix: 'A hunt started now goes slower than estimated; look for other applications calling the Management API, or run it later.',
    };
  }
  if (remaining === 0) {
    return {
      ...base,
      status: 'warning',
      summary: `${sentence} Nothing is left now: the extension's next requests (the view's included) wait until the bucket refills.`,
      fix: 'Wait for it to refill before a hunt or an export; nothing needs changing if this was only the check.',
    };
  }
  return { ...base, status: 'ok', summary: sentence };
}

/** Clock skew between this machine and Auth0 (from the Date headers). */
export function clockCheck(observation: ClockObservation | undefined, answered = true): SetupCheck {
  const base = { id: 'clock-skew', group: 'clock' as const, title: 'Clock skew' };
  if (!observation) {
    return {
      ...base,
      status: 'unknown',
      summary: answered ? 'Auth0 sent no Date header, so the clocks could not be compared.' : 'Not checked: Auth0 answered no Management API request.',
    };
  }
  const { skewMs, uncertaintyMs } = observation;
  const size = Math.abs(skewMs);
  const within = formatDuration(Math.max(1000, uncertaintyMs));
  if (size <= Math.max(CLOCK_WARNING_MS, uncertaintyMs)) {
    return { ...base, status: 'ok', summary: `This machine's clock agrees with Auth0's (within ${formatDuration(Math.max(size, uncertaintyMs, 1000))}).` };
  }
  const direction = skewMs > 0 ? 'behind' : 'ahead of';
  return {
    ...base,
    status: size >= CLOCK_ERROR_MS ? 'error' : 'warning',
    summary: `This machine's clock is ${formatDuration(size)} ${direction} Auth0's (±${within}): token expiry, idle expiry and "expires in" are shown off by that much.`,
    fix: 'Turn on automatic time synchronisation (Windows: Settings > Time & language > Date & time; macOS: System Settings > General > Date & Time; Linux: `timedatectl set-ntp true`).',
  };
}
