// Which failures are worth another attempt, how long to wait before it, and the one retry loop
// every request to Auth0 runs in (Management API calls and client-credentials token requests).
// Bounded in count and in total time so a struggling tenant produces an error a person can act
// on, not a hang.

import { throwIfCancelled } from './cancellation';
import { ManagementApiError, RateLimitedError, messages } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt (default 5). */
  maxRetries: number;
  /** No retry starts later than this after the first attempt (default 60 s). */
  maxTotalMs: number;
  /** First backoff (default 500 ms); doubles per retry. */
  baseDelayMs: number;
  /** Ceiling of the doubling (default 10 s); jitter may add half of it again. */
  maxDelayMs: number;
  /** Injected for tests; Math.random by default. */
  random: () => number;
}

/** What backoffDelayMs needs of a policy. */
export type BackoffPolicy = Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  maxTotalMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  random: Math.random,
};

/**
 * Waits `ms` milliseconds; rejects with a 'cancelled' ManagementApiError as soon as `signal`
 * aborts. The client takes one so tests can record waits instead of spending them.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Rate limits, server errors and network trouble are transient. A timeout or an unreadable body
 * is retried for reads only: the request may have been carried out.
 */
export function isRetryable(error: ManagementApiError, method: string): boolean {
  switch (error.kind) {
    case 'rate-limited':
    case 'server-error':
    case 'network':
      return true;
    case 'timeout':
    case 'invalid-json':
      return method === 'GET';
    default:
      return false;
  }
}

/**
 * The wait before retry `retryIndex` (0 for the first), in ms: the step
 * min(maxDelayMs, baseDelayMs × 2^retryIndex) plus up to half of it at random. Never shorter than
 * the step, because a retry that lands early in an empty bucket only spends an attempt; the
 * random part keeps clients that failed together from retrying together.
 */
export function backoffDelayMs(policy: BackoffPolicy, retryIndex: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return step + policy.random() * (step / 2);
}

/** A wait a server named that is worth honouring: a positive, finite number of ms; otherwise undefined. */
export function usableWaitMs(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

export interface RetryWait {
  /** ms until the next attempt may start. */
  delayMs: number;
  /** Something else (the tenant's rate limiter) holds the next attempt that long: the loop must not sleep as well. */
  held: boolean;
}

export interface RetryNoticeInfo {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  error: ManagementApiError;
}

export interface RetryLoop<T> {
  /** The HTTP method: a timeout is retried for reads only. */
  method: string;
  policy: RetryPolicy;
  /** Local time, ms. */
  clock: () => number;
  sleep: Sleep;
  signal?: AbortSignal;
  /** One attempt (1 for the first); rejects with a ManagementApiError. */
  attempt(attempt: number): Promise<T>;
  /** Sees each failure first; resolves true to try again at once without spending a retry (a 401 answered by a renewed token). */
  recover?(error: ManagementApiError): Promise<boolean>;
  /**
   * The wait before the next attempt. By default a usable Retry-After of a 429, else
   * `backoffMs` (the policy's delay for this retry), slept by the loop.
   */
  waitBefore?(error: ManagementApiError, backoffMs: number): RetryWait;
  onRetry?(notice: RetryNoticeInfo): void;
}

/**
 * Runs `loop.attempt` until it succeeds, the failure is not worth a retry, `policy.maxRetries`
 * retries are spent, or the next one would start later than `policy.maxTotalMs` after the first
 * attempt. Returns the attempt's value; rejects with the last failure, a 'cancelled' error when
 * `signal` aborts, or, for a rate limit given up on, a RateLimitedError whose `retryAfterMs` says
 * when trying again is worth it (Auth0's Retry-After when it gave a usable one, else the wait the
 * loop would have made next).
 */
export async function runWithRetries<T>(loop: RetryLoop<T>): Promise<T> {
  const { policy, clock } = loop;
  const startedAt = clock();
  let retries = 0;
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(loop.signal);
    let failure: ManagementApiError;
    try {
      return await loop.attempt(attempt);
    } catch (error) {
      if (!(error instanceof ManagementApiError)) {
        throw error;
      }
      failure = error;
    }
    if (loop.recover && (await loop.recover(failure))) {
      continue;
    }
    if (!isRetryable(failure, loop.method)) {
      throw failure;
    }
    const backoffMs = backoffDelayMs(policy, retries);
    const wait = loop.waitBefore?.(failure, backoffMs) ?? defaultWait(failure, backoffMs);
    if (retries >= policy.maxRetries || clock() + wait.delayMs - startedAt > policy.maxTotalMs) {
      throw failure instanceof RateLimitedError ? rateLimitedGivenUp(failure, wait.delayMs) : failure;
    }
    retries += 1;
    loop.onRetry?.({ retry: retries, delayMs: wait.delayMs, error: failure });
    if (!wait.held) {
      await loop.sleep(wait.delayMs, loop.signal);
    }
  }
}

function defaultWait(error: ManagementApiError, backoffMs: number): RetryWait {
  const asked = error instanceof RateLimitedError ? usableWaitMs(error.retryAfterMs) : undefined;
  return { delayMs: asked ?? backoffMs, held: false };
}

/** The failure to report: Auth0's own Retry-After when usable, else the wait that was coming. */
function rateLimitedGivenUp(error: RateLimitedError, nextWaitMs: number): RateLimitedError {
  if (usableWaitMs(error.retryAfterMs) !== undefined || usableWaitMs(nextWaitMs) === undefined) {
    return error;
  }
  return new RateLimitedError(nextWaitMs, messages.rateLimitedGaveUp(nextWaitMs), {
    status: error.status,
    errorCode: error.errorCode,
    serverMessage: error.serverMessage,
    method: error.method,
    path: error.path,
  });
}
