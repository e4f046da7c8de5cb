// One tenant's requests share one limiter: a concurrency cap, pacing from the x-ratelimit-*
// headers so bursts queue instead of hitting 429s, and Retry-After honoured when one comes.
import assert from 'node:assert/strict';
import { isManagementApiError } from '../../../src/auth0/errors';
import { refreshTokenPager } from '../../../src/paging/cursorPager';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor, rejectionOf, requestsUnder, until } from './support';

const tooManyRequests = (emulator: RunningEmulator) => emulator.requests.filter((request) => request.status === 429).length;

describe('rate limiting', () => {
  it('expands 40 users at once under the non-production limit (burst 10, 2/s) with almost no 429', async function () {
    this.timeout(90_000);
    const emulator = await startEmulator({ seed: 21, rateLimit: 'non-production' });
    try {
      let mostInFlight = 0;
      const completed: string[] = [];
      const { client } = clientFor(emulator, {
        // Called while the request still holds its slot.
        onRequest: (record) => {
          mostInFlight = Math.max(mostInFlight, client.limiter.active);
          completed.push(record.outcome);
        },
      });
      const users = emulator.fanOutUsers.slice(0, 40);
      assert.equal(users.length, 40);
      const pagers = await Promise.all(
        users.map(async (userId) => {
          const pager = refreshTokenPager(client, userId);
          await pager.loadAll();
          return pager;
        }),
      );

      pagers.forEach((pager, index) => {
        assert.equal(pager.state, 'done');
        assert.deepEqual(
          pager.items.map((token) => token.id),
          emulator.refreshTokensOf(users[index]).map((token) => token.id),
        );
      });
      assert.ok(mostInFlight <= 4, `at most 4 in flight, saw ${mostInFlight}`);
      assert.ok(tooManyRequests(emulator) <= 2, `429s: ${tooManyRequests(emulator)}`);
      assert.equal(completed.filter((outcome) => outcome === 'ok').length, 40);
    } finally {
      await emulator.close();
    }
  });

  it('keeps a fast bucket (burst 5, 25/s) nearly free of 429s over 60 requests', async function () {
    this.timeout(30_000);
    const emulator = await startEmulator({ seed: 22, rateLimit: { burst: 5, perSecond: 25 } });
    try {
      const { client } = clientFor(emulator, { concurrency: 6 });
      const users = await Promise.all(Array.from({ length: 60 }, () => client.getUser(emulator.users.one)));
      assert.equal(users.length, 60);
      assert.ok(tooManyRequests(emulator) <= 1, `429s: ${tooManyRequests(emulator)}`);
    } finally {
      await emulator.close();
    }
  });

  it('retries after injected 429s, honouring Retry-After, until every call succeeds', async function () {
    this.timeout(30_000);
    const emulator = await startEmulator({ seed: 23, faults: { tooManyRequestsRate: 0.2 } });
    try {
      const { client, retries } = clientFor(emulator);
      const ids = await Promise.all(Array.from({ length: 12 }, () => client.getUser(emulator.users.seven).then((user) => user.user_id)));
      assert.deepEqual(new Set(ids), new Set([emulator.users.seven]));
      assert.equal(retries.length, tooManyRequests(emulator));
      assert.ok(retries.length > 0, 'the seed injects at least one 429');
      for (const notice of retries) {
        assert.match(notice.message, /^Auth0 is rate limiting this tenant; retrying in \d+ s$/);
      }
    } finally {
      await emulator.close();
    }
  });

  it('a call queued behind the cap honours its AbortSignal and is never sent', async () => {
    const emulator = await startEmulator({ seed: 24, latencyMs: 100 });
    try {
      const { client } = clientFor(emulator, { concurrency: 1 });
      const controller = new AbortController();
      const running = client.getUser(emulator.users.one);
      const queued = client.getUser(emulator.users.seven, { signal: controller.signal });
      await until(() => client.limiter.queued === 1, 'the second call queueing behind the first');
      controller.abort();
      const error = await rejectionOf(queued);
      assert.ok(isManagementApiError(error, 'cancelled'), String(error));
      assert.equal((await running).user_id, emulator.users.one);
      assert.equal(requestsUnder(emulator, `/api/v2/users/${emulator.users.seven}`).length, 0);
    } finally {
      await emulator.close();
    }
  });

  it("a call's priority reaches the limiter: a foreground call queued after a background one is sent first", async () => {
    const emulator = await startEmulator({ seed: 25, latencyMs: 100 });
    try {
      const { client } = clientFor(emulator, { concurrency: 1 });
      const running = client.getUser(emulator.users.one);
      const background = client.getUser(emulator.users.seven, { priority: 'background' });
      const foreground = client.getUser(emulator.users.many, { priority: 'foreground' });
      await until(() => client.limiter.queued === 2, 'both calls queueing behind the first');
      await Promise.all([running, background, foreground]);
      assert.deepEqual(
        requestsUnder(emulator, '/api/v2/users/').map((request) => request.segments[3]),
        [emulator.users.one, emulator.users.many, emulator.users.seven],
      );
    } finally {
      await emulator.close();
    }
  });
});
