// Every Management API call goes through here: token, tenant rate limiter, one HTTP exchange,
// typed error, bounded retries, one renewal after a 401, and a log record per exchange.

import { cancelledError } from './cancellation';
import { ManagementApiError, RateLimitedError, UnauthorizedError, describeRequest, isTooManyJobsMessage, messages, seconds } from './errors';
import { httpExchange } from './httpExchange';
import { readRateLimitHeaders, type RateLimitHeaders, type RequestPriority, type TenantRateLimiter } from './rateLimiter';
import { notify, type RequestListener, type RetryListener } from './requestLog';
import { errorFromResponse, parseErrorBody } from './responseErrors';
import { runWithRetries, type RetryPolicy, type Sleep } from './retryPolicy';
import type { TenantEndpoint } from './tenantDomain';
import type { ManagementTokenProvider } from './tokenProvider';

export type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  method: 'GET' | 'DELETE' | 'POST' | 'PATCH';
  /** Relative to /api/v2, ids already encoded: "/users/auth0%7C1/refresh-tokens". */
  path: string;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** 'foreground' (default) for what a person waits for, 'background' for batch work. */
  priority?: RequestPriority;
  /** Refresh-token endpoints exist on Enterprise plans only. */
  planGated?: boolean;
  /** Message for a 404 about the item itself ("User x was not found."). */
  notFoundMessage?: string;
  /** Sent as JSON (POST, PATCH). */
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON; undefined for an empty body (202, 204). */
  body: unknown;
}

export interface TransportOptions {
  endpoint: TenantEndpoint;
  tokenProvider: ManagementTokenProvider;
  limiter: TenantRateLimiter;
  timeoutMs: number;
  retry: RetryPolicy;
  onRequest?: RequestListener;
  onRetry?: RetryListener;
  /** Local time, ms. */
  clock: () => number;
  /** Waits between retries of server and network errors (rate limits wait in the limiter). */
  sleep: Sleep;
}

export class ManagementTransport {
  constructor(private readonly options: TransportOptions) {}

  /**
   * Sends `request` to https://{tenant}/api/v2{path} with a token from the provider, through the
   * tenant's limiter, retrying per the retry policy (runWithRetries) and renewing the token once
   * after a 401. Resolves with the status and parsed JSON body of a 2xx; rejects with a typed
   * ManagementApiError (RateLimitedError with the wait when Auth0 keeps refusing).
   */
  send(request: ApiRequest): Promise<ApiResponse> {
    const { signal } = request;
    const { clock, retry: policy, limiter } = this.options;
    const logPath = new URL(this.options.endpoint.apiBaseUrl + request.path).pathname;
    // A call gives up rather than wait in the queue beyond its retry budget.
    const deadline = clock() + policy.maxTotalMs;
    let token: string | undefined;
    let renewedAfter401 = false;
    return runWithRetries({
      method: request.method,
      policy,
      clock,
      sleep: this.options.sleep,
      signal,
      attempt: async (attempt) => {
        token = await this.token(signal);
        return this.attempt(request, token, attempt, logPath, deadline);
      },
      recover: async (error) => {
        if (!(error instanceof UnauthorizedError) || error.status !== 401 || renewedAfter401 || token === undefined) {
          return false;
        }
        // The provider may hold a token that was revoked or expired early: renew once.
        renewedAfter401 = true;
        this.options.tokenProvider.invalidate(token);
        return (await this.token(signal)) !== token;
      },
      // After a 429 the limiter itself holds every request of the tenant until Auth0 said, or
      // for its backoff when Auth0 did not say.
      waitBefore: (error, backoffMs) =>
        error instanceof RateLimitedError ? { delayMs: limiter.expectedWaitMs(), held: true } : { delayMs: backoffMs, held: false },
      onRetry: ({ retry, delayMs, error }) =>
        notify(this.options.onRetry, {
          method: request.method,
          path: logPath,
          retry,
          delayMs,
          error,
          message: error instanceof RateLimitedError ? messages.rateLimitedRetrying(delayMs) : `${error.message} Retrying in ${seconds(delayMs)}.`,
        }),
    });
  }

  private async token(signal: AbortSignal | undefined): Promise<string> {
    let token: string;
    try {
      token = await this.options.tokenProvider.getToken(signal);
    } catch (error) {
      if (error instanceof ManagementApiError) {
        throw error;
      }
      if (signal?.aborted) {
        throw cancelledError();
      }
      // A provider outside this package: keep its reason, never anything else.
      const reason = error instanceof Error ? error.message : String(error);
      throw new UnauthorizedError('invalid', `Could not get a Management API token: ${reason}`, { cause: error });
    }
    // fetch would refuse it as a header value, quoting the value in its error.
    if (!/^[\x21-\x7e]+$/.test(token)) {
      throw new UnauthorizedError('invalid', 'The Management API token contains spaces or characters a token cannot have. Set it again.');
    }
    return token;
  }

  /** One exchange; rejects with the ManagementApiError it produced. */
  private async attempt(request: ApiRequest, token: string, attempt: number, logPath: string, deadline: number): Promise<ApiResponse> {
    const { endpoint, limiter, clock } = this.options;
    const secrets = [token];
    // A retry goes ahead of requests queued after its call started, so calls finish in order.
    const permit = await limiter.acquire({ signal: request.signal, priority: request.priority, retry: attempt > 1, deadline });
    const startedAt = clock();
    const record = (status: number | undefined, headers: RateLimitHeaders | undefined, outcome: 'ok' | ManagementApiError['kind']) =>
      notify(this.options.onRequest, {
        method: request.method,
        path: logPath,
        status,
        durationMs: clock() - startedAt,
        rateLimitRemaining: headers?.remaining,
        rateLimitLimit: headers?.limit,
        rateLimitReset: headers?.resetSeconds,
        serverDateMs: headers?.serverDateMs,
        attempt,
        outcome,
      });
    try {
      let response;
      try {
        response = await httpExchange({
          url: this.url(request),
          method: request.method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          timeoutMs: this.options.timeoutMs,
          signal: request.signal,
          domain: endpoint.domain,
          path: logPath,
          secrets,
        });
      } catch (error) {
        const failure = error instanceof ManagementApiError ? error : new ManagementApiError('network', messages.network(endpoint.domain, 'the request failed'));
        record(undefined, undefined, failure.kind);
        throw failure;
      }
      const rateLimit = readRateLimitHeaders(response.headers, clock());
      const { status, text } = response;
      // Auth0's limit on concurrent jobs answers 429 without rate-limit headers: it says nothing
      // about the tenant's bucket, so the limiter does not hear of it (it would pause the tenant).
      if (!(status === 429 && isTooManyJobsMessage(parseErrorBody(text).message))) {
        permit.observe(status, rateLimit);
      }
      if (status >= 200 && status < 300) {
        const parsed = parseJson(text);
        if (!parsed.ok) {
          record(status, rateLimit, 'invalid-json');
          throw new ManagementApiError('invalid-json', messages.invalidJson(endpoint.domain, describeRequest(request.method, logPath)), {
            status,
            method: request.method,
            path: logPath,
          });
        }
        record(status, rateLimit, 'ok');
        return { status, body: parsed.value };
      }
      const error = errorFromResponse({
        status,
        text,
        method: request.method,
        path: logPath,
        domain: endpoint.domain,
        retryAfterMs: rateLimit.retryAfterMs,
        planGated: request.planGated,
        notFoundMessage: request.notFoundMessage,
        secrets,
      });
      record(status, rateLimit, error.kind);
      throw error;
    } finally {
      permit.release();
    }
  }

  private url(request: ApiRequest): string {
    const url = this.options.endpoint.apiBaseUrl + request.path;
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) {
        query.set(name, String(value));
      }
    }
    const search = query.toString();
    return search === '' ? url : `${url}?${search}`;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') {
    return { ok: true, value: undefined };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
