// Containing a user against the emulator: counted first, then blocked, sessions ended and refresh
// tokens revoked through the model (which announces the revocation), one audit line per step.
import * as assert from 'node:assert/strict';
import { AuditWriter } from '../../../../../src/features/response/core/audit';
import { executeContainPlan, planContainUser } from '../../../../../src/features/response/core/containUser';
import { containUserActions, countUserExposure } from '../../../../../src/features/response/core/incidentResponse';
import { TenantModel, type RevocationChange } from '../../../../../src/model/tenantModel';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor } from '../../../auth0/support';

describe('Incident response over the model', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ seed: 31, deleteDelayMs: 0 });
  });
  after(() => emulator.close());

  it("counts a user's refresh tokens and sessions, past one page too (Auth0's total)", async () => {
    const model = new TenantModel(clientFor(emulator).client);
    const seven = await countUserExposure(model, emulator.users.seven);
    assert.equal(seven.refreshTokenCount, 7);
    assert.equal(seven.sessionCount, emulator.sessionsOf(emulator.users.seven).length);
    assert.equal(seven.refreshTokenIds.length, 7);
    const many = await countUserExposure(model, emulator.users.many);
    assert.equal(many.refreshTokenCount, 250, '250 tokens: more than one page, counted by total');
    assert.equal(many.refreshTokenIds.length, 100, 'the first page is what is marked revoked at once');
    emulator.configure({ cursorPaging: 'without-totals' });
    try {
      const unknown = await countUserExposure(model, emulator.users.many);
      assert.equal(unknown.refreshTokenCount, undefined, 'no total and a full page: "every"');
      assert.equal((await countUserExposure(model, emulator.users.seven)).refreshTokenCount, undefined, 'next on a short page proves nothing without total');
    } finally {
      emulator.configure({ cursorPaging: 'auth0' });
    }
  });

  it('contains a user: blocked, no sessions, no refresh tokens; the model marks and announces the revocation', async () => {
    const userId = emulator.users.seven;
    const model = new TenantModel(clientFor(emulator).client, { sleep: async () => undefined });
    const changes: RevocationChange[] = [];
    model.onDidChangeRevocations((change) => changes.push(change));
    const exposure = await countUserExposure(model, userId);
    const plan = planContainUser({ userId }, { block: true, refreshTokenCount: exposure.refreshTokenCount, sessionCount: exposure.sessionCount });
    const lines: string[] = [];
    const report = await executeContainPlan(plan, containUserActions(model, exposure.refreshTokenIds), {
      grantedScopes: ['update:users', 'delete:sessions', 'delete:refresh_tokens'],
      audit: new AuditWriter({ append: async (line) => void lines.push(line) }, { tenant: emulator.domain }),
    });
    assert.deepEqual(report.steps.map((step) => step.outcome), ['done', 'done', 'done']);
    assert.deepEqual(lines.map((line) => JSON.parse(line).action), ['block-user', 'revoke-user-sessions', 'revoke-user-refresh-tokens']);
    await model.settled();
    assert.equal(emulator.refreshTokensOf(userId).length, 0);
    assert.equal(emulator.sessionsOf(userId).length, 0);
    const user = await model.client.getUser(userId);
    assert.equal(user.blocked, true);
    assert.ok(exposure.refreshTokenIds.every((id) => model.isRevoked(id)));
    assert.deepEqual(changes.map((change) => change.state), ['revoked', 'settled']);
  });
});
