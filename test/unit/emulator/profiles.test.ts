// The tenant profiles a setup check has to tell apart: a plan without the refresh-token and
// session endpoints, the Early Access endpoints present or not, the log retention, and a tenant
// whose clock is off (Date and x-ratelimit-reset shifted), each set at start or via configure().
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, call } from './helpers';

const FROZEN = Date.parse('2026-03-01T12:00:00.000Z');

describe('emulator tenant profiles', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 19, rateLimit: 'non-production', rateLimitClock: () => FROZEN, clockOffsetSeconds: -3600 });
  });
  after(() => emulator.close());

  it('shifts the Date header and x-ratelimit-reset by the clock offset, at start and at runtime', async () => {
    const dateSkew = (headers: Headers) => (Date.parse(headers.get('date') as string) - Date.now()) / 1000;
    const first = await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '1' } });
    assert.equal(first.status, 200);
    assert.ok(Math.abs(dateSkew(first.headers) + 3600) < 30, `Date is an hour behind: ${dateSkew(first.headers)} s`);
    // A frozen limiter clock: 9 of 10 left, refilled at 2/s, full again 0.5 s after FROZEN.
    assert.equal(first.headers.get('x-ratelimit-reset'), String(Math.ceil((FROZEN + 500) / 1000) - 3600));

    emulator.configure({ clockOffsetSeconds: 300 });
    const second = await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '1' } });
    assert.ok(Math.abs(dateSkew(second.headers) - 300) < 30, `Date is five minutes ahead: ${dateSkew(second.headers)} s`);
    assert.equal(second.headers.get('x-ratelimit-reset'), String(Math.ceil((FROZEN + 1000) / 1000) + 300));

    emulator.configure({ clockOffsetSeconds: 0 });
    const third = await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '1' } });
    assert.ok(Math.abs(dateSkew(third.headers)) < 30);
    assert.equal(third.headers.get('x-ratelimit-reset'), String(Math.ceil((FROZEN + 1500) / 1000)));
    const oauth = await fetch(`${emulator.url}/oauth/token`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.ok(oauth.headers.get('date'), 'the Authentication API has a Date header too');
    assert.throws(() => emulator.configure({ clockOffsetSeconds: Number.NaN }), /clockOffsetSeconds/);
  });

  it("switches plans: 'without-refresh-tokens' keeps sessions, 'without-refresh-tokens-and-sessions' refuses both", async () => {
    const userId = emulator.users.seven;
    const tokens = apiPath('/users/{user_id}/refresh-tokens', { user_id: userId });
    const sessions = apiPath('/users/{user_id}/sessions', { user_id: userId });
    const statuses = async () => [(await call(emulator, 'GET', tokens)).status, (await call(emulator, 'GET', sessions)).status];
    emulator.configure({ rateLimit: 'unlimited' });
    try {
      assert.deepEqual(await statuses(), [200, 200]);
      emulator.configure({ plan: 'without-refresh-tokens' });
      assert.deepEqual(await statuses(), [403, 200]);
      emulator.configure({ plan: 'without-refresh-tokens-and-sessions' });
      assert.deepEqual(await statuses(), [403, 403]);
      const refused = await call(emulator, 'GET', sessions);
      assert.equal((refused.body as { errorCode: string }).errorCode, 'feature_not_enabled');
      assert.equal((await call(emulator, 'GET', apiPath('/users/{id}/logs', { id: userId }))).status, 200, 'logs are on every plan');
    } finally {
      emulator.configure({ plan: 'enterprise' });
    }
    const fromStart = await startEmulator({ seed: 19, plan: 'without-refresh-tokens-and-sessions', earlyAccess: 'absent', logRetentionDays: 1 });
    try {
      const session = fromStart.sessionsOf(fromStart.users.seven)[0];
      assert.equal((await call(fromStart, 'GET', apiPath('/sessions/{id}', { id: session.id }))).status, 403);
      fromStart.configure({ plan: 'enterprise' });
      assert.equal((await call(fromStart, 'GET', apiPath('/sessions/{id}', { id: session.id }))).status, 200);
      assert.equal((await call(fromStart, 'GET', '/api/v2/refresh-tokens', { query: { user_id: fromStart.users.seven } })).status, 404, 'Early Access absent');
    } finally {
      await fromStart.close();
    }
  });
});
