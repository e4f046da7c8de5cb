import * as assert from 'node:assert/strict';
import { ManagementApiError } from '../../../../../src/auth0/errors';
import { StaticTokenProvider } from '../../../../../src/credentials/staticTokenProvider';
import { AuditWriter, type AuditSink } from '../../../../../src/features/response/core/audit';
import {
  clientRevocationChecker, clientTokenRevoker, countOutcomes, executeRevocation, recheckRevocations,
  type RevocationChecker, type RevocationItem, type TokenRevoker,
} from '../../../../../src/features/response/core/revocationExecutor';
import { planRevocation, type RevocationPlan } from '../../../../../src/features/response/core/revocationPlan';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor } from '../../../auth0/support';

/** An audit writer over an in-memory sink; `lines` are parsed. */
function memoryAudit(tenant = 'acme.eu.auth0.com', failAt?: number) {
  const lines: Record<string, unknown>[] = [];
  let calls = 0;
  const sink: AuditSink = {
    append: (line) => {
      calls++;
      if (calls === failAt) {
        return Promise.reject(new Error('disk full'));
      }
      lines.push(JSON.parse(line));
      return Promise.resolve();
    },
  };
  return { writer: new AuditWriter(sink, { tenant, clock: () => Date.parse('2026-06-15T12:00:00Z') }), lines };
}

function planFor(userId: string, tokenIds: readonly string[], clientId = 'app'): RevocationPlan {
  return planRevocation(tokenIds.map((tokenId) => ({ tokenId, userId, clientId })));
}

const outcomes = (items: readonly RevocationItem[]) => items.map((item) => item.outcome);

describe('Revocation executor', () => {
  describe('one DELETE each, against the emulator', () => {
    let emulator: RunningEmulator;
    before(async () => {
      // Deletions land only when the test says so (removeRefreshToken), so "pending" is deterministic.
      emulator = await startEmulator({ seed: 1, deleteDelayMs: 3_600_000 });
    });
    after(() => emulator.close());

    const deletesSince = (mark: number) => emulator.requests.slice(mark).filter((request) => request.method === 'DELETE').map((request) => request.path);

    it('revokes each token, records each call, and keeps them pending until Auth0 no longer has them', async () => {
      const userId = emulator.fanOutUsers[0];
      const ids = emulator.refreshTokensOf(userId).map((token) => token.id);
      const { client } = clientFor(emulator);
      const audit = memoryAudit(emulator.domain);
      const seen: RevocationItem[] = [];
      const mark = emulator.requests.length;
      const report = await executeRevocation(planFor(userId, ids), clientTokenRevoker(client), { audit: audit.writer, onItem: (item) => seen.push(item) });
      assert.equal(report.usedBulk, false);
      assert.equal(report.stopReason, undefined);
      assert.deepEqual(outcomes(report.items), ids.map(() => 'pending'));
      assert.deepEqual(report.items.map((item) => [item.tokenId, item.userId, item.clientId]), ids.map((id) => [id, userId, 'app']));
      assert.deepEqual(seen.map((item) => item.tokenId), ids);
      assert.deepEqual(deletesSince(mark), ids.map((id) => `/api/v2/refresh-tokens/${id}`));
      assert.deepEqual(audit.lines.map((line) => [line.action, line.targets, line.result, line.user_id, line.tenant]), ids.map((id) => ['revoke-refresh-token', [id], 'accepted', userId, emulator.domain]));

      const checker = clientRevocationChecker(client);
      const stillPending = await recheckRevocations(report, checker);
      assert.deepEqual(outcomes(stillPending.items), ids.map(() => 'pending'), 'Auth0 still lists them right after the 202');

      // The background deletion completes for some of them.
      ids.slice(0, 3).forEach((id) => emulator.removeRefreshToken(id));
      const partly = await recheckRevocations(stillPending, checker);
      assert.deepEqual(outcomes(partly.items), ids.map((_, i) => (i < 3 ? 'revoked' : 'pending')));
      ids.slice(3).forEach((id) => emulator.removeRefreshToken(id));
      const done = await recheckRevocations(partly, checker);
      assert.deepEqual(countOutcomes(done), { pending: 0, revoked: ids.length, failed: 0, skipped: 0 });
    });

    it('re-checks many tokens of a user with one listing instead of one GET each', async () => {
      const userId = emulator.fanOutUsers[1];
      const ids = emulator.refreshTokensOf(userId).map((token) => token.id);
      const { client } = clientFor(emulator);
      const report = await executeRevocation(planFor(userId, ids), clientTokenRevoker(client));
      ids.slice(0, 2).forEach((id) => emulator.removeRefreshToken(id));
      const mark = emulator.requests.length;
      const checked = await recheckRevocations(report, clientRevocationChecker(client, 3));
      assert.deepEqual(outcomes(checked.items), ids.map((_, i) => (i < 2 ? 'revoked' : 'pending')));
      const reads = emulator.requests.slice(mark).map((request) => `${request.method} ${request.path}`);
      assert.deepEqual(reads, [`GET /api/v2/users/${userId}/refresh-tokens`]);
    });

    it('stops at a 401, sending nothing more, and says why for each token', async () => {
      const userId = emulator.fanOutUsers[2];
      const ids = emulator.refreshTokensOf(userId).map((token) => token.id);
      const { client } = clientFor(emulator, { tokenProvider: new StaticTokenProvider(emulator.expiredToken) });
      const audit = memoryAudit(emulator.domain);
      const mark = emulator.requests.length;
      const report = await executeRevocation(planFor(userId, ids), clientTokenRevoker(client), { audit: audit.writer });
      assert.equal(deletesSince(mark).length, 1);
      assert.deepEqual(outcomes(report.items), ['failed', ...ids.slice(1).map(() => 'skipped')]);
      assert.match(report.stopReason ?? '', /expired/);
      assert.match(report.items[1].reason ?? '', /^Not sent: The Management API token has expired/);
      assert.deepEqual(audit.lines.map((line) => [line.targets, line.result]), [[[ids[0]], 'failed']]);
      assert.equal(emulator.refreshTokensOf(userId).length, ids.length, 'nothing was revoked');
    });

    it('stops at a missing scope', async () => {
      const userId = emulator.fanOutUsers[3];
      const ids = emulator.refreshTokensOf(userId).map((token) => token.id);
      const { client } = clientFor(emulator, { tokenProvider: new StaticTokenProvider(emulator.readOnlyToken) });
      const report = await executeRevocation(planFor(userId, ids), clientTokenRevoker(client));
      assert.deepEqual(countOutcomes(report), { pending: 0, revoked: 0, failed: 1, skipped: ids.length - 1 });
      assert.match(report.stopReason ?? '', /delete:refresh_tokens/);
    });

    it('stops sending when cancelled, letting the call in flight finish', async () => {
      const userId = emulator.fanOutUsers[4];
      const ids = emulator.refreshTokensOf(userId).map((token) => token.id);
      const { client } = clientFor(emulator);
      const controller = new AbortController();
      const mark = emulator.requests.length;
      const report = await executeRevocation(planFor(userId, ids), clientTokenRevoker(client), {
        signal: controller.signal,
        onItem: () => controller.abort(),
      });
      assert.deepEqual(outcomes(report.items), ['pending', ...ids.slice(1).map(() => 'skipped')]);
      assert.equal(report.items[1].reason, 'Not sent: Cancelled.');
      assert.equal(deletesSince(mark).length, 1);
    });

    it('sends nothing more once an audit line cannot be written', async () => {
      const userId = emulator.fanOutUsers[5];
      const ids = emulator.refreshTokensOf(userId).map((token) => token.id);
      const { client } = clientFor(emulator);
      const audit = memoryAudit(emulator.domain, 2);
      const mark = emulator.requests.length;
      const report = await executeRevocation(planFor(userId, ids), clientTokenRevoker(client), { audit: audit.writer });
      assert.equal(deletesSince(mark).length, 2);
      assert.deepEqual(outcomes(report.items), ['pending', 'pending', ...ids.slice(2).map(() => 'skipped')]);
      assert.match(report.stopReason ?? '', /^The audit log could not be written \(disk full\), so nothing more was revoked\.$/);
    });

    it('falls back to one DELETE each when the tenant has no bulk revoke', async () => {
      const userId = emulator.fanOutUsers[6];
      const ids = emulator.refreshTokensOf(userId).map((token) => token.id);
      const { client } = clientFor(emulator);
      let bulkCalls = 0;
      const revoker: TokenRevoker = {
        ...clientTokenRevoker(client),
        revokeTokens: () => {
          bulkCalls++;
          return Promise.reject(new ManagementApiError('endpoint-unavailable', 'Tenant does not offer it', { status: 404 }));
        },
      };
      const audit = memoryAudit(emulator.domain);
      const mark = emulator.requests.length;
      const report = await executeRevocation(planFor(userId, ids), revoker, { audit: audit.writer });
      assert.equal(bulkCalls, 1, 'the bulk endpoint is not asked again');
      assert.equal(report.usedBulk, false);
      assert.deepEqual(outcomes(report.items), ids.map(() => 'pending'));
      assert.deepEqual(deletesSince(mark), ids.map((id) => `/api/v2/refresh-tokens/${id}`));
      assert.deepEqual(audit.lines[0].action, 'revoke-refresh-tokens');
      assert.deepEqual(audit.lines[0].result, 'failed');
      assert.match(String(audit.lines[0].reason), /Bulk revoke is not available on this tenant/);
      assert.equal(audit.lines.length, 1 + ids.length);
    });
  });

  describe('in bulk (the EA endpoint, faked: the client has no method for it yet)', () => {
    const many = Array.from({ length: 250 }, (_, i) => `rt_${String(i).padStart(3, '0')}`);

    it('sends at most 100 ids a call, in plan order, one audit line a call', async () => {
      const batches: string[][] = [];
      const revoker: TokenRevoker = {
        revokeToken: () => Promise.reject(new Error('not expected')),
        revokeTokens: (ids) => Promise.resolve(void batches.push([...ids])),
      };
      const audit = memoryAudit();
      const report = await executeRevocation(planFor('auth0|jane', many), revoker, { audit: audit.writer });
      assert.deepEqual(batches.map((batch) => batch.length), [100, 100, 50]);
      assert.deepEqual(batches.flat(), many);
      assert.equal(report.usedBulk, true);
      assert.deepEqual(countOutcomes(report), { pending: 250, revoked: 0, failed: 0, skipped: 0 });
      assert.deepEqual(audit.lines.map((line) => [line.action, (line.targets as string[]).length, line.result, line.user_id]), [
        ['revoke-refresh-tokens', 100, 'accepted', 'auth0|jane'],
        ['revoke-refresh-tokens', 100, 'accepted', 'auth0|jane'],
        ['revoke-refresh-tokens', 50, 'accepted', 'auth0|jane'],
      ]);
      const smaller: string[][] = [];
      await executeRevocation(planFor('u', many.slice(0, 7)), { ...revoker, revokeTokens: (ids) => Promise.resolve(void smaller.push([...ids])) }, { bulkSize: 3 });
      assert.deepEqual(smaller.map((batch) => batch.length), [3, 3, 1]);
    });

    it('marks a failed batch failed and goes on with the next', async () => {
      let call = 0;
      const revoker: TokenRevoker = {
        revokeToken: () => Promise.reject(new Error('not expected')),
        revokeTokens: () => (++call === 2 ? Promise.reject(new ManagementApiError('server-error', 'Tenant answered 503', { status: 503 })) : Promise.resolve()),
      };
      const report = await executeRevocation(planFor('u', many), revoker);
      assert.deepEqual(countOutcomes(report), { pending: 150, revoked: 0, failed: 100, skipped: 0 });
      assert.equal(report.items[100].reason, 'Tenant answered 503');
      assert.equal(report.items[99].outcome, 'pending');
      assert.equal(report.items[200].outcome, 'pending');
    });

    it('writes no user_id on the line of a batch that spans users', async () => {
      const plan = planRevocation([{ tokenId: 'a', userId: 'u1' }, { tokenId: 'b', userId: 'u2' }]);
      const audit = memoryAudit();
      await executeRevocation(plan, { revokeToken: () => Promise.resolve(), revokeTokens: () => Promise.resolve() }, { audit: audit.writer });
      assert.deepEqual(audit.lines.map((line) => [line.targets, line.user_id]), [[['a', 'b'], undefined]]);
    });
  });

  describe('its own logic', () => {
    it('skips a token Auth0 no longer has', async () => {
      const audit = memoryAudit();
      const revoker: TokenRevoker = {
        revokeToken: (id) => (id === 'gone' ? Promise.reject(new ManagementApiError('not-found', 'Refresh token gone was not found', { status: 404 })) : Promise.resolve()),
      };
      const report = await executeRevocation(planFor('u', ['a', 'gone', 'b']), revoker, { audit: audit.writer });
      assert.deepEqual(outcomes(report.items), ['pending', 'skipped', 'pending']);
      assert.match(report.items[1].reason ?? '', /already revoked, or it expired/);
      assert.deepEqual(audit.lines.map((line) => line.result), ['accepted', 'not-found', 'accepted']);
    });

    it('records a failed token and goes on', async () => {
      const revoker: TokenRevoker = {
        revokeToken: (id) => (id === 'bad' ? Promise.reject(new ManagementApiError('server-error', 'Tenant answered 500', { status: 500 })) : Promise.resolve()),
      };
      const report = await executeRevocation(planFor('u', ['bad', 'ok']), revoker);
      assert.deepEqual(report.items.map((item) => [item.outcome, item.reason]), [['failed', 'Tenant answered 500'], ['pending', 'Auth0 accepted the revocation; it applies in the background.']]);
    });

    it('keeps a token pending when the re-check fails, and says so', async () => {
      const report = await executeRevocation(planFor('u', ['a', 'b']), { revokeToken: () => Promise.resolve() });
      const failing: RevocationChecker = { stillPresent: () => Promise.reject(new ManagementApiError('server-error', 'Tenant answered 503')) };
      const checked = await recheckRevocations(report, failing);
      assert.deepEqual(checked.items.map((item) => [item.outcome, item.reason]), [
        ['pending', 'Still pending: the re-check failed (Tenant answered 503).'],
        ['pending', 'Still pending: the re-check failed (Tenant answered 503).'],
      ]);
    });

    it('does nothing for an empty plan', async () => {
      const report = await executeRevocation(planRevocation([]), { revokeToken: () => Promise.reject(new Error('not expected')) });
      assert.deepEqual(report, { items: [], usedBulk: false });
    });
  });
});
