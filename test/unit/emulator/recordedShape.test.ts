// The emulator's default tenant answers in the shape of the recordings of a real tenant
// (../shared/auth0/recorded, FACTS.md "Recorded answers"): tokens without `device` or
// `last_exchanged_at`, null expiries, `session_id` null on tokens created since late 2023, users
// without `last_login`, and log events full of nulls and extras, of types nobody judges, mixed in.
import assert from 'node:assert/strict';
import type { LogEvent, User } from '../../../src/auth0/types';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, call } from './helpers';

const FIXED_NOW = Date.parse('2026-03-01T12:00:00.000Z');
const LATE_2023 = Date.parse('2023-11-01T00:00:00.000Z');

describe('emulator: the recorded shape by default', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 3, now: FIXED_NOW, deleteDelayMs: 0 });
  });
  after(() => emulator.close());

  it('lists a realistic share of tokens as recorded: no device and no last_exchanged_at', () => {
    const tokens = emulator.refreshTokensOf(emulator.users.many);
    const withoutDevice = tokens.filter((token) => !('device' in token));
    assert.ok(withoutDevice.length > tokens.length * 0.15 && withoutDevice.length < tokens.length * 0.45, `${withoutDevice.length} of ${tokens.length}`);
    assert.ok(withoutDevice.every((token) => !('last_exchanged_at' in token)));
  });

  it('sends both expiries as null (not absent) on a token without an expiry', () => {
    const tokens = emulator.refreshTokensOf(emulator.users.many);
    const unexpiring = tokens.filter((token) => token.expires_at === null);
    assert.ok(unexpiring.length > 0);
    assert.ok(unexpiring.every((token) => token.idle_expires_at === null));
    assert.ok(tokens.every((token) => 'expires_at' in token && 'idle_expires_at' in token));
  });

  it('has tokens created since late 2023 with session_id null, beside the ones with a session', () => {
    const tokens = emulator.refreshTokensOf(emulator.users.many).filter((token) => Date.parse(String(token.created_at)) >= LATE_2023);
    assert.ok(tokens.some((token) => token.session_id === null));
    assert.ok(tokens.some((token) => typeof token.session_id === 'string'));
  });

  it('has users without last_login or logins_count (never logged in), none of them with a refresh token', async () => {
    const page = await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '100', page: '0' } });
    const users = page.body as User[];
    const never = users.filter((user) => !('last_login' in user));
    assert.ok(never.length > 0, 'some users never logged in');
    for (const user of never) {
      assert.equal('logins_count' in user, false);
      assert.equal(emulator.refreshTokensOf(user.user_id).length, 0);
    }
  });

  it("a user's log events carry the recorded extras and nulls", () => {
    const events = emulator.logsOf(emulator.users.many);
    assert.ok(events.every((event) => event._id === event.log_id && typeof event.isMobile === 'boolean' && event.organization_id === null));
    assert.ok(events.some((event) => event.location_info === null), 'some addresses were not placed');
    assert.ok(events.some((event) => event.location_info !== null));
  });

  it('the tenant log mixes in types nobody judges (seccft, sapi, ss) with their recorded nulls', async () => {
    const page = await call(emulator, 'GET', '/api/v2/logs', { query: { per_page: '100', q: 'type:seccft OR type:sapi' } });
    assert.equal(page.status, 200);
    const events = page.body as LogEvent[];
    const seccft = events.find((event) => event.type === 'seccft');
    const sapi = events.find((event) => event.type === 'sapi');
    assert.ok(seccft && sapi, events.map((event) => event.type).join(','));
    assert.deepEqual([seccft.details, seccft.user_id, seccft.location_info, seccft.user_agent], [null, '', null, 'Other 0.0.0 / Other 0.0.0']);
    assert.deepEqual([sapi.user_id, sapi.hostname, sapi.audience, sapi.connection, sapi.client_name], [null, null, null, null, '']);
    // Signups of the newest users (older than the default retention, so read from the store).
    const newest = (await call(emulator, 'GET', apiPath('/users'), { query: { per_page: '5', page: '0', sort: 'created_at:-1' } })).body as User[];
    const signups = newest.flatMap((user) => emulator.logsOf(user.user_id).filter((event) => event.type === 'ss'));
    assert.equal(signups.length, newest.length, 'one signup each');
    assert.ok(signups.every((event) => event.details === null && event.hostname === null && event.user_agent === 'Other 0.0.0 / Other 0.0.0'));
  });
});
