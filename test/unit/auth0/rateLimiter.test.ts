// The tenant's limiter on its own, on a clock the test moves: foreground before background,
// background within its share of the rate (bursts included) and of the concurrency, and pauses
// that a burst of answers to the same wave of requests does not multiply. The tenant is the
// emulator's token bucket (test/emulator/rateLimiter.ts) on the same clock.
import assert from 'node:assert/strict';
import { RateLimitedError } from '../../../src/auth0/errors';
import { TenantRateLimiter, readRateLimitHeaders, type RequestPermit, type RequestPriority } from '../../../src/auth0/rateLimiter';
import { TokenBucket, type BucketSpec } from '../../emulator/rateLimiter';
import { rejectionOf } from './support';
import { VirtualTime, settle } from './virtualTime';

const NON_PRODUCTION: BucketSpec = { burst: 10, perSecond: 2 };

interface Simulation {
  /** Virtual time at which each request was let through, per priority. */
  granted: Record<RequestPriority, number[]>;
  tooManyRequests: number;
  /** Most background requests in flight at once. */
  mostBackgroundInFlight: number;
  time: VirtualTime;
  limiter: TenantRateLimiter;
}

/**
 * Sends `requests` through one limiter to a simulated tenant: each permit takes a token from the
 * bucket as it is granted, its answer comes `latencyMs` later with the bucket's headers.
 */
async function simulate(
  requests: { priority: RequestPriority; at?: number }[],
  options: { latencyMs?: number | ((request: number) => number); spec?: BucketSpec } = {},
): Promise<Simulation> {
  const time = new VirtualTime();
  const start = time.now();
  const bucket = new TokenBucket(options.spec ?? NON_PRODUCTION, time.now);
  const limiter = new TenantRateLimiter({ concurrency: 4, clock: time.now, sleep: time.sleep, backoff: { baseDelayMs: 500, maxDelayMs: 10_000, random: () => 0 } });
  const simulation: Simulation = { granted: { foreground: [], background: [] }, tooManyRequests: 0, mostBackgroundInFlight: 0, time, limiter };
  let done = 0;
  let sent = 0;
  const send = async (priority: RequestPriority) => {
    const permit = await limiter.acquire({ priority });
    simulation.granted[priority].push(time.now());
    simulation.mostBackgroundInFlight = Math.max(simulation.mostBackgroundInFlight, limiter.activeBackground);
    const decision = bucket.take();
    const latency = options.latencyMs;
    await time.sleep(typeof latency === 'function' ? latency(sent++) : (latency ?? 20));
    if (!decision.allowed) {
      simulation.tooManyRequests += 1;
    }
    const headers = new Headers({ ...decision.headers, date: new Date(time.now()).toUTCString() });
    if (decision.retryAfterSeconds !== undefined) {
      headers.set('retry-after', String(decision.retryAfterSeconds));
    }
    permit.observe(decision.allowed ? 200 : 429, readRateLimitHeaders(headers, time.now()));
    permit.release();
    done += 1;
  };
  const calls: Promise<void>[] = [];
  const pending = [...requests].sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  for (let step = 0; done < requests.length; step++) {
    while (pending.length > 0 && start + (pending[0].at ?? 0) <= time.now()) {
      calls.push(send(pending.shift()!.priority));
    }
    await settle();
    assert.ok(step < 100_000, `the simulation did not finish: ${done} of ${requests.length} done at ${time.now() - start} ms`);
    await time.advance(10);
  }
  await Promise.all(calls);
  for (const list of Object.values(simulation.granted)) {
    list.forEach((at, index) => (list[index] = at - start));
  }
  return simulation;
}

const many = (count: number, priority: RequestPriority, at = 0) => Array.from({ length: count }, () => ({ priority, at }));

describe('TenantRateLimiter priorities (injected clock)', () => {
  it('serves queued foreground requests before queued background ones; a retry goes first within its priority', async () => {
    const time = new VirtualTime();
    const limiter = new TenantRateLimiter({ concurrency: 1, clock: time.now, sleep: time.sleep });
    const running = await limiter.acquire();
    const order: string[] = [];
    const permits: RequestPermit[] = [];
    const queue = (name: string, options: Parameters<TenantRateLimiter['acquire']>[0]) =>
      limiter.acquire(options).then((permit) => {
        order.push(name);
        permits.push(permit);
      });
    const all = [
      queue('background 1', { priority: 'background' }),
      queue('foreground 1', {}),
      queue('background 2', { priority: 'background' }),
      queue('background retry', { priority: 'background', retry: true }),
      queue('foreground 2', { priority: 'foreground' }),
      queue('foreground retry', { retry: true }),
    ];
    assert.equal(limiter.queued, 6);
    running.observe(200, {});
    running.release();
    for (let released = 0; released < 6; released++) {
      await settle();
      permits[released].observe(200, {});
      permits[released].release();
    }
    await Promise.all(all);
    assert.deepEqual(order, ['foreground retry', 'foreground 1', 'foreground 2', 'background retry', 'background 1', 'background 2']);
  });

  it('background alone never exceeds its share (0.5) of the rate over any window, bursts included', async () => {
    const { granted, tooManyRequests } = await simulate(many(30, 'background'));
    const times = granted.background;
    assert.equal(times.length, 30);
    assert.equal(tooManyRequests, 0);
    for (let first = 0; first < times.length; first++) {
      for (let last = first; last < times.length; last++) {
        const sent = last - first + 1;
        const allowed = 0.5 * (NON_PRODUCTION.burst + (NON_PRODUCTION.perSecond * (times[last] - times[first])) / 1000);
        assert.ok(sent <= allowed + 1e-9, `${sent} background requests within ${times[last] - times[first]} ms; its share allows ${allowed.toFixed(2)}`);
      }
    }
  });

  it('background sustains its share over a long run while a person browses: 300 requests at the production limit within 1.1× of their floor', async () => {
    const production: BucketSpec = { burst: 50, perSecond: 16 };
    // A foreground request every 500 ms: the tenant's bucket never refills completely.
    const browsing = Array.from({ length: 80 }, (_, index) => ({ priority: 'foreground' as const, at: 250 + index * 500 }));
    const { granted, tooManyRequests } = await simulate([...many(300, 'background'), ...browsing], { spec: production });
    // The background bucket starts with 0.5 × 50 tokens and refills at 0.5 × 16 per s.
    const floorMs = ((300 - 25) / 8) * 1000;
    const last = granted.background[299];
    assert.equal(tooManyRequests, 0);
    assert.ok(last <= floorMs * 1.1, `300 background requests took ${last} ms; floor ${floorMs} ms`);
  });

  it('and at the non-production limit: 60 background requests within 1.1× of their floor while a person browses', async () => {
    const browsing = Array.from({ length: 30 }, (_, index) => ({ priority: 'foreground' as const, at: 1000 + index * 2000 }));
    const { granted, tooManyRequests } = await simulate([...many(60, 'background'), ...browsing]);
    // The background bucket starts with 0.5 × 10 tokens and refills at 0.5 × 2 per s.
    const floorMs = ((60 - 5) / 1) * 1000;
    const last = granted.background[59];
    assert.equal(tooManyRequests, 0);
    assert.ok(last <= floorMs * 1.1, `60 background requests took ${last} ms; floor ${floorMs} ms`);
  });

  it('background keeps within its share when answers arrive out of order (latencies from 10 to 400 ms)', async () => {
    const production: BucketSpec = { burst: 50, perSecond: 16 };
    const latencies = [10, 400, 35, 220, 15, 90, 310, 60];
    const browsing = Array.from({ length: 40 }, (_, index) => ({ priority: 'foreground' as const, at: 250 + index * 500 }));
    const { granted, tooManyRequests } = await simulate([...many(200, 'background'), ...browsing], { spec: production, latencyMs: (request) => latencies[request % latencies.length] });
    assert.equal(tooManyRequests, 0);
    const times = granted.background;
    for (let first = 0; first < times.length; first++) {
      for (let last = first; last < times.length; last++) {
        const count = last - first + 1;
        const allowed = 0.5 * (production.burst + (production.perSecond * (times[last] - times[first])) / 1000);
        assert.ok(count <= allowed + 1e-9, `${count} background requests within ${times[last] - times[first]} ms; its share allows ${allowed.toFixed(2)}`);
      }
    }
  });

  // A light background consumer never drains the bucket, so pairs of answers prove no more rate
  // than it spends: its share of that bound used to hold it to a fraction of its share (the watch).
  for (const { spec, everyMs } of [
    { spec: NON_PRODUCTION, everyMs: 1000 },
    { spec: NON_PRODUCTION, everyMs: 2000 },
    { spec: { burst: 50, perSecond: 16 }, everyMs: 125 },
    { spec: { burst: 50, perSecond: 16 }, everyMs: 500 },
  ]) {
    it(`background at or below its share, one request every ${everyMs} ms at burst ${spec.burst}, ${spec.perSecond}/s, is never held`, async () => {
      const requests = Array.from({ length: 60 }, (_, index) => ({ priority: 'background' as const, at: 6000 + index * everyMs }));
      const { granted, tooManyRequests } = await simulate(requests, { spec });
      assert.equal(tooManyRequests, 0);
      const late = granted.background.map((at, index) => at - requests[index].at).filter((ms) => ms > 10);
      assert.deepEqual(late, [], `${late.length} of 60 held (ms late)`);
    });
  }

  it('on a tenant slower than the documented rate for its burst (10, 1/s): 0 × 429, and a person waits at most one token', async () => {
    const slow: BucketSpec = { burst: 10, perSecond: 1 };
    const browsing = Array.from({ length: 20 }, (_, index) => ({ priority: 'foreground' as const, at: 1000 + index * 3000 }));
    const { granted, tooManyRequests } = await simulate([...many(60, 'background'), ...browsing], { spec: slow });
    assert.equal(tooManyRequests, 0);
    const waits = granted.foreground.map((at, index) => at - browsing[index].at);
    assert.ok(waits.every((ms) => ms <= 1000), JSON.stringify(waits));
  });

  it('foreground alone uses the whole rate: the same 30 requests finish in about half the time', async () => {
    const background = await simulate(many(30, 'background'));
    const foreground = await simulate(many(30, 'foreground'));
    const lastBackground = background.granted.background[29];
    const lastForeground = foreground.granted.foreground[29];
    // Floor for 30 requests at burst 10, 2/s: 10 s; background's share: (30 - 5) / 1 s = 25 s.
    assert.ok(lastForeground >= 10_000 && lastForeground < 14_000, `foreground took ${lastForeground} ms`);
    assert.ok(lastBackground >= 25_000, `background took ${lastBackground} ms`);
    assert.equal(foreground.tooManyRequests, 0);
  });

  it('a foreground request is not held back by background work already running', async () => {
    const { granted } = await simulate([...many(30, 'background'), { priority: 'foreground', at: 4000 }]);
    assert.deepEqual(granted.foreground, [4000]);
  });

  it('with both kinds queued under the limit, foreground requests all go before the next background one', async () => {
    // 14 at once is more than the bucket holds at 3 s: some of them wait for tokens, as background does.
    const { granted, tooManyRequests } = await simulate([...many(20, 'background'), ...many(14, 'foreground', 3000)]);
    const lastForeground = Math.max(...granted.foreground);
    assert.ok(lastForeground >= 4000, `the foreground requests had to queue (last at ${lastForeground} ms)`);
    const backgroundDuring = granted.background.filter((at) => at > 3000 && at < lastForeground);
    assert.deepEqual(backgroundDuring, [], 'no background request went while foreground ones waited');
    assert.equal(tooManyRequests, 0);
  });

  it('background uses at most its share of the concurrency; foreground takes the rest', async () => {
    const time = new VirtualTime();
    const limiter = new TenantRateLimiter({ concurrency: 4, clock: time.now, sleep: time.sleep });
    // A tenant that reports no limits: only the concurrency caps.
    const probe = await limiter.acquire();
    probe.observe(200, {});
    probe.release();
    const background = Array.from({ length: 5 }, () => limiter.acquire({ priority: 'background' }));
    await settle();
    assert.equal(limiter.active, 2);
    assert.equal(limiter.activeBackground, 2);
    const foreground = await Promise.all([limiter.acquire(), limiter.acquire()]);
    assert.equal(limiter.active, 4);
    foreground.forEach((permit) => permit.release());
    await settle();
    assert.equal(limiter.activeBackground, 2, 'freed foreground slots do not go to background beyond its share');
    (await Promise.all(background.slice(0, 2))).forEach((permit) => permit.release());
    await settle();
    assert.equal(limiter.activeBackground, 2);
    assert.equal(limiter.queued, 1);
  });

  it('rejects a background share outside (0, 1]', () => {
    for (const share of [0, -0.5, 1.5, Number.NaN]) {
      assert.throws(() => new TenantRateLimiter({ backgroundShare: share }), RangeError);
    }
  });
});

describe('TenantRateLimiter pauses (injected clock)', () => {
  function limiterOn(time: VirtualTime) {
    return new TenantRateLimiter({ concurrency: 4, clock: time.now, sleep: time.sleep, backoff: { baseDelayMs: 500, maxDelayMs: 10_000, random: () => 0 } });
  }

  it('four header-less 429s answering the same wave pause the tenant once (0.5 s), not 0.5 + 1 + 2 + 4 s', async () => {
    const time = new VirtualTime();
    const limiter = limiterOn(time);
    const probe = await limiter.acquire();
    probe.observe(200, {});
    probe.release();
    const wave = await Promise.all(Array.from({ length: 4 }, () => limiter.acquire()));
    await time.advance(50);
    for (const permit of wave) {
      permit.observe(429, {});
      permit.release();
    }
    assert.equal(limiter.expectedWaitMs(), 500);
    // The retry that follows the pause and meets another 429 doubles it.
    await time.advance(500);
    const retry = await limiter.acquire({ retry: true });
    retry.observe(429, {});
    retry.release();
    assert.equal(limiter.expectedWaitMs(), 1000);
    // A success starts over.
    await time.advance(1000);
    const next = await limiter.acquire();
    next.observe(200, {});
    next.release();
    const after = await limiter.acquire();
    after.observe(429, {});
    after.release();
    assert.equal(limiter.expectedWaitMs(), 500);
  });

  it('holds every request until Retry-After has passed', async () => {
    const time = new VirtualTime();
    const limiter = limiterOn(time);
    const first = await limiter.acquire();
    first.observe(429, { retryAfterMs: 2000 });
    first.release();
    let grantedAt: number | undefined;
    const waiting = limiter.acquire().then((permit) => {
      grantedAt = time.now();
      return permit;
    });
    await time.advance(1999);
    assert.equal(grantedAt, undefined);
    await time.advance(1);
    (await waiting).release();
    assert.equal(grantedAt, first.sentAt + 2000);
  });

  it('refuses at once a request whose deadline falls inside the pause, naming what is left of it', async () => {
    const time = new VirtualTime();
    const limiter = limiterOn(time);
    const first = await limiter.acquire();
    first.observe(429, { retryAfterMs: 120_000 });
    first.release();
    await time.advance(30_000);
    const refused = await rejectionOf(limiter.acquire({ deadline: time.now() + 60_000 }));
    assert.ok(refused instanceof RateLimitedError, String(refused));
    assert.equal(refused.retryAfterMs, 90_000);
    const patient = limiter.acquire({ deadline: time.now() + 100_000 });
    await time.advance(90_000);
    (await patient).release();
    assert.equal(limiter.queued, 0);
  });
});
