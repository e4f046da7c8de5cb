// Every operation passes its caller's priority to the tenant's limiter: a hunt's requests
// (priority 'background') must yield to what a person waits for, whichever endpoint they use.
import * as assert from 'node:assert/strict';
import type { ManagementClient } from '../../../src/auth0/managementClient';
import { TenantRateLimiter, type AcquireOptions, type RequestPermit } from '../../../src/auth0/rateLimiter';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor } from './support';

/** A limiter that records the priority each request asked for. */
class RecordingLimiter extends TenantRateLimiter {
  readonly priorities: (string | undefined)[] = [];

  override acquire(options: AcquireOptions = {}): Promise<RequestPermit> {
    this.priorities.push(options.priority);
    return super.acquire(options);
  }
}

describe('ManagementClient request priority', () => {
  let emulator: RunningEmulator;
  let client: ManagementClient;
  let limiter: RecordingLimiter;

  before(async () => {
    emulator = await startEmulator({ seed: 3, deleteDelayMs: 1 });
  });
  after(() => emulator.close());
  beforeEach(() => {
    limiter = new RecordingLimiter();
    client = clientFor(emulator, { limiter }).client;
  });

  const background = { priority: 'background' as const };
  const operations: [string, (c: ManagementClient, e: RunningEmulator) => Promise<unknown>][] = [
    ['listUsers', (c) => c.listUsers({ perPage: 1, ...background })],
    ['getUser', (c, e) => c.getUser(e.users.seven, background)],
    ['listRefreshTokens', (c, e) => c.listRefreshTokens(e.users.seven, background)],
    ['getRefreshToken', (c, e) => c.getRefreshToken(e.refreshTokensOf(e.users.seven)[0].id, background)],
    ['listSessions', (c, e) => c.listSessions(e.users.seven, background)],
    ['listClientNames', (c) => c.listClientNames(background)],
    ['getSession', (c, e) => c.getSession(e.sessionsOf(e.users.seven)[0]?.id ?? 'none', background).catch(() => undefined)],
    ['listUserLogs', (c, e) => c.listUserLogs(e.users.seven, { perPage: 1, ...background })],
    ['listRefreshTokensEA', (c, e) => c.listRefreshTokensEA({ userId: e.users.seven, ...background })],
    ['revokeRefreshTokens', (c, e) => c.revokeRefreshTokens({ ids: [e.refreshTokensOf(e.users.one)[0].id] }, background)],
    ['deleteUserSessions', (c, e) => c.deleteUserSessions(e.users.none, background)],
    ['blockUser', (c, e) => c.blockUser(e.users.none, background)],
    ['createUsersExport', (c) => c.createUsersExport({ format: 'json', limit: 1, ...background })],
    ['getJob', async (c) => c.getJob((await c.createUsersExport({ format: 'json', limit: 1, ...background })).id, background)],
  ];

  for (const [name, call] of operations) {
    it(`${name} sends at the priority it was given`, async () => {
      await call(client, emulator);
      assert.ok(limiter.priorities.length > 0, 'the request went through the limiter');
      assert.deepEqual([...new Set(limiter.priorities)], ['background']);
    });
  }
});
