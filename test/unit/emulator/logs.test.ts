// Log events agree with the refresh tokens (seacft at issue, sertft per exchange from the
// token's devices, srrt for revocations through the emulator), page like Auth0's log endpoints,
// and stop at the retention window.
import assert from 'node:assert/strict';
import type { LogEvent, RefreshToken } from '../../../src/auth0/types';
import { summariseUserAgent } from '../../emulator/data/logs';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, call, eventually } from './helpers';

const FIXED_NOW = Date.parse('2026-03-01T12:00:00.000Z');
const DAY_MS = 86_400_000;

function ofSession(events: readonly LogEvent[], token: RefreshToken, type: string): LogEvent[] {
  return events.filter((event) => event.type === type && event.details?.refresh_token?.session_id === token.session_id);
}

describe('emulator logs', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 14, deleteDelayMs: 0 });
  });
  after(() => emulator.close());

  const userLogs = async (userId: string, query: Record<string, string> = {}, token?: string) =>
    call(emulator, 'GET', apiPath('/users/{id}/logs', { id: userId }), { query, token });

  it("tells each token's story: seacft when issued from the initial device, sertft per exchange ending at last_exchanged_at from the last device", () => {
    const userId = emulator.users.many;
    const events = emulator.logsOf(userId);
    const recent = Date.now() - 80 * DAY_MS;
    const tokens = emulator.refreshTokensOf(userId).filter((token) => typeof token.session_id === 'string' && Date.parse(String(token.created_at)) > recent);
    assert.ok(tokens.length > 20, `${tokens.length} recent tokens`);
    let exchanged = 0;
    // A real tenant sends about a third of the tokens without `device` or `last_exchanged_at`
    // (recorded): their history is still logged, so an unrecorded last exchange is not "never".
    const unrecorded = tokens.filter((token) => token.device === undefined);
    assert.ok(unrecorded.length > 3, `${unrecorded.length} tokens without a device`);
    let unrecordedExchanged = 0;
    for (const token of unrecorded) {
      assert.equal(token.last_exchanged_at, undefined, 'no device, no last_exchanged_at, as recorded');
      assert.equal(ofSession(events, token, 'seacft')[0]?.date, token.created_at, 'its issue is logged');
      unrecordedExchanged += ofSession(events, token, 'sertft').length > 0 ? 1 : 0;
    }
    assert.ok(unrecordedExchanged > 0, 'some tokens without last_exchanged_at were exchanged: the logs say so');
    for (const token of tokens.filter((candidate) => candidate.device !== undefined)) {
      const device = token.device ?? {};
      const [issued, ...moreIssues] = ofSession(events, token, 'seacft');
      assert.equal(moreIssues.length, 0);
      assert.equal(issued.date, token.created_at);
      assert.equal(issued.ip, device.initial_ip);
      assert.equal(issued.user_agent, summariseUserAgent(String(device.initial_user_agent)));
      assert.equal(issued.client_id, token.client_id);
      const exchanges = ofSession(events, token, 'sertft');
      if (token.last_exchanged_at === undefined) {
        assert.equal(exchanges.length, 0, `${token.id} was never exchanged`);
        continue;
      }
      exchanged++;
      assert.ok(exchanges.length >= 1 && exchanges.length <= 8);
      const last = exchanges[exchanges.length - 1];
      assert.equal(last.date, token.last_exchanged_at);
      assert.equal(last.ip, device.last_ip);
      assert.equal(last.user_agent, summariseUserAgent(String(device.last_user_agent)));
      assert.equal(new Set(exchanges.map((event) => event.details?.familyId)).size, 1, 'one rotation family');
      for (const event of exchanges) {
        assert.ok([device.initial_ip, device.last_ip].includes(event.ip), 'from the initial or the last device');
        // An address Auth0 could not place comes with location_info null (recorded).
        assert.ok(event.location_info === null || typeof event.location_info?.country_code === 'string');
        assert.ok(String(event.date) > String(token.created_at) && String(event.date) <= String(token.last_exchanged_at));
      }
      if (token.rotating) {
        assert.deepEqual(exchanges.map((event) => event.details?.tokenCounter), exchanges.map((_, i) => i + 1));
      }
    }
    assert.ok(exchanged > 10);
  });

  it("summarises user agents as Auth0's logs do", () => {
    assert.equal(summariseUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15'), 'Safari 17.4.1 / Mac OS X 10.15.7');
    assert.equal(summariseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'), 'Chrome 126.0.0 / Windows 10.0.0');
    assert.equal(summariseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86'), 'Edge 131.0.2903 / Windows 10.0.0');
    assert.equal(summariseUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'), 'Mobile Safari 17.4.0 / iOS 17.4.0');
    assert.equal(summariseUserAgent('python-requests/2.31.0'), 'Python Requests 2.31.0 / Other 0.0.0');
    assert.equal(summariseUserAgent('curl/8.4.0'), 'curl 8.4.0 / Other 0.0.0');
    assert.equal(summariseUserAgent('<script>'), 'Other 0.0.0 / Other 0.0.0');
  });

  it('pages a user\'s logs newest first by default, oldest first with sort=date:1, with totals on request', async () => {
    const userId = emulator.users.many;
    const all = emulator.logsOf(userId).filter((event) => Date.parse(String(event.date)) >= Date.now() - 30 * DAY_MS);
    assert.ok(all.length > 150);
    const first = await userLogs(userId, { per_page: '100' });
    assert.equal(first.status, 200);
    assert.deepEqual((first.body as LogEvent[]).map((event) => event.log_id), all.slice(-100).reverse().map((event) => event.log_id));
    const second = await userLogs(userId, { per_page: '100', page: '1', include_totals: 'true' });
    const page = second.body as { start: number; limit: number; length: number; total: number; logs: LogEvent[] };
    assert.deepEqual({ start: page.start, limit: page.limit, length: page.length, total: page.total }, { start: 100, limit: 100, length: 100, total: all.length });
    assert.deepEqual(page.logs.map((event) => event.log_id), all.slice(-200, -100).reverse().map((event) => event.log_id));
    const oldest = await userLogs(userId, { per_page: '3', sort: 'date:1' });
    assert.deepEqual((oldest.body as LogEvent[]).map((event) => event.log_id), all.slice(0, 3).map((event) => event.log_id));
    const refused: Record<string, string>[] = [{ per_page: '101' }, { per_page: '0' }, { sort: 'type:1' }, { page: '-1' }, { include_totals: 'yes' }];
    for (const query of refused) {
      assert.equal((await userLogs(userId, query)).status, 400, JSON.stringify(query));
    }
  });

  it("pages a user's logs through the first 1,000 events only, refusing further with Auth0's invalid_paging", async () => {
    const userId = emulator.users.huge;
    const retained = emulator.logsOf(userId).filter((event) => Date.parse(String(event.date)) >= Date.now() - 30 * DAY_MS);
    assert.ok(retained.length > 1100, `${retained.length} events in the retention window`);
    // page * per_page reaching past 1,000 (the last event of the page beyond the cap) is refused.
    const cases: [Record<string, string>, number][] = [
      [{ page: '9', per_page: '100' }, 200],
      [{ page: '10', per_page: '100' }, 400],
      [{ page: '19', per_page: '50' }, 200],
      [{ page: '20', per_page: '50' }, 400],
      [{ page: '999', per_page: '1' }, 200],
      [{ page: '1000', per_page: '1' }, 400],
      [{ page: '10', per_page: '100', include_totals: 'true' }, 400],
      [{ page: '10', per_page: '100', sort: 'date:1' }, 400],
    ];
    for (const [query, status] of cases) {
      const answer = await userLogs(userId, query);
      assert.equal(answer.status, status, JSON.stringify(query));
      if (status === 400) {
        const body = answer.body as { errorCode?: string; message?: string };
        assert.equal(body.errorCode, 'invalid_paging', JSON.stringify(query));
        assert.match(String(body.message), /^You can only page through the first 1000 records/);
      }
    }
    const last = await userLogs(userId, { page: '9', per_page: '100' });
    assert.equal((last.body as LogEvent[]).length, 100, 'the tenth page is full');
  });

  it('needs read:logs or read:logs_users', async () => {
    const userId = emulator.users.seven;
    assert.equal((await userLogs(userId, {}, emulator.mintToken({ scopes: ['read:users'] }))).status, 403);
    assert.equal((await userLogs(userId, {}, emulator.mintToken({ scopes: ['read:logs'] }))).status, 200);
    assert.equal((await userLogs(userId, {}, emulator.mintToken({ scopes: ['read:logs_users'] }))).status, 200);
    assert.equal((await call(emulator, 'GET', '/api/v2/logs', { token: emulator.mintToken({ scopes: ['read:users'] }) })).status, 403);
  });

  it('returns nothing older than the retention window, set at start or at runtime', async () => {
    const userId = emulator.users.many;
    const dates = async () => ((await userLogs(userId, { per_page: '100', sort: 'date:1' })).body as LogEvent[]).map((event) => Date.parse(String(event.date)));
    const thirtyDays = await dates();
    assert.ok(thirtyDays[0] < Date.now() - 20 * DAY_MS, 'the default keeps 30 days');
    emulator.configure({ logRetentionDays: 1 });
    try {
      const oneDay = await dates();
      assert.ok(oneDay.length > 0);
      assert.ok(oneDay.every((date) => date >= Date.now() - DAY_MS - 60_000), 'nothing older than a day');
    } finally {
      emulator.configure({ logRetentionDays: 30 });
    }
    const shortLived = await startEmulator({ seed: 14, logRetentionDays: 2 });
    try {
      const events = (await call(shortLived, 'GET', apiPath('/users/{id}/logs', { id: shortLived.users.many }), { query: { per_page: '100', sort: 'date:1' } })).body as LogEvent[];
      assert.ok(events.length > 0 && events.every((event) => Date.parse(String(event.date)) >= Date.now() - 2 * DAY_MS - 60_000));
    } finally {
      await shortLived.close();
    }
    assert.throws(() => emulator.configure({ logRetentionDays: 0 }), /positive/);
  });

  it('GET /logs searches with q (type and user_id), and checkpoint paging (which ignores q) walks forward without gaps or repeats', async () => {
    const userId = emulator.users.seven;
    const q = `type:sertft AND user_id:"${userId}"`;
    const expected = emulator
      .logsOf(userId)
      .filter((event) => event.type === 'sertft' && Date.parse(String(event.date)) >= Date.now() - 30 * DAY_MS)
      .map((event) => event.log_id);
    assert.ok(expected.length >= 3);
    const searched = await call(emulator, 'GET', '/api/v2/logs', { query: { q, per_page: '100', sort: 'date:1' } });
    assert.deepEqual((searched.body as LogEvent[]).map((event) => event.log_id), expected);
    // Checkpoint paging ignores q, as Auth0 does: the walk reads every retained event, each once, in log id order.
    const walked: string[] = [];
    let from = '0';
    for (let i = 0; i < 10_000; i++) {
      const page = (await call(emulator, 'GET', '/api/v2/logs', { query: { q, from, take: '100' } })).body as LogEvent[];
      if (page.length === 0) {
        break;
      }
      walked.push(...page.map((event) => String(event.log_id)));
      from = walked[walked.length - 1];
    }
    const everyRetained = (await call(emulator, 'GET', '/api/v2/logs', { query: { per_page: '1', include_totals: 'true' } })).body as { total: number };
    assert.equal(walked.length, everyRetained.total);
    assert.deepEqual(walked, [...walked].sort());
    assert.equal(new Set(walked).size, walked.length);
    assert.deepEqual(walked.filter((id) => expected.includes(id)), expected);
    const fields = (await call(emulator, 'GET', '/api/v2/logs', { query: { q, per_page: '1', fields: 'log_id,type', include_fields: 'true' } })).body as LogEvent[];
    assert.deepEqual(Object.keys(fields[0]).sort(), ['log_id', 'type']);
  });

  it('logs an srrt with the credential id for each revocation through the API, and a seacft for an added token', async () => {
    const userId = emulator.fanOutUsers[1];
    const [victim] = emulator.refreshTokensOf(userId);
    assert.equal((await call(emulator, 'DELETE', apiPath('/refresh-tokens/{id}', { id: victim.id }))).status, 202);
    await eventually(() => emulator.logsOf(userId).some((event) => event.type === 'srrt'), 5000, 'the revocation is logged');
    const [revocation] = emulator.logsOf(userId).filter((event) => event.type === 'srrt');
    assert.equal(revocation.details?.credential_id, victim.id);
    assert.equal(revocation.client_id, victim.client_id);
    assert.equal(revocation.user_id, userId);
    const listed = (await userLogs(userId, { per_page: '1' })).body as LogEvent[];
    assert.equal(listed[0].log_id, revocation.log_id, 'the newest event');

    const issued = emulator.addRefreshToken(userId);
    const seacft = emulator.logsOf(userId).filter((event) => event.type === 'seacft' && event.details?.refresh_token?.session_id === issued.session_id);
    assert.equal(seacft.length, 1);
    assert.equal(seacft[0].ip, issued.device?.initial_ip);
  });

  it('gives the same events and log ids for the same seed and now', async () => {
    const first = await startEmulator({ seed: 21, now: FIXED_NOW });
    const second = await startEmulator({ seed: 21, now: FIXED_NOW });
    try {
      const users = [second.users.many, second.users.seven, ...Object.values(second.scenarios)].reverse();
      const logsOf = (emulator: RunningEmulator, ids: string[]) => ids.map((id) => emulator.logsOf(id));
      const secondLogs = logsOf(second, users).reverse();
      assert.deepEqual(secondLogs, logsOf(first, [...users].reverse()));
      assert.ok(secondLogs.flat().length > 100);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('emulator logs with raw user agents (logUserAgents: mixed)', () => {
  // Auth0's Management API logs carry its summary ("Chrome 126.0.0 / Windows 10.0.0"); other
  // deliveries of the same `user_agent` field (log streams) carry the raw header. 'mixed' serves both.
  it('gives some events the raw header the token recorded and the others Auth0\'s summary, the same for the same seed', async () => {
    const mixed = await startEmulator({ seed: 14, now: FIXED_NOW, logUserAgents: 'mixed' });
    const again = await startEmulator({ seed: 14, now: FIXED_NOW, logUserAgents: 'mixed' });
    const plain = await startEmulator({ seed: 14, now: FIXED_NOW });
    try {
      const userId = mixed.users.many;
      const events = mixed.logsOf(userId);
      const summaryOnly = plain.logsOf(userId);
      assert.equal(events.length, summaryOnly.length);
      // Headers as the tokens recorded them; about a third of the tokens come without a device
      // (as a real tenant sends them), so their events' headers are known from the summary tenant.
      const headers = new Set(mixed.refreshTokensOf(userId).flatMap((token) => [token.device?.initial_user_agent, token.device?.last_user_agent]).map(String));
      const raw = events.filter((event, index) => event.user_agent !== summaryOnly[index].user_agent);
      const summarised = events.filter((event) => / \/ /.test(String(event.user_agent)) && !raw.includes(event));
      assert.equal(raw.length + summarised.length, events.length, 'every event carries one form or the other');
      assert.ok(raw.length > events.length / 10 && summarised.length > events.length / 2, `${raw.length} raw, ${summarised.length} summarised`);
      assert.ok(raw.filter((event) => headers.has(String(event.user_agent))).length > raw.length / 3, 'raw events carry the headers the tokens recorded');
      // The same events otherwise: only user_agent differs from the summary-only tenant.
      const asSummary = (event: LogEvent) => (raw.includes(event) ? { ...event, user_agent: summariseUserAgent(String(event.user_agent)) } : event);
      assert.deepEqual(events.map(asSummary), summaryOnly);
      assert.deepEqual(again.logsOf(userId), events);
    } finally {
      await Promise.all([mixed.close(), again.close(), plain.close()]);
    }
  });
});
