// The bench's "requests per user expansion" (issue 18, section 7): what it counts, checked against
// the emulator over real HTTP, so the suite holds the counts the benchmark reports (counts, not
// times). First each kind of request on its own; then the stand-in user (1,234 refresh tokens)
// expanded to the end as the tree does it, without a limit, and under both limits with both
// readings of x-ratelimit-reset (on a virtual clock): the pages, at most SESSIONS_PER_USER
// sessions each read once, one page of log events, one name per application, and no 429.
import assert from 'node:assert/strict';
import type { ManagementClient } from '../../../src/auth0/managementClient';
import { SESSIONS_PER_USER, canStillBeExchanged } from '../../../src/model/tokenEvidence';
import { countExpansionRequests, measureUserExpansion, STAND_IN_TOKENS, type ExpansionRequestCounts } from '../../../bench/userExpansion';
import { startEmulator, type RateLimitProfile, type ResetReading, type RunningEmulator } from '../../emulator/index';
import { clientFor } from '../auth0/support';
import { VirtualTime } from '../auth0/virtualTime';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

const NONE: ExpansionRequestCounts = { pages: 0, sessions: 0, distinctSessions: 0, logPages: 0, applicationNames: 0, other: 0, total: 0, rateLimited: 0, notOk: 0 };

/** What the user in question's requests are counted as, on a tenant of the emulator's default data. */
interface CountCase {
  name: string;
  /** The user whose expansion is counted (default users.seven). */
  userId?: (emulator: RunningEmulator) => string;
  send(client: ManagementClient, emulator: RunningEmulator): Promise<unknown>;
  expected: Partial<ExpansionRequestCounts>;
}

const seven = (emulator: RunningEmulator) => emulator.users.seven;
/** A session the tenant still has (ended ones answer 404). */
const sessionOf = (emulator: RunningEmulator) => {
  const id = emulator.sessionsOf(emulator.users.seven)[0]?.id;
  assert.ok(id, 'users.seven has a session');
  return id;
};
/** A plain GET with the tenant's token, no client in between (so a 429 stays a 429). */
const rawGet = (emulator: RunningEmulator, path: string) => fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${emulator.token}` } }).then((response) => response.status);

const COUNT_CASES: CountCase[] = [
  { name: "a page of the user's refresh tokens", send: (client, e) => client.listRefreshTokens(seven(e), { take: 50 }), expected: { pages: 1 } },
  { name: 'a session, by id', send: (client, e) => client.getSession(sessionOf(e)), expected: { sessions: 1, distinctSessions: 1 } },
  {
    name: 'the same session twice',
    send: async (client, e) => {
      await client.getSession(sessionOf(e));
      await client.getSession(sessionOf(e));
    },
    expected: { sessions: 2, distinctSessions: 1 },
  },
  { name: 'a session already gone (404)', send: (client) => client.getSession('sess_gone_long_ago').catch(() => undefined), expected: { sessions: 1, distinctSessions: 1, notOk: 1 } },
  { name: "a page of the user's log events", send: (client, e) => client.listUserLogs(seven(e), { page: 0, perPage: 100, sort: 'date:-1' }), expected: { logPages: 1 } },
  {
    name: 'an application name',
    send: (client, e) => client.getClientName(String(e.refreshTokensOf(e.users.seven)[0].client_id)),
    expected: { applicationNames: 1 },
  },
  { name: "another user's refresh tokens", send: (client, e) => client.listRefreshTokens(e.users.one, { take: 50 }), expected: { other: 1 } },
  { name: "another user's log events", send: (client, e) => client.listUserLogs(e.users.one, { page: 0, perPage: 100 }), expected: { other: 1 } },
  { name: "the user's sessions listing", send: (client, e) => client.listSessions(seven(e), { take: 50 }), expected: { other: 1 } },
  { name: 'one refresh token', send: (client, e) => client.getRefreshToken(e.refreshTokensOf(e.users.seven)[0].id), expected: { other: 1 } },
  { name: 'the user list', send: (client) => client.listUsers({ perPage: 5 }), expected: { other: 1 } },
  { name: 'a session ended (POST /sessions/{id}/revoke)', send: (client, e) => client.revokeSession(sessionOf(e)), expected: { other: 1 } },
  {
    name: "a page of a user whose id holds '|', '/', '%' or spaces",
    userId: (e) => e.specialUsers.find((id) => /[/%| ]/.test(id)) ?? assert.fail('no special user id'),
    send: (client, e) => client.listRefreshTokens(e.specialUsers.find((id) => /[/%| ]/.test(id)) as string, { take: 50 }),
    expected: { pages: 1 },
  },
  {
    name: 'a page answered 429 counts as a page and as a 429',
    send: async (_client, e) => {
      e.configure({ rateLimit: { burst: 1, perSecond: 0.01 } });
      try {
        const path = `/api/v2/users/${encodeURIComponent(e.users.seven)}/refresh-tokens?take=50`;
        assert.deepEqual([await rawGet(e, path), await rawGet(e, path)], [200, 429]);
      } finally {
        e.configure({ rateLimit: 'unlimited' });
      }
    },
    expected: { pages: 2, rateLimited: 1 },
  },
];

describe('bench: requests per user expansion, counted by kind (over HTTP)', function () {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ seed: 7, now: NOW });
  });
  after(() => emulator.close());

  for (const testCase of COUNT_CASES) {
    it(testCase.name, async () => {
      const { client } = clientFor(emulator);
      const first = emulator.requests.length;
      await testCase.send(client, emulator);
      const counts = countExpansionRequests(emulator.requests.slice(first), (testCase.userId ?? seven)(emulator));
      const expected = { ...NONE, ...testCase.expected };
      expected.total = expected.pages + expected.sessions + expected.logPages + expected.applicationNames + expected.other;
      assert.deepEqual(counts, expected);
    });
  }
});

interface ExpansionCase {
  name: string;
  rateLimit: RateLimitProfile;
  reading: ResetReading;
}

const EXPANSION_CASES: ExpansionCase[] = [
  { name: 'without a rate limit', rateLimit: 'unlimited', reading: 'full' },
  { name: 'production limit, x-ratelimit-reset naming a full bucket', rateLimit: 'production', reading: 'full' },
  { name: 'production limit, x-ratelimit-reset naming the next request', rateLimit: 'production', reading: 'next' },
  { name: 'non-production limit, x-ratelimit-reset naming a full bucket', rateLimit: 'non-production', reading: 'full' },
  { name: 'non-production limit, x-ratelimit-reset naming the next request', rateLimit: 'non-production', reading: 'next' },
];

describe(`bench: the ${STAND_IN_TOKENS.toLocaleString('en')}-token stand-in user expanded to the end (issue 18: was 26 pages and 987 sessions)`, function () {
  this.timeout(120_000);

  for (const testCase of EXPANSION_CASES) {
    it(`${testCase.name}: the pages, at most ${SESSIONS_PER_USER} live sessions each once, one log page, one name per application, no 429`, async () => {
      const time = new VirtualTime({ autoAdvance: true });
      const emulator = await startEmulator({
        seed: 18,
        standInTokens: STAND_IN_TOKENS,
        now: NOW,
        rateLimit: testCase.rateLimit,
        rateLimitReset: testCase.reading,
        rateLimitClock: time.now,
        dateClock: time.now,
      });
      try {
        const userId = emulator.users.many;
        const tokens = emulator.refreshTokensOf(userId);
        assert.equal(tokens.length, STAND_IN_TOKENS);
        const liveSessions = new Set(tokens.filter((t) => canStillBeExchanged(t, new Date(NOW)) && typeof t.session_id === 'string').map((t) => t.session_id));
        const applications = new Set(tokens.map((t) => t.client_id).filter((id) => typeof id === 'string' && id !== ''));
        // Worth measuring only if the bound binds: more live sessions than it lets through.
        assert.ok(liveSessions.size > SESSIONS_PER_USER, `${liveSessions.size} live sessions`);

        const read = () => emulator.requests.filter((r) => r.segments[2] === 'sessions').map((r) => r.segments[3]);
        const measure = await measureUserExpansion(emulator, userId, {
          clientOptions: { clock: time.now, sleep: time.sleep },
          modelOptions: { evidenceOptions: { clock: () => NOW } },
        });

        const pages = Math.ceil(STAND_IN_TOKENS / 50);
        assert.equal(measure.floorRequests, pages);
        assert.deepEqual(
          { tokens: measure.tokens, pagesLoaded: measure.pagesLoaded, failures: measure.failures, errors: measure.errors },
          { tokens: STAND_IN_TOKENS, pagesLoaded: pages, failures: 0, errors: [] },
        );
        const expected: ExpansionRequestCounts = {
          pages,
          sessions: SESSIONS_PER_USER,
          distinctSessions: SESSIONS_PER_USER,
          logPages: 1,
          applicationNames: applications.size,
          other: 0,
          total: pages + SESSIONS_PER_USER + 1 + applications.size,
          rateLimited: 0,
          // Answers other than 2xx: sessions read that the tenant no longer has (404), applications it does not know (404).
          notOk: read().filter((id) => !emulator.sessionsOf(userId).some((session) => session.id === id)).length + [...applications].filter((id) => emulator.clientName(String(id)) === undefined).length,
        };
        assert.deepEqual(measure.counts, expected);
        // Each session read belongs to a token that can still be exchanged.
        assert.deepEqual(
          read().filter((id) => !liveSessions.has(id)),
          [],
        );
      } finally {
        await emulator.close();
      }
    });
  }
});
