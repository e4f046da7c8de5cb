// How long the client waits before each retry, read on an injected clock (no wall-clock limits):
// a loopback tenant notes the virtual time at which every attempt reaches it, so the gaps between
// attempts are exactly the waits the client made. Project issue #10.
import assert from 'node:assert/strict';
import { RateLimitedError, isManagementApiError } from '../../../src/auth0/errors';
import { createManagementClient, type ManagementClient } from '../../../src/auth0/managementClient';
import type { RequestRecord, RetryNotice } from '../../../src/auth0/requestLog';
import type { RetryPolicy } from '../../../src/auth0/retryPolicy';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { failureRow } from '../../../src/presentation/failureRow.lazy';
import { ok, scriptedTenant, serverError, tooManyRequests, USER, type Answer, type ScriptedTenant } from './scriptedTenant';
import { rejectionOf } from './support';
import { VirtualTime } from './virtualTime';

const TOKEN = 'loopback-test-token-0123456789';

interface LoopbackClient {
  client: ManagementClient;
  records: RequestRecord[];
  retries: RetryNotice[];
}

function loopbackClient(tenant: ScriptedTenant, time: VirtualTime, retry: Partial<RetryPolicy> = {}): LoopbackClient {
  const records: RequestRecord[] = [];
  const retries: RetryNotice[] = [];
  const client = createManagementClient({
    domain: tenant.server.domain,
    tokenProvider: new StaticTokenProvider(TOKEN),
    clock: time.now,
    sleep: time.sleep,
    retry,
    onRequest: (record) => records.push(record),
    onRetry: (notice) => retries.push(notice),
  });
  return { client, records, retries };
}

const unixSeconds = (ms: number) => String(Math.floor(ms / 1000));

describe('Waits before retries (injected clock, loopback tenant)', () => {
  let tenant: ScriptedTenant | undefined;
  afterEach(async () => {
    await tenant?.server.close();
    tenant = undefined;
  });

  it('a header-less 429 ("Global limit has been reached") backs off 0.5, 1, 2, 4, 8 s, then fails saying when to try again', async () => {
    const time = new VirtualTime({ autoAdvance: true });
    tenant = await scriptedTenant(time, [tooManyRequests()]);
    const { client, retries } = loopbackClient(tenant, time, { random: () => 0 });
    const error = await rejectionOf(client.getUser(USER.user_id));
    assert.ok(error instanceof RateLimitedError, String(error));
    assert.deepEqual(tenant.gaps(), [500, 1000, 2000, 4000, 8000], 'spaced attempts, a bounded number of them');
    assert.deepEqual(
      retries.map((notice) => notice.message),
      ['1 s', '1 s', '2 s', '4 s', '8 s'].map((wait) => `Auth0 is rate limiting this tenant; retrying in ${wait}`),
    );
    assert.equal(error.retryAfterMs, 10_000);
    assert.equal(error.message, 'Auth0 is rate limiting this tenant; try again in 10 s.');
    assert.equal(failureRow(error).label, 'Rate limited by Auth0');
  });

  it('three header-less 429s wait about 0.5, 1 and 2 s, within the jitter bounds', async () => {
    for (const random of [0, 0.37, 0.999]) {
      const time = new VirtualTime({ autoAdvance: true });
      tenant = await scriptedTenant(time, [tooManyRequests(), tooManyRequests(), tooManyRequests(), ok()]);
      const { client } = loopbackClient(tenant, time, { random: () => random });
      assert.equal((await client.getUser(USER.user_id)).user_id, USER.user_id);
      const gaps = tenant.gaps();
      assert.equal(gaps.length, 3);
      [500, 1000, 2000].forEach((step, index) => {
        assert.ok(gaps[index] >= step && gaps[index] <= step * 1.5, `random ${random}: wait ${index + 1} was ${gaps[index]} ms, expected ${step}..${step * 1.5}`);
      });
      await tenant.server.close();
    }
  });

  it('server errors back off 0.5, 1 and 2 s too', async () => {
    const time = new VirtualTime({ autoAdvance: true });
    tenant = await scriptedTenant(time, [serverError, serverError, serverError, ok()]);
    const { client, records } = loopbackClient(tenant, time, { random: () => 0 });
    assert.equal((await client.getUser(USER.user_id)).user_id, USER.user_id);
    assert.deepEqual(tenant.gaps(), [500, 1000, 2000]);
    assert.deepEqual(
      records.map((record) => [record.attempt, record.status]),
      [
        [1, 500],
        [2, 500],
        [3, 500],
        [4, 200],
      ],
    );
  });

  it('the second attempt waits at least the 2 s of Retry-After', async () => {
    const time = new VirtualTime({ autoAdvance: true });
    tenant = await scriptedTenant(time, [tooManyRequests(() => ({ 'retry-after': '2' })), ok()]);
    const { client, retries } = loopbackClient(tenant, time, { random: () => 0 });
    assert.equal((await client.getUser(USER.user_id)).user_id, USER.user_id);
    const [gap] = tenant.gaps();
    assert.ok(gap >= 2000, `waited ${gap} ms`);
    assert.ok(gap <= 2100, `waited ${gap} ms, no longer than Auth0 asked`);
    assert.equal(retries[0].message, 'Auth0 is rate limiting this tenant; retrying in 2 s');
  });

  it('Retry-After as an HTTP date, and x-ratelimit-reset without Retry-After, are honoured too', async () => {
    const answers: [string, Answer, number][] = [
      ['Retry-After: an HTTP date 3 s ahead', tooManyRequests((now) => ({ 'retry-after': new Date(now + 3000).toUTCString() })), 3000],
      [
        'x-ratelimit-remaining: 0, x-ratelimit-reset 4 s ahead',
        tooManyRequests((now) => ({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': unixSeconds(now + 4000) })),
        4000,
      ],
    ];
    for (const [name, answer, expected] of answers) {
      const time = new VirtualTime({ autoAdvance: true });
      tenant = await scriptedTenant(time, [answer, ok()]);
      const { client } = loopbackClient(tenant, time, { random: () => 0 });
      assert.equal((await client.getUser(USER.user_id)).user_id, USER.user_id, name);
      const [gap] = tenant.gaps();
      assert.ok(gap >= expected && gap <= expected + 100, `${name}: waited ${gap} ms, expected ${expected}`);
      await tenant.server.close();
    }
  });

  describe('an empty bucket whose headers give no usable wait still waits a bounded backoff', () => {
    // Each of these says "no token left" without saying when one will be back.
    const kind: [name: string, answer: Answer][] = [
      ['429 without any rate-limit header', tooManyRequests()],
      ['429 with Retry-After: 0', tooManyRequests(() => ({ 'retry-after': '0' }))],
      ['429 with Retry-After: -5', tooManyRequests(() => ({ 'retry-after': '-5' }))],
      ['429 with an unparsable Retry-After', tooManyRequests(() => ({ 'retry-after': 'soon' }))],
      ['429 with Retry-After an HTTP date already past', tooManyRequests((now) => ({ 'retry-after': new Date(now - 10_000).toUTCString() }))],
      ['429 with x-ratelimit-remaining: 0 alone', tooManyRequests(() => ({ 'x-ratelimit-remaining': '0' }))],
      [
        '429 with x-ratelimit-reset already past',
        tooManyRequests((now) => ({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': unixSeconds(now - 5000) })),
      ],
      ['429 with x-ratelimit-reset: 0', tooManyRequests(() => ({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' }))],
      ['429 with x-ratelimit-reset: -1', tooManyRequests(() => ({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '-1' }))],
      [
        '429 with an unparsable x-ratelimit-reset',
        tooManyRequests(() => ({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'tomorrow' })),
      ],
      ['429 with Retry-After: 0 and x-ratelimit-reset already past', tooManyRequests((now) => ({ 'retry-after': '0', 'x-ratelimit-reset': unixSeconds(now - 1000) }))],
    ];
    for (const [name, answer] of kind) {
      it(`${name}: the retry waits 0.5..0.75 s`, async () => {
        const time = new VirtualTime({ autoAdvance: true });
        tenant = await scriptedTenant(time, [answer, ok()]);
        const { client } = loopbackClient(tenant, time, { random: () => 0.5 });
        assert.equal((await client.getUser(USER.user_id)).user_id, USER.user_id);
        const [gap] = tenant.gaps();
        assert.equal(tenant.arrivals.length, 2);
        assert.ok(gap >= 500 && gap <= 750, `waited ${gap} ms`);
      });
    }

    const successes: [name: string, answer: Answer][] = [
      ['200 with x-ratelimit-remaining: 0 alone', ok(() => ({ 'x-ratelimit-remaining': '0' }))],
      ['200 with x-ratelimit-remaining: 0 and x-ratelimit-reset already past', ok((now) => ({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': unixSeconds(now - 2000) }))],
    ];
    for (const [name, answer] of successes) {
      it(`${name}: the next request waits 0.5..0.75 s`, async () => {
        const time = new VirtualTime({ autoAdvance: true });
        tenant = await scriptedTenant(time, [answer, ok()]);
        const { client } = loopbackClient(tenant, time, { random: () => 0.5 });
        await client.getUser(USER.user_id);
        await client.getUser(USER.user_id);
        const [gap] = tenant.gaps();
        assert.ok(gap >= 500 && gap <= 750, `waited ${gap} ms`);
      });
    }
  });

  it('a wait of minutes is not spent retrying: the call fails at once, and the row names the wait', async () => {
    const time = new VirtualTime({ autoAdvance: true });
    tenant = await scriptedTenant(time, [tooManyRequests(() => ({ 'retry-after': '120' }))]);
    const { client } = loopbackClient(tenant, time);
    const error = await rejectionOf(client.getUser(USER.user_id));
    assert.ok(error instanceof RateLimitedError, String(error));
    assert.equal(tenant.arrivals.length, 1);
    assert.equal(error.retryAfterMs, 120_000);
    assert.equal(error.message, 'Auth0 is rate limiting this tenant; try again in 2 min.');
    const row = failureRow(error);
    assert.equal(row.label, 'Rate limited by Auth0');
    assert.equal(row.description, 'try again in 2 min');
    assert.ok(!row.description.includes('shortly'));

    // A call made during the pause is refused without a request, naming what is left of it.
    await time.advance(30_000);
    const during = await rejectionOf(client.getUser(USER.user_id));
    assert.ok(isManagementApiError(during, 'rate-limited'), String(during));
    assert.equal((during as RateLimitedError).retryAfterMs, 90_000);
    assert.equal(failureRow(during).description, 'try again in 2 min');
    assert.equal(tenant.arrivals.length, 1);
  });
});
