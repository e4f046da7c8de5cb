// Issue 18 §1: cursor listings as a real tenant pages them. A real tenant sends `next` on every
// non-empty page, the last one included; `total` answers include_totals=true; the page after the
// last is `{"tokens":[],"total":0}` (FACTS.md "Recorded answers"). The emulator's default answers
// that way; its other cursor-paging profiles answer worse. Each example of the issue is one test
// here, against the emulator over real HTTP.
import assert from 'node:assert/strict';
import { isManagementApiError } from '../../../src/auth0/errors';
import { backgroundHuntSource, memoryEarlyAccess } from '../../../src/features/hunt/core/huntTokenSource';
import { clientHuntSource } from '../../../src/features/hunt/core/huntRunner';
import { countUserExposure } from '../../../src/features/response/core/incidentResponse';
import { TenantModel } from '../../../src/model/tenantModel';
import { refreshTokenPager } from '../../../src/paging/cursorPager';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor, requestsUnder } from '../auth0/support';

/**
 * Runs `work` with a signal that aborts once the emulator has received more than `max` requests
 * under `prefix`: a listing that loops fails the test instead of hanging it.
 */
export async function withRequestBound<T>(emulator: RunningEmulator, prefix: string, max: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const before = requestsUnder(emulator, prefix).length;
  let finished = false;
  const guard = (async () => {
    while (!finished) {
      if (requestsUnder(emulator, prefix).length - before > max) {
        controller.abort();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 2)); // polls observable state
    }
  })();
  try {
    return await work(controller.signal);
  } finally {
    finished = true;
    await guard;
  }
}

describe('Cursor paging as a real tenant pages (issue 18 §1)', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 18 });
  });
  afterEach(() => emulator.configure({ cursorPaging: 'auth0' }));
  after(() => emulator.close());

  const tokenPath = (userId: string) => `/api/v2/users/${userId}/refresh-tokens`;

  it('a user whose tokens fit one page is complete after one request: no phantom "Load more…"', async () => {
    const { client } = clientFor(emulator);
    const userId = emulator.users.seven;
    const before = requestsUnder(emulator, tokenPath(userId)).length;
    const pager = refreshTokenPager(client, userId, 50);
    await pager.loadNext();
    assert.equal(pager.items.length, 7);
    assert.equal(pager.hasMore, false, 'nothing is left to load');
    assert.equal(pager.state, 'done');
    const sent = requestsUnder(emulator, tokenPath(userId)).slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].query.include_totals, 'true', 'asks for the total');
  });

  it('a listing with more pages knows its total after the first page (no "50+" count)', async () => {
    const { client } = clientFor(emulator);
    const pager = refreshTokenPager(client, emulator.users.many, 50);
    await pager.loadNext();
    assert.equal(pager.items.length, 50);
    assert.equal(pager.hasMore, true);
    assert.equal(pager.total, 250);
  });

  it("Contain User counts every refresh token it will revoke, past the first page too", async () => {
    const model = new TenantModel(clientFor(emulator).client);
    const many = await countUserExposure(model, emulator.users.many);
    assert.equal(many.refreshTokenCount, 250);
    const seven = await countUserExposure(model, emulator.users.seven);
    assert.equal(seven.refreshTokenCount, 7);
    assert.equal(seven.sessionCount, emulator.sessionsOf(emulator.users.seven).length);
  });

  it('a hunt spends one request on a user whose tokens fit one page', async () => {
    const source = backgroundHuntSource(clientFor(emulator).client, { earlyAccess: memoryEarlyAccess(false) });
    for (const userId of emulator.fanOutUsers.slice(0, 5)) {
      const tokens = await source.listUserTokens(userId, new AbortController().signal);
      assert.equal(tokens.length, 7);
    }
    assert.equal(source.requests.perUser, 5, 'one request per user');
    const before = requestsUnder(emulator, tokenPath(emulator.users.seven)).length;
    await clientHuntSource(clientFor(emulator).client).listUserTokens(emulator.users.seven, new AbortController().signal);
    assert.equal(requestsUnder(emulator, tokenPath(emulator.users.seven)).length - before, 1);
  });

  it("a tenant that repeats a page and its cursor cannot make the hunt's per-user loop go on", async function () {
    this.timeout(10_000);
    emulator.configure({ cursorPaging: 'repeating-cursor' });
    const userId = emulator.users.many;
    const source = backgroundHuntSource(clientFor(emulator).client, { earlyAccess: memoryEarlyAccess(false) });
    const tokens = await withRequestBound(emulator, tokenPath(userId), 10, (signal) => source.listUserTokens(userId, signal));
    assert.equal(tokens.length, 100, 'the first page, each token once');
    assert.equal(source.requests.perUser, 2, 'the repeated cursor ends the list');
  });

  it('reads a bare array (the answer without totals) as the complete list', async () => {
    emulator.configure({ cursorPaging: 'bare-array' });
    const { client } = clientFor(emulator);
    const page = await client.listRefreshTokens(emulator.users.seven, { take: 50 });
    assert.deepEqual(
      page.tokens.map((token) => token.id),
      emulator.refreshTokensOf(emulator.users.seven).map((token) => token.id),
    );
    assert.equal(page.next, undefined);
    const sessions = await client.listSessions(emulator.users.seven, { take: 50 });
    assert.equal(sessions.sessions.length, emulator.sessionsOf(emulator.users.seven).length);
    const pager = refreshTokenPager(client, emulator.users.seven, 50);
    await pager.loadAll();
    assert.equal(pager.items.length, 7);
    assert.equal(pager.state, 'done');
  });

  it('a listing cancelled by the request bound says so (the bound itself works)', async () => {
    emulator.configure({ cursorPaging: 'repeating-cursor' });
    const { client } = clientFor(emulator);
    const userId = emulator.users.many;
    let sent = 0;
    const error = await withRequestBound(emulator, tokenPath(userId), 3, async (signal) => {
      try {
        for (;;) {
          sent++;
          await client.listRefreshTokens(userId, { take: 10, signal });
        }
      } catch (caught) {
        return caught;
      }
    });
    assert.ok(isManagementApiError(error, 'cancelled'), String(error));
    assert.ok(sent >= 4);
  });
});

describe('Every cursor listing under every cursor-paging profile of the emulator', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 19 });
  });
  after(() => emulator.close());

  type Profile = 'auth0' | 'without-totals' | 'bare-array' | 'repeating-cursor' | 'inflated-total';
  /** What each listing of 7 and of 250 tokens reads at take=100, and in how many requests. */
  const EXPECTED: Record<Profile, { seven: [number, number]; many: [number, number]; containCount: number | undefined }> = {
    auth0: { seven: [7, 1], many: [250, 3], containCount: 250 },
    'without-totals': { seven: [7, 2], many: [250, 4], containCount: undefined },
    'bare-array': { seven: [7, 1], many: [100, 1], containCount: undefined },
    'repeating-cursor': { seven: [7, 2], many: [100, 2], containCount: undefined },
    'inflated-total': { seven: [7, 2], many: [250, 4], containCount: 260 },
  };
  const consumers: Record<string, (emulator: RunningEmulator, userId: string, signal: AbortSignal) => Promise<readonly { id: string }[]>> = {
    "the tree's and Quick Pick's pager": async (em, userId, signal) => refreshTokenPager(clientFor(em).client, userId, 100).loadAll(signal),
    "the hunt's per-user loop": async (em, userId, signal) =>
      backgroundHuntSource(clientFor(em).client, { earlyAccess: memoryEarlyAccess(false) }).listUserTokens(userId, signal),
  };

  for (const [profile, expected] of Object.entries(EXPECTED) as [Profile, (typeof EXPECTED)[Profile]][]) {
    for (const [consumer, list] of Object.entries(consumers)) {
      for (const who of ['seven', 'many'] as const) {
        const [count, requests] = expected[who];
        it(`${profile}: ${consumer} reads ${count} of the ${who} user's tokens in ${requests} request(s)`, async function () {
          this.timeout(10_000);
          emulator.configure({ cursorPaging: profile });
          const userId = emulator.users[who];
          const path = `/api/v2/users/${userId}/refresh-tokens`;
          const before = requestsUnder(emulator, path).length;
          const tokens = await withRequestBound(emulator, path, 10, (signal) => list(emulator, userId, signal));
          assert.equal(tokens.length, count);
          assert.equal(new Set(tokens.map((token) => token.id)).size, count, 'each token once');
          const all = emulator.refreshTokensOf(userId).map((token) => token.id);
          assert.deepEqual(tokens.map((token) => token.id), all.slice(0, count), "in Auth0's order");
          assert.equal(requestsUnder(emulator, path).length - before, requests);
        });
      }
    }
    it(`${profile}: Contain User counts ${String(expected.containCount)} for 250 tokens`, async () => {
      emulator.configure({ cursorPaging: profile });
      const exposure = await countUserExposure(new TenantModel(clientFor(emulator).client), emulator.users.many);
      assert.equal(exposure.refreshTokenCount, expected.containCount);
    });
  }

  it("repeating-cursor: the hunt's Early Access loop ends on the repeated cursor too", async function () {
    this.timeout(10_000);
    emulator.configure({ cursorPaging: 'repeating-cursor' });
    const userId = emulator.users.many;
    const clientId = emulator.refreshTokensOf(userId)[0].client_id as string;
    const source = backgroundHuntSource(clientFor(emulator).client, { earlyAccess: memoryEarlyAccess(true), take: 5 });
    const tokens = await withRequestBound(emulator, '/api/v2/refresh-tokens', 10, (signal) => source.listUserTokens(userId, signal, { clientIds: [clientId] }));
    assert.equal(tokens.length, 5);
    assert.equal(source.requests.earlyAccess, 2);
  });
});
