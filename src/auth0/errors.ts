// Typed Management API failures. Callers branch on `kind`; `message` is written for a person
// and says what to do. No message ever contains a token or a client secret: server text is
// passed through `redact` with the secrets in play before it becomes part of a message.

export type ManagementApiErrorKind =
  | 'unauthorized'
  | 'insufficient-scope'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  /** Auth0 runs only so many jobs (exports, imports) at once: a 429 that is not the rate limit. */
  | 'too-many-jobs'
  | 'invalid-paging'
  | 'bad-request'
  | 'server-error'
  | 'network'
  | 'timeout'
  | 'invalid-json'
  | 'cancelled'
  | 'endpoint-unavailable'
  | 'redirect';

export interface ManagementApiErrorDetails {
  /** HTTP status, when Auth0 answered. */
  status?: number;
  /** Auth0's machine-readable `errorCode` ("insufficient_scope", "invalid_paging"...). */
  errorCode?: string;
  /** Auth0's own `message`, already redacted. */
  serverMessage?: string;
  method?: string;
  /** API path without the query, e.g. "/users/auth0%7C1/refresh-tokens". */
  path?: string;
  cause?: unknown;
}

/**
 * Marks every ManagementApiError with the names of its classes. Lazily loaded bundles (see
 * esbuild.js) carry their own copy of these classes, so `instanceof` compares brands, not
 * constructors: an error thrown by the activation bundle's client is recognised in any bundle.
 */
const ERROR_CLASSES = Symbol.for('auth0TokenInspector.ManagementApiError.classes');

type Branded = { [ERROR_CLASSES]?: readonly string[] };

export class ManagementApiError extends Error {
  /** The class's brand, the same in every bundle (class names do not survive minifying). */
  static readonly brand: string = 'ManagementApiError';

  static [Symbol.hasInstance](value: unknown): boolean {
    const classes = typeof value === 'object' && value !== null ? (value as Branded)[ERROR_CLASSES] : undefined;
    return Array.isArray(classes) && classes.includes(this.brand);
  }

  override readonly name: string = 'ManagementApiError';
  readonly status?: number;
  readonly errorCode?: string;
  readonly serverMessage?: string;
  readonly method?: string;
  readonly path?: string;

  constructor(
    readonly kind: ManagementApiErrorKind,
    message: string,
    details: ManagementApiErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    // Every class from this one down to the one constructed (new.target), for hasInstance.
    const classes: string[] = [];
    for (let type = new.target as unknown as { brand?: string } | null; type && type.brand; type = Object.getPrototypeOf(type)) {
      if (!classes.includes(type.brand)) {
        classes.push(type.brand);
      }
    }
    Object.defineProperty(this, ERROR_CLASSES, { value: classes, enumerable: false });
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.serverMessage = details.serverMessage;
    this.method = details.method;
    this.path = details.path;
  }
}

export class UnauthorizedError extends ManagementApiError {
  static override readonly brand: string = 'UnauthorizedError';
  declare readonly kind: 'unauthorized';
  override readonly name = 'UnauthorizedError';

  constructor(
    readonly reason: 'invalid' | 'expired',
    message: string,
    details?: ManagementApiErrorDetails,
  ) {
    super('unauthorized', message, details);
  }
}

export class InsufficientScopeError extends ManagementApiError {
  static override readonly brand: string = 'InsufficientScopeError';
  declare readonly kind: 'insufficient-scope';
  override readonly name = 'InsufficientScopeError';

  constructor(
    /** Auth0 names the scopes it would accept ("expected any of"); one of them is enough. */
    readonly missingScopes: string[],
    message: string,
    details?: ManagementApiErrorDetails,
  ) {
    super('insufficient-scope', message, details);
  }
}

export class RateLimitedError extends ManagementApiError {
  static override readonly brand: string = 'RateLimitedError';
  declare readonly kind: 'rate-limited';
  override readonly name = 'RateLimitedError';

  constructor(
    /**
     * When a retry may succeed, in ms from when the error was made: Auth0's Retry-After, or when
     * the client gave up, the wait it would have made next. Undefined or 0 when nothing is known.
     */
    readonly retryAfterMs: number | undefined,
    message: string,
    details?: ManagementApiErrorDetails,
  ) {
    super('rate-limited', message, details);
  }
}

/**
 * Auth0 runs only so many jobs of a tenant at once (documented for import jobs: 429 "There are 2
 * active import users jobs, please wait until they finish", without rate-limit headers). That
 * 429 is about the jobs, not the tenant's rate: only the job waits for it, nothing else pauses.
 */
export class TooManyJobsError extends ManagementApiError {
  static override readonly brand: string = 'TooManyJobsError';
  declare readonly kind: 'too-many-jobs';
  override readonly name = 'TooManyJobsError';

  constructor(message: string, details?: ManagementApiErrorDetails) {
    super('too-many-jobs', message, details);
  }
}

/** True for the text of Auth0's "There are 2 active ... jobs, please wait until they finish". */
export function isTooManyJobsMessage(message: string | undefined): boolean {
  return /\bactive\b.*\bjobs?\b|wait until they finish/i.test(message ?? '');
}

export function isManagementApiError(value: unknown, kind?: ManagementApiErrorKind): value is ManagementApiError {
  return value instanceof ManagementApiError && (kind === undefined || value.kind === kind);
}

/** "Insufficient scope, expected any of: read:users,read:current_user" -> ["read:users", "read:current_user"]. */
export function parseExpectedScopes(message: string | undefined): string[] {
  const match = /insufficient scope[^:]*?expected(?: any of)?\s*:\s*(.*)$/is.exec(message ?? '');
  if (!match) {
    return [];
  }
  return match[1]
    .split(/[\s,]+/)
    .map((scope) => scope.replace(/\.$/, ''))
    .filter((scope) => /^[a-z_]+:[a-z_]+$/i.test(scope));
}

/** Replaces every occurrence of a secret with "[redacted]"; short values are never secrets here. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) {
      result = result.split(secret).join('[redacted]');
    }
  }
  return result;
}

/** A limit in whole seconds, rounded up: "30 s". */
export function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}

/** A wait as a person reads it, rounded up: "8 s", "2 min", "3 h". */
export function waitDuration(ms: number): string {
  const wholeSeconds = Math.max(1, Math.ceil(ms / 1000));
  if (wholeSeconds < 60) {
    return `${wholeSeconds} s`;
  }
  const minutes = Math.ceil(wholeSeconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.ceil(minutes / 60)} h`;
}

/**
 * Which page/per_page listing the extension pages reached Auth0's 1,000-result cap (see
 * messages.invalidPaging). GET /logs is only probed (per_page=1), never paged.
 */
export type PagedListing = 'users' | 'user-logs';

/** The listing a request path names: `/users/{id}/logs` → 'user-logs', else 'users'. */
export function pagedListingOf(path: string | undefined): PagedListing {
  return /^(?:\/api\/v2)?\/users\/[^/?#]+\/logs\/?(?:[?#]|$)/.test(path ?? '') ? 'user-logs' : 'users';
}

/** What failed, as it appears at the end of a message: "GET /users/auth0%7C1". */
export function describeRequest(method: string | undefined, path: string | undefined): string {
  return method && path ? `${method} ${path}` : 'the request';
}

export const messages = {
  expiredToken: () => 'The Management API token has expired. Set a new token or use client credentials.',
  invalidToken: (serverMessage?: string) =>
    `Auth0 rejected the Management API token${serverMessage ? ` (${serverMessage})` : ''}. ` +
    'Check that it was issued for this tenant, or set a new token.',
  insufficientScope: (scopes: readonly string[], serverMessage?: string) => {
    if (scopes.length === 0) {
      return `The token lacks a scope this request needs${serverMessage ? ` (${serverMessage})` : ''}. ` +
        'Grant it to the application under APIs > Auth0 Management API in the Auth0 Dashboard, then get a new token.';
    }
    const needed = scopes.length === 1 ? `the scope ${scopes[0]}` : `one of the scopes ${scopes.join(', ')}`;
    return `The token lacks ${needed}. Grant it to the application under APIs > Auth0 Management API ` +
      'in the Auth0 Dashboard, then get a new token.';
  },
  forbidden: (request: string, serverMessage?: string) =>
    `Auth0 refused ${request}${serverMessage ? `: ${serverMessage}` : ''}.`,
  endpointUnavailable: (domain: string) =>
    `Tenant ${domain} does not offer the refresh-token endpoints of the Management API; ` +
    "they are available on Auth0's Enterprise plans.",
  rateLimitedRetrying: (delayMs: number) => `Auth0 is rate limiting this tenant; retrying in ${waitDuration(delayMs)}`,
  rateLimitedGaveUp: (retryAfterMs: number | undefined) =>
    `Auth0 is rate limiting this tenant; try again${retryAfterMs === undefined || !(retryAfterMs > 0) ? ' shortly' : ` in ${waitDuration(retryAfterMs)}`}.`,
  tooManyJobs: (serverMessage?: string) =>
    `Auth0 runs few jobs at once${serverMessage ? ` (${serverMessage})` : ''}; not the tenant's rate limit.`,
  /**
   * Auth0 pages a listing through its first 1,000 results (page * per_page). What lies beyond
   * depends on the listing: users are found by a narrower search; a user's log events
   * (GET /users/{id}/logs) beyond it by a tenant log search narrowed by date (the Dashboard or
   * GET /api/v2/logs, which pages through 1,000 again).
   */
  invalidPaging: (listing: PagedListing = 'users') => {
    switch (listing) {
      case 'user-logs':
        return "Auth0 pages through only the newest 1,000 of a user's log events; search the tenant's logs by date for older ones.";
      case 'users':
        return 'Auth0 lists only the first 1,000 users of a listing or search. Search (for example by email) to find the others.';
    }
  },
  badRequest: (request: string, serverMessage?: string) =>
    `Auth0 rejected ${request}${serverMessage ? `: ${serverMessage}` : ''}.`,
  serverError: (domain: string, status: number, request: string) =>
    `Tenant ${domain} answered ${status} to ${request}. Auth0 may be having problems; try again later.`,
  network: (domain: string, reason: string) => `Cannot reach tenant ${domain}: ${reason}. Check the domain and your network.`,
  timeout: (domain: string, timeoutMs: number, request: string) =>
    `Tenant ${domain} did not answer ${request} within ${seconds(timeoutMs)}. Try again later.`,
  invalidJson: (domain: string, request: string) =>
    `Tenant ${domain} answered ${request} with a response that is not the JSON Auth0 sends. Try again later.`,
  cancelled: () => 'The request was cancelled.',
  redirect: (domain: string, status: number, request: string) =>
    `Tenant ${domain} answered ${request} with a redirect${status > 0 ? ` (${status})` : ''}. It is not followed, so the token is not ` +
    'sent elsewhere: check the tenant domain.',
};
