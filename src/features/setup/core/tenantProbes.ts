// The setup check's probes: one cheap, read-only request each (the first page of one item),
// sent at foreground priority through the tenant's own rate limiter and never retried, so the
// check costs a handful of requests. Each answer is sorted into what it says about the tenant:
// the endpoint answered, the tenant does not have it (plan or Early Access), the token lacks a
// scope, the credentials were refused, or the probe failed for another reason.

import { InsufficientScopeError, ManagementApiError, UnauthorizedError } from '../../../auth0/errors';
import type { ListUsersOptions, ManagementClient, UserListResult, UserLogPage } from '../../../auth0/managementClient';
import type { ManagementTransport } from '../../../auth0/managementTransport';
import type { LogEvent } from '../../../auth0/types';
import { parseAuth0Date } from '../../../presentation/time';

export type ProbeOutcome<T> =
  | { kind: 'answered'; value: T; evidence: string }
  | { kind: 'absent'; evidence: string }
  | { kind: 'refused-scope'; evidence: string; scopes: string[] }
  | { kind: 'refused-credentials'; evidence: string; error: ManagementApiError }
  | { kind: 'failed'; evidence: string; error: ManagementApiError }
  | { kind: 'skipped'; reason: string };

/** A user id no tenant has: probes that need a user use it when the tenant lists none. */
export const PLACEHOLDER_USER_ID = 'auth0|tenant-setup-check';

/** The Early Access bulk revocation's probe body: see probeBulkRevocation. */
export const BULK_REVOCATION_PROBE_BODY = { ids: [] as string[] };

/** "GET /api/v2/users/{id}/sessions → 403 feature_not_enabled": the template, never a real id. */
export function evidenceOf(request: string, status: number | string | undefined, errorCode?: string): string {
  const code = errorCode !== undefined && /^[a-z0-9_.-]{1,60}$/i.test(errorCode) ? ` ${errorCode}` : '';
  return `${request} → ${status ?? 'no answer'}${code}`;
}

function answered<T>(request: string, value: T, status = 200): ProbeOutcome<T> {
  return { kind: 'answered', value, evidence: evidenceOf(request, status) };
}

interface ClassifyOptions {
  /** A 403 other than insufficient scope means the tenant lacks the endpoint (the session endpoints are not plan-gated in the client). */
  forbiddenMeansAbsent?: boolean;
  /** A 400 means the endpoint exists and checked the request (the bulk revocation's probe). */
  badRequestMeansPresent?: boolean;
}

/**
 * What a failed probe says. A 404 that names what is missing (`errorCode`, e.g. inexistent_user)
 * comes from an endpoint that exists; a bare 404 is a route the tenant does not have.
 */
export function classifyFailure<T>(request: string, error: unknown, options: ClassifyOptions = {}): ProbeOutcome<T> {
  if (!(error instanceof ManagementApiError)) {
    throw error;
  }
  // A refused client-credentials exchange happens before the probe's own request is sent.
  const asked = error.path === '/oauth/token' ? 'POST /oauth/token' : request;
  const evidence = evidenceOf(asked, error.status ?? error.kind, error.errorCode);
  if (error instanceof UnauthorizedError || (error.kind === 'forbidden' && error.path === '/oauth/token')) {
    return { kind: 'refused-credentials', evidence, error };
  }
  if (error instanceof InsufficientScopeError) {
    return { kind: 'refused-scope', evidence, scopes: error.missingScopes };
  }
  switch (error.kind) {
    case 'endpoint-unavailable':
      return { kind: 'absent', evidence };
    case 'forbidden':
      return options.forbiddenMeansAbsent ? { kind: 'absent', evidence } : { kind: 'failed', evidence, error };
    case 'not-found':
      return error.errorCode === undefined ? { kind: 'absent', evidence } : { kind: 'answered', value: undefined as T, evidence };
    case 'bad-request':
      return options.badRequestMeansPresent ? { kind: 'answered', value: undefined as T, evidence } : { kind: 'failed', evidence, error };
    default:
      return { kind: 'failed', evidence, error };
  }
}

export interface ProbeContext {
  client: ManagementClient;
  /** For the two requests the client has no method for (the bulk revocation probe, the tenant's oldest log event). */
  transport: ManagementTransport;
  signal?: AbortSignal;
}

const FOREGROUND = 'foreground' as const;

/** GET /api/v2/users?per_page=1&include_totals=true (read:users): the credentials, a user to probe with, the user count. */
export async function probeUsers({ client, signal }: ProbeContext): Promise<ProbeOutcome<UserListResult>> {
  const request = 'GET /api/v2/users';
  const options: ListUsersOptions = { perPage: 1, includeTotals: true, signal, priority: FOREGROUND };
  try {
    return answered(request, await client.listUsers(options));
  } catch (error) {
    return classifyFailure(request, error);
  }
}

/** GET /api/v2/users/{id}/refresh-tokens?take=1 (read:refresh_tokens): whether the plan has the refresh-token endpoints. */
export async function probeRefreshTokens({ client, signal }: ProbeContext, userId: string): Promise<ProbeOutcome<unknown>> {
  const request = 'GET /api/v2/users/{id}/refresh-tokens';
  try {
    return answered(request, await client.listRefreshTokens(userId, { take: 1, signal, priority: FOREGROUND }));
  } catch (error) {
    return classifyFailure(request, error);
  }
}

/** GET /api/v2/users/{id}/sessions?take=1 (read:sessions): whether the plan has the session endpoints. */
export async function probeSessions({ client, signal }: ProbeContext, userId: string): Promise<ProbeOutcome<unknown>> {
  const request = 'GET /api/v2/users/{id}/sessions';
  try {
    return answered(request, await client.listSessions(userId, { take: 1, signal, priority: FOREGROUND }));
  } catch (error) {
    return classifyFailure(request, error, { forbiddenMeansAbsent: true });
  }
}

/** GET /api/v2/refresh-tokens?user_id=&take=1 (Early Access, read:refresh_tokens). */
export async function probeRefreshTokenList({ client, signal }: ProbeContext, userId: string): Promise<ProbeOutcome<unknown>> {
  const request = 'GET /api/v2/refresh-tokens?user_id=';
  try {
    return answered(request, await client.listRefreshTokensEA({ userId, take: 1, signal, priority: FOREGROUND }));
  } catch (error) {
    return classifyFailure(request, error, { badRequestMeansPresent: true });
  }
}

/**
 * POST /api/v2/refresh-tokens/revoke (Early Access, delete:refresh_tokens) with `{"ids": []}`.
 * Why this cannot revoke anything: an empty list selects no token, whatever Auth0 makes of it,
 * and the request schema (RevokeRefreshTokensRequestContent: `ids` has minItems 1, and `ids`
 * excludes user_id, client_id and audience) makes a tenant that has the endpoint refuse it with
 * 400 before acting, while a tenant without it answers 403 (feature not enabled) or 404 (no such
 * route). Nothing else is ever sent to this endpoint by the check.
 */
export async function probeBulkRevocation({ transport, signal }: ProbeContext): Promise<ProbeOutcome<unknown>> {
  const request = 'POST /api/v2/refresh-tokens/revoke';
  try {
    const response = await transport.send({
      method: 'POST',
      path: '/refresh-tokens/revoke',
      body: BULK_REVOCATION_PROBE_BODY,
      signal,
      priority: FOREGROUND,
      planGated: true,
    });
    // Accepted an empty selection: the endpoint exists, and there was nothing to revoke.
    return answered(request, undefined, response.status);
  } catch (error) {
    return classifyFailure(request, error, { badRequestMeansPresent: true });
  }
}

/** GET /api/v2/users/{id}/logs?per_page=1 (read:logs or read:logs_users): what History reads. */
export async function probeUserLogs({ client, signal }: ProbeContext, userId: string): Promise<ProbeOutcome<UserLogPage>> {
  const request = 'GET /api/v2/users/{id}/logs';
  try {
    return answered(request, await client.listUserLogs(userId, { perPage: 1, includeTotals: true, signal, priority: FOREGROUND }));
  } catch (error) {
    return classifyFailure(request, error);
  }
}

/**
 * GET /api/v2/logs?sort=date:1&per_page=1&fields=date (read:logs or read:logs_users): the
 * tenant's oldest log event, whose age bounds the log retention from below (Auth0 keeps 1 to 30
 * days by plan). Resolves with its date, or undefined when the tenant returned no event.
 */
export async function probeOldestLogEvent({ transport, signal }: ProbeContext): Promise<ProbeOutcome<Date | undefined>> {
  const request = 'GET /api/v2/logs';
  try {
    const response = await transport.send({
      method: 'GET',
      path: '/logs',
      query: { sort: 'date:1', per_page: 1, page: 0, fields: 'date,log_id', include_fields: true, include_totals: false },
      signal,
      priority: FOREGROUND,
    });
    const events = Array.isArray(response.body) ? (response.body as Partial<LogEvent>[]) : [];
    return answered(request, events.length > 0 ? parseAuth0Date(events[0].date) : undefined, response.status);
  } catch (error) {
    return classifyFailure(request, error);
  }
}
