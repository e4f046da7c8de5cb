// Auth0's Management API limits are a token bucket per tenant: a burst, refilled at a steady
// rate. Every response reports the bucket in x-ratelimit-* headers, and a 429 says when to retry.

export type RateLimitProfile = 'unlimited' | 'production' | 'non-production' | { burst: number; perSecond: number };

/**
 * What `x-ratelimit-reset` names: 'full', the moment the bucket is full again (Auth0's documented
 * reading), or 'next', the moment the next request is allowed (one token back), as some tenants
 * answer (issue 18). A client must keep clear of 429s under either.
 */
export type ResetReading = 'full' | 'next';

export interface BucketSpec {
  burst: number;
  perSecond: number;
}

/** Documented Enterprise limits (FACTS.md). 'unlimited' is a bucket too large to ever empty in a test. */
export function bucketSpecOf(profile: RateLimitProfile): BucketSpec {
  if (profile === 'production') {
    return { burst: 50, perSecond: 16 };
  }
  if (profile === 'non-production') {
    return { burst: 10, perSecond: 2 };
  }
  if (profile === 'unlimited') {
    return { burst: 1_000_000, perSecond: 1_000_000 };
  }
  if (!(profile.burst >= 1) || !(profile.perSecond > 0)) {
    throw new RangeError(`A rate limit needs burst >= 1 and perSecond > 0, got ${JSON.stringify(profile)}`);
  }
  return { burst: profile.burst, perSecond: profile.perSecond };
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** Whole seconds until one token is available again; only when not allowed. */
  retryAfterSeconds?: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /** What x-ratelimit-reset names; tests and the CLI switch it. */
  resetReading: ResetReading = 'full';

  constructor(
    private readonly spec: BucketSpec,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = spec.burst;
    this.updatedAt = clock();
  }

  /** Takes one token for a request, or refuses it with a 429 decision. */
  take(): RateDecision {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true, headers: this.headers() };
    }
    return this.refusal();
  }

  /** A 429 regardless of the bucket (fault injection): reports the bucket without using it. */
  refuseWithoutTaking(): RateDecision {
    this.refill();
    return { ...this.refusal(), headers: { ...this.headers(), 'x-ratelimit-remaining': '0' } };
  }

  private refusal(): RateDecision {
    const secondsToOneToken = Math.max(0, 1 - this.tokens) / this.spec.perSecond;
    return { allowed: false, headers: this.headers(), retryAfterSeconds: Math.max(1, Math.ceil(secondsToOneToken)) };
  }

  private refill(): void {
    const now = this.clock();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.spec.burst, this.tokens + elapsedSeconds * this.spec.perSecond);
    this.updatedAt = now;
  }

  private headers(): Record<string, string> {
    const secondsToFull = (this.spec.burst - this.tokens) / this.spec.perSecond;
    const secondsToNext = Math.max(0, 1 - this.tokens) / this.spec.perSecond;
    const seconds = this.resetReading === 'full' ? secondsToFull : secondsToNext;
    return {
      'x-ratelimit-limit': String(this.spec.burst),
      'x-ratelimit-remaining': String(Math.max(0, Math.floor(this.tokens))),
      // UNIX seconds, rounded up like Auth0's integer header: when the bucket is full again, or
      // (the 'next' reading) when the next request is allowed.
      'x-ratelimit-reset': String(Math.ceil((this.updatedAt + seconds * 1000) / 1000)),
    };
  }
}

/**
 * The tenant's limit as tests switch it: one bucket per profile, each with its own state. A
 * switch never carries one profile's spent bucket into another (a request in the same
 * millisecond after switching to 'unlimited' must not get a 429); switching back resumes the
 * earlier profile's bucket, refilled for the time that passed.
 */
export class RateLimitBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private current: TokenBucket;
  private reading: ResetReading = 'full';

  constructor(
    profile: RateLimitProfile,
    private readonly clock: () => number = Date.now,
    reading: ResetReading = 'full',
  ) {
    this.current = this.bucketOf(profile);
    this.useResetReading(reading);
  }

  /** Switches what x-ratelimit-reset names, for every profile's bucket. */
  useResetReading(reading: ResetReading): void {
    this.reading = reading;
    for (const bucket of this.buckets.values()) {
      bucket.resetReading = reading;
    }
  }

  use(profile: RateLimitProfile): void {
    this.current = this.bucketOf(profile);
  }

  take(): RateDecision {
    return this.current.take();
  }

  refuseWithoutTaking(): RateDecision {
    return this.current.refuseWithoutTaking();
  }

  private bucketOf(profile: RateLimitProfile): TokenBucket {
    const spec = bucketSpecOf(profile);
    const key = `${spec.burst}/${spec.perSecond}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(spec, this.clock);
      bucket.resetReading = this.reading;
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
