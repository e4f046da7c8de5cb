// A hunt as the extension runs it, against the emulator over real HTTP: it finds exactly the
// tokens the criteria match, cancelling drains (reads in flight finish and count, so a run resumed
// from the checkpoint asks for no user twice), and revoking selected matches sends them, marks them
// in the model, and re-checks until Auth0 no longer lists them.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HuntCriteria } from '../../../../../src/features/hunt/core/criteria';
import { fileCheckpointStore } from '../../../../../src/features/hunt/core/fileCheckpointStore';
import { memoryEarlyAccess } from '../../../../../src/features/hunt/core/huntTokenSource';
import { parseCidr, parseIpAddress, networkContains } from '../../../../../src/features/hunt/core/network';
import { listUserSource } from '../../../../../src/features/hunt/core/userSources';
import { AuditWriter, type AuditSink } from '../../../../../src/features/response/core/audit';
import { HuntSession } from '../../../../../src/features/hunt/core/huntSession';
import { TenantModel, type RevocationChange } from '../../../../../src/model/tenantModel';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor, requestsUnder } from '../../../auth0/support';

const EITHER: HuntCriteria = { deviceSide: 'either' };

function inCidr(ip: unknown, cidr: string): boolean {
  const network = parseCidr(cidr);
  const address = typeof ip === 'string' ? parseIpAddress(ip) : undefined;
  return network.ok && address?.ok === true && networkContains(network.value, address.value);
}

describe('HuntSession', () => {
  let emulator: RunningEmulator;
  let folder: string;

  beforeEach(async () => {
    emulator = await startEmulator({ seed: 21, deleteDelayMs: 0 });
    folder = mkdtempSync(join(tmpdir(), 'hunt-session-'));
  });
  afterEach(async () => {
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  });

  function session(options: { criteria?: HuntCriteria; users?: string[]; resume?: Awaited<ReturnType<ReturnType<typeof fileCheckpointStore>['latest']>>; model?: TenantModel } = {}) {
    const model = options.model ?? new TenantModel(clientFor(emulator).client);
    const checkpoints = fileCheckpointStore(join(folder, 'hunt.json'));
    const users = options.resume ? listUserSource((options.resume.userSource as { users: { userId: string }[] }).users, 'fan-out users')
      : listUserSource((options.users ?? emulator.fanOutUsers).map((userId) => ({ userId })), 'fan-out users');
    const hunt = new HuntSession({
      huntId: options.resume?.huntId ?? 'hunt-1',
      model,
      tenant: emulator.domain,
      criteria: options.criteria ?? options.resume?.criteria ?? EITHER,
      users,
      checkpoints,
      resumeFrom: options.resume,
      earlyAccess: memoryEarlyAccess(),
      sleep: async () => undefined,
    });
    return { hunt, model, checkpoints };
  }

  it("shows a user source's notice in its progress until the hunt's next progress replaces it", async () => {
    const { hunt } = session({ users: emulator.fanOutUsers.slice(0, 2) });
    const seen: (string | undefined)[] = [];
    hunt.onDidChange((change) => change.kind === 'progress' && seen.push(hunt.progress.notice));
    hunt.notice("Waiting for the tenant's other jobs.");
    assert.equal(hunt.progress.notice, "Waiting for the tenant's other jobs.");
    await hunt.start();
    assert.equal(seen[0], "Waiting for the tenant's other jobs.");
    assert.equal(hunt.progress.notice, undefined);
  });

  it('finds exactly the tokens of an application, through the Early Access list', async () => {
    const clientId = emulator.refreshTokensOf(emulator.fanOutUsers[0])[0].client_id!;
    const { hunt } = session({ criteria: { ...EITHER, applications: [clientId] } });
    const result = await hunt.start();
    assert.equal(result.outcome, 'completed');
    const expected = emulator.fanOutUsers.flatMap((userId) => emulator.refreshTokensOf(userId)).filter((t) => t.client_id === clientId).map((t) => t.id);
    assert.ok(expected.length > 0);
    assert.deepEqual(hunt.matches.map((m) => m.token.id).sort(), expected.sort());
    assert.equal(requestsUnder(emulator, '/api/v2/refresh-tokens').length, emulator.fanOutUsers.length);
  });

  it('finds exactly the tokens last or first exchanged from a CIDR range, and labels them with their findings', async () => {
    const cidr = '203.0.113.0/24';
    const { hunt } = session({ criteria: { ...EITHER, networks: [cidr] } });
    await hunt.start();
    const expected = emulator.fanOutUsers
      .flatMap((userId) => emulator.refreshTokensOf(userId))
      .filter((t) => inCidr(t.device?.initial_ip, cidr) || inCidr(t.device?.last_ip, cidr))
      .map((t) => t.id);
    assert.ok(expected.length > 0);
    assert.deepEqual(hunt.matches.map((m) => m.token.id).sort(), expected.sort());
    assert.ok(hunt.matches.some((m) => m.findings.length > 0), 'findings from the tokens\' own fields');
    assert.equal(hunt.rows().length, expected.length);
  });

  it('cancelling drains: reads in flight finish and count; a new run from the checkpoint asks for no user twice', async () => {
    const { hunt, checkpoints } = session();
    let cancelledAt = 0;
    hunt.onDidChange((change) => {
      if (change.kind === 'progress' && hunt.progress.usersDone >= 10 && cancelledAt === 0) {
        cancelledAt = hunt.progress.usersDone;
        hunt.cancel();
      }
    });
    const first = await hunt.start();
    assert.equal(first.outcome, 'cancelled');
    assert.ok(first.progress.usersDone < emulator.fanOutUsers.length, 'stopped before the end');
    // Only the reads in flight (at most the hunt's concurrency, 2) finish after Cancel.
    assert.ok(first.progress.usersDone <= cancelledAt + 2, `${first.progress.usersDone - cancelledAt} users done after Cancel at ${cancelledAt}`);
    const saved = await checkpoints.latest();
    assert.equal(saved?.state, 'cancelled');
    assert.equal(saved?.usersDone.length, first.progress.usersDone);

    // A reload: a new session from the file, as the extension builds it on activation.
    const { hunt: resumed } = session({ resume: saved });
    const second = await resumed.start();
    assert.equal(second.outcome, 'completed');
    const listings = requestsUnder(emulator, '/api/v2/users/').filter((r) => r.path.endsWith('/refresh-tokens'));
    const perUser = new Map<string, number>();
    for (const request of listings) {
      perUser.set(request.path, (perUser.get(request.path) ?? 0) + 1);
    }
    assert.equal(perUser.size, emulator.fanOutUsers.length, 'every user read');
    assert.deepEqual([...perUser.values()].filter((count) => count > 1), [], 'no user read twice');
    const all = emulator.fanOutUsers.flatMap((userId) => emulator.refreshTokensOf(userId)).map((t) => t.id).sort();
    assert.deepEqual(resumed.matches.map((m) => m.token.id).sort(), all, 'the first run\'s matches are kept');
  });

  it('revokes selected matches in one bulk call, marks them in the model, and re-checks until Auth0 no longer lists them', async () => {
    const { hunt, model } = session({ users: emulator.fanOutUsers.slice(0, 3) });
    await hunt.start();
    const changes: RevocationChange[] = [];
    model.onDidChangeRevocations((change) => changes.push(change));
    const selected = [hunt.matches[0], hunt.matches[1], hunt.matches[8]].map((m) => m.token.id);
    const plan = hunt.planRevocation(selected);
    assert.deepEqual([...plan.tokenIds].sort(), [...selected].sort());
    const lines: string[] = [];
    const sink: AuditSink = { append: async (line) => void lines.push(line) };
    const report = await hunt.revoke(plan, { audit: new AuditWriter(sink, { tenant: emulator.domain }) });
    assert.equal(report.usedBulk, true);
    assert.deepEqual(report.items.map((item) => item.outcome), ['pending', 'pending', 'pending']);
    assert.equal(lines.length, 1, 'one bulk call, one line');
    assert.deepEqual(JSON.parse(lines[0]).targets.sort(), [...selected].sort());
    assert.ok(selected.every((id) => model.isRevoked(id)));
    await hunt.settled();
    assert.deepEqual(selected.map((id) => hunt.status(id).state), ['revoked', 'revoked', 'revoked']);
    assert.ok(changes.some((change) => change.state === 'settled'));
    const remaining = emulator.fanOutUsers.slice(0, 3).flatMap((userId) => emulator.refreshTokensOf(userId)).map((t) => t.id);
    assert.equal(remaining.length, 21 - 3);
    assert.ok(selected.every((id) => !remaining.includes(id)), 'exactly the selected tokens are gone');
  });

  it('without the Early Access bulk revocation, sends one DELETE per token, one audit line each', async () => {
    emulator.configure({ earlyAccess: 'absent' });
    const { hunt } = session({ users: emulator.fanOutUsers.slice(0, 2) });
    await hunt.start();
    const selected = hunt.matches.slice(0, 4).map((m) => m.token.id);
    const lines: string[] = [];
    const report = await hunt.revoke(hunt.planRevocation(selected), { audit: new AuditWriter({ append: async (line) => void lines.push(line) }, { tenant: emulator.domain }) });
    assert.equal(report.usedBulk, false);
    const actions = lines.map((line) => JSON.parse(line) as { action: string; targets: string[]; result: string });
    // The first try of the bulk call is recorded too (it revoked nothing), then one line per token.
    const perToken = actions.filter((a) => a.action === 'revoke-refresh-token').map((a) => `${a.targets.join()} ${a.result}`);
    assert.deepEqual(perToken.sort(), selected.map((id) => `${id} accepted`).sort());
    assert.equal(requestsUnder(emulator, '/api/v2/refresh-tokens/').filter((r) => r.method === 'DELETE').length, 4);
    await hunt.settled();
    const again = await hunt.revoke(hunt.planRevocation(hunt.matches.slice(4, 5).map((m) => m.token.id)), {});
    assert.equal(again.usedBulk, false);
    assert.equal(requestsUnder(emulator, '/api/v2/refresh-tokens/revoke').length, 1, 'the missing bulk endpoint is asked once and remembered');
  });
});
