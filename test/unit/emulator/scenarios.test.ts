// The demo scenarios tell their stories consistently across tokens, sessions and log events,
// dated relative to the emulator's `now`, without changing the tenant's size.
import assert from 'node:assert/strict';
import type { LogEvent, RefreshToken, Session, User } from '../../../src/auth0/types';
import { SCENARIO_NETWORKS } from '../../emulator/data/geo';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, call } from './helpers';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function sessionEvents(events: readonly LogEvent[], sessionId: string | null | undefined, type: string): LogEvent[] {
  return events.filter((event) => event.type === type && event.details?.refresh_token?.session_id === sessionId);
}

describe('emulator demo scenarios', () => {
  let emulator: RunningEmulator;
  let started: number;

  before(async () => {
    started = Date.now();
    emulator = await startEmulator({ seed: 20 });
  });
  after(() => emulator.close());

  const logsOf = async (userId: string): Promise<LogEvent[]> => {
    const answer = await call(emulator, 'GET', apiPath('/users/{id}/logs', { id: userId }), { query: { per_page: '100', sort: 'date:1' } });
    assert.equal(answer.status, 200);
    return answer.body as LogEvent[];
  };
  const sessionAnswer = (id: string) => call(emulator, 'GET', apiPath('/sessions/{id}', { id }));

  it('adds four named users without changing the number of users', async () => {
    const total = ((await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '1', include_totals: 'true' } })).body as { total: number }).total;
    assert.equal(total, 300);
    const ids = Object.values(emulator.scenarios);
    assert.equal(new Set(ids).size, 4);
    for (const id of ids) {
      const user = (await call(emulator, 'GET', apiPath('/users/{id}', { id }))).body as User;
      assert.equal(user.user_id, id);
      assert.ok(user.name && user.email);
    }
  });

  it('stolenLaptop: issued to Safari on a Mac at a home ISP, then exchanged by a script from four hosting ASNs within a day', async () => {
    const userId = emulator.scenarios.stolenLaptop;
    const stolen = emulator.refreshTokensOf(userId).find((token) => token.device?.last_user_agent?.startsWith('python-requests')) as RefreshToken;
    assert.ok(stolen, 'the stolen token');
    const device = stolen.device ?? {};
    assert.match(String(device.initial_user_agent), /Macintosh.*Version\/[\d.]+ Safari/);
    assert.equal(SCENARIO_NETWORKS[String(device.initial_ip)].hosting, false, 'issued at home');
    assert.equal(device.initial_asn, SCENARIO_NETWORKS[String(device.initial_ip)].asn);
    assert.equal(SCENARIO_NETWORKS[String(device.last_ip)].hosting, true, 'last used from a hosting provider');
    assert.notEqual(device.initial_asn, device.last_asn);

    const events = await logsOf(userId);
    const exchanges = sessionEvents(events, stolen.session_id, 'sertft');
    const byScript = exchanges.filter((event) => event.user_agent?.startsWith('Python Requests'));
    assert.equal(byScript.length, 8, 'two addresses in each of four networks');
    assert.equal(new Set(byScript.map((event) => event.ip)).size, 8);
    const asns = new Set(byScript.map((event) => SCENARIO_NETWORKS[String(event.ip)].asn));
    assert.equal(asns.size, 4, 'four different ASNs');
    assert.ok(byScript.every((event) => SCENARIO_NETWORKS[String(event.ip)].hosting));
    assert.equal(new Set(byScript.map((event) => event.location_info?.city_name)).size, 4, 'four different cities');
    const span = Date.parse(String(byScript[byScript.length - 1].date)) - Date.parse(String(byScript[0].date));
    assert.ok(span < DAY_MS, 'within one day');
    assert.ok(Date.parse(String(byScript[0].date)) > started - DAY_MS, 'in the last day');
    assert.equal(byScript[byScript.length - 1].date, stolen.last_exchanged_at);
    const before = exchanges.filter((event) => !byScript.includes(event));
    assert.ok(before.length >= 3 && before.every((event) => event.ip === device.initial_ip && event.user_agent === 'Safari 17.4.1 / Mac OS X 10.15.7'));
    const [issued] = sessionEvents(events, stolen.session_id, 'seacft');
    assert.equal(issued.date, stolen.created_at);

    // The browser session itself never saw the script.
    const session = (await sessionAnswer(String(stolen.session_id))).body as Session;
    assert.equal(session.device?.last_ip, device.initial_ip);
    assert.equal(session.device?.last_user_agent, device.initial_user_agent);
  });

  it("reuse: a ferrt 'reuse detected' for the rotation family of the listed token's session and application", async () => {
    const userId = emulator.scenarios.reuse;
    const [token] = emulator.refreshTokensOf(userId);
    assert.equal(emulator.refreshTokensOf(userId).length, 1);
    const events = await logsOf(userId);
    const [reuse, ...more] = events.filter((event) => event.type === 'ferrt');
    assert.equal(more.length, 0);
    assert.match(String(reuse.description), /reuse detected/);
    assert.equal(reuse.client_id, token.client_id);
    assert.ok((reuse.details?.tokenCounter as number) < (reuse.details?.latestCounter as number));
    const family = events.filter((event) => event.type === 'sertft' && event.details?.familyId === reuse.details?.familyId);
    assert.ok(family.length >= 2);
    assert.ok(family.every((event) => event.details?.refresh_token?.session_id === token.session_id), "the reused family belongs to the token's session");
    assert.equal(family.at(-1)?.details?.tokenCounter, reuse.details?.latestCounter);
    assert.notEqual(reuse.ip, family[0].ip, 'replayed from elsewhere');
    const current = sessionEvents(events, token.session_id, 'sertft').filter((event) => event.details?.familyId !== reuse.details?.familyId);
    assert.equal(current.at(-1)?.date, token.last_exchanged_at, "the listed token is the session's new family");
    assert.ok(Date.parse(String(reuse.date)) < Date.parse(String(token.created_at)), 'the reuse happened before the listed token was issued');
    assert.equal((await sessionAnswer(String(token.session_id))).status, 200);
  });

  it('outlivedSession: a token still exchanged whose session is gone (404)', async () => {
    const userId = emulator.scenarios.outlivedSession;
    const sessions = new Set(emulator.sessionsOf(userId).map((session) => session.id));
    const orphan = emulator.refreshTokensOf(userId).find((token) => typeof token.session_id === 'string' && !sessions.has(token.session_id)) as RefreshToken;
    assert.ok(orphan);
    const gone = await sessionAnswer(String(orphan.session_id));
    assert.equal(gone.status, 404);
    assert.equal((gone.body as { errorCode: string }).errorCode, 'session_not_found');
    assert.ok(Date.parse(String(orphan.last_exchanged_at)) > started - DAY_MS, 'exchanged in the last day');
    assert.ok(sessionEvents(await logsOf(userId), orphan.session_id, 'sertft').length >= 5);
    const other = emulator.refreshTokensOf(userId).find((token) => token !== orphan) as RefreshToken;
    assert.equal((await sessionAnswer(String(other.session_id))).status, 200, 'the other token has its session');
  });

  it('browserUpdated: the same browser at a newer version, from the same ASN and city', async () => {
    const userId = emulator.scenarios.browserUpdated;
    const tokens = emulator.refreshTokensOf(userId);
    assert.equal(tokens.length, 2);
    const events = await logsOf(userId);
    for (const token of tokens) {
      const device = token.device ?? {};
      assert.notEqual(device.initial_user_agent, device.last_user_agent, 'the agent changed');
      assert.equal(device.initial_asn, device.last_asn, 'the same network');
      const agents = sessionEvents(events, token.session_id, 'sertft').map((event) => String(event.user_agent));
      const [first, last] = [agents[0], agents[agents.length - 1]];
      const [firstBrowser, firstOs] = first.split(' / ');
      const [lastBrowser, lastOs] = last.split(' / ');
      const family = (text: string) => text.replace(/ [\d.]+$/, '');
      const major = (text: string) => Number(/ (\d+)\.(\d+)/.exec(text)?.[1]) * 1000 + Number(/ (\d+)\.(\d+)/.exec(text)?.[2]);
      assert.equal(family(firstBrowser), family(lastBrowser), `${first} -> ${last}`);
      assert.equal(family(firstOs), family(lastOs));
      assert.ok(major(lastBrowser) > major(firstBrowser), 'a newer version');
      const places = new Set(sessionEvents(events, token.session_id, 'sertft').map((event) => event.location_info?.city_name));
      assert.equal(places.size, 1);
      assert.ok(sessionEvents(events, token.session_id, 'sertft').every((event) => !SCENARIO_NETWORKS[String(event.ip)].hosting));
    }
    assert.equal(events.filter((event) => event.type === 'ferrt').length, 0);
  });

  it('dates every scenario relative to now', async () => {
    const now = Date.parse('2030-06-15T08:00:00.000Z');
    const later = await startEmulator({ seed: 20, now });
    try {
      for (const name of Object.keys(later.scenarios) as (keyof RunningEmulator['scenarios'])[]) {
        const shift = (token: RefreshToken) => Date.parse(String(token.last_exchanged_at)) - now;
        const mine = emulator.refreshTokensOf(emulator.scenarios[name]).map((token) => Date.parse(String(token.last_exchanged_at)) - started);
        const theirs = later.refreshTokensOf(later.scenarios[name]).map(shift);
        theirs.forEach((offset, i) => assert.ok(Math.abs(offset - mine[i]) < 10 * 60_000, `${name}: ${offset} vs ${mine[i]} ms`));
        assert.ok(theirs.every((offset) => offset < 0 && offset > -DAY_MS), `${name} was exchanged in the day before now`);
      }
    } finally {
      await later.close();
    }
  });
});
