// Containing a user, over the tenant's model: what the modal counts beforehand (the user's
// refresh tokens and sessions, first page), and the calls response/containUser.ts runs. Revoking
// the refresh tokens goes through the model, so the tree, the details panels and the Quick Pick
// show them revoked and reload once Auth0 has applied it.

import type { ContainActions } from './containUser';
import type { TenantModel } from '../../../model/tenantModel';

export interface UserExposure {
  /** undefined when more than one page (100) or unreadable: the plan then says "every". */
  refreshTokenCount?: number;
  sessionCount?: number;
  /** The refresh tokens listed now, marked revoked at once when the containment revokes them. */
  refreshTokenIds: string[];
}

const PAGE = 100;

/**
 * Counts what a containment would end: the first page (100) of the user's refresh tokens
 * (`GET /api/v2/users/{id}/refresh-tokens`) and of their sessions (`GET /api/v2/users/{id}/sessions`).
 * A count is undefined when there are more pages or the listing failed (e.g. no read:sessions).
 * Never rejects.
 */
export async function countUserExposure(model: TenantModel, userId: string, signal?: AbortSignal): Promise<UserExposure> {
  const [tokens, sessions] = await Promise.all([
    model.client.listRefreshTokens(userId, { take: PAGE, signal }).catch(() => undefined),
    model.client.listSessions(userId, { take: PAGE, signal }).catch(() => undefined),
  ]);
  return {
    ...(tokens && !tokens.next ? { refreshTokenCount: tokens.tokens.length } : {}),
    ...(sessions && !sessions.next ? { sessionCount: sessions.sessions.length } : {}),
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
