// The Management API operations this extension uses, over the platform fetch. One client per
// tenant: its requests share one rate limiter and concurrency cap, so 40 expanded users queue
// instead of storming the tenant.

import { UnaddressableIdError, encodePathSegment } from './apiPath';
import { delay, raceWithSignal } from './cancellation';
import { ManagementApiError, describeRequest, isManagementApiError, messages } from './errors';
import { ManagementTransport, type ApiRequest } from './managementTransport';
import { TenantRateLimiter, type RequestPriority } from './rateLimiter';
import type { RequestListener, RetryListener } from './requestLog';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, type Sleep } from './retryPolicy';
import { parseTenantDomain, type TenantEndpoint } from './tenantDomain';
import type { ManagementTokenProvider } from './tokenProvider';
import type { ClientSummary, RefreshToken, RefreshTokenPage, Session, SessionPage, User } from './types';
import type { Job, LogEvent, RefreshTokenListPage, UsersExportField } from './types';
import type * as UsersExport from './usersExport.lazy';
import type { UsersExportReadOptions } from './usersExport.lazy';

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * 'foreground' (default): a person is waiting for it. 'background': batch work (a hunt, an
   * export) that yields to foreground requests and uses only its share of the tenant's rate.
   */
  priority?: RequestPriority;
}

export interface ListUsersOptions extends RequestOptions {
  /** 0-based. */
  page?: number;
  /** 1..100 (default 50). */
  perPage?: number;
  /** Lucene query (sent with search_engine=v3). */
  q?: string;
  /** "field:1" or "field:-1". */
  sort?: string;
  /** Default true: the pager needs the total to know when the listing is capped. */
  includeTotals?: boolean;
}

export interface UserListResult {
  users: User[];
  /** Present when totals were requested. */
  total?: number;
  start?: number;
  limit?: number;
}

export interface CursorPageOptions extends RequestOptions {
  /** The `next` of the previous page; absent for the first. */
  from?: string;
  /** 1..100 (Auth0's default is 50). */
  take?: number;
  /** Default true: `total` is what tells the last page (a real tenant sends `next` on it too). */
  includeTotals?: boolean;
}

// Options and results of the session, log, bulk-revocation and export operations.

export interface ListUserLogsOptions extends RequestOptions {
  /** 0-based. */
  page?: number;
  /** 1..100 (default 50). */
  perPage?: number;
  /** Newest first ('date:-1', the default) or oldest first. */
  sort?: 'date:-1' | 'date:1';
  /** Default true: the total says how many events the retention window holds. */
  includeTotals?: boolean;
}

export interface UserLogPage {
  logs: LogEvent[];
  /** Present when totals were requested. */
  total?: number;
  start?: number;
  limit?: number;
}

/**
 * GET /api/v2/logs, in one of its two pagings: checkpoint (`from` a log id, `take` up to 100,
 * oldest first after it; Auth0 ignores `q` then) or offset (`page`/`perPage`, `sort`, `q`).
 */
export interface ListLogsOptions extends RequestOptions {
  /** A log id: the events after it, oldest first. */
  from?: string;
  /** 1..100 with `from`. */
  take?: number;
  /** 0-based, without `from`. */
  page?: number;
  /** 1..100, without `from`. */
  perPage?: number;
  /** Without `from`: 'date:-1' newest first, 'date:1' oldest first. */
  sort?: 'date:-1' | 'date:1';
  /** Lucene query, without `from` (ignored with it). */
  q?: string;
}

export interface ListRefreshTokensEarlyAccessOptions extends RequestOptions {
  userId: string;
  /** Only the tokens of this application. */
  clientId?: string;
  /** The `next` of the previous page; absent for the first. */
  from?: string;
  /** 1..100 (Auth0's default is 50). */
  take?: number;
}

/**
 * What POST /refresh-tokens/revoke revokes: exactly one of up to 100 token ids, a user's
 * tokens, a user's tokens of one application, or of one application and audience. An
 * application alone is not a selection Auth0 accepts.
 */
export type RefreshTokenRevocation =
  | { ids: readonly string[] }
  | { userId: string; clientId?: undefined; audience?: undefined }
  | { userId: string; clientId: string; audience?: string };

export interface CreateUsersExportOptions extends RequestOptions {
  /** 'json' is NDJSON, one user per line (what downloadUsersExport reads); 'csv' has a heading row. */
  format: 'json' | 'csv';
  /** The user attributes to export (default: Auth0's default set). */
  fields?: UsersExportField[];
  /** Only the users of this connection ("con_..."). */
  connectionId?: string;
  /** At most this many users. */
  limit?: number;
}

export interface ManagementClient {
  readonly endpoint: TenantEndpoint;
  readonly limiter: TenantRateLimiter;
  listUsers(options?: ListUsersOptions): Promise<UserListResult>;
  getUser(userId: string, options?: RequestOptions): Promise<User>;
  /** Exact, case-sensitive match, as Auth0 does it. */
  usersByEmail(email: string, options?: RequestOptions): Promise<User[]>;
  listRefreshTokens(userId: string, options?: CursorPageOptions): Promise<RefreshTokenPage>;
  getRefreshToken(tokenId: string, options?: RequestOptions): Promise<RefreshToken>;
  /** Auth0 accepts (202) and deletes in the background: a listing right after may still show it. */
  deleteRefreshToken(tokenId: string, options?: RequestOptions): Promise<void>;
  deleteAllRefreshTokens(userId: string, options?: RequestOptions): Promise<void>;
  /** The application's name; undefined when it cannot be read (403/404), so callers show the id. */
  getClientName(clientId: string, options?: RequestOptions): Promise<string | undefined>;
  /** The name getClientName already resolved, without a request; undefined while unknown. */
  knownClientName(clientId: string): string | undefined;
  /** Every application whose name getClientName or listClientNames resolved so far, without a request. */
  knownClientNames(): ReadonlyMap<string, string>;
  /**
   * GET /api/v2/clients?fields=client_id,name&include_fields=true&include_totals=true&per_page=100,
   * page after page (scope read:clients, read:client_keys or read:client_summary): every
   * application of the tenant as `{client_id, name}`, in Auth0's order; a deleted one is not
   * listed. The names go into the cache knownClientName(s) and getClientName read. Throws the
   * ManagementApiError of the page that failed: an InsufficientScopeError (403) without one of
   * those scopes, 'cancelled' when `signal` aborts.
   */
  listClientNames(options?: RequestOptions): Promise<ClientSummary[]>;
  listSessions(userId: string, options?: CursorPageOptions): Promise<SessionPage>;

  /** GET /sessions/{id}; a session that ended answers 404 ('not-found'). */
  getSession(sessionId: string, options?: RequestOptions): Promise<Session>;
  /** POST /sessions/{id}/revoke: ends the session AND revokes its refresh tokens, in the background (202). */
  revokeSession(sessionId: string, options?: RequestOptions): Promise<void>;
  /** DELETE /users/{id}/sessions: ends every session of the user (202); the refresh tokens live on. */
  deleteUserSessions(userId: string, options?: RequestOptions): Promise<void>;
  /** GET /users/{id}/logs: the user's log events within the tenant's retention window. */
  listUserLogs(userId: string, options?: ListUserLogsOptions): Promise<UserLogPage>;
  /** PATCH /refresh-tokens/{id}: replaces the whole metadata object; null or {} clears it. */
  updateRefreshTokenMetadata(tokenId: string, metadata: Record<string, string> | null, options?: RequestOptions): Promise<RefreshToken>;
  /** GET /refresh-tokens?user_id= (Early Access): 'endpoint-unavailable' on a tenant without it. */
  listRefreshTokensEA(options: ListRefreshTokensEarlyAccessOptions): Promise<RefreshTokenListPage>;
  /** POST /refresh-tokens/revoke (Early Access): accepted (202), applied in the background. */
  revokeRefreshTokens(selection: RefreshTokenRevocation, options?: RequestOptions): Promise<void>;
  /** PATCH /users/{id} {blocked: true}: the user can no longer log in; issued access tokens live until they expire. */
  blockUser(userId: string, options?: RequestOptions): Promise<User>;
  /** POST /jobs/users-exports: a job exporting every user, beyond the 1,000-result cap of a listing. */
  createUsersExport(options: CreateUsersExportOptions): Promise<Job>;
  /** GET /jobs/{id}: `status` 'completed' brings the export's `location`. */
  getJob(jobId: string, options?: RequestOptions): Promise<Job>;
  /** The users of a completed JSON export, streamed from its `location` without the Management API token. */
  downloadUsersExport(location: string, options?: UsersExportReadOptions): AsyncIterable<User>;
  /** GET /logs (scope read:logs): the tenant's log events, a bare array (no totals). */
  listLogs(options?: ListLogsOptions): Promise<LogEvent[]>;
}

export interface ManagementClientOptions {
  /** "example.us.auth0.com" (validated), or an endpoint already parsed. */
  domain: string | TenantEndpoint;
  tokenProvider: ManagementTokenProvider;
  /** Per HTTP exchange, body included (default 30 s). */
  timeoutMs?: number;
  /** Requests in flight at once for this tenant (default 4). */
  concurrency?: number;
  /** Called after every HTTP exchange, for the output log. */
  onRequest?: RequestListener;
  /** Called before every retry, with a message such as "Auth0 is rate limiting this tenant; retrying in 3 s". */
  onRetry?: RetryListener;
  retry?: Partial<RetryPolicy>;
  /** To share one limiter between clients of the same tenant. */
  limiter?: TenantRateLimiter;
  /** Share of the rate and concurrency background requests may use (default 0.5). */
  backgroundShare?: number;
  /** Local time in ms (default Date.now); injected by tests with `sleep`. */
  clock?: () => number;
  /** How waits are made (default: timers); tests inject one that records them. */
  sleep?: Sleep;
}

export function createManagementClient(options: ManagementClientOptions): ManagementClient {
  return new HttpManagementClient(options);
}

const MAX_PAGE_SIZE = 100;

class HttpManagementClient implements ManagementClient {
  readonly endpoint: TenantEndpoint;
  readonly limiter: TenantRateLimiter;
  private readonly transport: ManagementTransport;
  private readonly clientNames = new Map<string, Promise<string | undefined>>();
  /** The answers of clientNames, readable synchronously (tree rows are drawn synchronously). */
  private readonly resolvedClientNames = new Map<string, string>();

  constructor(options: ManagementClientOptions) {
    this.endpoint = typeof options.domain === 'string' ? parseTenantDomain(options.domain) : options.domain;
    const clock = options.clock ?? Date.now;
    const sleep = options.sleep ?? delay;
    const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.limiter =
      options.limiter ??
      new TenantRateLimiter({ concurrency: options.concurrency, backgroundShare: options.backgroundShare, clock, sleep, backoff: retry });
    this.transport = new ManagementTransport({
      endpoint: this.endpoint,
      tokenProvider: options.tokenProvider,
      limiter: this.limiter,
      timeoutMs: options.timeoutMs ?? 30_000,
      retry,
      onRequest: options.onRequest,
      onRetry: options.onRetry,
      clock,
      sleep,
    });
  }

  async listUsers(options: ListUsersOptions = {}): Promise<UserListResult> {
    const includeTotals = options.includeTotals ?? true;
    const { body, path } = await this.get({
      path: '/users',
      query: {
        page: options.page,
        per_page: options.perPage === undefined ? undefined : pageSize(options.perPage),
        include_totals: includeTotals,
        q: options.q,
        search_engine: options.q === undefined ? undefined : 'v3',
        sort: options.sort,
      },
      signal: options.signal,
      priority: options.priority,
    });
    // include_totals=true answers {start, limit, length, total, users}; false a bare array.
    if (Array.isArray(body)) {
      return { users: body as User[] };
    }
    if (isObject(body) && Array.isArray(body.users)) {
      return {
        users: body.users as User[],
        total: numberOrUndefined(body.total),
        start: numberOrUndefined(body.start),
        limit: numberOrUndefined(body.limit),
      };
    }
    throw this.unexpectedShape(path);
  }

  async getUser(userId: string, options: RequestOptions = {}): Promise<User> {
    const { body, path } = await this.get({
      path: `/users/${this.segment(userId, 'user id')}`,
      signal: options.signal,
      priority: options.priority,
      notFoundMessage: `User ${userId} was not found; it may have been deleted.`,
    });
    return this.expectObject<User>(body, path);
  }

  async usersByEmail(email: string, options: RequestOptions = {}): Promise<User[]> {
    const { body, path } = await this.get({ path: '/users-by-email', query: { email }, signal: options.signal, priority: options.priority });
    if (!Array.isArray(body)) {
      throw this.unexpectedShape(path);
    }
    return body as User[];
  }

  /**
   * GET /api/v2/users/{user_id}/refresh-tokens (scope read:refresh_tokens): one page, `take`
   * tokens after the cursor `from`, with include_totals=true unless told otherwise. Resolves with
   * the tokens, `next` (present on the last non-empty page too) and `total` when Auth0 sent one; a
   * bare array (Auth0's answer without totals) is read as the tokens, without `next`. Rejects with
   * a ManagementApiError ('not-found' for an unknown user; 'endpoint-unavailable' on a plan without it).
   */
  async listRefreshTokens(userId: string, options: CursorPageOptions = {}): Promise<RefreshTokenPage> {
    const { body, path } = await this.get({
      path: `/users/${this.segment(userId, 'user id')}/refresh-tokens`,
      query: cursorQuery(options, true),
      signal: options.signal,
      priority: options.priority,
      planGated: true,
      notFoundMessage: `User ${userId} was not found; it may have been deleted.`,
    });
    const page = this.cursorListing(body, path, 'tokens');
    return { tokens: page.items as RefreshToken[], next: page.next, total: page.total };
  }

  async getRefreshToken(tokenId: string, options: RequestOptions = {}): Promise<RefreshToken> {
    const { body, path } = await this.get({
      path: `/refresh-tokens/${this.segment(tokenId, 'refresh token id')}`,
      signal: options.signal,
      priority: options.priority,
      planGated: true,
      notFoundMessage: `Refresh token ${tokenId} was not found; it may have been revoked.`,
    });
    return this.expectObject<RefreshToken>(body, path);
  }

  async deleteRefreshToken(tokenId: string, options: RequestOptions = {}): Promise<void> {
    await this.transport.send({
      method: 'DELETE',
      path: `/refresh-tokens/${this.segment(tokenId, 'refresh token id')}`,
      signal: options.signal,
      priority: options.priority,
      planGated: true,
      notFoundMessage: `Refresh token ${tokenId} was not found; it may have been revoked already.`,
    });
  }

  async deleteAllRefreshTokens(userId: string, options: RequestOptions = {}): Promise<void> {
    await this.transport.send({
      method: 'DELETE',
      path: `/users/${this.segment(userId, 'user id')}/refresh-tokens`,
      signal: options.signal,
      priority: options.priority,
      planGated: true,
      notFoundMessage: `User ${userId} was not found; it may have been deleted.`,
    });
  }

  getClientName(clientId: string, options: RequestOptions = {}): Promise<string | undefined> {
    let lookup = this.clientNames.get(clientId);
    if (!lookup) {
      // Shared by every caller, so not bound to any one caller's signal; it goes at the priority
      // of the caller that asked first.
      lookup = this.fetchClientName(clientId, options.priority);
      this.clientNames.set(clientId, lookup);
      // Only answers are cached: a network failure may go away, a 403/404 will not.
      lookup.then(
        (name) => void (name !== undefined && this.resolvedClientNames.set(clientId, name)),
        () => this.clientNames.delete(clientId),
      );
    }
    return raceWithSignal(lookup, options.signal);
  }

  knownClientName(clientId: string): string | undefined {
    return this.resolvedClientNames.get(clientId);
  }

  knownClientNames(): ReadonlyMap<string, string> {
    return new Map(this.resolvedClientNames);
  }

  async listClientNames(options: RequestOptions = {}): Promise<ClientSummary[]> {
    const clients: ClientSummary[] = [];
    for (let page = 0; ; page++) {
      const { body, path } = await this.get({
        path: '/clients',
        query: { fields: 'client_id,name', include_fields: true, include_totals: true, page, per_page: MAX_PAGE_SIZE },
        signal: options.signal,
        priority: options.priority,
      });
      const listed = isObject(body) ? body.clients : body;
      if (!Array.isArray(listed)) {
        throw this.unexpectedShape(path);
      }
      for (const client of listed as ClientSummary[]) {
        if (typeof client?.client_id === 'string') {
          clients.push(client);
          if (typeof client.name === 'string' && client.name.trim() !== '') {
            this.resolvedClientNames.set(client.client_id, client.name);
            this.clientNames.set(client.client_id, Promise.resolve(client.name));
          }
        }
      }
      // A short page is the last; so is the one that reaches `total` (no request for an empty page).
      const total = isObject(body) ? numberOrUndefined(body.total) : undefined;
      if (listed.length < MAX_PAGE_SIZE || (total !== undefined && (page + 1) * MAX_PAGE_SIZE >= total)) {
        return clients;
      }
    }
  }

  /**
   * GET /api/v2/users/{user_id}/sessions (scope read:sessions): one page, read as
   * listRefreshTokens reads its answer (include_totals=true by default; a bare array accepted).
   */
  async listSessions(userId: string, options: CursorPageOptions = {}): Promise<SessionPage> {
    const { body, path } = await this.get({
      path: `/users/${this.segment(userId, 'user id')}/sessions`,
      query: cursorQuery(options, true),
      signal: options.signal,
      priority: options.priority,
      notFoundMessage: `User ${userId} was not found; it may have been deleted.`,
    });
    const page = this.cursorListing(body, path, 'sessions');
    return { sessions: page.items as Session[], next: page.next, total: page.total };
  }

  /**
   * One page of a cursor listing: `{[key]: [...], next?, total?}`, or a bare array (Auth0's answer
   * without include_totals), which carries no cursor. Anything else is an unexpected shape.
   */
  private cursorListing(body: unknown, path: string, key: string): { items: unknown[]; next?: string; total?: number } {
    if (Array.isArray(body)) {
      return { items: body };
    }
    const page = this.expectObject<Record<string, unknown>>(body, path);
    const items = page[key] ?? [];
    if (!Array.isArray(items)) {
      throw this.unexpectedShape(path);
    }
    const total = numberOrUndefined(page.total);
    return { items, next: nonEmptyString(page.next), total: total !== undefined && total >= 0 ? total : undefined };
  }

  private async fetchClientName(clientId: string, priority: RequestPriority | undefined): Promise<string | undefined> {
    try {
      const { body, path } = await this.get({
        path: `/clients/${this.segment(clientId, 'client id')}`,
        query: { fields: 'name,client_id', include_fields: true },
        priority,
      });
      const client = this.expectObject<ClientSummary>(body, path);
      return typeof client.name === 'string' && client.name.trim() !== '' ? client.name : undefined;
    } catch (error) {
      // No read:clients scope, or an application deleted since: show the id instead.
      if (isManagementApiError(error) && (error.status === 403 || error.status === 404)) {
        return undefined;
      }
      throw error;
    }
  }

  private async get(request: Omit<ApiRequest, 'method'>): Promise<{ body: unknown; path: string }> {
    const response = await this.transport.send({ ...request, method: 'GET' });
    return { body: response.body, path: request.path };
  }

  private segment(id: string, what: string): string {
    try {
      return encodePathSegment(id, what);
    } catch (error) {
      if (error instanceof UnaddressableIdError) {
        throw new ManagementApiError('bad-request', error.message);
      }
      throw error;
    }
  }

  private expectObject<T>(body: unknown, path: string): T {
    if (!isObject(body)) {
      throw this.unexpectedShape(path);
    }
    return body as T;
  }

  private unexpectedShape(path: string): ManagementApiError {
    return new ManagementApiError('invalid-json', messages.invalidJson(this.endpoint.domain, describeRequest('GET', `/api/v2${path}`)), {
      method: 'GET',
      path: `/api/v2${path}`,
    });
  }

  // Sessions, logs, bulk revocation, blocking and exports (findings, hunt, incident response,
  // setup check). Session endpoints are not plan-gated here, like listSessions: a 403 stays a
  // 'forbidden' carrying Auth0's errorCode, and a 404 always means the session is gone.

  /**
   * GET /api/v2/sessions/{id} (scope read:sessions). Resolves with the session; throws a
   * ManagementApiError, 'not-found' when the session ended (a refresh token can outlive it).
   */
  async getSession(sessionId: string, options: RequestOptions = {}): Promise<Session> {
    const { body, path } = await this.get({
      path: `/sessions/${this.segment(sessionId, 'session id')}`,
      signal: options.signal,
      priority: options.priority,
      notFoundMessage: `Session ${sessionId} was not found; it has ended.`,
    });
    return this.expectObject<Session>(body, path);
  }

  /**
   * POST /api/v2/sessions/{id}/revoke (scopes delete:sessions AND delete:refresh_tokens): Auth0
   * accepts (202), then ends the session and revokes every refresh token bound to it in the
   * background. Throws 'not-found' for a session that already ended.
   */
  async revokeSession(sessionId: string, options: RequestOptions = {}): Promise<void> {
    await this.transport.send({
      method: 'POST',
      path: `/sessions/${this.segment(sessionId, 'session id')}/revoke`,
      signal: options.signal,
      priority: options.priority,
      notFoundMessage: `Session ${sessionId} was not found; it has ended already.`,
    });
  }

  /**
   * DELETE /api/v2/users/{id}/sessions (scope delete:sessions): every session of the user ends in
   * the background (202). The user's refresh tokens live on; revoke them separately.
   */
  async deleteUserSessions(userId: string, options: RequestOptions = {}): Promise<void> {
    await this.transport.send({
      method: 'DELETE',
      path: `/users/${this.segment(userId, 'user id')}/sessions`,
      signal: options.signal,
      priority: options.priority,
      notFoundMessage: `User ${userId} was not found; it may have been deleted.`,
    });
  }

  /**
   * GET /api/v2/users/{id}/logs (scope read:logs or read:logs_users), page/per_page paging.
   * Resolves with the events (dates are ISO strings) and, by default, the total the retention
   * window holds; an unknown user has no events. Logs arrive with some delay and are kept 1 to
   * 30 days depending on the plan: a short history is normal.
   */
  async listUserLogs(userId: string, options: ListUserLogsOptions = {}): Promise<UserLogPage> {
    const includeTotals = options.includeTotals ?? true;
    const { body, path } = await this.get({
      path: `/users/${this.segment(userId, 'user id')}/logs`,
      query: {
        page: options.page,
        per_page: options.perPage === undefined ? undefined : pageSize(options.perPage),
        sort: options.sort,
        include_totals: includeTotals,
      },
      signal: options.signal,
      priority: options.priority,
    });
    if (Array.isArray(body)) {
      return { logs: body as LogEvent[] };
    }
    if (isObject(body) && Array.isArray(body.logs)) {
      return { logs: body.logs as LogEvent[], total: numberOrUndefined(body.total), start: numberOrUndefined(body.start), limit: numberOrUndefined(body.limit) };
    }
    throw this.unexpectedShape(path);
  }

  /**
   * GET /api/v2/logs (scope read:logs). With `from`, checkpoint paging: up to `take` (1..100)
   * events after that log id, oldest first (Auth0 ignores `q` then: filter locally); an empty
   * array means nothing newer yet. Without it, offset paging with `page`/`perPage`/`sort`/`q`.
   * Resolves with the events as Auth0 sent them (totals are never asked for); throws a
   * ManagementApiError ('forbidden' without read:logs, 'cancelled' when `signal` aborts).
   */
  async listLogs(options: ListLogsOptions = {}): Promise<LogEvent[]> {
    const checkpoint = options.from !== undefined;
    const { body, path } = await this.get({
      path: '/logs',
      query: checkpoint
        ? { from: options.from, take: options.take === undefined ? undefined : pageSize(options.take) }
        : {
            page: options.page,
            per_page: options.perPage === undefined ? undefined : pageSize(options.perPage),
            sort: options.sort,
            q: options.q,
            include_totals: false,
          },
      signal: options.signal,
      priority: options.priority,
    });
    if (Array.isArray(body)) {
      return body as LogEvent[];
    }
    if (isObject(body) && Array.isArray(body.logs)) {
      return body.logs as LogEvent[];
    }
    throw this.unexpectedShape(path);
  }

  /**
   * PATCH /api/v2/refresh-tokens/{id} (scope update:refresh_tokens) with
   * `{refresh_token_metadata}`: replaces the whole object (null clears it). Auth0 refuses more
   * than 25 keys, keys or values over 255 characters and keys other than letters, digits, _
   * and - ('bad-request'). Resolves with the updated token.
   */
  async updateRefreshTokenMetadata(tokenId: string, metadata: Record<string, string> | null, options: RequestOptions = {}): Promise<RefreshToken> {
    const path = `/refresh-tokens/${this.segment(tokenId, 'refresh token id')}`;
    const response = await this.transport.send({
      method: 'PATCH',
      path,
      body: { refresh_token_metadata: metadata },
      signal: options.signal,
      priority: options.priority,
      planGated: true,
      notFoundMessage: `Refresh token ${tokenId} was not found; it may have been revoked.`,
    });
    return this.expectObject<RefreshToken>(response.body, path);
  }

  /**
   * GET /api/v2/refresh-tokens?user_id=&client_id= (Early Access, scope read:refresh_tokens):
   * one page of the user's tokens, sorted by credential id, with `next` (valid about 24 h)
   * until the last page. A tenant without the endpoint answers 403 or 404: that is
   * 'endpoint-unavailable', and callers fall back to listRefreshTokens and filter.
   */
  async listRefreshTokensEA(options: ListRefreshTokensEarlyAccessOptions): Promise<RefreshTokenListPage> {
    const { body, path } = await this.get({
      path: '/refresh-tokens',
      query: { user_id: options.userId, client_id: options.clientId || undefined, ...cursorQuery(options) },
      signal: options.signal,
      priority: options.priority,
      planGated: true,
      notFoundMessage: `User ${options.userId} was not found; it may have been deleted.`,
    });
    const page = this.expectObject<Record<string, unknown>>(body, path);
    const tokens = page.refresh_tokens ?? [];
    if (!Array.isArray(tokens)) {
      throw this.unexpectedShape(path);
    }
    return { refresh_tokens: tokens as RefreshToken[], next: nonEmptyString(page.next) };
  }

  /**
   * POST /api/v2/refresh-tokens/revoke (Early Access, scope delete:refresh_tokens): Auth0
   * accepts (202) and revokes in the background. A selection Auth0 would refuse (no ids, more
   * than 100, an audience without an application) throws 'bad-request' before any request.
   */
  async revokeRefreshTokens(selection: RefreshTokenRevocation, options: RequestOptions = {}): Promise<void> {
    await this.transport.send({
      method: 'POST',
      path: '/refresh-tokens/revoke',
      body: revocationBody(selection),
      signal: options.signal,
      priority: options.priority,
      planGated: true,
    });
  }

  /**
   * PATCH /api/v2/users/{id} `{blocked: true}` (scope update:users): the user can no longer log
   * in. Sessions and issued access tokens are not ended by it; revoke those separately.
   * Resolves with the updated user.
   */
  async blockUser(userId: string, options: RequestOptions = {}): Promise<User> {
    const path = `/users/${this.segment(userId, 'user id')}`;
    const response = await this.transport.send({
      method: 'PATCH',
      path,
      body: { blocked: true },
      signal: options.signal,
      priority: options.priority,
      notFoundMessage: `User ${userId} was not found; it may have been deleted.`,
    });
    return this.expectObject<User>(response.body, path);
  }

  /**
   * POST /api/v2/jobs/users-exports (scope read:users): starts a job exporting every user (or
   * one connection's) as gzipped NDJSON or CSV. Resolves with the job, usually 'pending';
   * poll getJob until 'completed', then read it with downloadUsersExport.
   */
  async createUsersExport(options: CreateUsersExportOptions): Promise<Job> {
    const path = '/jobs/users-exports';
    const response = await this.transport.send({
      method: 'POST',
      path,
      body: {
        format: options.format,
        ...(options.fields === undefined ? {} : { fields: options.fields.map((field) => ({ ...field })) }),
        ...(options.connectionId === undefined ? {} : { connection_id: options.connectionId }),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
      },
      signal: options.signal,
      priority: options.priority,
    });
    return this.expectObject<Job>(response.body, path);
  }

  /** GET /api/v2/jobs/{id} (scope read:users or create:users). Throws 'not-found' for an unknown job. */
  async getJob(jobId: string, options: RequestOptions = {}): Promise<Job> {
    const { body, path } = await this.get({
      path: `/jobs/${this.segment(jobId, 'job id')}`,
      signal: options.signal,
      priority: options.priority,
      notFoundMessage: `Job ${jobId} was not found.`,
    });
    return this.expectObject<Job>(body, path);
  }

  /**
   * Streams the users of a completed JSON export from its `location` (see usersExport.ts):
   * another host, so no Authorization header and not through the tenant's rate limiter.
   */
  downloadUsersExport(location: string, options: UsersExportReadOptions = {}): AsyncIterable<User> {
    // Only a hunt over all users reads an export: the reader (gunzip, NDJSON) is loaded then,
    // from dist/usersExport.js (or out/src/auth0/usersExport.js under tsc).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see esbuild.js)
    const { readUsersExport } = require('./usersExport.lazy.js') as typeof UsersExport;
    return readUsersExport(location, options);
  }
}

function cursorQuery(options: CursorPageOptions, totals = false): Record<string, string | number | boolean | undefined> {
  return {
    from: options.from || undefined,
    take: options.take === undefined ? undefined : pageSize(options.take),
    ...(totals && options.includeTotals !== false ? { include_totals: true } : {}),
  };
}

/** Auth0 accepts 1..100; anything else is a caller's slip, not worth a 400. */
function pageSize(value: number): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(Number.isFinite(value) ? value : MAX_PAGE_SIZE)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const MAX_REVOKE_IDS = 100;

/** The body of POST /refresh-tokens/revoke; throws 'bad-request' for a selection Auth0 refuses. */
function revocationBody(selection: RefreshTokenRevocation): Record<string, unknown> {
  const refuse = (message: string) => new ManagementApiError('bad-request', message, { method: 'POST', path: '/api/v2/refresh-tokens/revoke' });
  if ('ids' in selection) {
    const ids = [...selection.ids];
    if (ids.length === 0 || ids.length > MAX_REVOKE_IDS || ids.some((id) => typeof id !== 'string' || id === '')) {
      throw refuse(`Revoke between 1 and ${MAX_REVOKE_IDS} refresh tokens by id at a time.`);
    }
    return { ids };
  }
  if (typeof selection.userId !== 'string' || selection.userId === '') {
    throw refuse('Name the user whose refresh tokens to revoke; an application alone is not a selection Auth0 accepts.');
  }
  if (selection.audience !== undefined && !selection.clientId) {
    throw refuse('Revoking by audience needs the application (client id) too.');
  }
  return {
    user_id: selection.userId,
    ...(selection.clientId ? { client_id: selection.clientId } : {}),
    ...(selection.audience ? { audience: selection.audience } : {}),
  };
}
