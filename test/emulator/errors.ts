// Auth0's Management API error body: {statusCode, error, message, errorCode}. The reason phrase
// in `error` is the HTTP one; `errorCode` is the machine-readable part clients should branch on.
import type { Auth0ErrorBody } from '../../src/auth0/types';

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  json?: unknown;
  /** Sent as is (used by faults). */
  rawBody?: string;
  /**
   * Answered without the x-ratelimit-* headers even when the tenant's rate limit is on: Auth0's
   * limit on concurrent jobs is not the rate limit, and its 429 carries none of them.
   */
  withoutRateLimitHeaders?: boolean;
}

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function auth0Error(status: number, message: string, errorCode?: string, extra?: Record<string, unknown>): EmulatorResponse {
  const body: Auth0ErrorBody & Record<string, unknown> = {
    statusCode: status,
    error: REASON_PHRASES[status] ?? 'Error',
    message,
    ...(errorCode === undefined ? {} : { errorCode }),
    ...extra,
  };
  return { status, json: body };
}

export const errors = {
  invalidToken: () => auth0Error(401, 'Invalid token', 'invalid_token', { attributes: { error: 'Invalid token' } }),
  badSignature: () =>
    auth0Error(401, 'Invalid signature received for JSON Web Token validation', 'invalid_signature', {
      attributes: { error: 'Invalid signature received for JSON Web Token validation' },
    }),
  expiredToken: () =>
    auth0Error(401, 'Expired token received for JSON Web Token validation', 'token_expired', {
      attributes: { error: 'Expired token received for JSON Web Token validation' },
    }),
  badAudience: (audience: string) => auth0Error(401, `Bad audience: ${audience}`, 'invalid_audience'),
  insufficientScope: (anyOf: readonly string[]) =>
    auth0Error(403, `Insufficient scope, expected any of: ${anyOf.join(',')}`, 'insufficient_scope'),
  insufficientScopeAll: (missing: readonly string[]) =>
    // An operation that needs several scopes at once (POST /sessions/{id}/revoke): names the missing ones.
    auth0Error(403, `Insufficient scope, expected: ${missing.join(',')}`, 'insufficient_scope'),
  fieldsNotReadable: (fields: readonly string[]) =>
    // GET /clients and /clients/{id} with read:client_summary only: the OpenAPI description lets it read
    // client_id, app_type, name and description; "the message will vary depending on the fields and the scopes".
    auth0Error(403, `Some fields cannot be read with the permissions granted by the bearer token scopes: ${fields.join(',')}`, 'insufficient_scope'),
  featureNotEnabled: () =>
    // A tenant whose plan lacks the refresh-token (or session) endpoints, or an Early Access one it was not given.
    auth0Error(403, 'This feature is not enabled for this tenant.', 'feature_not_enabled'),
  queryValidation: (property: string, problem: string) =>
    auth0Error(400, `Query validation error: '${problem}' on property ${property}.`, 'invalid_query_string'),
  badRequest: (message: string) => auth0Error(400, message, 'invalid_query_string'),
  invalidJson: () => auth0Error(400, 'Invalid request payload JSON format', 'invalid_body'),
  invalidBody: (problem: string, property?: string) =>
    auth0Error(400, `Payload validation error: '${problem}'${property === undefined ? '' : ` on property ${property}`}.`, 'invalid_body'),
  invalidUri: () => auth0Error(400, 'Invalid request URI. The message will vary depending on the cause.', 'invalid_uri'),
  invalidPaging: () =>
    auth0Error(
      400,
      'You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation',
      'invalid_paging',
    ),
  userNotFound: () => auth0Error(404, 'User not found', 'inexistent_user'),
  theUserDoesNotExist: () => auth0Error(404, 'The user does not exist.', 'inexistent_user'),
  refreshTokenNotFound: () => auth0Error(404, 'The refresh token does not exist.', 'refresh_token_not_found'),
  sessionNotFound: () => auth0Error(404, 'The session does not exist.', 'session_not_found'),
  /** Auth0's answer when too many jobs run at once (documented for import jobs; an export meets it too). */
  tooManyActiveJobs: (active: number) => ({
    ...auth0Error(429, `There are ${active} active export users jobs, please wait until they finish`, 'too_many_requests'),
    withoutRateLimitHeaders: true,
  }),
  jobNotFound: () => auth0Error(404, 'Job not found.', 'inexistent_job'),
  logNotFound: () => auth0Error(404, 'Log event not found.', 'inexistent_log'),
  clientNotFound: () => auth0Error(404, 'The client does not exist', 'inexistent_client'),
  routeNotFound: () => auth0Error(404, 'Not Found'),
  tooManyRequests: () => auth0Error(429, 'Global limit has been reached', 'too_many_requests'),
  internal: () => auth0Error(500, 'Internal Server Error', 'internal_error'),
  unavailable: () => auth0Error(503, 'Service Unavailable. Please try again later.', 'service_unavailable'),
};
