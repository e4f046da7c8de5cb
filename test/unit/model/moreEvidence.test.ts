// Issue 18, section 7: when a user's background evidence stops at the bound, the person can see it
// ("findings for 20 of 57 live tokens") and ask for the rest (Judge All Refresh Tokens of User).
import assert from 'node:assert/strict';
import type { RefreshToken, Session } from '../../../src/auth0/types';
import type { TokenLogEvent } from '../../../src/findings/logEvents';
import { judgeAll } from '../../../src/model/judgeAll';
import { TenantModel } from '../../../src/model/tenantModel';
import { SESSIONS_PER_USER, TokenEvidence, backgroundReadingText, judgedText, type EvidenceSources, type JudgedCount } from '../../../src/model/tokenEvidence';
import { startEmulator } from '../../emulator/index';
import { clientFor, requestsUnder } from '../auth0/support';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function token(id: string, fields: Partial<RefreshToken> = {}): RefreshToken {
  return { id, user_id: 'auth0|u', session_id: `s-${id}`, created_at: iso(NOW - DAY), expires_at: iso(NOW + 10 * DAY), idle_expires_at: iso(NOW + DAY), ...fields };
}
const live = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => token(`${prefix}${String(i).padStart(3, '0')}`));
const expired = (n: number) => live(n, 'x').map((t) => ({ ...t, idle_expires_at: iso(NOW - 90 * DAY) }));

class Sources implements EvidenceSources {
  readonly sessionReads: string[] = [];
  fetchSession(sessionId: string): Promise<Session> {
    this.sessionReads.push(sessionId);
    return Promise.resolve({ id: sessionId, user_id: 'auth0|u' });
  }
  fetchLogs(): Promise<readonly TokenLogEvent[]> {
    return Promise.resolve([]);
  }
}

describe('a user whose background evidence stopped at the bound (issue 18, section 7)', () => {
  // Each case: the listed tokens, what the background read, and what the row says.
  const cases: { name: string; tokens: RefreshToken[]; judged?: JudgedCount }[] = [
    { name: 'fewer live tokens than the bound: nothing to say', tokens: live(5) },
    { name: 'exactly the bound: every live token judged', tokens: live(SESSIONS_PER_USER) },
    { name: '57 live tokens: 20 of 57 judged', tokens: live(57), judged: { judged: SESSIONS_PER_USER, live: 57, waiting: 57 - SESSIONS_PER_USER } },
    { name: '57 live and 900 idle-expired: expired tokens are not counted', tokens: [...expired(900), ...live(57)], judged: { judged: SESSIONS_PER_USER, live: 57, waiting: 57 - SESSIONS_PER_USER } },
    { name: 'past the bound only in idle-expired tokens: nothing to say', tokens: [...expired(100), ...live(3)] },
    {
      name: 'live tokens without a session count as judged (nothing to read for them)',
      tokens: [...live(10, 'n').map((t) => ({ ...t, session_id: null })), ...live(30)],
      judged: { judged: 10 + SESSIONS_PER_USER, live: 40, waiting: 30 - SESSIONS_PER_USER },
    },
    {
      name: 'tokens sharing a session are judged with it',
      tokens: [...live(30), ...live(10, 'a').map((t) => ({ ...t, session_id: 'shared' }))],
      judged: { judged: 10 + SESSIONS_PER_USER - 1, live: 40, waiting: 30 - (SESSIONS_PER_USER - 1) },
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const evidence = new TokenEvidence(new Sources(), { clock: () => NOW });
      await evidence.loadSessionsOf('auth0|u', testCase.tokens);
      assert.deepEqual(evidence.stoppedAtBound('auth0|u', testCase.tokens), testCase.judged);
    });
  }

  it('says it in words: "findings for 20 of 57 live tokens"', () => {
    assert.equal(judgedText({ judged: 20, live: 57, waiting: 37 }), 'findings for 20 of 57 live tokens');
    assert.equal(judgedText({ judged: 20, live: 1234, waiting: 108 }), 'findings for 20 of 1,234 live tokens');
    assert.equal(judgedText(undefined), '');
  });

  it('Judge All says how many sessions it will read, reads each once, and the row no longer says it stopped', async () => {
    const sources = new Sources();
    const evidence = new TokenEvidence(sources, { clock: () => NOW });
    const tokens = [...expired(50), ...live(57)];
    await evidence.loadSessionsOf('auth0|u', tokens);
    const said: string[] = [];
    evidence.onDidChangeBackground((reading) => said.push(backgroundReadingText(reading)));
    const judging = judgeAll(evidence, 'auth0|u', tokens);
    assert.equal(judging.sessions, 57 - SESSIONS_PER_USER);
    assert.equal(said[0], `judging all: reading ${57 - SESSIONS_PER_USER} sessions for findings, ${57 - SESSIONS_PER_USER} left`);
    await judging.done;
    assert.equal(sources.sessionReads.length, 57);
    assert.equal(new Set(sources.sessionReads).size, 57);
    assert.equal(evidence.stoppedAtBound('auth0|u', tokens), undefined);
  });

  it('Judge All with nothing left to read reads nothing', async () => {
    const sources = new Sources();
    const evidence = new TokenEvidence(sources, { clock: () => NOW });
    const tokens = live(5);
    await evidence.loadSessionsOf('auth0|u', tokens);
    const judging = judgeAll(evidence, 'auth0|u', tokens);
    assert.equal(judging.sessions, 0);
    await judging.done;
    assert.equal(sources.sessionReads.length, 5);
  });

  it('on the stand-in user (1,234 tokens), Judge All reads past the bound', async function () {
    this.timeout(60_000);
    const emulator = await startEmulator({ seed: 18, standInTokens: 1234, now: NOW });
    try {
      const model = new TenantModel(clientFor(emulator).client, { evidenceOptions: { clock: () => NOW } });
      const userId = emulator.users.many;
      const tokens = emulator.refreshTokensOf(userId);
      await model.evidence.loadSessionsOf(userId, tokens);
      const stopped = model.evidence.stoppedAtBound(userId, tokens);
      assert.ok(stopped && stopped.live > SESSIONS_PER_USER, `stopped at the bound: ${JSON.stringify(stopped)}`);
      const judging = judgeAll(model.evidence, userId, tokens);
      await judging.done;
      const reads = requestsUnder(emulator, '/api/v2/sessions/').length;
      assert.equal(reads, SESSIONS_PER_USER + judging.sessions);
      assert.ok(reads > SESSIONS_PER_USER, `${reads} session reads`);
      assert.equal(model.evidence.stoppedAtBound(userId, tokens), undefined);
    } finally {
      await emulator.close();
    }
  });
});
