// The hunt's token source against the emulator: background priority, the Early Access list for
// hunts limited to applications where the tenant has it, detected once and remembered.
import * as assert from 'node:assert/strict';
import { TenantRateLimiter, type AcquireOptions, type RequestPermit } from '../../../../../src/auth0/rateLimiter';
import { backgroundHuntSource, memoryEarlyAccess } from '../../../../../src/features/hunt/core/huntTokenSource';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor, requestsUnder } from '../../../auth0/support';

class RecordingLimiter extends TenantRateLimiter {
  readonly priorities: (string | undefined)[] = [];
  override acquire(options: AcquireOptions = {}): Promise<RequestPermit> {
    this.priorities.push(options.priority);
    return super.acquire(options);
  }
}

describe('Hunt token source', () => {
  let emulator: RunningEmulator;
  const signal = new AbortController().signal;

  beforeEach(async () => {
    emulator = await startEmulator({ seed: 12 });
  });
  afterEach(() => emulator.close());

  it('reads every page of the per-user list at background priority when no application is named', async () => {
    const limiter = new RecordingLimiter();
    const source = backgroundHuntSource(clientFor(emulator, { limiter }).client, { take: 50 });
    const tokens = await source.listUserTokens(emulator.users.many, signal);
    assert.deepEqual(tokens.map((t) => t.id), emulator.refreshTokensOf(emulator.users.many).map((t) => t.id));
    assert.equal(source.requests.perUser, 5, '250 tokens, 50 a page');
    assert.deepEqual([...new Set(limiter.priorities)], ['background']);
    assert.equal(requestsUnder(emulator, '/api/v2/refresh-tokens').length, 0);
  });

  it('asks the Early Access list per application where the tenant has it, and remembers that it has', async () => {
    const memory = memoryEarlyAccess();
    const limiter = new RecordingLimiter();
    const source = backgroundHuntSource(clientFor(emulator, { limiter }).client, { earlyAccess: memory });
    const all = emulator.refreshTokensOf(emulator.users.seven);
    const clientId = all[0].client_id!;
    const tokens = await source.listUserTokens(emulator.users.seven, signal, { clientIds: [clientId] });
    assert.deepEqual(tokens.map((t) => t.id).sort(), all.filter((t) => t.client_id === clientId).map((t) => t.id).sort());
    assert.equal(memory.get(), true);
    const ea = requestsUnder(emulator, '/api/v2/refresh-tokens');
    assert.equal(ea.length, 1);
    assert.equal(ea[0].query.client_id, clientId);
    assert.equal(requestsUnder(emulator, `/api/v2/users/`).length, 0);
    assert.deepEqual([...new Set(limiter.priorities)], ['background']);
  });

  it('falls back to the per-user list once the tenant answers that it lacks the Early Access list, and never asks it again', async () => {
    emulator.configure({ earlyAccess: 'absent' });
    const memory = memoryEarlyAccess();
    const source = backgroundHuntSource(clientFor(emulator).client, { earlyAccess: memory });
    const all = emulator.refreshTokensOf(emulator.users.seven);
    const clientId = all[0].client_id!;
    const first = await source.listUserTokens(emulator.users.seven, signal, { clientIds: [clientId] });
    assert.deepEqual(first.map((t) => t.id), all.map((t) => t.id), 'the whole list: the hunt filters');
    assert.equal(memory.get(), false);
    await source.listUserTokens(emulator.users.one, signal, { clientIds: [clientId] });
    assert.equal(requestsUnder(emulator, '/api/v2/refresh-tokens').length, 1, 'asked once, remembered');
    assert.equal(requestsUnder(emulator, '/api/v2/users/').length, 2);
  });

  it('goes straight to the per-user list when the memory says the tenant lacks it', async () => {
    const source = backgroundHuntSource(clientFor(emulator).client, { earlyAccess: memoryEarlyAccess(false) });
    const all = emulator.refreshTokensOf(emulator.users.seven);
    await source.listUserTokens(emulator.users.seven, signal, { clientIds: [all[0].client_id!] });
    assert.equal(requestsUnder(emulator, '/api/v2/refresh-tokens').length, 0);
    assert.equal(source.requests.perUser, 1);
  });
});
