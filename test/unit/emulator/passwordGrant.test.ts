// The emulator's test application: the password grant logs its one user in and, with
// offline_access, appends a refresh token of that user for that application, as a login does on a
// tenant. The live suite's stand-in writes rely on it. Also the CLI's profile flags.
import assert from 'node:assert/strict';
import { validateResponse } from '../../contract/validate';
import { EMULATOR_USAGE, parseEmulatorArgs, wantsEmulatorHelp } from '../../emulator/cliOptions';
import { startEmulator, type RunningEmulator } from '../../emulator/index';

describe('emulator test application (password grant)', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ seed: 4 });
  });
  after(() => emulator.close());

  async function logIn(fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const { clientId, clientSecret, username, password } = emulator.testApplication;
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: clientId, client_secret: clientSecret, username, password, scope: 'openid offline_access', ...fields }).toString(),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('issues tokens and appends a refresh token of the user for the application', async () => {
    const { userId, clientId } = emulator.testApplication;
    const before = emulator.refreshTokensOf(userId).map((token) => token.id);
    const { status, body } = await logIn({});
    assert.equal(status, 200);
    assert.equal(validateResponse('authentication', 'POST', '/oauth/token', 200, body).errors, '');
    assert.equal(typeof body.refresh_token, 'string');
    const sub = JSON.parse(Buffer.from(String(body.id_token).split('.')[1], 'base64url').toString('utf8')).sub;
    assert.equal(sub, userId);
    const added = emulator.refreshTokensOf(userId).filter((token) => !before.includes(token.id));
    assert.equal(added.length, 1);
    assert.equal(added[0].client_id, clientId);
    assert.notEqual(body.refresh_token, added[0].id, 'the refresh token itself is not its id');
  });

  it('without offline_access: no refresh token; a wrong password or secret is refused', async () => {
    const { userId } = emulator.testApplication;
    const count = emulator.refreshTokensOf(userId).length;
    const online = await logIn({ scope: 'openid' });
    assert.equal(online.status, 200);
    assert.equal(online.body.refresh_token, undefined);
    assert.equal(emulator.refreshTokensOf(userId).length, count);
    const wrong = await logIn({ password: 'not-the-password' });
    assert.deepEqual([wrong.status, wrong.body.error], [403, 'invalid_grant']);
    assert.equal(validateResponse('authentication', 'POST', '/oauth/token', 403, wrong.body).valid, true);
    const secret = await logIn({ client_secret: 'not-the-secret' });
    assert.deepEqual([secret.status, secret.body.error], [401, 'access_denied']);
    const machine = await logIn({ client_id: emulator.clientId, client_secret: emulator.clientSecret });
    assert.deepEqual([machine.status, machine.body.error], [403, 'unauthorized_client'], 'the machine-to-machine application may not use the password grant');
  });

  it('the CLI flags set every tenant profile, a custom rate limit included', () => {
    assert.deepEqual(parseEmulatorArgs(['--plan', 'without-refresh-tokens', '--early-access', 'absent', '--log-retention-days', '1', '--clock-offset', '-600', '--rate-limit', '8/0.01']), {
      plan: 'without-refresh-tokens', earlyAccess: 'absent', logRetentionDays: 1, clockOffsetSeconds: -600, rateLimit: { burst: 8, perSecond: 0.01 },
    });
    assert.deepEqual(parseEmulatorArgs(['--rate-limit', 'production']), { rateLimit: 'production' });
    assert.deepEqual(parseEmulatorArgs(['--log-user-agents', 'mixed']), { logUserAgents: 'mixed' });
    assert.deepEqual(parseEmulatorArgs(['--rate-limit-reset', 'next', '--stand-in-tokens', '1234']), { rateLimitReset: 'next', standInTokens: 1234 });
    assert.throws(() => parseEmulatorArgs(['--rate-limit-reset', 'later']), /--rate-limit-reset is full or next/);
    assert.throws(() => parseEmulatorArgs(['--log-user-agents', 'raw']), /--log-user-agents is summary or mixed/);
    assert.throws(() => parseEmulatorArgs(['--rate-limit', 'fast']), /burst\/perSecond/);
    assert.throws(() => parseEmulatorArgs(['--color', 'blue']), /unknown option --color \(--help lists the options\)/);
  });

  it('--help lists every flag the CLI takes, each of which parses', () => {
    assert.ok(wantsEmulatorHelp(['--plan', 'x', '--help']) && wantsEmulatorHelp(['-h']) && !wantsEmulatorHelp(['--plan', 'enterprise']));
    const listed = [...EMULATOR_USAGE.matchAll(/^\s+(--[a-z-]+)/gm)].map((match) => match[1]).filter((flag) => flag !== '--help');
    assert.ok(listed.length >= 12, `${listed.length} flags listed`);
    const sample: Record<string, string> = { '--rate-limit': 'production', '--profile': 'hostile', '--plan': 'enterprise', '--early-access': 'absent', '--log-user-agents': 'mixed', '--cursor-paging': 'repeating-cursor', '--rate-limit-reset': 'next' };
    for (const flag of listed) {
      assert.doesNotThrow(() => parseEmulatorArgs([flag, sample[flag] ?? '5']), `${flag} is parsed`);
    }
    // --jitter is listed on --latency's line.
    assert.match(EMULATOR_USAGE, /--jitter MS/);
  });
});
