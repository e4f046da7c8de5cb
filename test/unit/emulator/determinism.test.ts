// The same seed gives the same tenant, whatever order users are first looked at in.
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { call } from './helpers';

const FIXED_NOW = Date.parse('2026-03-01T12:00:00.000Z');

async function snapshot(emulator: RunningEmulator, reverse: boolean): Promise<unknown> {
  const named = Object.entries(emulator.users);
  const order = reverse ? [...named].reverse() : named;
  const tokens = Object.fromEntries(order.map(([name, id]) => [name, emulator.refreshTokensOf(id)]));
  const listing = [];
  for (const page of ['0', '1', '2']) {
    listing.push((await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '100', page } })).body);
  }
  const clientIds = [...new Set(emulator.refreshTokensOf(emulator.users.huge).map((token) => token.client_id as string))].sort();
  return {
    users: emulator.users,
    fanOutUsers: emulator.fanOutUsers,
    specialUsers: emulator.specialUsers,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    tokens: Object.fromEntries(Object.entries(tokens).sort()),
    listing,
    clients: clientIds.map((id) => [id, emulator.clientName(id)]),
  };
}

describe('emulator determinism', () => {
  for (const dataProfile of ['default', 'hostile'] as const) {
    it(`gives identical data for the same seed (${dataProfile})`, async () => {
      const first = await startEmulator({ seed: 42, now: FIXED_NOW, dataProfile });
      const second = await startEmulator({ seed: 42, now: FIXED_NOW, dataProfile });
      try {
        assert.deepEqual(await snapshot(second, true), await snapshot(first, false));
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  }

  it('gives different data for a different seed', async () => {
    const first = await startEmulator({ seed: 42, now: FIXED_NOW });
    const second = await startEmulator({ seed: 43, now: FIXED_NOW });
    try {
      assert.notDeepEqual(second.users, first.users);
      assert.notDeepEqual(second.refreshTokensOf(second.users.seven), first.refreshTokensOf(first.users.seven));
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('dates tokens relative to now, so statuses stay realistic: users.seven has active, expired and idle-expired tokens', async () => {
    const emulator = await startEmulator({ seed: 42 });
    try {
      const now = Date.now();
      const statuses = emulator.refreshTokensOf(emulator.users.seven).map((token) => {
        const expires = typeof token.expires_at === 'string' ? Date.parse(token.expires_at) : undefined;
        const idle = typeof token.idle_expires_at === 'string' ? Date.parse(token.idle_expires_at) : undefined;
        if (expires !== undefined && expires < now) {
          return 'expired';
        }
        if (idle !== undefined && idle < now) {
          return 'idle-expired';
        }
        return expires === undefined && idle === undefined ? 'non-expiring' : 'active';
      });
      assert.deepEqual([...new Set(statuses)].sort(), ['active', 'expired', 'idle-expired', 'non-expiring']);
      const sessionIds = emulator.refreshTokensOf(emulator.users.many).map((token) => token.session_id);
      assert.ok(sessionIds.includes(null), 'old tokens have no session');
      assert.ok(sessionIds.some((id) => typeof id === 'string'));
    } finally {
      await emulator.close();
    }
  });
});
