// Carries out a revocation plan and reports per token. Where the tenant has the EA bulk revoke
// (`POST /api/v2/refresh-tokens/revoke` with up to 100 `ids`) it sends the ids in batches;
// otherwise, or once that endpoint turns out to be missing, one `DELETE /api/v2/refresh-tokens/{id}`
// each. Auth0 accepts both with 202 and deletes in the background (FACTS.md: a list fetched right
// after can still show the token), so an accepted token is 'pending' until a re-check no longer
// finds it. Every call is recorded in the audit log before the next is sent; if the log cannot be
// written, nothing more is sent.

import { isManagementApiError, type ManagementApiError } from '../../../auth0/errors';
import type { ManagementClient } from '../../../auth0/managementClient';
import { refreshTokenPager } from '../../../paging/cursorPager';
import type { AuditAction, AuditResult, AuditWriter } from './audit';
import type { RevocationPlan } from './revocationPlan';

/** Revokes refresh tokens. Rejects with ManagementApiError. */
export interface TokenRevoker {
  /** `DELETE /api/v2/refresh-tokens/{id}` (delete:refresh_tokens); 'not-found' when Auth0 has no such token. */
  revokeToken(tokenId: string, signal: AbortSignal): Promise<void>;
  /**
   * `POST /api/v2/refresh-tokens/revoke` with `{ids}` (EA, delete:refresh_tokens), at most 100.
   * Absent when the client has no such method; a tenant without the EA feature answers 403/404
   * ('endpoint-unavailable' or 'not-found'), and the executor falls back to one DELETE each.
   */
  revokeTokens?(tokenIds: readonly string[], signal: AbortSignal): Promise<void>;
}

/** A TokenRevoker over the existing client's `DELETE /api/v2/refresh-tokens/{id}`. */
export function clientTokenRevoker(client: Pick<ManagementClient, 'deleteRefreshToken'>): TokenRevoker {
  return { revokeToken: (tokenId, signal) => client.deleteRefreshToken(tokenId, { signal }) };
}

/**
 * 'pending': Auth0 accepted the revocation, and a re-check has not yet shown it gone.
 * 'revoked': a re-check no longer finds it. 'failed': Auth0 refused or could not be reached
 * (`reason` says which). 'skipped': nothing was sent for it (already gone, cancelled, stopped).
 */
export type RevocationOutcome = 'pending' | 'revoked' | 'failed' | 'skipped';

export interface RevocationItem {
  tokenId: string;
  userId: string;
  clientId?: string;
  outcome: RevocationOutcome;
  reason?: string;
}

export interface RevocationReport {
  items: RevocationItem[];
  /** Why the executor stopped before the end (a 401/403, the audit log failing), if it did. */
  stopReason?: string;
  /** Whether the bulk endpoint was used for at least one batch. */
  usedBulk: boolean;
}

export interface RevocationOptions {
  signal?: AbortSignal;
  /** Every call gets a line; without a writer nothing is recorded (tests of planning only). */
  audit?: AuditWriter;
  /** Ids per bulk call, 1..100 (default 100, Auth0's maximum). */
  bulkSize?: number;
  /** Called whenever an item's outcome is settled, for a live per-item view. */
  onItem?(item: RevocationItem): void;
}

const MAX_BULK = 100;

/** A 401 or a missing scope fails every later call the same way. */
function isStopping(error: ManagementApiError): boolean {
  return error.kind === 'unauthorized' || error.kind === 'insufficient-scope' || error.kind === 'redirect';
}

function bulkUnavailable(error: unknown): boolean {
  return isManagementApiError(error) && (error.kind === 'endpoint-unavailable' || error.kind === 'not-found' || error.kind === 'forbidden');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Counts by outcome, for a summary line. */
export function countOutcomes(report: RevocationReport): Record<RevocationOutcome, number> {
  const counts: Record<RevocationOutcome, number> = { pending: 0, revoked: 0, failed: 0, skipped: 0 };
  for (const item of report.items) {
    counts[item.outcome]++;
  }
  return counts;
}

/**
 * Revokes every token of `plan`, in plan order, and resolves with one item per token (it does not
 * reject). Stops sending, and marks the rest 'skipped' with the reason, on cancellation (checked
 * before each call; a call already sent is let finish so its outcome is known and recorded), a 401
 * or a missing scope, or an audit line that could not be written.
 */
export async function executeRevocation(plan: RevocationPlan, revoker: TokenRevoker, options: RevocationOptions = {}): Promise<RevocationReport> {
  const signal = options.signal ?? new AbortController().signal;
  // A call in flight is not aborted: its answer is what the report and the audit line must say.
  const inFlight = new AbortController().signal;
  const bulkSize = Math.min(MAX_BULK, Math.max(1, Math.floor(options.bulkSize ?? MAX_BULK)));
  const owner = new Map<string, { userId: string; clientId?: string }>();
  for (const group of plan.groups) {
    for (const tokenId of group.tokenIds) {
      owner.set(tokenId, { userId: group.userId, ...(group.clientId === undefined ? {} : { clientId: group.clientId }) });
    }
  }
  const items = new Map<string, RevocationItem>();
  let stopReason: string | undefined;
  let usedBulk = false;
  let bulk = typeof revoker.revokeTokens === 'function';

  const settle = (tokenId: string, outcome: RevocationOutcome, reason?: string) => {
    const item: RevocationItem = { tokenId, ...(owner.get(tokenId) ?? { userId: '' }), outcome, ...(reason === undefined ? {} : { reason }) };
    items.set(tokenId, item);
    options.onItem?.(item);
  };
  const audit = async (action: AuditAction, targets: readonly string[], result: AuditResult, reason?: string): Promise<boolean> => {
    if (!options.audit) {
      return true;
    }
    const userIds = new Set(targets.map((id) => owner.get(id)?.userId));
    const userId = userIds.size === 1 ? [...userIds][0] : undefined;
    try {
      await options.audit.record({ action, targets, result, ...(userId ? { userId } : {}), ...(reason === undefined ? {} : { reason }) });
      return true;
    } catch (error) {
      stopReason = `The audit log could not be written (${messageOf(error)}), so nothing more was revoked.`;
      return false;
    }
  };

  const queue = plan.tokenIds;
  let index = 0;
  while (index < queue.length && stopReason === undefined) {
    if (signal.aborted) {
      stopReason = 'Cancelled.';
      break;
    }
    if (bulk && revoker.revokeTokens) {
      const batch = queue.slice(index, index + bulkSize);
      try {
        await revoker.revokeTokens(batch, inFlight);
        usedBulk = true;
        batch.forEach((id) => settle(id, 'pending', 'Auth0 accepted the revocation; it applies in the background.'));
        index += batch.length;
        await audit('revoke-refresh-tokens', batch, 'accepted');
      } catch (error) {
        if (bulkUnavailable(error)) {
          // The tenant lacks the EA endpoint: nothing was revoked; the same ids go one at a time.
          bulk = false;
          await audit('revoke-refresh-tokens', batch, 'failed', `Bulk revoke is not available on this tenant (${messageOf(error)}); revoking one at a time.`);
          continue;
        }
        const reason = messageOf(error);
        batch.forEach((id) => settle(id, 'failed', reason));
        index += batch.length;
        if (isManagementApiError(error) && isStopping(error)) {
          stopReason = reason;
        }
        await audit('revoke-refresh-tokens', batch, 'failed', reason);
      }
      continue;
    }
    const tokenId = queue[index++];
    try {
      await revoker.revokeToken(tokenId, inFlight);
      settle(tokenId, 'pending', 'Auth0 accepted the revocation; it applies in the background.');
      await audit('revoke-refresh-token', [tokenId], 'accepted');
    } catch (error) {
      if (isManagementApiError(error, 'not-found')) {
        settle(tokenId, 'skipped', 'Auth0 no longer has this refresh token: it was already revoked, or it expired.');
        await audit('revoke-refresh-token', [tokenId], 'not-found');
        continue;
      }
      const reason = messageOf(error);
      settle(tokenId, 'failed', reason);
      if (isManagementApiError(error) && isStopping(error)) {
        stopReason = reason;
      }
      await audit('revoke-refresh-token', [tokenId], 'failed', reason);
    }
  }
  for (const tokenId of queue) {
    if (!items.has(tokenId)) {
      settle(tokenId, 'skipped', `Not sent: ${stopReason ?? 'stopped'}`);
    }
  }
  return { items: queue.map((id) => items.get(id) as RevocationItem), usedBulk, ...(stopReason === undefined ? {} : { stopReason }) };
}

/** Tells which tokens Auth0 still has. Rejects with ManagementApiError. */
export interface RevocationChecker {
  /** The subset of `tokenIds` (all of user `userId`) that Auth0 still returns. */
  stillPresent(userId: string, tokenIds: readonly string[], signal: AbortSignal): Promise<ReadonlySet<string>>;
}

/**
 * A RevocationChecker over the GA endpoints: `GET /api/v2/refresh-tokens/{id}` per token (404: gone)
 * for a few tokens, or the user's whole listing (`GET /api/v2/users/{user_id}/refresh-tokens`, 100 a
 * page) when there are more than `listAbove` (default 20) and one listing costs fewer calls.
 */
export function clientRevocationChecker(
  client: Pick<ManagementClient, 'getRefreshToken' | 'listRefreshTokens'>,
  listAbove = 20,
): RevocationChecker {
  return {
    async stillPresent(userId, tokenIds, signal) {
      if (tokenIds.length > listAbove) {
        const listed = await refreshTokenPager(client, userId, 100).loadAll(signal);
        const wanted = new Set(tokenIds);
        return new Set(listed.map((token) => token.id).filter((id) => wanted.has(id)));
      }
      const present = new Set<string>();
      for (const tokenId of tokenIds) {
        try {
          await client.getRefreshToken(tokenId, { signal });
          present.add(tokenId);
        } catch (error) {
          if (!isManagementApiError(error, 'not-found')) {
            throw error;
          }
        }
      }
      return present;
    },
  };
}

/**
 * One re-check of the 'pending' items: those Auth0 no longer has become 'revoked'; the rest stay
 * 'pending' (a failed check says so in `reason`). Answers a new report; the others are unchanged.
 */
export async function recheckRevocations(report: RevocationReport, checker: RevocationChecker, signal: AbortSignal = new AbortController().signal): Promise<RevocationReport> {
  const pendingByUser = new Map<string, string[]>();
  for (const item of report.items) {
    if (item.outcome === 'pending') {
      pendingByUser.set(item.userId, [...(pendingByUser.get(item.userId) ?? []), item.tokenId]);
    }
  }
  const byId = new Map(report.items.map((item) => [item.tokenId, item]));
  const updated = new Map<string, RevocationItem>();
  for (const [userId, tokenIds] of pendingByUser) {
    try {
      const present = await checker.stillPresent(userId, tokenIds, signal);
      for (const tokenId of tokenIds) {
        if (!present.has(tokenId)) {
          const item = byId.get(tokenId) as RevocationItem;
          updated.set(tokenId, { ...item, outcome: 'revoked', reason: 'Auth0 no longer lists it.' });
        }
      }
    } catch (error) {
      for (const tokenId of tokenIds) {
        const item = byId.get(tokenId) as RevocationItem;
        updated.set(tokenId, { ...item, reason: `Still pending: the re-check failed (${messageOf(error)}).` });
      }
    }
  }
  return { ...report, items: report.items.map((item) => updated.get(item.tokenId) ?? item) };
}
