// The seeded tenant looks like a real one (devices, apps, connections), and the hostile
// profile puts injection payloads into every field a tenant's users and apps control.
import assert from 'node:assert/strict';
import type { RefreshToken } from '../../../src/auth0/types';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { call } from './helpers';

function allTokens(emulator: RunningEmulator): RefreshToken[] {
  return [...Object.values(emulator.users), ...emulator.fanOutUsers, ...emulator.specialUsers].flatMap((id) => emulator.refreshTokensOf(id));
}

describe('emulator default data', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 8 });
  });
  after(() => emulator.close());

  it('has users of several connections, with ids containing | / @ +', async () => {
    const users = [];
    for (const page of ['0', '1', '2']) {
      users.push(...((await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '100', page } })).body as { user_id: string }[]));
    }
    const providers = new Set(users.map((user) => user.user_id.split('|')[0]));
    for (const provider of ['auth0', 'google-oauth2', 'samlp', 'email', 'waad', 'github']) {
      assert.ok(providers.has(provider), provider);
    }
    for (const char of ['/', '@', '+']) {
      assert.ok(users.some((user) => user.user_id.includes(char)), char);
    }
  });

  it('has realistic devices, applications and token shapes', () => {
    const tokens = allTokens(emulator);
    const agents = tokens.flatMap((token) => [token.device?.initial_user_agent, token.device?.last_user_agent]).join('\n');
    for (const pattern of [/Chrome\/\d/, /Firefox\/\d/, /Version\/[\d.]+ Safari/, /Edg\//, /iPhone/, /Android/, /CFNetwork/, /okhttp/]) {
      assert.match(agents, pattern);
    }
    const ips = tokens.map((token) => token.device?.initial_ip ?? '');
    assert.ok(ips.some((ip) => ip.includes(':')) && ips.some((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip)), 'IPv4 and IPv6');
    assert.ok(tokens.some((token) => token.rotating) && tokens.some((token) => !token.rotating));
    assert.ok(tokens.some((token) => (token.resource_servers?.length ?? 0) > 1));
    assert.ok(tokens.every((token) => token.resource_servers?.every((server) => typeof server.scopes === 'string')));
    assert.ok(tokens.some((token) => token.refresh_token_metadata && typeof token.refresh_token_metadata === 'object'));
    const names = new Set(tokens.map((token) => emulator.clientName(token.client_id as string)));
    for (const name of ['Acme Web', 'Acme iOS', 'Acme Android', 'Support Console', 'Partner Portal', undefined]) {
      assert.ok(names.has(name), String(name));
    }
  });
});

describe('emulator hostile data', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 8, dataProfile: 'hostile' });
  });
  after(() => emulator.close());

  it('carries script, markup, command links, bidi, huge strings and emoji in tokens and users', async () => {
    const tokensJson = JSON.stringify(allTokens(emulator));
    const usersJson = (await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '100' } })).text;
    for (const json of [tokensJson, usersJson]) {
      for (const payload of ['<script>window.__pwned=1</script>', '<img src=x onerror=', '"><svg onload=', 'javascript:', '(command:workbench.action.terminal.new)', '<style>', '\u202e', '🔑']) {
        assert.ok(json.toLowerCase().includes(payload.toLowerCase()), `${payload} in ${json === tokensJson ? 'tokens' : 'users'}`);
      }
    }
    assert.ok(allTokens(emulator).some((token) => Object.values(token.device ?? {}).some((value) => typeof value === 'string' && value.length >= 10_000)));
    assert.ok(allTokens(emulator).some((token) => token.refresh_token_metadata === null));
    assert.ok(allTokens(emulator).some((token) => token.device === undefined || token.expires_at === undefined));
  });

  it('names applications with payloads too, and keeps one application that 404s', () => {
    const names = new Set(allTokens(emulator).map((token) => emulator.clientName(token.client_id as string)));
    assert.ok([...names].some((name) => name?.includes('<img')));
    assert.ok([...names].some((name) => name?.includes('\u202e')));
    assert.ok(names.has(undefined));
  });

  it('adds hostile user ids to the special users', async () => {
    const hostileId = emulator.specialUsers.find((id) => id.includes('<script>'));
    assert.ok(hostileId);
    const result = await call(emulator, 'GET', `/api/v2/users/${encodeURIComponent(hostileId)}`);
    assert.equal(result.status, 200);
  });
});
