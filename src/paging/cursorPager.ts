// Checkpoint paging (`from`/`take`), as Auth0 does it for a user's refresh tokens (and sessions):
// `next` is an opaque forward-only cursor, absent (or empty) on the last page.

import type { ManagementClient } from '../auth0/managementClient';
import type { RefreshToken } from '../auth0/types';
import { Pager } from './pager';

export interface CursorPageRequest {
  from?: string;
  take: number;
  signal: AbortSignal;
}

export interface CursorPageResponse<T> {
  items: readonly T[];
  next?: string;
}

/** Auth0's own default page size for these endpoints. */
export const DEFAULT_TAKE = 50;

export function createCursorPager<T>(
  fetchPage: (request: CursorPageRequest) => Promise<CursorPageResponse<T>>,
  idOf: (item: T) => string | undefined,
  take: number = DEFAULT_TAKE,
): Pager<T, string> {
  return new Pager<T, string>({
    idOf,
    loadPage: async (from, signal) => {
      const page = await fetchPage({ from, take, signal });
      return { items: page.items, nextCursor: page.next || undefined };
    },
  });
}

export function refreshTokenPager(
  client: Pick<ManagementClient, 'listRefreshTokens'>,
  userId: string,
  take: number = DEFAULT_TAKE,
): Pager<RefreshToken, string> {
  return createCursorPager(
    async ({ from, take: pageSize, signal }) => {
      const page = await client.listRefreshTokens(userId, { from, take: pageSize, signal });
      return { items: page.tokens, next: page.next };
    },
    (token) => (typeof token.id === 'string' ? token.id : undefined),
    take,
  );
}
