// Checkpoint paging of refresh tokens and sessions: complete, without duplicates, and correct
// while tokens are issued and revoked between pages.
import assert from 'node:assert/strict';
import { decodeCursor, encodeCursor, pageAfter } from '../../emulator/cursor';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { allTokenPages, apiPath, call, type TokenListPage } from './helpers';

describe('emulator refresh-token paging', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 5 });
  });
  after(() => emulator.close());

  it('has users with 0, 1, 7, 250 and 5000 tokens, and 40+ fan-out users with 7', () => {
    const counts = Object.fromEntries(Object.entries(emulator.users).map(([name, id]) => [name, emulator.refreshTokensOf(id).length]));
    assert.deepEqual(counts, { none: 0, one: 1, seven: 7, many: 250, huge: 5000 });
    assert.ok(emulator.fanOutUsers.length >= 40);
    for (const id of emulator.fanOutUsers) {
      assert.equal(emulator.refreshTokensOf(id).length, 7, id);
    }
  });

  it('pages through the huge user at take=100: 50 pages with next on each, the last included, then an empty page', async () => {
    const pages = await allTokenPages(emulator, emulator.users.huge, 100);
    assert.equal(pages.length, 51);
    const ids = pages.flatMap((page) => page.tokens.map((token) => token.id));
    assert.equal(ids.length, 5000);
    assert.equal(new Set(ids).size, 5000);
    assert.ok(pages.slice(0, -1).every((page) => typeof page.next === 'string' && page.next !== ''), 'next on every non-empty page');
    assert.deepEqual(pages[pages.length - 1], { tokens: [] }, 'the page after the last: empty, without next');
    assert.deepEqual(ids, emulator.refreshTokensOf(emulator.users.huge).map((token) => token.id));
    assert.ok(pages.every((page) => !('total' in page)), 'no total without include_totals');
  });

  it('answers total with include_totals=true: the count from the page on, 0 on the page after the last (as recorded)', async () => {
    const pages = await allTokenPages(emulator, emulator.users.many, 100, { include_totals: 'true' });
    assert.deepEqual(
      pages.map((page) => [page.tokens.length, page.total, typeof page.next]),
      [
        [100, 250, 'string'],
        [100, 150, 'string'],
        [50, 50, 'string'],
        [0, 0, 'undefined'],
      ],
    );
    const none = (await call(emulator, 'GET', apiPath('/users/{user_id}/refresh-tokens', { user_id: emulator.users.none }), { query: { include_totals: 'true' } })).body;
    assert.deepEqual(none, { tokens: [], total: 0 });
    const bad = await call(emulator, 'GET', apiPath('/users/{user_id}/refresh-tokens', { user_id: emulator.users.none }), { query: { include_totals: 'yes' } });
    assert.equal(bad.status, 400);
  });

  it('defaults to 50 per page and answers a single page with next, as a real tenant does', async () => {
    const first = (await call(emulator, 'GET', apiPath('/users/{user_id}/refresh-tokens', { user_id: emulator.users.many }))).body as TokenListPage;
    assert.equal(first.tokens.length, 50);
    assert.ok(first.next);
    const seven = (await call(emulator, 'GET', apiPath('/users/{user_id}/refresh-tokens', { user_id: emulator.users.seven }))).body as TokenListPage;
    assert.equal(seven.tokens.length, 7);
    assert.ok(seven.next, 'next on the last page too');
    const after = (await call(emulator, 'GET', apiPath('/users/{user_id}/refresh-tokens', { user_id: emulator.users.seven }), { query: { from: seven.next as string } })).body;
    assert.deepEqual(after, { tokens: [] });
    const none = (await call(emulator, 'GET', apiPath('/users/{user_id}/refresh-tokens', { user_id: emulator.users.none }))).body as TokenListPage;
    assert.deepEqual(none, { tokens: [] });
  });

  it('refuses take outside 1..100 and a cursor it did not issue', async () => {
    const path = apiPath('/users/{user_id}/refresh-tokens', { user_id: emulator.users.seven });
    for (const take of ['0', '101', '-1', '1.5', 'abc']) {
      const result = await call(emulator, 'GET', path, { query: { take } });
      assert.equal(result.status, 400, `take=${take}`);
      assert.equal((result.body as { errorCode: string }).errorCode, 'invalid_query_string');
      assert.match((result.body as { message: string }).message, /take/);
    }
    for (const take of ['1', '100']) {
      assert.equal((await call(emulator, 'GET', path, { query: { take } })).status, 200);
    }
    assert.equal((await call(emulator, 'GET', path, { query: { from: 'bm90LWEtY3Vyc29y' } })).status, 400);
  });

  it('stays correct while tokens are issued and revoked between pages', async () => {
    const userId = emulator.fanOutUsers[1];
    const path = apiPath('/users/{user_id}/refresh-tokens', { user_id: userId });
    const original = emulator.refreshTokensOf(userId).map((token) => token.id);
    assert.equal(original.length, 7);

    const page1 = (await call(emulator, 'GET', path, { query: { take: '3' } })).body as TokenListPage;
    assert.deepEqual(page1.tokens.map((token) => token.id), original.slice(0, 3));
    // Between pages: revoke one token already seen, the last one seen (the cursor's own) and
    // one not yet seen; issue a new one.
    emulator.removeRefreshToken(original[0]);
    emulator.removeRefreshToken(original[2]);
    emulator.removeRefreshToken(original[4]);
    const issued = emulator.addRefreshToken(userId);

    const page2 = (await call(emulator, 'GET', path, { query: { take: '3', from: page1.next as string } })).body as TokenListPage;
    assert.deepEqual(page2.tokens.map((token) => token.id), [original[3], original[5], original[6]]);
    assert.ok(page2.next, 'the newly issued token is still to come');
    const page3 = (await call(emulator, 'GET', path, { query: { take: '3', from: page2.next as string, include_totals: 'true' } })).body as TokenListPage;
    assert.deepEqual(page3.tokens.map((token) => token.id), [issued.id]);
    assert.equal(page3.total, 1, 'nothing after it');
    const page4 = (await call(emulator, 'GET', path, { query: { take: '3', from: page3.next as string } })).body as TokenListPage;
    assert.deepEqual(page4, { tokens: [] });
    assert.deepEqual(emulator.refreshTokensOf(userId).at(-1), issued);
  });

  it('answers an empty last page when everything after the cursor was revoked', async () => {
    const userId = emulator.fanOutUsers[2];
    const path = apiPath('/users/{user_id}/refresh-tokens', { user_id: userId });
    const page1 = (await call(emulator, 'GET', path, { query: { take: '5' } })).body as TokenListPage;
    emulator.refreshTokensOf(userId).slice(5).forEach((token) => emulator.removeRefreshToken(token.id));
    const page2 = (await call(emulator, 'GET', path, { query: { take: '5', from: page1.next as string } })).body as TokenListPage;
    assert.deepEqual(page2, { tokens: [] });
  });

  it('pages sessions the same way', async () => {
    const path = apiPath('/users/{user_id}/sessions', { user_id: emulator.users.huge });
    const ids: string[] = [];
    let from: string | undefined;
    let pages = 0;
    do {
      const page = (await call(emulator, 'GET', path, { query: { take: '100', ...(from === undefined ? {} : { from }) } })).body as {
        sessions: { id: string }[];
        next?: string;
      };
      ids.push(...page.sessions.map((session) => session.id));
      from = page.next;
      pages++;
    } while (from !== undefined);
    assert.ok(ids.length > 1000, `the huge user has many live sessions (${ids.length})`);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(pages, Math.ceil(ids.length / 100) + 1, 'the last non-empty page carries next too: an empty page ends it');
    const first = (await call(emulator, 'GET', path, { query: { take: '100', include_totals: 'true' } })).body as { total?: number };
    assert.equal(first.total, ids.length);
  });
});

describe('cursor', () => {
  const items = [1, 2, 3, 5, 8, 13].map((key) => ({ key }));

  it('round-trips keys and rejects anything else', () => {
    assert.equal(decodeCursor(encodeCursor(42)), 42);
    assert.equal(decodeCursor('garbage!'), undefined);
    assert.equal(decodeCursor(Buffer.from('ck1:-3').toString('base64url')), undefined);
    assert.equal(decodeCursor(Buffer.from('other:3').toString('base64url')), undefined);
  });

  it('continues after the key, even if the item with that key is gone', () => {
    const first = pageAfter(items, undefined, 2);
    assert.deepEqual(first.items, [{ key: 1 }, { key: 2 }]);
    assert.equal(decodeCursor(first.next as string), 2);
    assert.deepEqual(pageAfter(items, 4, 2).items, [{ key: 5 }, { key: 8 }]);
    const last = pageAfter(items, 5, 10);
    assert.deepEqual(last.items, [{ key: 8 }, { key: 13 }]);
    assert.equal(decodeCursor(last.next as string), 13, 'next on the last page too, as a real tenant sends it');
    assert.equal(last.total, 2, 'what is left from the page on');
    assert.equal(first.total, 6);
    assert.deepEqual(pageAfter(items, 13, 10), { items: [], total: 0 });
  });
});
