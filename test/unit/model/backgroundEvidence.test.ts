// Issue 18, sections 7 and 3: background evidence spends the tenant's shared rate limit only on
// tokens that can still be exchanged, reads each session once, stops at a bound per user until the
// person asks for more, and is read again on Refresh or once stale (a late `ferrt`, an ended session).
import assert from 'node:assert/strict';
import { ManagementApiError } from '../../../src/auth0/errors';
import type { RefreshToken, Session } from '../../../src/auth0/types';
import type { TokenLogEvent } from '../../../src/findings/logEvents';
import { TenantModel } from '../../../src/model/tenantModel';
import {
  EVIDENCE_STALE_AFTER_MS,
  SESSIONS_PER_USER,
  TokenEvidence,
  backgroundReadingText,
  canStillBeExchanged,
  type BackgroundReading,
  type EvidenceSources,
} from '../../../src/model/tokenEvidence';
import { refreshTokenPager } from '../../../src/paging/cursorPager';
import { startEmulator, type ResetReading } from '../../emulator/index';
import { clientFor, requestsUnder, until } from '../auth0/support';
import { VirtualTime } from '../auth0/virtualTime';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** What a user expansion does (UserNode): a page, then the user's history and the page's sessions in the background. */
async function expandToTheEnd(model: TenantModel, userId: string): Promise<number> {
  const pager = refreshTokenPager(model.client, userId, 50);
  let pages = 0;
  do {
    await pager.loadNext();
    pages += 1;
    void model.evidence.loadHistory(userId);
    void model.evidence.loadSessionsOf(userId, pager.items);
  } while (pager.hasMore);
  await model.evidence.settled();
  return pages;
}

describe('background evidence on the stand-in tenant (1,234 tokens, issue 18)', function () {
  this.timeout(120_000);

  it('expanding the user to the end reads each live session once, at most SESSIONS_PER_USER (was 987 GET /sessions/{id})', async () => {
    const emulator = await startEmulator({ seed: 18, standInTokens: 1234, now: NOW });
    try {
      const model = new TenantModel(clientFor(emulator).client, { evidenceOptions: { clock: () => NOW } });
      const userId = emulator.users.many;
      assert.equal(emulator.refreshTokensOf(userId).length, 1234);
      const pages = await expandToTheEnd(model, userId);
      const sessionReads = requestsUnder(emulator, '/api/v2/sessions/').map((request) => request.path);
      assert.equal(pages, 25);
      assert.equal(new Set(sessionReads).size, sessionReads.length, 'no session read twice');
      assert.ok(sessionReads.length <= SESSIONS_PER_USER, `${sessionReads.length} session reads`);
      const live = new Set(emulator.refreshTokensOf(userId).filter((t) => canStillBeExchanged(t, new Date(NOW))).map((t) => t.session_id));
      for (const path of sessionReads) {
        assert.ok(live.has(decodeURIComponent(path.split('/').pop() as string)), `${path} belongs to a token that can still be exchanged`);
      }
      assert.equal(requestsUnder(emulator, `/api/v2/users/${userId}/logs`).length, 1, 'the history once');
    } finally {
      await emulator.close();
    }
  });

  // Both readings of x-ratelimit-reset, on the non-production limit (burst 10, 2/s): was 50 of 168 answered 429.
  for (const reading of ['full', 'next'] as ResetReading[]) {
    it(`browsing that user, opening more evidence, gets no 429 when x-ratelimit-reset names ${reading === 'full' ? 'a full bucket' : 'the next request'}`, async () => {
      const time = new VirtualTime({ autoAdvance: true });
      const emulator = await startEmulator({
        seed: 18,
        standInTokens: 1234,
        now: NOW,
        rateLimit: 'non-production',
        rateLimitReset: reading,
        rateLimitClock: time.now,
        dateClock: time.now,
      });
      try {
        const model = new TenantModel(clientFor(emulator, { clock: time.now, sleep: time.sleep }).client, { evidenceOptions: { clock: () => NOW } });
        const userId = emulator.users.many;
        await expandToTheEnd(model, userId);
        // The person asks for more twice, and opens three tokens' panels meanwhile.
        for (let round = 0; round < 2; round++) {
          model.evidence.allowMore(userId);
          const tokens = emulator.refreshTokensOf(userId);
          await Promise.all([model.evidence.loadSessionsOf(userId, tokens), ...tokens.slice(round * 3, round * 3 + 3).map((t) => model.client.getRefreshToken(t.id))]);
        }
        await model.evidence.settled();
        const answered429 = emulator.requests.filter((request) => request.status === 429).length;
        assert.equal(answered429, 0, `${answered429} of ${emulator.requests.length} answered 429`);
      } finally {
        await emulator.close();
      }
    });
  }
});

/** A token, live unless told otherwise. */
function token(id: string, fields: Partial<RefreshToken> = {}): RefreshToken {
  return { id, user_id: 'auth0|u', session_id: `s-${id}`, created_at: iso(NOW - DAY), expires_at: iso(NOW + 10 * DAY), idle_expires_at: iso(NOW + DAY), ...fields };
}

class FakeSources implements EvidenceSources {
  readonly sessionReads: string[] = [];
  logReads = 0;
  events: TokenLogEvent[] = [];
  ended = new Set<string>();

  fetchSession(sessionId: string): Promise<Session> {
    this.sessionReads.push(sessionId);
    return this.ended.has(sessionId)
      ? Promise.reject(new ManagementApiError('not-found', 'The session does not exist', { status: 404 }))
      : Promise.resolve({ id: sessionId, user_id: 'auth0|u' });
  }

  fetchLogs(): Promise<readonly TokenLogEvent[]> {
    this.logReads += 1;
    return Promise.resolve([...this.events]);
  }
}

describe('which tokens get background evidence', () => {
  const cases: { name: string; tokens: RefreshToken[]; reads: string[] }[] = [
    { name: 'a live token', tokens: [token('a')], reads: ['s-a'] },
    { name: 'an expired token', tokens: [token('a', { expires_at: iso(NOW - DAY) })], reads: [] },
    { name: 'an idle-expired token (months ago)', tokens: [token('a', { idle_expires_at: iso(NOW - 90 * DAY) })], reads: [] },
    { name: 'null expires_at and idle_expires_at (no expiry recorded: live)', tokens: [token('a', { expires_at: null, idle_expires_at: null } as unknown as Partial<RefreshToken>)], reads: ['s-a'] },
    { name: 'missing expires_at and idle_expires_at (live)', tokens: [token('a', { expires_at: undefined, idle_expires_at: undefined })], reads: ['s-a'] },
    { name: 'null idle_expires_at, expires_at passed', tokens: [token('a', { idle_expires_at: null, expires_at: iso(NOW - 1) } as unknown as Partial<RefreshToken>)], reads: [] },
    { name: 'null expires_at, idle_expires_at passed', tokens: [token('a', { expires_at: null, idle_expires_at: iso(NOW - 1) } as unknown as Partial<RefreshToken>)], reads: [] },
    { name: 'an unreadable expiry (never made to look expired)', tokens: [token('a', { expires_at: 'soon' })], reads: ['s-a'] },
    { name: 'no session', tokens: [token('a', { session_id: null })], reads: [] },
    { name: 'an empty session id', tokens: [token('a', { session_id: '' })], reads: [] },
    { name: 'three live tokens sharing a session: read once', tokens: [token('a', { session_id: 's' }), token('b', { session_id: 's' }), token('c', { session_id: 's' })], reads: ['s'] },
    { name: 'a live and an idle-expired token sharing a session: read once', tokens: [token('a', { session_id: 's', idle_expires_at: iso(NOW - DAY) }), token('b', { session_id: 's' })], reads: ['s'] },
    { name: 'newest tokens first (Auth0 lists oldest first)', tokens: [token('old'), token('new')], reads: ['s-new', 's-old'] },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const sources = new FakeSources();
      const evidence = new TokenEvidence(sources, { clock: () => NOW });
      await evidence.loadSessionsOf('auth0|u', testCase.tokens);
      assert.deepEqual(sources.sessionReads, testCase.reads);
    });
  }

  it(`stops at the bound (${SESSIONS_PER_USER}) per user across pages, and reads the next ones only when the person asks`, async () => {
    const sources = new FakeSources();
    const evidence = new TokenEvidence(sources, { clock: () => NOW });
    const tokens = Array.from({ length: 45 }, (_, i) => token(`t${String(i).padStart(2, '0')}`));
    await evidence.loadSessionsOf('auth0|u', tokens.slice(0, 30));
    await evidence.loadSessionsOf('auth0|u', tokens);
    assert.equal(sources.sessionReads.length, SESSIONS_PER_USER);
    evidence.allowMore('auth0|u');
    await evidence.loadSessionsOf('auth0|u', tokens);
    assert.equal(sources.sessionReads.length, 40);
    assert.equal(new Set(sources.sessionReads).size, 40);
  });

  it('says what it is reading while it reads: "reading 3 sessions for findings, 2 left"', async () => {
    const evidence = new TokenEvidence(new FakeSources(), { clock: () => NOW });
    const seen: string[] = [];
    evidence.onDidChangeBackground((reading: BackgroundReading) => seen.push(backgroundReadingText(reading)));
    await evidence.loadSessionsOf('auth0|u', [token('a'), token('b'), token('c')]);
    assert.deepEqual(seen, ['reading 3 sessions for findings, 3 left', 'reading 3 sessions for findings, 2 left', 'reading 3 sessions for findings, 1 left', '']);
    assert.equal(evidence.backgroundReading('auth0|u'), undefined);
  });
});

describe('evidence that arrives late (issue 18, section 3)', () => {
  const ferrt: TokenLogEvent = { log_id: 'late', type: 'ferrt', date: iso(NOW), description: 'Unsuccessful Refresh Token exchange, reuse detected' } as TokenLogEvent;

  it('Refresh re-reads the log events: a ferrt that arrived a minute later shows', async () => {
    let now = NOW;
    const sources = new FakeSources();
    const evidence = new TokenEvidence(sources, { clock: () => now });
    await evidence.loadHistory('auth0|u');
    sources.events.push(ferrt);
    now += 60_000;
    await evidence.loadHistory('auth0|u');
    assert.deepEqual(evidence.history('auth0|u')?.events, [], 'a minute later, without Refresh, the read is still fresh');
    evidence.markStale('auth0|u', []);
    await evidence.loadHistory('auth0|u');
    assert.deepEqual(evidence.history('auth0|u')?.events.map((event) => event.type), ['ferrt']);
  });

  it('Refresh re-reads the sessions of the user\'s tokens: a session ended since is gone', async () => {
    const emulator = await startEmulator({ seed: 18 });
    try {
      const model = new TenantModel(clientFor(emulator).client);
      const userId = emulator.users.seven;
      const tokens = emulator.refreshTokensOf(userId);
      await model.evidence.loadSessionsOf(userId, tokens);
      const listed = new Set(emulator.sessionsOf(userId).map((session) => session.id));
      const liveSession = [...model.evidence.knownSessions()].find(([id, known]) => known !== 'gone' && listed.has(id))?.[0];
      assert.ok(liveSession, 'a live token with a listed session');
      await model.client.revokeSession(liveSession);
      // Auth0 ends a session in the background; the emulator too, after deleteDelayMs.
      await until(() => !emulator.sessionsOf(userId).some((session) => session.id === liveSession), 'the session ended');
      await model.evidence.loadSessionsOf(userId, tokens);
      assert.notEqual(model.evidence.knownSessions().get(liveSession), 'gone', 'no Refresh: still as read');
      model.evidence.markStale(userId, tokens);
      await model.evidence.loadSessionsOf(userId, tokens);
      assert.equal(model.evidence.knownSessions().get(liveSession), 'gone');
    } finally {
      await emulator.close();
    }
  });

  it('a session read again keeps showing the earlier answer until the new one comes', async () => {
    const sources = new FakeSources();
    const evidence = new TokenEvidence(sources, { clock: () => NOW });
    await evidence.loadSession('s', 'auth0|u');
    const again = evidence.loadSession('s', 'auth0|u', true);
    assert.equal(evidence.session('s')?.state, 'loaded');
    await again;
    assert.equal(sources.sessionReads.length, 2);
  });

  // Staleness: evidence older than EVIDENCE_STALE_AFTER_MS is read again on next view; younger is not.
  const ages: { age: number; readAgain: boolean }[] = [
    { age: 0, readAgain: false },
    { age: 60_000, readAgain: false },
    { age: EVIDENCE_STALE_AFTER_MS - 1, readAgain: false },
    { age: EVIDENCE_STALE_AFTER_MS, readAgain: true },
    { age: 60 * 60_000, readAgain: true },
  ];
  for (const { age, readAgain } of ages) {
    it(`a session and a history read ${age / 1000} s ago are ${readAgain ? '' : 'not '}read again when next viewed`, async () => {
      let now = NOW;
      const sources = new FakeSources();
      const evidence = new TokenEvidence(sources, { clock: () => now });
      await evidence.loadSession('s', 'auth0|u');
      await evidence.loadHistory('auth0|u');
      now += age;
      await evidence.loadSession('s', 'auth0|u');
      await evidence.loadHistory('auth0|u');
      assert.equal(sources.sessionReads.length, readAgain ? 2 : 1);
      assert.equal(sources.logReads, readAgain ? 2 : 1);
    });
  }
});
