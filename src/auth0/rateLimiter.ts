// One tenant's request gate: a concurrency cap plus a pacer that keeps requests inside Auth0's
// rate limit instead of firing into 429s.
//
// Auth0 limits the Management API with a token bucket (a burst, refilled at a steady rate) and
// reports it on every response: x-ratelimit-limit (the burst), -remaining (whole tokens left)
// and -reset (UNIX seconds, rounded up, at which the bucket is full again). The refill rate is
// not reported, but each response bounds it from below: the bucket needs at least
// (limit - remaining - 1) tokens and gets them by `reset`, so
//     rate > (limit - remaining - 1) / (reset - time the request was processed).
// The pacer keeps the best (largest) such bound from recent responses, sends at once while the
// bucket has a token, and otherwise waits until a token has surely refilled at that rate.
// Erring slow costs nothing in the long run: the tokens it leaves unused show up as
// `remaining > 0` on the next response and are spent at once, so sustained throughput tracks the
// true rate while a 429 only follows when something else drains the same bucket.

import { cancelledError, delay } from './cancellation';

export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** x-ratelimit-reset, UNIX seconds. */
  resetSeconds?: number;
  /** Retry-After, in ms. */
  retryAfterMs?: number;
  /** The Date header, ms (server clock, whole seconds). */
  serverDateMs?: number;
}

export function readRateLimitHeaders(headers: Headers, now: number): RateLimitHeaders {
  const number = (name: string): number | undefined => {
    const text = headers.get(name);
    if (text === null || text.trim() === '') {
      return undefined;
    }
    const value = Number(text);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const dateText = headers.get('date');
  const serverDateMs = dateText === null ? undefined : Date.parse(dateText);
  return {
    limit: number('x-ratelimit-limit'),
    remaining: number('x-ratelimit-remaining'),
    resetSeconds: number('x-ratelimit-reset'),
    retryAfterMs: parseRetryAfter(headers.get('retry-after'), now),
    serverDateMs: serverDateMs !== undefined && Number.isFinite(serverDateMs) ? serverDateMs : undefined,
  };
}

/** Retry-After is either delay-seconds or an HTTP date. */
function parseRetryAfter(text: string | null, now: number): number | undefined {
  if (text === null || text.trim() === '') {
    return undefined;
  }
  if (/^\d+$/.test(text.trim())) {
    return Number(text.trim()) * 1000;
  }
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export interface RequestPermit {
  /** Local time at which the request was let through. */
  readonly sentAt: number;
  /** Feeds the response's rate-limit headers back; call before release. */
  observe(status: number, headers: RateLimitHeaders): void;
  /** Frees the concurrency slot; idempotent. */
  release(): void;
}

export interface RateLimiterOptions {
  /** Requests in flight at once for the tenant (default 4). */
  concurrency?: number;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface Waiter {
  priority: boolean;
  resolve(permit: RequestPermit): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface RateSample {
  sentAt: number;
  limit: number;
  remaining: number;
  resetMs: number;
}

/** The last response that described the bucket, corrected for what was sent since. */
interface BucketEstimate {
  limit: number;
  /** Whole tokens the response reported. */
  tokens: number;
  /** Requests in flight when it arrived: they may not be counted in `tokens` yet. */
  pendingThen: number;
  at: number;
  /** Server time (ms) at which the bucket is full, as of `at`. */
  fullAtServerMs: number;
  /** Requests let through since `at`. */
  sentSince: number;
  /** After a 429 with Retry-After: when Auth0 said one token is back (local time). */
  oneTokenAt?: number;
}

const RATE_SAMPLES_KEPT = 32;

export class TenantRateLimiter {
  readonly concurrency: number;
  private readonly clock: () => number;
  private readonly queue: Waiter[] = [];
  private readonly inFlight = new Set<PermitImpl>();
  private nextSequence = 1;
  private lastObservedSequence = 0;
  /** 'unknown' until a response said whether Auth0 reports limits on this tenant. */
  private mode: 'unknown' | 'reported' | 'absent' = 'unknown';
  private bucket?: BucketEstimate;
  private samples: RateSample[] = [];
  /** Lower bound of (server clock - local clock), from Date headers; 0 until one is seen. */
  private clockOffsetLowMs?: number;
  private pausedUntil = 0;
  private timer?: AbortController;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: RateLimiterOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? delay;
  }

  get queued(): number {
    return this.queue.length;
  }

  get active(): number {
    return this.inFlight.size;
  }

  /**
   * Waits for a slot and for the bucket; rejects with a 'cancelled' error if `signal` aborts
   * first. `priority` puts the waiter first (a retry goes before requests that queued after it).
   */
  acquire(signal?: AbortSignal, priority = false): Promise<RequestPermit> {
    if (signal?.aborted) {
      return Promise.reject(cancelledError());
    }
    return new Promise<RequestPermit>((resolve, reject) => {
      const waiter: Waiter = { priority, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) {
            this.queue.splice(index, 1);
            reject(cancelledError());
            this.pump();
          }
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      if (priority) {
        const firstOrdinary = this.queue.findIndex((queued) => !queued.priority);
        this.queue.splice(firstOrdinary < 0 ? this.queue.length : firstOrdinary, 0, waiter);
      } else {
        this.queue.push(waiter);
      }
      this.pump();
    });
  }

  /** How long a request queued now would wait for the bucket (not for a slot); for messages. */
  expectedWaitMs(): number {
    const now = this.clock();
    const wait = Math.max(this.pausedUntil - now, this.bucketWaitMs(now, true));
    return Number.isFinite(wait) ? Math.max(0, wait) : 0;
  }

  private grant(waiter: Waiter): void {
    if (waiter.signal && waiter.onAbort) {
      waiter.signal.removeEventListener('abort', waiter.onAbort);
    }
    const permit = new PermitImpl(this, this.nextSequence++, this.clock());
    this.inFlight.add(permit);
    if (this.bucket) {
      this.bucket.sentSince += 1;
    }
    waiter.resolve(permit);
  }

  /** @internal called by PermitImpl */
  onObserve(permit: PermitImpl, status: number, headers: RateLimitHeaders): void {
    const now = this.clock();
    if (headers.serverDateMs !== undefined) {
      // The server's clock read at least serverDate while handling the request, which ended
      // before `now` on ours: offset >= serverDate - now.
      const candidate = headers.serverDateMs - now;
      this.clockOffsetLowMs = Math.max(this.clockOffsetLowMs ?? -Infinity, candidate);
    }
    const { limit, remaining, resetSeconds } = headers;
    if (limit !== undefined && remaining !== undefined && resetSeconds !== undefined && limit >= 1) {
      this.mode = 'reported';
      if (status === 429) {
        // The learned rate was too optimistic, someone else drains the bucket, or the limit
        // changed: start learning again, from the next successful response.
        this.samples = [];
      } else {
        this.samples = [...this.samples, { sentAt: permit.sentAt, limit, remaining, resetMs: resetSeconds * 1000 }].slice(
          -RATE_SAMPLES_KEPT,
        );
      }
      if (permit.sequence > this.lastObservedSequence || status === 429) {
        this.lastObservedSequence = Math.max(this.lastObservedSequence, permit.sequence);
        const othersInFlight = this.inFlight.size - (this.inFlight.has(permit) ? 1 : 0);
        this.bucket = {
          limit,
          tokens: status === 429 ? 0 : remaining,
          pendingThen: othersInFlight,
          at: now,
          fullAtServerMs: resetSeconds * 1000,
          sentSince: 0,
          oneTokenAt: status === 429 && headers.retryAfterMs !== undefined ? now + headers.retryAfterMs : undefined,
        };
      }
    } else if (status >= 200 && status < 300 && this.mode === 'unknown') {
      this.mode = 'absent';
    }
    if (status === 429 && headers.retryAfterMs !== undefined) {
      this.pausedUntil = Math.max(this.pausedUntil, now + headers.retryAfterMs);
    }
  }

  /** @internal called by PermitImpl */
  onRelease(permit: PermitImpl): void {
    if (this.inFlight.delete(permit)) {
      this.pump();
    }
  }

  /** Largest lower bound of the refill rate, in tokens per ms. */
  private rateLowerBound(): number | undefined {
    const offset = this.clockOffsetLowMs ?? 0;
    let best: number | undefined;
    for (const sample of this.samples) {
      const needed = sample.limit - sample.remaining - 1;
      const window = sample.resetMs - (sample.sentAt + offset);
      if (needed > 0 && window > 0) {
        const rate = needed / window;
        best = best === undefined ? rate : Math.max(best, rate);
      }
    }
    return best;
  }

  /** ms until the bucket surely holds a token for one more request; Infinity: wait for a response. */
  private bucketWaitMs(now: number, ignoreProbe = false): number {
    if (this.mode === 'absent') {
      return 0;
    }
    if (this.mode === 'unknown' || !this.bucket) {
      // One probe first: its response tells the state of a bucket others may have drained.
      return this.inFlight.size === 0 || ignoreProbe ? 0 : Infinity;
    }
    const bucket = this.bucket;
    const offset = this.clockOffsetLowMs ?? 0;
    const rate = this.rateLowerBound();
    const fullInMs = bucket.fullAtServerMs - offset - now;
    const refilled =
      fullInMs <= 0 ? bucket.limit : Math.min(bucket.limit, bucket.tokens + (rate === undefined ? 0 : (now - bucket.at) * rate));
    const spent = bucket.pendingThen + bucket.sentSince;
    let tokens = refilled - spent;
    if (bucket.oneTokenAt !== undefined && now >= bucket.oneTokenAt) {
      tokens = Math.max(tokens, 1 - spent);
    }
    if (tokens >= 1) {
      return 0;
    }
    const candidates: number[] = [];
    if (bucket.oneTokenAt !== undefined && spent === 0) {
      candidates.push(bucket.oneTokenAt - now);
    }
    if (rate !== undefined && refilled < bucket.limit) {
      candidates.push((1 - tokens) / rate);
    }
    if (fullInMs > 0 && bucket.limit - spent >= 1) {
      candidates.push(fullInMs);
    }
    const wait = candidates.length > 0 ? Math.max(1, Math.min(...candidates)) : Infinity;
    // Nothing in flight will bring news: probe rather than wait forever.
    return wait === Infinity && this.inFlight.size === 0 ? 0 : wait;
  }

  private pump(): void {
    this.timer?.abort();
    this.timer = undefined;
    while (this.queue.length > 0 && this.inFlight.size < this.concurrency) {
      const now = this.clock();
      const wait = Math.max(this.pausedUntil - now, this.bucketWaitMs(now));
      if (wait > 0) {
        if (Number.isFinite(wait)) {
          const timer = new AbortController();
          this.timer = timer;
          this.sleep(Math.ceil(wait), timer.signal).then(
            () => {
              if (this.timer === timer) {
                this.timer = undefined;
                this.pump();
              }
            },
            () => undefined,
          );
        }
        return;
      }
      const waiter = this.queue.shift();
      if (waiter) {
        this.grant(waiter);
      }
    }
  }
}

class PermitImpl implements RequestPermit {
  private released = false;

  constructor(
    private readonly limiter: TenantRateLimiter,
    readonly sequence: number,
    readonly sentAt: number,
  ) {}

  observe(status: number, headers: RateLimitHeaders): void {
    if (!this.released) {
      this.limiter.onObserve(this, status, headers);
    }
  }

  release(): void {
    if (!this.released) {
      this.released = true;
      this.limiter.onRelease(this);
    }
  }
}
