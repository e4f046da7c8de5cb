// Cursor paging (from/take) of refresh tokens against the emulator over real HTTP.
import assert from 'node:assert/strict';
import { isManagementApiError } from '../../../src/auth0/errors';
import { refreshTokenPager } from '../../../src/paging/cursorPager';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor, rejectionOf, requestsUnder, until } from '../auth0/support';

describe('refreshTokenPager', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 51 });
  });
  afterEach(() => emulator.configure({ faults: {}, latencyMs: 0 }));
  after(() => emulator.close());

  for (const take of [100, 50, 7, 1]) {
    it(`pages the 5,000-token user at take=${take}: every id once, in the emulator's order`, async function () {
      this.timeout(take === 1 ? 180_000 : 60_000);
      const { client } = clientFor(emulator);
      const pager = refreshTokenPager(client, emulator.users.huge, take);
      const before = emulator.requests.length;
      const tokens = await pager.loadAll();
      const expected = emulator.refreshTokensOf(emulator.users.huge).map((token) => token.id);
      assert.equal(expected.length, 5000);
      assert.deepEqual(
        tokens.map((token) => token.id),
        expected,
      );
      assert.equal(pager.state, 'done');
      assert.equal(emulator.requests.length - before, Math.ceil(5000 / take));
    });
  }

  it('neither loses nor duplicates tokens added and removed between page loads', async () => {
    const { client } = clientFor(emulator);
    const userId = emulator.users.many;
    const original = emulator.refreshTokensOf(userId).map((token) => token.id);
    const pager = refreshTokenPager(client, userId, 50);
    await pager.loadNext();
    await pager.loadNext();
    const loadedEarly = pager.items.map((token) => token.id);
    // Remove one already shown and one not reached yet; issue two new tokens.
    const removedShown = loadedEarly[10];
    const removedAhead = original[170];
    emulator.removeRefreshToken(removedShown);
    emulator.removeRefreshToken(removedAhead);
    const added = [emulator.addRefreshToken(userId).id, emulator.addRefreshToken(userId).id];
    await pager.loadNext();
    emulator.addRefreshToken(userId);
    await pager.loadAll();

    const seen = pager.items.map((token) => token.id);
    assert.equal(new Set(seen).size, seen.length, 'no duplicates');
    const presentThroughout = original.filter((id) => id !== removedShown && id !== removedAhead);
    for (const id of presentThroughout) {
      assert.equal(seen.filter((candidate) => candidate === id).length, 1, id);
    }
    assert.ok(!seen.includes(removedAhead));
    for (const id of added) {
      assert.ok(seen.includes(id), `newly issued ${id} appears at the end`);
    }
  });

  it('retries the failed page after an error and keeps what it had', async () => {
    const { client } = clientFor(emulator, { retry: { maxRetries: 0 } });
    const pager = refreshTokenPager(client, emulator.users.many, 100);
    await pager.loadNext();
    emulator.configure({ faults: { serverErrorRate: 1 } });
    const error = await rejectionOf(pager.loadNext());
    assert.ok(isManagementApiError(error, 'server-error'));
    assert.equal(pager.state, 'failed');
    assert.equal(pager.items.length, 100);
    const failedRequest = emulator.requests[emulator.requests.length - 1];

    emulator.configure({ faults: {} });
    await pager.loadAll();
    const retried = requestsUnder(emulator, `/api/v2/users/${emulator.users.many}/refresh-tokens`).slice(-2)[0];
    assert.deepEqual(retried.query, failedRequest.query, 'the same page again');
    assert.deepEqual(
      pager.items.map((token) => token.id),
      emulator.refreshTokensOf(emulator.users.many).map((token) => token.id),
    );
  });

  it('a cancelled listing sends no further request', async () => {
    const { client } = clientFor(emulator);
    const userId = emulator.users.many;
    const path = `/api/v2/users/${userId}/refresh-tokens`;
    const before = requestsUnder(emulator, path).length;
    const controller = new AbortController();
    const pager = refreshTokenPager(client, userId, 10);
    const error = await rejectionOf(
      pager.loadAll(controller.signal, ({ pages }) => {
        if (pages === 2) {
          controller.abort();
        }
      }),
    );
    assert.ok(isManagementApiError(error, 'cancelled'), String(error));
    assert.equal(requestsUnder(emulator, path).length - before, 2);
    assert.equal(pager.items.length, 20);
    assert.equal(pager.state, 'idle');
    // Anything still scheduled would have run by now.
    await client.getUser(emulator.users.one);
    assert.equal(requestsUnder(emulator, path).length - before, 2);
  });

  it('a listing cancelled while its request is in flight keeps its items and can go on', async () => {
    const { client } = clientFor(emulator);
    const userId = emulator.users.many;
    const path = `/api/v2/users/${userId}/refresh-tokens`;
    const pager = refreshTokenPager(client, userId, 100);
    await pager.loadNext();
    emulator.configure({ latencyMs: 300 });
    const before = requestsUnder(emulator, path).length;
    const controller = new AbortController();
    const loading = pager.loadNext(controller.signal);
    await until(() => requestsUnder(emulator, path).length > before, 'the page request reaching the emulator');
    controller.abort();
    assert.ok(isManagementApiError(await rejectionOf(loading), 'cancelled'));
    assert.equal(pager.state, 'idle');
    assert.equal(pager.items.length, 100);
    emulator.configure({ latencyMs: 0 });
    await pager.loadAll();
    assert.equal(pager.items.length, emulator.refreshTokensOf(userId).length);
    assert.equal(requestsUnder(emulator, path).length - before, 3, 'the cancelled page was requested again, once');
  });

  it('lists a user without tokens as done and empty', async () => {
    const { client } = clientFor(emulator);
    const pager = refreshTokenPager(client, emulator.users.none);
    assert.deepEqual(await pager.loadNext(), []);
    assert.equal(pager.state, 'done');
  });
});
