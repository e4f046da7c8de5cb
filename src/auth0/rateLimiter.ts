// One tenant's request gate: a concurrency cap plus a pacer that keeps requests inside Auth0's
// rate limit instead of firing into 429s.
//
// Auth0 limits the Management API with a token bucket (a burst, refilled at a steady rate) and
// reports it on every response: x-ratelimit-limit (the burst), -remaining (whole tokens left)
// and -reset (UNIX seconds, rounded up). Tenants read -reset two ways: the moment the bucket is
// full again (Auth0's documentation), or the moment the NEXT request is allowed (one token back;
// issue 18's stand-in tenant). Nothing in a response says which, and trusting the first reading
// on a tenant of the second sends a whole burst where one request fits: 50 of 168 answered 429.
// So the pacer only relies on what holds under both: at `reset`, a bucket that was empty holds at
// least one token. The refill rate is not reported; it is learnt from pairs of responses (see
// learnFromPairs), which does not read `reset` at all. The pacer sends at once while the bucket
// has a token, and otherwise waits until a token has surely refilled at that rate or by `reset`.
// Erring slow costs nothing in the long run: the tokens it leaves unused show up as
// `remaining > 0` on the next response and are spent at once, so sustained throughput tracks the
// true rate while a 429 only follows when something else drains the same bucket.
//
// A response can say the bucket is empty (a 429, or x-ratelimit-remaining: 0) without saying when
// it refills: no Retry-After or one of 0, negative, unreadable or already past, and no reset in
// the future. Sending again at once only spends more attempts, so the pacer then pauses the whole
// tenant for an exponential backoff (0.5, 1, 2 s... with jitter) that grows while such answers
// keep coming and starts over after a success.
//
// Two priorities share the tenant: foreground (what a person is waiting for: a row they expanded,
// a panel they opened) always goes first, and background work (a hunt, an export) may use only a
// share of the concurrency and of the observed rate, bursts included, so a click never queues
// behind a batch job.

import { cancelledError, delay } from './cancellation';
import { RateLimitedError, messages } from './errors';
import { DEFAULT_RETRY_POLICY, backoffDelayMs, usableWaitMs, type BackoffPolicy, type Sleep } from './retryPolicy';

export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** x-ratelimit-reset, UNIX seconds. */
  resetSeconds?: number;
  /** Retry-After, in ms; 0 for a date already past. */
  retryAfterMs?: number;
  /** The Date header, ms (server clock, whole seconds). */
  serverDateMs?: number;
}

/**
 * The rate-limit headers of a Management API response (Auth0's "Management API rate limit
 * policy": x-ratelimit-limit, -remaining, -reset in UNIX seconds; Retry-After on a 429) and its
 * Date. `now` is local time in ms, to turn a Retry-After date into a delay. A header that is
 * absent, negative or unreadable comes back undefined; never throws.
 */
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

/**
 * Retry-After (RFC 9110, section 10.2.3): delay-seconds, or an HTTP date. Returns ms from `now`
 * (0 for a date already past), or undefined when the text is neither.
 */
export function parseRetryAfter(text: string | null, now: number): number | undefined {
  const value = text?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(value)) {
    return Number(value) * 1000;
  }
  // Date.parse reads nearly anything ("-5" is the year 2001); an HTTP date starts with its day.
  if (!/^[A-Za-z]{3,9},?\s/.test(value)) {
    return undefined;
  }
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export type RequestPriority = 'foreground' | 'background';

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Default 'foreground'. */
  priority?: RequestPriority;
  /** A retry goes ahead of the queued requests of its priority: their calls started after its own. */
  retry?: boolean;
  /**
   * Local time (ms) after which the caller would rather fail than start. While the tenant is
   * paused beyond it, acquire rejects at once with a RateLimitedError naming the rest of the pause.
   */
  deadline?: number;
}

export interface RequestPermit {
  /** Local time at which the request was let through. */
  readonly sentAt: number;
  readonly priority: RequestPriority;
  /** Feeds the response's rate-limit headers back; call before release. */
  observe(status: number, headers: RateLimitHeaders): void;
  /** Frees the concurrency slot; idempotent. */
  release(): void;
}

export interface RateLimiterOptions {
  /** Requests in flight at once for the tenant (default 4). */
  concurrency?: number;
  /**
   * The share (0..1, default 0.5) of the concurrency and of the observed rate, bursts included,
   * that background requests may use; at least one request at a time either way.
   */
  backgroundShare?: number;
  /** Local time in ms (default Date.now). */
  clock?: () => number;
  /** How the limiter waits for a token or the end of a pause (default: a timer). */
  sleep?: Sleep;
  /** Pause after an empty bucket that gives no wait (default: DEFAULT_RETRY_POLICY's backoff). */
  backoff?: BackoffPolicy;
}

interface Waiter {
  priority: RequestPriority;
  retry: boolean;
  deadline?: number;
  resolve(permit: RequestPermit): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** A successful response's view of the bucket, on the local clock only. */
interface Observation {
  sentAt: number;
  receivedAt: number;
  limit: number;
  remaining: number;
}

/** The last response that described the bucket, corrected for what was sent since. */
interface BucketEstimate {
  limit: number;
  /** Whole tokens the response reported. */
  tokens: number;
  /** Requests in flight when it arrived: they may not be counted in `tokens` yet. */
  pendingThen: number;
  at: number;
  /**
   * x-ratelimit-reset in server ms: when the bucket is full again, or when the next request is
   * allowed; at least one token is back by then under either reading.
   */
  resetAtServerMs: number;
  /** Requests let through since `at`. */
  sentSince: number;
  /** After a 429 with Retry-After: when Auth0 said one token is back (local time). */
  oneTokenAt?: number;
}

/** Responses kept for the bounds between two of them: about 8 s of a hunt at 8 requests/s. */
const OBSERVATIONS_KEPT = 64;
/** Sent this long after a reset rather than on it (see resetInMs): a tenth of a request at 2/s. */
const RESET_MARGIN_MS = 50;
/** A pause longer than this is a broken header rather than a plan; callers are told the wait anyway. */
const MAX_PAUSE_MS = 60 * 60_000;

/**
 * Auth0's documented sustained rate (requests/s) for a tenant reporting `burst` in
 * x-ratelimit-limit (FACTS.md, Enterprise: production burst 50, 16/s; non-production burst 10,
 * 2/s); undefined for a smaller burst or none (free tenants are lower still, and not documented).
 * An estimate, never a bound: only the background bucket's refill uses it, and only while the
 * tenant's bucket is at least 80 % full (see backgroundRate).
 */
export function documentedRatePerSecond(burst: number | undefined): number | undefined {
  return burst === undefined || burst < 10 ? undefined : burst < 50 ? 2 : 16;
}

/** Queue order: foreground retries, foreground, background retries, background. */
function rank(waiter: Pick<Waiter, 'priority' | 'retry'>): number {
  return (waiter.priority === 'background' ? 2 : 0) + (waiter.retry ? 0 : 1);
}

export class TenantRateLimiter {
  readonly concurrency: number;
  readonly backgroundShare: number;
  private readonly clock: () => number;
  private readonly sleep: Sleep;
  private readonly backoff: BackoffPolicy;
  private readonly queue: Waiter[] = [];
  private readonly inFlight = new Set<PermitImpl>();
  private nextSequence = 1;
  private lastObservedSequence = 0;
  /** 'unknown' until a response said whether Auth0 reports limits on this tenant. */
  private mode: 'unknown' | 'reported' | 'absent' = 'unknown';
  private bucket?: BucketEstimate;
  /** Recent successful responses, oldest first, for the bounds between two of them. */
  private observations: Observation[] = [];
  /** Best lower bound of the rate proven by two responses since the last 429, tokens per ms. */
  private pairBound?: number;
  /** Lower bound of (server clock - local clock), from Date headers; 0 until one is seen. */
  private clockOffsetLowMs?: number;
  private pausedUntil = 0;
  /** Empty-bucket answers without a usable wait since the last success, and when the last pause for one began. */
  private blindPauses = 0;
  private blindPauseStartedAt = -Infinity;
  /** Background's own bucket: share × limit tokens, refilled at share × the observed rate. */
  private backgroundTokens?: number;
  private backgroundTokensAt = 0;
  /** Background requests sent before the bucket was known, charged once it is. */
  private backgroundSentUnknown = 0;
  /** The bucket estimate whose reset already gave background its one token. */
  private backgroundCreditedFor?: BucketEstimate;
  private timer?: AbortController;

  /** Throws a RangeError for a background share outside (0, 1]. */
  constructor(options: RateLimiterOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.backgroundShare = options.backgroundShare ?? 0.5;
    if (!(this.backgroundShare > 0 && this.backgroundShare <= 1)) {
      throw new RangeError(`The background share must be in (0, 1], got ${this.backgroundShare}`);
    }
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? delay;
    this.backoff = options.backoff ?? DEFAULT_RETRY_POLICY;
  }

  get queued(): number {
    return this.queue.length;
  }

  get active(): number {
    return this.inFlight.size;
  }

  /** Background requests in flight. */
  get activeBackground(): number {
    let count = 0;
    for (const permit of this.inFlight) {
      if (permit.priority === 'background') {
        count += 1;
      }
    }
    return count;
  }

  /** Background requests in flight at once, at most. */
  get backgroundSlots(): number {
    return Math.max(1, Math.floor(this.concurrency * this.backgroundShare));
  }

  /**
   * Resolves with a permit once a slot and a token are free, foreground before background.
   * Rejects with a 'cancelled' ManagementApiError if `signal` aborts first, and with a
   * RateLimitedError while the tenant is paused beyond `deadline`.
   */
  acquire(options: AcquireOptions = {}): Promise<RequestPermit> {
    const { signal } = options;
    if (signal?.aborted) {
      return Promise.reject(cancelledError());
    }
    return new Promise<RequestPermit>((resolve, reject) => {
      const waiter: Waiter = {
        priority: options.priority ?? 'foreground',
        retry: options.retry ?? false,
        deadline: options.deadline,
        resolve,
        reject,
        signal,
      };
      if (signal) {
        waiter.onAbort = () => {
          if (this.remove(waiter)) {
            reject(cancelledError());
            this.pump();
          }
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      const behind = this.queue.findIndex((queued) => rank(queued) > rank(waiter));
      this.queue.splice(behind < 0 ? this.queue.length : behind, 0, waiter);
      this.pump();
    });
  }

  /**
   * What the limiter has learnt of the tenant's bucket: its burst (x-ratelimit-limit) and a lower
   * bound of its refill rate in requests per second; each undefined until responses told it. Lets
   * a background consumer (the watch) pace itself within a smaller share than the limiter's own.
   */
  observedLimits(): { burst?: number; perSecond?: number } {
    const rate = this.rateLowerBound();
    return { burst: this.bucket?.limit, perSecond: rate === undefined ? undefined : rate * 1000 };
  }

  /** How long a request queued now would wait for the bucket or a pause (not for a slot), in ms. */
  expectedWaitMs(): number {
    const now = this.clock();
    const wait = Math.max(this.pausedUntil - now, this.bucketWaitMs(now, true));
    return Number.isFinite(wait) ? Math.max(0, wait) : 0;
  }

  private remove(waiter: Waiter): boolean {
    const index = this.queue.indexOf(waiter);
    if (index < 0) {
      return false;
    }
    this.queue.splice(index, 1);
    if (waiter.signal && waiter.onAbort) {
      waiter.signal.removeEventListener('abort', waiter.onAbort);
    }
    return true;
  }

  private grant(waiter: Waiter, now: number): void {
    this.remove(waiter);
    const permit = new PermitImpl(this, this.nextSequence++, now, waiter.priority);
    this.inFlight.add(permit);
    if (this.bucket) {
      this.bucket.sentSince += 1;
    }
    if (waiter.priority === 'background') {
      if (this.backgroundTokens === undefined) {
        this.backgroundSentUnknown += 1;
      } else {
        this.backgroundTokens -= 1;
      }
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
    const complete = limit !== undefined && remaining !== undefined && resetSeconds !== undefined && limit >= 1;
    if (complete) {
      this.mode = 'reported';
      if (status === 429) {
        // The learned rate was too optimistic, someone else drains the bucket, or the limit
        // changed: start learning again, from the next successful response.
        this.observations = [];
        this.pairBound = undefined;
      } else {
        this.learnFromPairs({ sentAt: permit.sentAt, receivedAt: now, limit, remaining });
      }
      if (permit.sequence > this.lastObservedSequence || status === 429) {
        this.lastObservedSequence = Math.max(this.lastObservedSequence, permit.sequence);
        const othersInFlight = this.inFlight.size - (this.inFlight.has(permit) ? 1 : 0);
        this.bucket = {
          limit,
          tokens: status === 429 ? 0 : remaining,
          pendingThen: othersInFlight,
          at: now,
          resetAtServerMs: resetSeconds * 1000,
          sentSince: 0,
          oneTokenAt: status === 429 && usableWaitMs(headers.retryAfterMs) !== undefined ? now + (headers.retryAfterMs as number) : undefined,
        };
      }
    } else if (status >= 200 && status < 300 && this.mode === 'unknown') {
      this.mode = 'absent';
    }
    const succeeded = status >= 200 && status < 300;
    if (status !== 429 && remaining !== 0) {
      if (succeeded) {
        this.blindPauses = 0;
      }
      return;
    }
    // The bucket is empty: hold the tenant until Auth0 said, or for a backoff when it did not.
    const retryAfterMs = usableWaitMs(headers.retryAfterMs);
    const resetInMs = resetSeconds === undefined ? undefined : usableWaitMs(resetSeconds * 1000 - (this.clockOffsetLowMs ?? 0) - now);
    if (retryAfterMs !== undefined) {
      this.pause(now, now + retryAfterMs);
    } else if (resetInMs !== undefined) {
      // With the whole bucket reported, its estimate already waits (and may refill sooner).
      if (!complete) {
        this.pause(now, now + resetInMs);
      }
    } else if (succeeded) {
      // That request got the last token: the next one is a guess, not a repeat offence.
      this.blindPauses = 0;
      this.blindPauseStartedAt = now;
      this.pause(now, now + backoffDelayMs(this.backoff, 0));
    } else if (this.blindPauses === 0 || permit.sentAt > this.blindPauseStartedAt) {
      // Answers to requests sent before the current pause began are the same news: no doubling.
      this.blindPauseStartedAt = now;
      this.pause(now, now + backoffDelayMs(this.backoff, this.blindPauses));
      this.blindPauses += 1;
    }
  }

  /** @internal called by PermitImpl */
  onRelease(permit: PermitImpl): void {
    if (this.inFlight.delete(permit)) {
      this.pump();
    }
  }

  private pause(now: number, until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Math.min(until, now + MAX_PAUSE_MS));
  }

  /**
   * Bounds the rate from two responses i and j, j sent after i's answer arrived (so Auth0 counted
   * j after i): the bucket held less than R_i + 1 tokens after i
   * and at least R_j after j; in between, at least the requests this limiter sent after i's answer
   * and got answered before j was sent, and j itself, took one token each. So the refill brought
   * at least R_j - R_i + that count tokens within j's answer minus i's sending. Others draining
   * the bucket, or a full bucket wasting its refill, only make the true rate higher: the bound
   * holds whatever happens, and over seconds it is far tighter than one response's reset, which
   * is rounded to the second. It is what a hunt needs: using only its share, it never drains the
   * bucket again after the first burst, so single responses stop telling the rate.
   */
  private learnFromPairs(latest: Observation): void {
    const history = this.observations;
    for (const earlier of history) {
      // Only when j was sent after i's answer came is j known to have been counted after i:
      // answers overtake each other.
      if (earlier.limit !== latest.limit || latest.sentAt <= earlier.receivedAt) {
        continue;
      }
      const window = latest.receivedAt - earlier.sentAt;
      let between = 0;
      for (const other of history) {
        if (other.sentAt > earlier.receivedAt && other.receivedAt < latest.sentAt) {
          between += 1;
        }
      }
      const proven = latest.remaining - earlier.remaining + between;
      if (proven > 0) {
        this.pairBound = Math.max(this.pairBound ?? 0, proven / window);
      }
    }
    history.push(latest);
    if (history.length > OBSERVATIONS_KEPT) {
      history.shift();
    }
  }

  /**
   * Largest lower bound of the refill rate, in tokens per ms: from pairs of responses only. One
   * response's reset bounds the rate only under the "full bucket" reading, and on a tenant of the
   * other reading that bound is several times the true rate.
   */
  private rateLowerBound(): number | undefined {
    return this.pairBound;
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
    const rate = this.rateLowerBound();
    const resetInMs = this.resetInMs(bucket, now);
    const byRate = Math.min(bucket.limit, bucket.tokens + (rate === undefined ? 0 : (now - bucket.at) * rate));
    // By `reset` one token is back under either reading; a full bucket only under one of them.
    const refilled = resetInMs <= 0 ? Math.max(byRate, Math.min(bucket.limit, Math.max(bucket.tokens, 1))) : byRate;
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
    if (resetInMs > 0 && refilled < 1 && spent === 0) {
      candidates.push(resetInMs);
    }
    const wait = candidates.length > 0 ? Math.max(1, Math.min(...candidates)) : Infinity;
    // Nothing in flight will bring news: probe rather than wait forever.
    return wait === Infinity && this.inFlight.size === 0 ? 0 : wait;
  }

  /**
   * ms (local) until the last response's x-ratelimit-reset, plus RESET_MARGIN_MS: a request sent
   * on the very millisecond of a "next request" reset finds the token only just refilled, and
   * rounding on either side turns that into a 429.
   */
  private resetInMs(bucket: BucketEstimate, now: number): number {
    return bucket.resetAtServerMs + RESET_MARGIN_MS - (this.clockOffsetLowMs ?? 0) - now;
  }

  /**
   * ms until background's own bucket holds a token. It holds share × limit tokens and refills at
   * share × the rate's lower bound, so over any window background sends at most its share of
   * what the tenant allows. Before Auth0 reported a bucket there is nothing to share: 0.
   */
  private backgroundWaitMs(now: number): number {
    const bucket = this.bucket;
    if (!bucket) {
      return 0;
    }
    const share = this.backgroundShare;
    const capacity = Math.max(1, Math.floor(share * bucket.limit));
    const rate = this.backgroundRate(bucket);
    if (this.backgroundTokens === undefined) {
      this.backgroundTokens = capacity - this.backgroundSentUnknown;
    } else if (rate !== undefined) {
      this.backgroundTokens = Math.min(capacity, this.backgroundTokens + (now - this.backgroundTokensAt) * share * rate);
    } else if (this.resetInMs(bucket, now) <= 0 && this.backgroundCreditedFor !== bucket) {
      // No rate learned yet, but by `reset` one token is back (under either reading): once per answer.
      this.backgroundCreditedFor = bucket;
      this.backgroundTokens = Math.max(this.backgroundTokens, 1);
    }
    this.backgroundTokensAt = now;
    if (this.backgroundTokens >= 1) {
      return 0;
    }
    if (rate !== undefined) {
      return Math.max(1, (1 - this.backgroundTokens) / (share * rate));
    }
    const resetInMs = this.resetInMs(bucket, now);
    // Neither a rate nor a reset to wait for: a response in flight will tell.
    return resetInMs > 0 ? resetInMs : this.inFlight.size > 0 ? Infinity : 0;
  }

  /**
   * The rate (tokens/ms) background's bucket refills at a share of. The proven lower bound alone
   * starves a light consumer: pairs of responses prove only the refill they see, and a bucket
   * that background alone never drains (the watch: one request every 2 s against 2/s) shows none
   * beyond background's own spending, so its share of that bound shrank it further (13.5 of the
   * watch's 30 requests/min on a non-production tenant). While the tenant's bucket is at least 80 %
   * full, nothing is pressing on it, so the documented rate for its reported burst stands in; below
   * that (a hunt's burst, a busy production), the pairs see it drain and refill, and the proven
   * bound rules again (80 % rather than half: a guess is only for a bucket nobody is pressing on,
   * and the tenant's other Management API clients may be). Either way only what background may
   * send changes: the tenant's own bucket estimate, and so 429s, still rest on the proven bound
   * and `reset` alone.
   */
  private backgroundRate(bucket: BucketEstimate): number | undefined {
    const proven = this.rateLowerBound();
    const documented = documentedRatePerSecond(bucket.limit);
    // The bucket as last reported, less what was sent since: a lower bound of what it holds.
    return documented !== undefined && bucket.tokens - bucket.pendingThen - bucket.sentSince >= bucket.limit * 0.8 ? Math.max(proven ?? 0, documented / 1000) : proven;
  }

  /** Refuses, with the rest of the pause, the waiters that would rather fail than wait it out. */
  private refuseWaitersPastDeadline(now: number): void {
    if (this.pausedUntil <= now) {
      return;
    }
    for (const waiter of [...this.queue]) {
      if (waiter.deadline !== undefined && waiter.deadline < this.pausedUntil && this.remove(waiter)) {
        const waitMs = this.pausedUntil - now;
        waiter.reject(new RateLimitedError(waitMs, messages.rateLimitedGaveUp(waitMs)));
      }
    }
  }

  private pump(): void {
    this.timer?.abort();
    this.timer = undefined;
    this.refuseWaitersPastDeadline(this.clock());
    while (this.queue.length > 0 && this.inFlight.size < this.concurrency) {
      const now = this.clock();
      // Sorted by rank: a background head means no foreground request is waiting.
      const head = this.queue[0];
      let wait = Math.max(this.pausedUntil - now, this.bucketWaitMs(now));
      if (head.priority === 'background') {
        if (this.activeBackground >= this.backgroundSlots) {
          return; // a background release pumps again
        }
        wait = Math.max(wait, this.backgroundWaitMs(now));
      }
      if (wait > 0) {
        this.wake(wait);
        return;
      }
      this.grant(head, now);
    }
  }

  /** Pumps again after `wait` ms; a later pump cancels it. Infinity: a response will pump. */
  private wake(wait: number): void {
    if (!Number.isFinite(wait)) {
      return;
    }
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
}

class PermitImpl implements RequestPermit {
  private released = false;

  constructor(
    private readonly limiter: TenantRateLimiter,
    readonly sequence: number,
    readonly sentAt: number,
    readonly priority: RequestPriority,
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
