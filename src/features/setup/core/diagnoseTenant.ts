// "Check Tenant Setup": a short, read-only diagnosis of one tenant. It reads what the token
// provider knows (kind, expiry, granted scopes), sends one cheap probe per endpoint the extension
// depends on (tenantProbes.ts) through the tenant's own rate limiter, and reads the rate limit and
// the clock from the answers' headers. Nothing it sends writes to the tenant: every probe is a
// GET of one item, except the bulk revocation's, which carries an empty list (see
// probeBulkRevocation). Probes whose scope the token visibly lacks are not sent.

import { delay } from '../../../auth0/cancellation';
import { createManagementClient } from '../../../auth0/managementClient';
import { ManagementTransport } from '../../../auth0/managementTransport';
import { TenantRateLimiter } from '../../../auth0/rateLimiter';
import type { RequestListener, RequestRecord } from '../../../auth0/requestLog';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../../auth0/retryPolicy';
import { parseTenantDomain, type TenantEndpoint } from '../../../auth0/tenantDomain';
import type { ManagementTokenProvider, TokenInfo } from '../../../auth0/tokenProvider';
import { FEATURES, everyFeatureScope, grantScopesAt, scopesToAdd } from './featureScopes';
import {
  DOCUMENTED_RATES, ENDPOINTS, clockCheck, credentialsCheck, endpointCheck, featureChecks, logRetentionCheck, rateLimitCheck, scopesCheck, tokenExpiryCheck,
  type FeatureEvidence, type RefreshTokensUnreadable,
} from './setupChecks';
import type { ClockObservation, CredentialKind, RateLimitObservation, SetupReport } from './setupReport';
import {
  PLACEHOLDER_USER_ID, probeBulkRevocation, probeOldestLogEvent, probeRefreshTokenList, probeRefreshTokens, probeSessions, probeUserLogs, probeUsers,
  type ProbeContext, type ProbeOutcome,
} from './tenantProbes';

export interface DiagnoseTenantOptions {
  /** "acme.eu.auth0.com" (validated, throws InvalidTenantDomainError) or an endpoint already parsed. */
  domain: string | TenantEndpoint;
  /** How the report names the tenant (default: its domain). */
  label?: string;
  credentialKind: CredentialKind;
  /** The tenant's provider: the check reuses its token instead of asking for another. */
  tokenProvider: ManagementTokenProvider;
  /** The tenant's limiter, so the probes queue with everything else the tenant sends (default: a new one). */
  limiter?: TenantRateLimiter;
  /** Per probe (default 30 s). */
  timeoutMs?: number;
  /** Local time in ms (default Date.now). */
  clock?: () => number;
  signal?: AbortSignal;
  /** Also told of every exchange, marked with purpose 'setup check', like the tenant's other requests (the output channel). */
  onRequest?: RequestListener;
  /** Called before each probe with what it asks, for a progress notification. */
  onProgress?: (step: string) => void;
}

/** One answered exchange and when this machine saw it end (local ms). */
export interface ObservedExchange {
  record: RequestRecord;
  receivedAt: number;
}

/**
 * Runs the diagnosis and resolves with the report; never rejects for what Auth0 answers (a
 * refused token, a missing plan, an unreachable tenant are checks with ✗), only with a
 * 'cancelled' ManagementApiError when `signal` aborts. Sends at most 7 Management API requests
 * (plus a token request for client credentials without a cached token), none of which writes.
 */
export async function diagnoseTenant(options: DiagnoseTenantOptions): Promise<SetupReport> {
  const clock = options.clock ?? Date.now;
  const endpoint = typeof options.domain === 'string' ? parseTenantDomain(options.domain) : options.domain;
  const exchanges: ObservedExchange[] = [];
  const onRequest = (record: RequestRecord) => {
    exchanges.push({ record, receivedAt: clock() });
    options.onRequest?.({ ...record, purpose: 'setup check' });
  };
  const limiter = options.limiter ?? new TenantRateLimiter({ clock });
  // An answer is the information: a probe is never repeated (a 429 is reported, not waited out twice).
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: 0 };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const { tokenProvider, signal } = options;
  const context: ProbeContext = {
    client: createManagementClient({ domain: endpoint, tokenProvider, limiter, onRequest, retry, timeoutMs, clock }),
    transport: new ManagementTransport({ endpoint, tokenProvider, limiter, timeoutMs, retry, onRequest, clock, sleep: delay }),
    signal,
  };
  const progress = (step: string) => options.onProgress?.(step);
  const throwIfCancelled = <T>(outcome: ProbeOutcome<T>): ProbeOutcome<T> => {
    if (outcome.kind === 'failed' && outcome.error.kind === 'cancelled') {
      throw outcome.error;
    }
    return outcome;
  };

  progress('Credentials and users');
  const users = throwIfCancelled(await probeUsers(context));
  // Client credentials know their token's expiry and scopes only once it has been fetched.
  const info: TokenInfo = tokenProvider.describe();
  const granted = info.scopes === undefined ? undefined : new Set(info.scopes);
  const stopped =
    users.kind === 'refused-credentials' ? 'Auth0 refused the credentials' : users.kind === 'failed' ? 'the tenant did not answer the first request' : undefined;
  const sample = users.kind === 'answered' ? users.value.users.find((user) => typeof user.user_id === 'string' && user.user_id !== '')?.user_id : undefined;
  const userId = sample ?? PLACEHOLDER_USER_ID;

  /** Runs `probe` unless the check stopped or the token visibly lacks every scope of `anyOf`. */
  const run = async <T>(step: string, anyOf: readonly string[], probe: () => Promise<ProbeOutcome<T>>, unless?: string): Promise<ProbeOutcome<T>> => {
    if (stopped) {
      return { kind: 'skipped', reason: stopped };
    }
    if (unless) {
      return { kind: 'skipped', reason: unless };
    }
    if (granted && !anyOf.some((scope) => granted.has(scope))) {
      return { kind: 'skipped', reason: `the token lacks ${anyOf.map((scope) => `\`${scope}\``).join(' or ')}` };
    }
    progress(step);
    return throwIfCancelled(await probe());
  };

  const refreshTokens = await run('Refresh-token endpoints', ['read:refresh_tokens'], () => probeRefreshTokens(context, userId));
  const sessions = await run('Session endpoints', ['read:sessions'], () => probeSessions(context, userId));
  const noPlan = refreshTokens.kind === 'absent' ? 'the plan has no refresh-token endpoints' : undefined;
  const list = await run('Early Access refresh-token list', ['read:refresh_tokens'], () => probeRefreshTokenList(context, userId), noPlan);
  const bulk = await run('Early Access bulk revocation', ['delete:refresh_tokens'], () => probeBulkRevocation(context), noPlan);
  const logScopes = ['read:logs', 'read:logs_users'];
  const userLogs = await run('User log events', logScopes, () => probeUserLogs(context, userId));
  const oldest = await run('Log retention', logScopes, () => probeOldestLogEvent(context), userLogs.kind === 'refused-scope' ? 'Auth0 refused the log listing' : undefined);

  const now = new Date(clock());
  const clockObservation = estimateClockSkew(exchanges);
  const rateLimit = observeRateLimit(exchanges);
  const noRefreshTokenPlan = refreshTokens.kind === 'absent';
  const unreadable: RefreshTokensUnreadable = noRefreshTokenPlan
    ? sessions.kind === 'absent' ? 'plan-and-sessions' : 'plan'
    : (granted && !granted.has('read:refresh_tokens')) || refreshTokens.kind === 'refused-scope'
      ? 'scope'
      : undefined;
  // Every scope the features use that the token lacks: what "Granted scopes" reports.
  const lacking = granted ? everyFeatureScope().filter((scope) => FEATURES.some((feature) => scopesToAdd(feature, granted).includes(scope))) : [];
  const evidence: FeatureEvidence = {
    browse: users.kind === 'refused-scope' ? users : refreshTokens,
    hunt: users.kind === 'refused-scope' ? users : refreshTokens,
    sessions,
    history: userLogs,
    revoke: bulk.kind === 'answered' || bulk.kind === 'refused-scope' ? bulk : undefined,
  };
  const kind = options.credentialKind;
  // A refused or unanswered token: its claims (if any) say nothing of what working credentials can do.
  const noToken = stopped;
  const features = featureChecks(kind, info, evidence, noToken, unreadable);
  // "Scopes to add": only what some feature row asks for (on a plan without refresh-token
  // endpoints, scopes that would fix nothing are not asked for), in the features' order.
  const asked = new Set(features.flatMap((check) => check.missingScopes ?? []));
  const known = everyFeatureScope();
  const missingScopes = [...known.filter((scope) => asked.has(scope)), ...[...asked].filter((scope) => !known.includes(scope))];
  const answered = exchanges.some((exchange) => exchange.record.status !== undefined);
  return {
    tenant: { domain: endpoint.domain, label: options.label ?? endpoint.domain },
    checkedAt: now.toISOString(),
    credentials: {
      kind,
      ...(info.clientId === undefined ? {} : { clientId: info.clientId }),
      ...(info.expiresAt === undefined ? {} : { expiresAt: info.expiresAt.toISOString() }),
      ...(info.scopes === undefined ? {} : { scopes: [...info.scopes] }),
    },
    checks: [
      credentialsCheck({ kind, clientId: info.clientId, firstProbe: users, domain: endpoint.domain, audiences: info.audiences }),
      tokenExpiryCheck(kind, info, now),
      scopesCheck(info, lacking, noToken),
      ...features,
      endpointCheck(ENDPOINTS.refreshTokens, refreshTokens),
      endpointCheck(refreshTokens.kind === 'absent' ? ENDPOINTS.sessionsWithoutRefreshTokens : ENDPOINTS.sessions, sessions),
      endpointCheck(ENDPOINTS.refreshTokenList, list),
      endpointCheck(ENDPOINTS.bulkRevocation, bulk),
      endpointCheck(refreshTokens.kind === 'absent' ? ENDPOINTS.userLogsWithoutRefreshTokens : ENDPOINTS.userLogs, userLogs),
      logRetentionCheck(oldest, now),
      rateLimitCheck({
        observation: rateLimit,
        answered,
        rateLimited: exchanges.some((exchange) => exchange.record.status === 429),
        ownRequests: exchanges.length,
        backgroundShare: limiter.backgroundShare,
        userCount: users.kind === 'answered' ? users.value.total : undefined,
        now,
        skewMs: clockObservation?.skewMs,
      }),
      clockCheck(clockObservation, answered),
    ],
    missingScopes,
    grantScopesAt: grantScopesAt(kind),
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(clockObservation === undefined ? {} : { clock: clockObservation }),
    ...(users.kind === 'answered' && users.value.total !== undefined ? { userCount: users.value.total } : {}),
    requests: exchanges.length,
  };
}

/**
 * Tenant clock minus local clock, from the exchanges' Date headers: the server read at least
 * `date` and less than `date + 1 s` while the exchange was between sent and received on ours, so
 * each exchange bounds the skew to an interval; the intervals are intersected (if they disagree,
 * the last exchange alone decides). Undefined when no answer had a Date header.
 */
export function estimateClockSkew(exchanges: readonly ObservedExchange[]): ClockObservation | undefined {
  const intervals = exchanges
    .filter(({ record }) => record.serverDateMs !== undefined)
    .map(({ record, receivedAt }) => {
      const sentAt = receivedAt - record.durationMs;
      const date = record.serverDateMs as number;
      return { low: date - receivedAt, high: date + 1000 - sentAt };
    });
  if (intervals.length === 0) {
    return undefined;
  }
  let low = Math.max(...intervals.map((interval) => interval.low));
  let high = Math.min(...intervals.map((interval) => interval.high));
  if (low > high) {
    ({ low, high } = intervals[intervals.length - 1]);
  }
  return { skewMs: (low + high) / 2, uncertaintyMs: (high - low) / 2 };
}

/** The last complete x-ratelimit-* reading, with Auth0's documented refill rate for its limit when there is one. */
export function observeRateLimit(exchanges: readonly ObservedExchange[]): RateLimitObservation | undefined {
  const last = [...exchanges].reverse().find(({ record }) => record.rateLimitLimit !== undefined && record.rateLimitRemaining !== undefined);
  if (!last) {
    return undefined;
  }
  const limit = last.record.rateLimitLimit as number;
  const documented = DOCUMENTED_RATES[limit];
  return {
    limit,
    remaining: last.record.rateLimitRemaining as number,
    ...(last.record.rateLimitReset === undefined ? {} : { resetSeconds: last.record.rateLimitReset }),
    ...(documented ? { perSecond: documented.perSecond, documentedRate: true } : {}),
  };
}
