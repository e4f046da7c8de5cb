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

/** What a cursor listing has seen before one of its pages. */
export interface CursorProgress {
  /** Items received on the pages before this one (duplicates included: `total` counts them). */
  received: number;
  /** The `total` of the listing's first page, when Auth0 sent one. */
  firstTotal?: number;
  /** Cursors already followed. */
  followed: ReadonlySet<string>;
}

/**
 * Whether a cursor listing ends with this page (`items` received, its `next` and `total`). It ends
 * on an empty page; without a `next`; on a `next` already followed; on a page that holds its whole
 * `total` (a `total` read either as the listing's count or as what is left from this page on); or
 * once every item the first page's `total` announced has arrived. A `total` larger than what
 * arrives ends nothing: the listing goes on to the empty page.
 */
export function cursorListingEnds(page: { items: number; next?: string; total?: number }, before: CursorProgress): boolean {
  if (page.items === 0 || page.next === undefined || page.next === '' || before.followed.has(page.next)) {
    return true;
  }
  if (page.total !== undefined && page.items >= page.total) {
    return true;
  }
  return before.firstTotal !== undefined && before.received + page.items >= before.firstTotal;
}

/**
 * Reads every page of a cursor listing, from the first, and resolves with its items, each id once
 * (items without an id are all kept). Ends as cursorListingEnds says. Rejects with whatever
 * `fetchPage` rejects with (e.g. a 'cancelled' ManagementApiError when its signal aborts).
 */
export async function readCursorListing<T>(
  fetchPage: (from: string | undefined) => Promise<CursorPageResponse<T>>,
  idOf: (item: T) => string | undefined,
): Promise<T[]> {
  const items: T[] = [];
  const ids = new Set<string>();
  const followed = new Set<string>();
  let received = 0;
  let firstTotal: number | undefined;
  let from: string | undefined;
  for (;;) {
    const page = await fetchPage(from);
    if (from === undefined) {
      firstTotal = page.total;
    }
    for (const item of page.items) {
      const id = idOf(item);
      if (id === undefined || !ids.has(id)) {
        if (id !== undefined) {
          ids.add(id);
        }
        items.push(item);
      }
    }
    if (cursorListingEnds({ items: page.items.length, next: page.next, total: page.total }, { received, firstTotal, followed })) {
      return items;
    }
    received += page.items.length;
    from = page.next as string;
    followed.add(from);
  }
}

export function createCursorPager<T>(
  fetchPage: (request: CursorPageRequest) => Promise<CursorPageResponse<T>>,
  idOf: (item: T) => string | undefined,
  take: number = DEFAULT_TAKE,
): Pager<T, string> {
  // What arrived before each cursor, keyed by the cursor: a page loaded again (a retry, a
  // cancelled load) counts once. The first page (no cursor) starts over, as after reset().
  let firstTotal: number | undefined;
  const receivedBefore = new Map<string, number>();
  return new Pager<T, string>({
    idOf,
    loadPage: async (from, signal) => {
      const page = await fetchPage({ from, take, signal });
      if (from === undefined) {
        firstTotal = page.total;
        receivedBefore.clear();
      }
      const received = from === undefined ? 0 : (receivedBefore.get(from) ?? 0);
      // The Pager itself never follows a cursor twice; the rule is asked only about the end.
      const ends = cursorListingEnds({ items: page.items.length, next: page.next, total: page.total }, { received, firstTotal, followed: new Set() });
      if (!ends && page.next) {
        receivedBefore.set(page.next, received + page.items.length);
      }
      return {
        items: page.items,
        nextCursor: ends ? undefined : page.next,
        ...(from === undefined && page.total !== undefined ? { total: page.total } : {}),
      };
    },
  });
}

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
