// Containing a user, over the tenant's model: what the modal counts beforehand (the user's
// refresh tokens and sessions, first page), and the calls response/containUser.ts runs. Revoking
// the refresh tokens goes through the model, so the tree, the details panels and the Quick Pick
// show them revoked and reload once Auth0 has applied it.

import type { ContainActions } from './containUser';
import type { TenantModel } from '../../../model/tenantModel';

export interface UserExposure {
  /** Auth0's `total`; undefined when unknown (no total past one page) or unreadable: the plan then says "every". */
  refreshTokenCount?: number;
  sessionCount?: number;
  /** The refresh tokens listed now, marked revoked at once when the containment revokes them. */
  refreshTokenIds: string[];
}

const PAGE = 100;

/**
 * The count one first page proves: Auth0's `total` (include_totals=true), else the page's length
 * when the page is the whole list (empty, or short and without `next`); else unknown. A real tenant sends
 * `next` on its last page too, so without `total` a full page says nothing about the rest.
 */
function countOf(listed: number, next: string | undefined, total: number | undefined): number | undefined {
  if (total !== undefined && total >= listed) {
    return total;
  }
  // A full page without a cursor (a bare array) may not be all of it.
  return listed === 0 || (next === undefined && listed < PAGE) ? listed : undefined;
}

function optional<K extends string>(key: K, count: number | undefined): Partial<Record<K, number>> {
  return count === undefined ? {} : ({ [key]: count } as Partial<Record<K, number>>);
}

/**
 * Counts what a containment would end: one request each for the user's refresh tokens
 * (`GET /api/v2/users/{id}/refresh-tokens`) and sessions (`GET /api/v2/users/{id}/sessions`),
 * with include_totals=true, so the count holds past the first page (100). A count is undefined
 * when the answer proves none (no `total` and a full page) or the listing failed (e.g. no
 * read:sessions). Never rejects.
 */
export async function countUserExposure(model: TenantModel, userId: string, signal?: AbortSignal): Promise<UserExposure> {
  const [tokens, sessions] = await Promise.all([
    model.client.listRefreshTokens(userId, { take: PAGE, signal }).catch(() => undefined),
    model.client.listSessions(userId, { take: PAGE, signal }).catch(() => undefined),
  ]);
  return {
    ...optional('refreshTokenCount', tokens && countOf(tokens.tokens.length, tokens.next, tokens.total)),
    ...optional('sessionCount', sessions && countOf(sessions.sessions.length, sessions.next, sessions.total)),
    refreshTokenIds: tokens?.tokens.map((token) => token.id) ?? [],
  };
}

/**
 * The containment's calls for the model's tenant: `PATCH /api/v2/users/{id}` `{blocked: true}`,
 * `DELETE /api/v2/users/{id}/sessions`, and `DELETE /api/v2/users/{id}/refresh-tokens` through
 * the model (marking `loadedTokenIds` revoked and reloading the user's list once applied).
 * Each rejects with the client's ManagementApiError.
 */
export function containUserActions(model: TenantModel, loadedTokenIds: readonly string[]): ContainActions {
  return {
    blockUser: async (userId, signal) => {
      await model.client.blockUser(userId, { signal });
    },
    revokeUserSessions: (userId, signal) => model.client.deleteUserSessions(userId, { signal }),
    revokeUserRefreshTokens: (userId) => model.revokeAllTokens(userId, loadedTokenIds),
  };
}
