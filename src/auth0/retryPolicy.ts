// Which failures are worth another attempt, and how long to wait before it. Bounded in count and
// in total time so a struggling tenant produces an error a person can act on, not a hang.

import { ManagementApiError } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt (default 5). */
  maxRetries: number;
  /** No retry starts later than this after the first attempt (default 60 s). */
  maxTotalMs: number;
  /** First backoff for server and network errors (default 500 ms); doubles per retry. */
  baseDelayMs: number;
  /** Backoff ceiling (default 10 s). */
  maxDelayMs: number;
  /** Injected for tests; Math.random by default. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  maxTotalMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  random: Math.random,
};

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

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffDelayMs(policy: RetryPolicy, retryIndex: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return exponential / 2 + policy.random() * (exponential / 2);
}
