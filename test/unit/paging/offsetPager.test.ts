// Page-number paging of users against the emulator, including Auth0's 1,000-result cap.
import assert from 'node:assert/strict';
import { userPager } from '../../../src/paging/offsetPager';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor, requestsUnder } from '../auth0/support';

describe('userPager', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 61, userCount: 1234 });
  });
  after(() => emulator.close());

  it('stops at the 1,000 cap without asking past it (state capped)', async () => {
    const { client } = clientFor(emulator);
    const before = requestsUnder(emulator, '/api/v2/users').length;
    const pager = userPager(client, { perPage: 100 });
    const users = await pager.loadAll();
    assert.equal(users.length, 1000);
    assert.equal(new Set(users.map((user) => user.user_id)).size, 1000);
    assert.equal(pager.state, 'capped');
    assert.equal(pager.hasMore, false);
    assert.equal(pager.total, 1234);
    assert.match(pager.error?.message ?? '', /only the first 1,000 users/);
    const requests = requestsUnder(emulator, '/api/v2/users').slice(before);
    assert.equal(requests.length, 10);
    assert.ok(requests.every((request) => request.status === 200));
  });

  it("reports the cap when Auth0 answers invalid_paging (a page size that doesn't divide 1,000)", async () => {
    const { client } = clientFor(emulator);
    const pager = userPager(client, { perPage: 7 });
    const users = await pager.loadAll();
    assert.equal(pager.state, 'capped');
    assert.equal(users.length, 994);
  });

  it('lists a search shorter than a page as done', async () => {
    const { client } = clientFor(emulator);
    const pager = userPager(client, { perPage: 50, q: `user_id:"${emulator.users.seven}"` });
    const users = await pager.loadAll();
    assert.deepEqual(
      users.map((user) => user.user_id),
      [emulator.users.seven],
    );
    assert.equal(pager.state, 'done');
    assert.equal(pager.total, 1);
  });
});

describe('userPager on a small tenant', () => {
  it('pages all 300 users once each, ending on the short last page', async () => {
    const emulator = await startEmulator({ seed: 62 });
    try {
      const { client } = clientFor(emulator);
      const pager = userPager(client, { perPage: 40 });
      const users = await pager.loadAll();
      assert.equal(users.length, 300);
      assert.equal(new Set(users.map((user) => user.user_id)).size, 300);
      assert.equal(pager.state, 'done');
      assert.equal(requestsUnder(emulator, '/api/v2/users').length, 8);
    } finally {
      await emulator.close();
    }
  });
});
