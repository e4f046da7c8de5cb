// What the client reports about each completed HTTP exchange, for the extension's output log.
// Only the method, the path (no query: a search can hold an email address) and numbers: never a
// header, a token or a body.

import type { ManagementApiError, ManagementApiErrorKind } from './errors';

export interface RequestRecord {
  method: string;
  /** Path without the query: "/api/v2/users/auth0%7C1/refresh-tokens", "/oauth/token". */
  path: string;
  /** Absent when no HTTP answer came (network error, timeout, cancellation). */
  status?: number;
  durationMs: number;
  /** x-ratelimit-remaining of the response, when present. */
  rateLimitRemaining?: number;
  /** x-ratelimit-limit of the response (the bucket's burst), when present. */
  rateLimitLimit?: number;
  /** x-ratelimit-reset of the response (UNIX seconds, the tenant's clock), when present. */
  rateLimitReset?: number;
  /** The response's Date header as epoch ms (the tenant's clock, whole seconds), when present. */
  serverDateMs?: number;
  /** 1 for the first attempt of a call, 2 for its first retry... */
  attempt: number;
  /** 'ok', or the kind of error this exchange produced. */
  outcome: 'ok' | ManagementApiErrorKind;
  /** Who asked, when it is not the view or a command acting on it ("setup check"): shown in the log. */
  purpose?: string;
}

export interface RetryNotice {
  method: string;
  path: string;
  /** The retry about to be made: 1 for the first retry. */
  retry: number;
  delayMs: number;
  error: ManagementApiError;
  /** "Auth0 is rate limiting this tenant; retrying in 3 s" */
  message: string;
}

export type RequestListener = (record: RequestRecord) => void;
export type RetryListener = (notice: RetryNotice) => void;

/** Calls a listener without letting a faulty logger break a request. */
export function notify<T>(listener: ((value: T) => void) | undefined, value: T): void {
  try {
    listener?.(value);
  } catch {
    // A logger's failure is not the request's failure.
  }
}
