// Contain a user whose tokens look stolen: optionally block them, end every session, revoke every
// refresh token. The order matters: blocking first stops new logins; ending the sessions next stops
// silent re-authentication from minting new refresh tokens; revoking the refresh tokens last also
// catches any minted in between. Each step's Management API scope is checked against the token's
// granted scopes BEFORE anything runs, so a containment never stops half done for want of a scope.

import { isManagementApiError } from '../../../auth0/errors';
import type { AuditAction, AuditWriter } from './audit';
import type { HuntUser } from '../../hunt/core/userSources';

export type ContainStepKind = 'block-user' | 'revoke-sessions' | 'revoke-refresh-tokens';

export interface ContainStep {
  kind: ContainStepKind;
  /** For the dry run: "Block jane@example.com". */
  title: string;
  /** What it does and does not do. */
  effect: string;
  /** The Management API call: "PATCH /api/v2/users/{id} {blocked: true}". */
  request: string;
  /** Scopes the call needs, all of them (FACTS.md, the OAS subset). */
  scopes: string[];
}

export interface ContainPlan {
  userId: string;
  user: string;
  steps: ContainStep[];
}

export interface ContainOptions {
  /** Block the user as well (PATCH /api/v2/users/{id} {blocked: true}). */
  block: boolean;
  /** Counted beforehand, for the dry run ("all 7 refresh tokens"). */
  refreshTokenCount?: number;
  sessionCount?: number;
}

const AUDIT_ACTION: Record<ContainStepKind, AuditAction> = {
  'block-user': 'block-user',
  'revoke-sessions': 'revoke-user-sessions',
  'revoke-refresh-tokens': 'revoke-user-refresh-tokens',
};

function all(count: number | undefined, what: string): string {
  if (count === undefined) {
    return `every ${what}`;
  }
  if (count === 0) {
    return `every ${what} (none listed now)`;
  }
  return count === 1 ? `the one ${what}` : `all ${count} ${what}s`;
}

/** The steps, in the order they run. Pure: nothing is sent. */
export function planContainUser(user: HuntUser, options: ContainOptions): ContainPlan {
  const label = user.email ?? user.name ?? user.userId;
  const steps: ContainStep[] = [];
  if (options.block) {
    steps.push({
      kind: 'block-user',
      title: `Block ${label}`,
      effect: 'They can no longer log in and their Auth0 session ends; access tokens already issued stay valid until they expire.',
      request: 'PATCH /api/v2/users/{id} {"blocked": true}',
      scopes: ['update:users'],
    });
  }
  steps.push({
    kind: 'revoke-sessions',
    title: `End ${all(options.sessionCount, 'session')} of ${label}`,
    effect: 'Silent authentication stops; ending a session alone leaves its refresh tokens valid, hence the next step.',
    request: 'DELETE /api/v2/users/{user_id}/sessions',
    scopes: ['delete:sessions'],
  });
  steps.push({
    kind: 'revoke-refresh-tokens',
    title: `Revoke ${all(options.refreshTokenCount, 'refresh token')} of ${label}`,
    effect: 'Every application of theirs has to sign in again. Auth0 revokes in the background: a listing right after may still show some.',
    request: 'DELETE /api/v2/users/{user_id}/refresh-tokens',
    scopes: ['delete:refresh_tokens'],
  });
  return { userId: user.userId, user: label, steps };
}

/** The dry run as lines of plain text (escape where rendered). */
/** Each step in words, for messages ("end the sessions"), never its id. */
export const CONTAIN_STEP_WORDS: Readonly<Record<ContainStepKind, string>> = {
  'block-user': 'block the user',
  'revoke-sessions': 'end the sessions',
  'revoke-refresh-tokens': 'revoke the refresh tokens',
};

export function describeContainPlan(plan: ContainPlan): string[] {
  return plan.steps.map((step, index) => `${index + 1}. ${step.title} (${step.request}; needs ${step.scopes.join(' and ')}). ${step.effect}`);
}

export type ScopeCheck =
  | { status: 'ok' }
  | { status: 'missing'; missing: { step: ContainStepKind; scope: string }[]; message: string }
  /** The token's scopes cannot be read (an opaque token): nothing can be promised. */
  | { status: 'unknown'; message: string };

/**
 * Checks every step's scopes against `grantedScopes` (the management token's `scope` claim, as
 * decodeManagementToken reads it; undefined when unreadable). Answers which step lacks which scope.
 */
export function checkContainScopes(plan: ContainPlan, grantedScopes: readonly string[] | undefined): ScopeCheck {
  if (grantedScopes === undefined) {
    return { status: 'unknown', message: "The token's scopes cannot be read, so it is not known whether every step is allowed." };
  }
  const granted = new Set(grantedScopes);
  const missing = plan.steps.flatMap((step) => step.scopes.filter((scope) => !granted.has(scope)).map((scope) => ({ step: step.kind, scope })));
  if (missing.length === 0) {
    return { status: 'ok' };
  }
  const scopes = [...new Set(missing.map((entry) => entry.scope))];
  return {
    status: 'missing',
    missing,
    message: `Nothing was done: the token lacks ${scopes.join(', ')}, which ${missing.length === 1 ? 'a step needs' : 'these steps need'} ` +
      `(${[...new Set(missing.map((entry) => CONTAIN_STEP_WORDS[entry.step]))].join(', ')}). Grant ${scopes.length === 1 ? 'it' : 'them'} to the application ` +
      'under Applications > APIs > Auth0 Management API in the Auth0 Dashboard, then get a new token.',
  };
}

/** The calls a containment makes, for one user. Each rejects with ManagementApiError. */
export interface ContainActions {
  /** `PATCH /api/v2/users/{id}` with `{blocked: true}` (update:users). */
  blockUser(userId: string, signal: AbortSignal): Promise<void>;
  /** `DELETE /api/v2/users/{user_id}/sessions` (delete:sessions). */
  revokeUserSessions(userId: string, signal: AbortSignal): Promise<void>;
  /** `DELETE /api/v2/users/{user_id}/refresh-tokens` (delete:refresh_tokens); 202, applied in the background. */
  revokeUserRefreshTokens(userId: string, signal: AbortSignal): Promise<void>;
}

export interface ContainStepResult {
  kind: ContainStepKind;
  outcome: 'done' | 'failed' | 'skipped';
  reason?: string;
}

export interface ContainReport {
  /** Set when nothing ran: the scope check failed (or could not be made and that was not allowed). */
  refused?: string;
  steps: ContainStepResult[];
}

export interface ContainExecuteOptions {
  /** The management token's scopes (undefined: unreadable). */
  grantedScopes: readonly string[] | undefined;
  /** Run even when the scopes cannot be read (default false). */
  allowUnknownScopes?: boolean;
  audit?: AuditWriter;
  /** Checked before each step; a step already sent is let finish. */
  signal?: AbortSignal;
  onStep?(result: ContainStepResult): void;
}

/**
 * Runs the plan's steps in order after checking every scope first (no call at all when one is
 * missing). A failing step is recorded and the next one still runs, because a half-contained user
 * is better than an uncontained one; a 401, a missing scope after all, a cancellation or an audit
 * line that cannot be written stops it, and the rest are 'skipped'. Resolves; never rejects.
 */
export async function executeContainPlan(plan: ContainPlan, actions: ContainActions, options: ContainExecuteOptions): Promise<ContainReport> {
  const check = checkContainScopes(plan, options.grantedScopes);
  const skipAll = (reason: string): ContainReport => ({
    refused: reason,
    steps: plan.steps.map((step) => ({ kind: step.kind, outcome: 'skipped', reason })),
  });
  if (check.status === 'missing') {
    return skipAll(check.message);
  }
  if (check.status === 'unknown' && !options.allowUnknownScopes) {
    return skipAll(check.message);
  }
  const inFlight = new AbortController().signal;
  const results: ContainStepResult[] = [];
  let stopReason: string | undefined;
  const call: Record<ContainStepKind, () => Promise<void>> = {
    'block-user': () => actions.blockUser(plan.userId, inFlight),
    'revoke-sessions': () => actions.revokeUserSessions(plan.userId, inFlight),
    'revoke-refresh-tokens': () => actions.revokeUserRefreshTokens(plan.userId, inFlight),
  };
  const finish = (result: ContainStepResult) => {
    results.push(result);
    options.onStep?.(result);
  };
  for (const step of plan.steps) {
    if (stopReason === undefined && options.signal?.aborted) {
      stopReason = 'Cancelled.';
    }
    if (stopReason !== undefined) {
      finish({ kind: step.kind, outcome: 'skipped', reason: `Not sent: ${stopReason}` });
      continue;
    }
    let result: ContainStepResult;
    try {
      await call[step.kind]();
      result = { kind: step.kind, outcome: 'done' };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result = { kind: step.kind, outcome: 'failed', reason };
      if (isManagementApiError(error) && (error.kind === 'unauthorized' || error.kind === 'insufficient-scope')) {
        stopReason = reason;
      }
    }
    finish(result);
    if (options.audit) {
      try {
        await options.audit.record({
          action: AUDIT_ACTION[step.kind],
          targets: [plan.userId],
          userId: plan.userId,
          result: result.outcome === 'done' ? 'accepted' : 'failed',
          ...(result.reason === undefined ? {} : { reason: result.reason }),
        });
      } catch (error) {
        stopReason = `The audit log could not be written (${error instanceof Error ? error.message : String(error)}), so nothing more was done.`;
      }
    }
  }
  return { steps: results };
}
