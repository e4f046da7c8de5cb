// Checkpoint paging (`from`/`take`), as Auth0 does it for a user's refresh tokens and sessions
// (and the Early Access refresh-token list). `next` is an opaque forward-only cursor, and a real
// tenant sends it on EVERY non-empty page, the last one included (FACTS.md "Recorded answers":
// both of a user's 2 tokens on one page, `"total":2`, and still `next`; the page after is
// `{"tokens":[],"total":0}`). So `next` alone never proves there is more: `total` (asked for with
// include_totals=true) does, an empty page ends the list, and a cursor already followed is never
// followed again, so a tenant that repeats a page cannot make a listing loop.

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
  /** Auth0's `total`: the items from this page's start on (the whole listing on the first page). */
  total?: number;
}

/** Auth0's own default page size for these endpoints. */
export const DEFAULT_TAKE = 50;

/**
 * Whether a cursor listing ends with this page (`items` received, its `next` and `total`): on an
 * empty page; without a `next`; on a `next` already `followed` (a tenant repeating itself); or on
 * a page that holds its whole `total`. Auth0's `total` counts the items from the page's start on
 * (the user's count on the first page, 0 on the empty page after the last, as recorded). Read
 * instead as the whole listing's count, the rule still never ends early: a later page then goes
 * on to the empty page. A `total` larger than what arrives ends nothing either, and neither does
 * a count reached while tokens are issued between pages.
 */
export function cursorListingEnds(page: { items: number; next?: string; total?: number }, followed: ReadonlySet<string>): boolean {
  if (page.items === 0 || page.next === undefined || page.next === '' || followed.has(page.next)) {
    return true;
  }
  return page.total !== undefined && page.items >= page.total;
}

export function createCursorPager<T>(
  fetchPage: (request: CursorPageRequest) => Promise<CursorPageResponse<T>>,
  idOf: (item: T) => string | undefined,
  take: number = DEFAULT_TAKE,
): Pager<T, string> {
  return new Pager<T, string>({
    idOf,
    loadPage: async (from, signal) => {
      const page = await fetchPage({ from, take, signal });
      // The Pager itself never follows a cursor twice; the rule is asked only about the end.
      const ends = cursorListingEnds({ items: page.items.length, next: page.next, total: page.total }, NONE_FOLLOWED);
      return {
        items: page.items,
        nextCursor: ends ? undefined : page.next,
        // The first page's total is the listing's count; a later page's counts what is left.
        total: from === undefined ? page.total : undefined,
      };
    },
  });
}

const NONE_FOLLOWED: ReadonlySet<string> = new Set();

/** A user's refresh tokens, `GET /api/v2/users/{user_id}/refresh-tokens`, `take` a page (1..100). */
export function refreshTokenPager(
  client: Pick<ManagementClient, 'listRefreshTokens'>,
  userId: string,
  take: number = DEFAULT_TAKE,
): Pager<RefreshToken, string> {
  return createCursorPager(
    async ({ from, take: pageSize, signal }) => {
      const page = await client.listRefreshTokens(userId, { from, take: pageSize, signal });
      return { items: page.tokens, next: page.next, total: page.total };
    },
    (token) => (typeof token.id === 'string' ? token.id : undefined),
    take,
  );
}
