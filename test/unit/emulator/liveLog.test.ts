// The emulator's growing tenant log: held to the log-event contract, grown only by the tenant's
// clock, the attacker story with its revocation, and off unless asked for.
import * as assert from 'node:assert/strict';
import type { LogEvent, RefreshToken } from '../../../src/auth0/types';
import { validateLogEvent, validateResponse } from '../../contract/validate';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { ATTACKER_IP, TLS } from '../../emulator/data/liveLog';
import { ManualClock, until } from '../features/watch/core/manualClock';
import { call } from './helpers';

const START = Date.parse('2026-12-07T12:00:00.000Z');

async function eventsAfter(emulator: RunningEmulator, cursor: string): Promise<LogEvent[]> {
  const all: LogEvent[] = [];
  for (;;) {
    const page = (await call(emulator, 'GET', '/api/v2/logs', { query: { from: cursor, take: '100' } })).body as LogEvent[];
    if (page.length === 0) {
      return all;
    }
    all.push(...page);
    cursor = String(page[page.length - 1].log_id);
  }
}

async function newestId(emulator: RunningEmulator): Promise<string> {
  const [newest] = (await call(emulator, 'GET', '/api/v2/logs', { query: { sort: 'date:-1', per_page: '1' } })).body as LogEvent[];
  return String(newest.log_id);
}

describe('Emulator: the growing tenant log', () => {
  it('is off by default: the log does not grow with the clock', async () => {
    const clock = new ManualClock(START);
    const emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read });
    try {
      const cursor = await newestId(emulator);
      clock.advance(60_000);
      assert.deepEqual(await eventsAfter(emulator, cursor), []);
      assert.equal(emulator.liveLog, undefined);
    } finally {
      await emulator.close();
    }
  });

  it('ignores q with from, as Auth0 does (checkpoint paging reads every event; a watch filters locally)', async () => {
    const clock = new ManualClock(START);
    const emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read, liveLog: { eventsPerSecond: 2 } });
    try {
      const cursor = await newestId(emulator);
      clock.advance(30_000);
      const all = (await call(emulator, 'GET', '/api/v2/logs', { query: { from: cursor, take: '100' } })).body as LogEvent[];
      const asked = (await call(emulator, 'GET', '/api/v2/logs', { query: { from: cursor, take: '100', q: 'type:ss' } })).body as LogEvent[];
      assert.ok(all.length > 10 && all.every((event) => event.type !== 'ss'));
      assert.deepEqual(asked.map((event) => event.log_id), all.map((event) => event.log_id));
    } finally {
      await emulator.close();
    }
  });

  it('with storyStartsWithWatch, begins the attacker story at the first watch read (from), however late', async () => {
    const clock = new ManualClock(START);
    const emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read, liveLog: { eventsPerSecond: 0, storyStartsWithWatch: true } });
    try {
      const cursor = await newestId(emulator);
      clock.advance(60_000); // the person connects, looks around, then starts the watch
      assert.deepEqual(await eventsAfter(emulator, cursor), [], 'no story before a watch reads');
      clock.advance(10_000);
      const ips = (await eventsAfter(emulator, cursor)).map((event) => [Date.parse(String(event.date)) - START, event.ip]);
      // the laptop 1 s, the attacker 4 and 9 s after the first watch read at 60 s.
      assert.deepEqual(ips, [[61_000, '198.51.100.23'], [64_000, ATTACKER_IP], [69_000, ATTACKER_IP]]);
    } finally {
      await emulator.close();
    }
  });

  describe('with liveLog', () => {
    let emulator: RunningEmulator;
    let clock: ManualClock;
    let cursor: string;
    before(async () => {
      clock = new ManualClock(START);
      emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read, liveLog: { eventsPerSecond: 2 }, deleteDelayMs: 0 });
      cursor = await newestId(emulator);
    });
    after(() => emulator.close());

    it('grows with the tenant clock only, in log-id order, every event valid against its schema', async () => {
      assert.deepEqual(await eventsAfter(emulator, cursor), [], 'grew without the clock moving');
      clock.advance(20_000);
      const events = await eventsAfter(emulator, cursor);
      // 2 a second for 20 s, the laptop's last exchange at 1 s, the attacker at 4, 9, 14 and 19 s.
      assert.equal(events.length, 40 + 1 + 4);
      const logIds = events.map((event) => String(event.log_id));
      assert.deepEqual([...logIds].sort(), logIds);
      for (const event of events) {
        const result = validateLogEvent(event);
        assert.ok(result.valid, `${event.type}: ${result.valid ? '' : result.errors}`);
        assert.ok(Date.parse(String(event.date)) > START && Date.parse(String(event.date)) <= clock.now);
      }
      assert.equal(new Set(events.map((event) => event.user_id)).size > 3, true, 'ordinary traffic of several users');
    });

    it('tells the attacker story: Safari at home, then Safari\'s User-Agent with another TLS client from Bucharest every 5 s', async () => {
      const events = (await eventsAfter(emulator, cursor)).filter((event) => event.user_id === emulator.scenarios.stolenLaptop);
      const laptop = events.find((event) => event.ip === '198.51.100.23' && (event.security_context as { ja4?: string }).ja4 === TLS.safari.ja4);
      const attacks = events.filter((event) => event.ip === ATTACKER_IP);
      assert.ok(laptop, 'the laptop\'s own exchange');
      assert.deepEqual(attacks.map((event) => Date.parse(String(event.date)) - START), [4000, 9000, 14000, 19000]);
      for (const attack of attacks) {
        assert.equal(attack.type, 'sertft');
        assert.equal(attack.user_agent, laptop.user_agent);
        assert.equal((attack.security_context as { ja4?: string }).ja4, TLS.python.ja4);
        assert.equal((attack.details as { familyId?: string }).familyId, (laptop.details as { familyId?: string }).familyId);
        assert.equal(attack.location_info?.country_code, 'RO');
      }
      // The user's own log shows them too (the findings read it).
      const userLog = (await call(emulator, 'GET', `/api/v2/users/${encodeURIComponent(emulator.scenarios.stolenLaptop)}/logs`, { query: { per_page: '100' } })).body as LogEvent[];
      assert.ok(userLog.some((event) => event.log_id === attacks[0].log_id));
    });

    it('after the token is revoked, each attempt is an fertft from the attacker\'s address', async () => {
      const laptopEvent = (await eventsAfter(emulator, cursor)).find((event) => event.ip === ATTACKER_IP);
      const sessionId = (laptopEvent?.details as { refresh_token?: { session_id?: string } }).refresh_token?.session_id;
      assert.ok(sessionId);
      const revoked = await call(emulator, 'POST', `/api/v2/sessions/${encodeURIComponent(sessionId)}/revoke`);
      assert.equal(revoked.status, 202);
      const revokedAt = clock.now;
      // The revocation applies in the background (deleteDelayMs 0: on a later turn).
      await until(() => emulator.sessionsOf(emulator.scenarios.stolenLaptop).every((session) => session.id !== sessionId), 'the session revoked');
      clock.advance(10_000);
      const later = (await eventsAfter(emulator, cursor)).filter((event) => event.user_id === emulator.scenarios.stolenLaptop && Date.parse(String(event.date)) >= revokedAt);
      const srrt = later.find((event) => event.type === 'srrt');
      const attempts = later.filter((event) => event.ip === ATTACKER_IP);
      assert.ok(srrt, 'the revocation is logged');
      assert.deepEqual(attempts.map((event) => event.type), ['fertft', 'fertft']);
      for (const attempt of attempts) {
        assert.ok(validateLogEvent(attempt).valid);
      }
    });
  });

  // The demo names the stolen token by this id (scripts/demo.js); the hostile profile rewrites
  // the tokens' user agents, so the id must not be found by them.
  for (const dataProfile of ['default', 'hostile'] as const) {
    it(`names the stolen laptop's token in the ${dataProfile} profile: a listed token of the stolen-laptop user`, async () => {
      const emulator = await startEmulator({ seed: 1, userCount: 30, dataProfile, liveLog: { eventsPerSecond: 0 } });
      try {
        const id = emulator.liveLog?.stolenTokenId;
        assert.equal(typeof id, 'string');
        assert.ok(emulator.refreshTokensOf(emulator.scenarios.stolenLaptop).some((token) => token.id === id), String(id));
      } finally {
        await emulator.close();
      }
    });
  }

  // An exchange the growing log writes updates the token as Auth0 does: last_exchanged_at where
  // the token records it (never added where it is absent, as on ~30 % of recorded tokens), and
  // the device's last address, network and user agent where it has a device.
  describe('tokens follow the exchanges it writes', () => {
    let emulator: RunningEmulator;
    let clock: ManualClock;
    let before: Map<string, RefreshToken>;
    let exchanges: LogEvent[];
    let userIds: string[];
    const tokensNow = () => userIds.flatMap((userId) => emulator.refreshTokensOf(userId));
    const ofUser = (userId: string) => exchanges.filter((event) => event.user_id === userId);
    beforeEach(async () => {
      if (emulator) {
        return;
      }
      clock = new ManualClock(START);
      emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read, liveLog: { eventsPerSecond: 2 } });
      const listed = (await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '100' } })).body as { user_id: string }[];
      userIds = listed.map((user) => user.user_id).filter((id) => id !== emulator.users.many && id !== emulator.users.huge);
      const cursor = await newestId(emulator);
      before = new Map(tokensNow().map((token) => [token.id, structuredClone(token)]));
      clock.advance(20_000);
      exchanges = (await eventsAfter(emulator, cursor)).filter((event) => event.type === 'sertft');
    });
    after(() => emulator.close());

    it('the stolen token: last exchanged by the attacker, from M247 in Bucharest with Safari\'s User-Agent', () => {
      const stolen = tokensNow().find((token) => token.id === emulator.liveLog?.stolenTokenId);
      assert.ok(stolen);
      const last = ofUser(emulator.scenarios.stolenLaptop).filter((event) => event.ip === ATTACKER_IP).pop();
      assert.ok(last);
      assert.equal(stolen.last_exchanged_at, last.date);
      assert.deepEqual([stolen.device?.last_ip, stolen.device?.last_asn, stolen.device?.last_user_agent], [ATTACKER_IP, '9009', last.user_agent]);
    });

    it('an ordinary token that records last_exchanged_at: the date of one of its user\'s exchanges, its device where it was', () => {
      const changed = tokensNow().filter((token) => token.id !== emulator.liveLog?.stolenTokenId && token.last_exchanged_at !== before.get(token.id)?.last_exchanged_at);
      assert.ok(changed.length >= 5, `${changed.length} tokens followed their exchanges`);
      for (const token of changed) {
        const event = ofUser(String(token.user_id)).find((candidate) => candidate.date === token.last_exchanged_at);
        assert.ok(event, `${token.id}: ${String(token.last_exchanged_at)} is no exchange of its user`);
        if (token.device) {
          assert.deepEqual([token.device.last_ip, token.device.last_user_agent], [event.ip, event.user_agent]);
        }
      }
    });

    it('a token without last_exchanged_at (as recorded) still has none', () => {
      const without = [...before.values()].filter((token) => !('last_exchanged_at' in token) && ofUser(String(token.user_id)).length > 0);
      assert.ok(without.length > 0, 'no exchanged user has a token without the field');
      for (const token of without) {
        const now = tokensNow().find((candidate) => candidate.id === token.id);
        assert.ok(now && !('last_exchanged_at' in now), token.id);
      }
    });

    it('every token of an exchanged user stays valid against the contract', async () => {
      for (const userId of new Set(exchanges.map((event) => String(event.user_id)))) {
        const answer = await call(emulator, 'GET', `/api/v2/users/${encodeURIComponent(userId)}/refresh-tokens`);
        const result = validateResponse('management', 'get', '/users/{user_id}/refresh-tokens', answer.status, answer.body);
        assert.ok(result.valid, `${userId}: ${result.valid ? '' : String(result.errors)}`);
      }
    });
  });
});
