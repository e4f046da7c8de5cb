// The token bucket behind x-ratelimit-* and 429, with a fake clock, then over real HTTP.
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index';
import { bucketSpecOf, RateLimitBuckets, TokenBucket } from '../../emulator/rateLimiter';
import { call } from './helpers';

describe('token bucket', () => {
  it('allows the burst, then refuses with Retry-After until a token is back', () => {
    let now = 1_700_000_000_000;
    const bucket = new TokenBucket(bucketSpecOf('non-production'), () => now);
    const remaining: string[] = [];
    for (let i = 0; i < 10; i++) {
      const decision = bucket.take();
      assert.equal(decision.allowed, true);
      assert.equal(decision.headers['x-ratelimit-limit'], '10');
      remaining.push(decision.headers['x-ratelimit-remaining']);
    }
    assert.deepEqual(remaining, ['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    const refused = bucket.take();
    assert.equal(refused.allowed, false);
    assert.equal(refused.retryAfterSeconds, 1);
    assert.equal(refused.headers['x-ratelimit-remaining'], '0');
    // Empty bucket at 2 tokens per second: full again in 5 s.
    assert.equal(refused.headers['x-ratelimit-reset'], String(Math.ceil(now / 1000) + 5));
    now += 499;
    assert.equal(bucket.take().allowed, false);
    now += 1;
    assert.equal(bucket.take().allowed, true);
  });

  it('reports Retry-After in whole seconds of at least 1 for a slow refill', () => {
    let now = 0;
    const bucket = new TokenBucket({ burst: 1, perSecond: 0.25 }, () => now);
    assert.equal(bucket.take().allowed, true);
    assert.equal(bucket.take().retryAfterSeconds, 4);
    now += 3500;
    assert.equal(bucket.take().retryAfterSeconds, 1);
  });

  it('switching profiles with an empty bucket starts from the new profile\'s own bucket, in the same millisecond', () => {
    const now = 1_700_000_000_000; // the clock never moves: no refill can hide the bug
    const limits = new RateLimitBuckets('non-production', () => now);
    for (let i = 0; i < 10; i++) {
      assert.equal(limits.take().allowed, true);
    }
    assert.equal(limits.take().allowed, false, 'the non-production burst is spent');
    limits.use('unlimited');
    const afterSwitch = limits.take();
    assert.equal(afterSwitch.allowed, true, 'the unlimited profile answers at once');
    assert.equal(afterSwitch.headers['x-ratelimit-limit'], '1000000');
    limits.use('production');
    assert.equal(limits.take().headers['x-ratelimit-remaining'], '49', 'a profile used for the first time starts full');
    limits.use('non-production');
    assert.equal(limits.take().allowed, false, 'switching back resumes that profile\'s own (still empty) bucket');
  });

  it('knows the documented profiles', () => {
    assert.deepEqual(bucketSpecOf('production'), { burst: 50, perSecond: 16 });
    assert.deepEqual(bucketSpecOf('non-production'), { burst: 10, perSecond: 2 });
    assert.deepEqual(bucketSpecOf({ burst: 3, perSecond: 1 }), { burst: 3, perSecond: 1 });
    assert.throws(() => bucketSpecOf({ burst: 0, perSecond: 1 }), RangeError);
  });
});

describe('emulator rate limiting (non-production profile)', () => {
  it('sends x-ratelimit-* on every answer and 429 once the burst is spent', async () => {
    // A frozen limiter clock: no refill while the requests arrive, so the counts are exact
    // however slowly a busy machine serves them.
    const frozenMs = 1_700_000_000_000;
    const emulator = await startEmulator({ seed: 4, rateLimit: 'non-production', rateLimitClock: () => frozenMs });
    try {
      const results = await Promise.all(Array.from({ length: 14 }, () => call(emulator, 'GET', '/api/v2/users', { query: { per_page: '1' } })));
      const ok = results.filter((result) => result.status === 200);
      const limited = results.filter((result) => result.status === 429);
      assert.equal(ok.length, 10, 'the burst');
      assert.equal(limited.length, 4, 'the rest are refused');
      const remaining = ok.map((result) => result.headers.get('x-ratelimit-remaining')).sort();
      assert.deepEqual(remaining, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
      for (const result of results) {
        assert.equal(result.headers.get('x-ratelimit-limit'), '10');
        // Once empty at 2 per second, the bucket is full again 5 s after the frozen instant.
        const reset = Number(result.headers.get('x-ratelimit-reset'));
        assert.ok(reset >= frozenMs / 1000 && reset <= frozenMs / 1000 + 5, `reset ${reset}`);
      }
      assert.equal(Number(limited[0].headers.get('x-ratelimit-reset')), frozenMs / 1000 + 5);
      for (const result of limited) {
        assert.deepEqual(result.body, { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' });
        const retryAfter = Number(result.headers.get('retry-after'));
        assert.equal(retryAfter, 1, 'one token is back in 0.5 s, rounded up to whole seconds');
        assert.equal(result.headers.get('x-ratelimit-remaining'), '0');
      }
      assert.equal(emulator.requests.filter((request) => request.status === 429).length, limited.length, '429s are in the request log');
      emulator.configure({ rateLimit: 'unlimited' });
      assert.equal((await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '1' } })).status, 200);
    } finally {
      await emulator.close();
    }
  });

  it('does not limit POST /oauth/token (a different API), and limits before checking the token', async () => {
    const emulator = await startEmulator({ seed: 4, rateLimit: { burst: 1, perSecond: 0.01 } });
    try {
      assert.equal((await call(emulator, 'GET', '/api/v2/users')).status, 200);
      assert.equal((await call(emulator, 'GET', '/api/v2/users')).status, 429);
      // The bucket is checked before the token: a bad token gets a 429 too.
      assert.equal((await call(emulator, 'GET', '/api/v2/users', { token: 'garbage' })).status, 429);
      const token = await fetch(`${emulator.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret, audience: `${emulator.url}/api/v2/` }),
      });
      assert.equal(token.status, 200);
    } finally {
      await emulator.close();
    }
  });
});
