import * as assert from 'node:assert/strict';
import { ManagementApiError } from '../../../../../src/auth0/errors';
import { AuditWriter } from '../../../../../src/features/response/core/audit';
import {
  checkContainScopes, describeContainPlan, executeContainPlan, planContainUser, type ContainActions, type ContainStepKind,
} from '../../../../../src/features/response/core/containUser';
import { confirmationFor } from '../../../../../src/features/response/core/confirmation';

const JANE = { userId: 'auth0|jane', email: 'jane@example.com' };
const ALL_SCOPES = ['update:users', 'delete:sessions', 'delete:refresh_tokens', 'read:users'];

/** Records the calls; `fail` makes one step reject. */
function recordingActions(fail: Partial<Record<ContainStepKind, Error>> = {}) {
  const calls: string[] = [];
  const step = (kind: ContainStepKind) => (userId: string) => {
    calls.push(`${kind} ${userId}`);
    return fail[kind] ? Promise.reject(fail[kind]) : Promise.resolve();
  };
  const actions: ContainActions = {
    blockUser: step('block-user'),
    revokeUserSessions: step('revoke-sessions'),
    revokeUserRefreshTokens: step('revoke-refresh-tokens'),
  };
  return { actions, calls };
}

function memoryAudit(failAt?: number) {
  const lines: Record<string, unknown>[] = [];
  let count = 0;
  const writer = new AuditWriter({
    append: (line) => {
      count++;
      if (count === failAt) {
        return Promise.reject(new Error('disk full'));
      }
      lines.push(JSON.parse(line));
      return Promise.resolve();
    },
  }, { tenant: 'acme-prod.eu.auth0.com', clock: () => 0 });
  return { writer, lines };
}

describe('Contain User', () => {
  it('plans block, sessions, then refresh tokens, each with its scope', () => {
    const plan = planContainUser(JANE, { block: true, refreshTokenCount: 7, sessionCount: 1 });
    assert.deepEqual(plan.steps.map((step) => [step.kind, step.scopes, step.request]), [
      ['block-user', ['update:users'], 'PATCH /api/v2/users/{id} {"blocked": true}'],
      ['revoke-sessions', ['delete:sessions'], 'DELETE /api/v2/users/{user_id}/sessions'],
      ['revoke-refresh-tokens', ['delete:refresh_tokens'], 'DELETE /api/v2/users/{user_id}/refresh-tokens'],
    ]);
    assert.deepEqual(describeContainPlan(plan).map((line) => line.split(' (')[0]), [
      '1. Block jane@example.com',
      '2. End the one session of jane@example.com',
      '3. Revoke all 7 refresh tokens of jane@example.com',
    ]);
    assert.match(describeContainPlan(plan)[0], /needs update:users\)\. .*access tokens already issued stay valid until they expire/);
    assert.equal(planContainUser(JANE, { block: false, refreshTokenCount: 0 }).steps[1].title, 'Revoke every refresh token (none listed now) of jane@example.com');
    const noBlock = planContainUser({ userId: 'auth0|x' }, { block: false });
    assert.deepEqual(noBlock.steps.map((step) => step.kind), ['revoke-sessions', 'revoke-refresh-tokens']);
    assert.deepEqual(describeContainPlan(noBlock).map((line) => line.split(' (')[0]), ['1. End every session of auth0|x', '2. Revoke every refresh token of auth0|x']);
  });

  it('checks scopes before anything runs', () => {
    const plan = planContainUser(JANE, { block: true });
    assert.deepEqual(checkContainScopes(plan, ALL_SCOPES), { status: 'ok' });
    const missing = checkContainScopes(plan, ['delete:refresh_tokens', 'read:users']);
    assert.equal(missing.status, 'missing');
    assert.deepEqual(missing.status === 'missing' ? missing.missing : [], [
      { step: 'block-user', scope: 'update:users' },
      { step: 'revoke-sessions', scope: 'delete:sessions' },
    ]);
    assert.match(missing.status === 'missing' ? missing.message : '', /^Nothing was done: the token lacks update:users, delete:sessions, which these steps need \(block the user, end the sessions\)\. Grant them to the application under Applications > APIs/);
    assert.equal(checkContainScopes(planContainUser(JANE, { block: false }), ['delete:sessions', 'delete:refresh_tokens']).status, 'ok', 'no block, no update:users needed');
    assert.equal(checkContainScopes(plan, undefined).status, 'unknown');
  });

  it('runs nothing at all when a scope is missing', async () => {
    const { actions, calls } = recordingActions();
    const audit = memoryAudit();
    const report = await executeContainPlan(planContainUser(JANE, { block: true }), actions, { grantedScopes: ['delete:refresh_tokens', 'delete:sessions'], audit: audit.writer });
    assert.deepEqual(calls, []);
    assert.deepEqual(audit.lines, []);
    assert.match(report.refused ?? '', /lacks update:users/);
    assert.deepEqual(report.steps.map((step) => step.outcome), ['skipped', 'skipped', 'skipped']);
  });

  it('runs nothing when the scopes cannot be read, unless told to', async () => {
    const plan = planContainUser(JANE, { block: false });
    const refused = recordingActions();
    const report = await executeContainPlan(plan, refused.actions, { grantedScopes: undefined });
    assert.deepEqual(refused.calls, []);
    assert.match(report.refused ?? '', /cannot be read/);
    const allowed = recordingActions();
    const ran = await executeContainPlan(plan, allowed.actions, { grantedScopes: undefined, allowUnknownScopes: true });
    assert.equal(ran.refused, undefined);
    assert.deepEqual(allowed.calls, ['revoke-sessions auth0|jane', 'revoke-refresh-tokens auth0|jane']);
  });

  it('runs the steps in order and records each', async () => {
    const { actions, calls } = recordingActions();
    const audit = memoryAudit();
    const seen: string[] = [];
    const report = await executeContainPlan(planContainUser(JANE, { block: true }), actions, { grantedScopes: ALL_SCOPES, audit: audit.writer, onStep: (step) => seen.push(step.kind) });
    assert.deepEqual(calls, ['block-user auth0|jane', 'revoke-sessions auth0|jane', 'revoke-refresh-tokens auth0|jane']);
    assert.deepEqual(report.steps.map((step) => step.outcome), ['done', 'done', 'done']);
    assert.deepEqual(seen, ['block-user', 'revoke-sessions', 'revoke-refresh-tokens']);
    assert.deepEqual(audit.lines.map((line) => [line.action, line.targets, line.user_id, line.result, line.tenant]), [
      ['block-user', ['auth0|jane'], 'auth0|jane', 'accepted', 'acme-prod.eu.auth0.com'],
      ['revoke-user-sessions', ['auth0|jane'], 'auth0|jane', 'accepted', 'acme-prod.eu.auth0.com'],
      ['revoke-user-refresh-tokens', ['auth0|jane'], 'auth0|jane', 'accepted', 'acme-prod.eu.auth0.com'],
    ]);
  });

  it('goes on after a failed step, but stops at a 401', async () => {
    const serverError = recordingActions({ 'block-user': new ManagementApiError('server-error', 'Tenant answered 503', { status: 503 }) });
    const partly = await executeContainPlan(planContainUser(JANE, { block: true }), serverError.actions, { grantedScopes: ALL_SCOPES });
    assert.deepEqual(partly.steps.map((step) => [step.outcome, step.reason]), [['failed', 'Tenant answered 503'], ['done', undefined], ['done', undefined]]);

    const expired = recordingActions({ 'revoke-sessions': new ManagementApiError('unauthorized', 'The Management API token has expired.', { status: 401 }) });
    const audit = memoryAudit();
    const stopped = await executeContainPlan(planContainUser(JANE, { block: true }), expired.actions, { grantedScopes: ALL_SCOPES, audit: audit.writer });
    assert.deepEqual(expired.calls, ['block-user auth0|jane', 'revoke-sessions auth0|jane']);
    assert.deepEqual(stopped.steps.map((step) => step.outcome), ['done', 'failed', 'skipped']);
    assert.equal(stopped.steps[2].reason, 'Not sent: The Management API token has expired.');
    assert.deepEqual(audit.lines.map((line) => line.result), ['accepted', 'failed']);
  });

  it('stops when cancelled or when the audit log fails', async () => {
    const controller = new AbortController();
    const cancelled = recordingActions();
    const report = await executeContainPlan(planContainUser(JANE, { block: true }), cancelled.actions, {
      grantedScopes: ALL_SCOPES, signal: controller.signal, onStep: () => controller.abort(),
    });
    assert.deepEqual(cancelled.calls, ['block-user auth0|jane']);
    assert.deepEqual(report.steps.map((step) => step.outcome), ['done', 'skipped', 'skipped']);

    const unaudited = recordingActions();
    const audit = memoryAudit(1);
    const stopped = await executeContainPlan(planContainUser(JANE, { block: true }), unaudited.actions, { grantedScopes: ALL_SCOPES, audit: audit.writer });
    assert.deepEqual(unaudited.calls, ['block-user auth0|jane']);
    assert.match(stopped.steps[1].reason ?? '', /audit log could not be written \(disk full\)/);
  });

  it('always asks for the tenant name: the number of tokens is not known', () => {
    assert.equal(confirmationFor({ domain: 'acme-dev.eu.auth0.com' }, { tokens: 'all', users: 1, beyondTokens: true }).kind, 'type-name');
  });
});
