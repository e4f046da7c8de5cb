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
  listSessions(userId: string, options?: CursorPageOptions): Promise<SessionPage>;
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

  async listRefreshTokens(userId: string, options: CursorPageOptions = {}): Promise<RefreshTokenPage> {
    const { body, path } = await this.get({
      path: `/users/${this.segment(userId, 'user id')}/refresh-tokens`,
      query: cursorQuery(options),
      signal: options.signal,
      priority: options.priority,
      planGated: true,
      notFoundMessage: `User ${userId} was not found; it may have been deleted.`,
    });
    const page = this.expectObject<Record<string, unknown>>(body, path);
    const tokens = page.tokens ?? [];
    if (!Array.isArray(tokens)) {
      throw this.unexpectedShape(path);
    }
    return { tokens: tokens as RefreshToken[], next: nonEmptyString(page.next) };
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

  async listSessions(userId: string, options: CursorPageOptions = {}): Promise<SessionPage> {
    const { body, path } = await this.get({
      path: `/users/${this.segment(userId, 'user id')}/sessions`,
      query: cursorQuery(options),
      signal: options.signal,
      priority: options.priority,
      notFoundMessage: `User ${userId} was not found; it may have been deleted.`,
    });
    const page = this.expectObject<Record<string, unknown>>(body, path);
    const sessions = page.sessions ?? [];
    if (!Array.isArray(sessions)) {
      throw this.unexpectedShape(path);
    }
    return { sessions: sessions as Session[], next: nonEmptyString(page.next) };
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
}

function cursorQuery(options: CursorPageOptions): Record<string, string | number | undefined> {
  return { from: options.from || undefined, take: options.take === undefined ? undefined : pageSize(options.take) };
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
