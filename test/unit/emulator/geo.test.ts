// Auth0 places a public address (`location_info`) and none it cannot: a loopback, private,
// link-local, shared (CGNAT), multicast or otherwise reserved address carries no place. The
// emulator stands in documentation ranges (RFC 5737, RFC 3849) for public addresses, so those
// stay placed. Each address is logged through `common` (every event the emulator writes), and one
// end to end: a revocation through the API from the test's own 127.0.0.1.
import assert from 'node:assert/strict';
import type { User } from '../../../src/auth0/types';
import { isGeolocatable } from '../../emulator/data/geo';
import { common, type EventContext } from '../../emulator/data/logs';
import { startEmulator } from '../../emulator/index';
import { apiPath, call, eventually } from './helpers';

const UNPLACED: readonly [string, string][] = [
  ['IPv4 loopback', '127.0.0.1'],
  ['IPv4 loopback, elsewhere in 127/8', '127.42.0.9'],
  ['private 10/8', '10.1.2.3'],
  ['private 172.16/12', '172.20.0.5'],
  ['private 192.168/16', '192.168.1.10'],
  ['link-local', '169.254.10.20'],
  ['shared address space (CGNAT)', '100.64.3.4'],
  ['this network', '0.0.0.0'],
  ['multicast', '224.0.0.251'],
  ['reserved 240/4', '240.0.0.1'],
  ['broadcast', '255.255.255.255'],
  ['IPv6 loopback', '::1'],
  ['IPv6 unspecified', '::'],
  ['IPv6 unique local', 'fd12:3456:789a::1'],
  ['IPv6 link-local', 'fe80::1'],
  ['IPv6 multicast', 'ff02::1'],
];

/** The server strips `::ffff:` from a caller's address before logging; isGeolocatable reads them too. */
const MAPPED: readonly [string, string][] = [
  ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
  ['IPv4-mapped private', '::ffff:192.168.0.1'],
];

const PLACED: readonly [string, string][] = [
  ['a scenario address (TEST-NET-3)', '203.0.113.200'],
  ['a seeded address (TEST-NET-1)', '192.0.2.55'],
  ['a seeded address (TEST-NET-2)', '198.51.100.61'],
  ['a seeded IPv6 address (2001:db8::/32)', '2001:db8:3320::1a'],
  ['a public address next to 172.16/12', '172.32.0.1'],
  ['a public address next to 100.64/10', '100.128.0.1'],
];

const USER: User = { user_id: 'auth0|geo', email: 'geo@example.com' };
const CONTEXT: EventContext = {
  user: USER,
  tenantName: 'geo',
  hostname: 'geo.example.com',
  clientName: () => 'App',
  connectionId: () => 'con_1',
  userAgent: () => 'test',
};

describe('Emulator: which addresses carry location_info', () => {
  describe('a private, loopback or reserved address carries none', () => {
    for (const [name, ip] of UNPLACED) {
      it(`${name} (${ip})`, () => {
        assert.equal(isGeolocatable(ip), false);
        const event = common('sertft', 'exchange', { at: 0, ip, userAgent: 'test' }, 'client', CONTEXT);
        assert.equal(event.ip, ip);
        assert.equal(event.location_info, null);
      });
    }
  });

  describe('an IPv4-mapped private or loopback address is not placed either', () => {
    for (const [name, ip] of MAPPED) {
      it(`${name} (${ip})`, () => {
        assert.equal(isGeolocatable(ip), false);
      });
    }
  });

  describe('a public address (or a documentation address standing in for one) is placed', () => {
    for (const [name, ip] of PLACED) {
      it(`${name} (${ip})`, () => {
        assert.equal(isGeolocatable(ip), true);
      });
    }
  });

  it('a revocation through the API from 127.0.0.1 is logged without a place (end to end)', async () => {
    const emulator = await startEmulator({ seed: 14, deleteDelayMs: 0 });
    try {
      const userId = emulator.fanOutUsers[1];
      const [victim] = emulator.refreshTokensOf(userId);
      assert.equal((await call(emulator, 'DELETE', apiPath('/refresh-tokens/{id}', { id: victim.id }))).status, 202);
      await eventually(() => emulator.logsOf(userId).some((event) => event.type === 'srrt'), 5000, 'the revocation is logged');
      const revocation = emulator.logsOf(userId).find((event) => event.type === 'srrt')!;
      assert.equal(revocation.ip, '127.0.0.1');
      assert.equal(revocation.location_info, null);
    } finally {
      await emulator.close();
    }
  });
});
