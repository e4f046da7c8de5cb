// Every Management API call goes through here: token, tenant rate limiter, one HTTP exchange,
// typed error, bounded retries, one renewal after a 401, and a log record per exchange.

import type { ManagementTokenProvider } from '../credentials/tokenProvider';
import { cancelledError, delay, throwIfCancelled } from './cancellation';
import { ManagementApiError, RateLimitedError, UnauthorizedError, describeRequest, messages } from './errors';
import { httpExchange } from './httpExchange';
import { readRateLimitHeaders, type TenantRateLimiter } from './rateLimiter';
import { notify, type RequestListener, type RetryListener } from './requestLog';
import { errorFromResponse } from './responseErrors';
import { backoffDelayMs, isRetryable, type RetryPolicy } from './retryPolicy';
import type { TenantEndpoint } from './tenantDomain';

export type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  method: 'GET' | 'DELETE' | 'POST' | 'PATCH';
  /** Relative to /api/v2, ids already encoded: "/users/auth0%7C1/refresh-tokens". */
  path: string;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
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
  clock: () => number;
}

type AttemptOutcome = { ok: true; response: ApiResponse } | { ok: false; error: ManagementApiError };

export class ManagementTransport {
  constructor(private readonly options: TransportOptions) {}

  async send(request: ApiRequest): Promise<ApiResponse> {
    const { signal } = request;
    const { clock, retry: policy } = this.options;
    const startedAt = clock();
    const logPath = new URL(this.options.endpoint.apiBaseUrl + request.path).pathname;
    let retries = 0;
    let renewedAfter401 = false;
    let attempt = 0;
    for (;;) {
      throwIfCancelled(signal);
      attempt += 1;
      const token = await this.token(signal);
      // A retry goes ahead of requests queued after it started, so calls finish in order.
      const outcome = await this.attempt(request, token, attempt, logPath, attempt > 1);
      if (outcome.ok) {
        return outcome.response;
      }
      const { error } = outcome;
      if (error instanceof UnauthorizedError && error.status === 401 && !renewedAfter401) {
        // The provider may hold a token that was revoked or expired early: renew once.
        renewedAfter401 = true;
        this.options.tokenProvider.invalidate(token);
        const renewed = await this.token(signal);
        if (renewed !== token) {
          continue;
        }
        throw error;
      }
      if (!isRetryable(error, request.method) || retries >= policy.maxRetries) {
        throw error;
      }
      const rateLimited = error instanceof RateLimitedError;
      // After a 429 the limiter itself holds requests until Auth0 said to retry.
      const waitMs = rateLimited ? this.options.limiter.expectedWaitMs() : backoffDelayMs(policy, retries);
      if (clock() + waitMs - startedAt > policy.maxTotalMs) {
        throw error;
      }
      retries += 1;
      notify(this.options.onRetry, {
        method: request.method,
        path: logPath,
        retry: retries,
        delayMs: waitMs,
        error,
        message: rateLimited ? messages.rateLimitedRetrying(waitMs) : `${error.message} Retrying in ${Math.max(1, Math.ceil(waitMs / 1000))} s.`,
      });
      if (!rateLimited) {
        await delay(waitMs, signal);
      }
    }
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

  private async attempt(request: ApiRequest, token: string, attempt: number, logPath: string, priority: boolean): Promise<AttemptOutcome> {
    const { endpoint, limiter, clock } = this.options;
    const secrets = [token];
    const permit = await limiter.acquire(request.signal, priority);
    const startedAt = clock();
    const record = (status: number | undefined, remaining: number | undefined, outcome: 'ok' | ManagementApiError['kind']) =>
      notify(this.options.onRequest, {
        method: request.method,
        path: logPath,
        status,
        durationMs: clock() - startedAt,
        rateLimitRemaining: remaining,
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
        return { ok: false, error: failure };
      }
      const rateLimit = readRateLimitHeaders(response.headers, clock());
      permit.observe(response.status, rateLimit);
      const { status, text } = response;
      if (status >= 200 && status < 300) {
        const parsed = parseJson(text);
        if (!parsed.ok) {
          record(status, rateLimit.remaining, 'invalid-json');
          return {
            ok: false,
            error: new ManagementApiError('invalid-json', messages.invalidJson(endpoint.domain, describeRequest(request.method, logPath)), {
              status,
              method: request.method,
              path: logPath,
            }),
          };
        }
        record(status, rateLimit.remaining, 'ok');
        return { ok: true, response: { status, body: parsed.value } };
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
      record(status, rateLimit.remaining, error.kind);
      return { ok: false, error };
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
