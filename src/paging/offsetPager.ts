// Page-number paging (`page`/`per_page` with include_totals), as Auth0 does it for users. Auth0
// serves only the first 1,000 results of a listing or search; past that it answers 400
// invalid_paging. The pager stops at the cap instead of asking (state 'capped'), and treats an
// invalid_paging answer the same way.

import type { ManagementClient } from '../auth0/managementClient';
import type { User } from '../auth0/types';
import { Pager, type PagerOptions } from './pager';

export interface OffsetPageRequest {
  /** 0-based. */
  page: number;
  perPage: number;
  signal: AbortSignal;
}

export interface OffsetPageResponse<T> {
  items: readonly T[];
  total?: number;
}

export const USER_LISTING_CAP = 1000;
export const DEFAULT_PER_PAGE = 50;

export interface OffsetPagerOptions {
  perPage?: number;
  /** Results reachable by paging (Auth0: 1,000). */
  cap?: number;
}

export function createOffsetPager<T>(
  fetchPage: (request: OffsetPageRequest) => Promise<OffsetPageResponse<T>>,
  idOf: (item: T) => string | undefined,
  options: OffsetPagerOptions = {},
): Pager<T, number> {
  return new Pager<T, number>(offsetPagerOptions(fetchPage, idOf, options));
}

/** What createOffsetPager gives its Pager, for a Pager subclass that pages the same way. */
export function offsetPagerOptions<T>(
  fetchPage: (request: OffsetPageRequest) => Promise<OffsetPageResponse<T>>,
  idOf: (item: T) => string | undefined,
  options: OffsetPagerOptions = {},
): PagerOptions<T, number> {
  const perPage = options.perPage ?? DEFAULT_PER_PAGE;
  const cap = options.cap ?? USER_LISTING_CAP;
  return {
    idOf,
    loadPage: async (cursor, signal) => {
      const page = cursor ?? 0;
      const response = await fetchPage({ page, perPage, signal });
      const nextStart = (page + 1) * perPage;
      const lastPage =
        response.items.length < perPage || (response.total !== undefined && nextStart >= response.total);
      if (lastPage) {
        return { items: response.items, total: response.total };
      }
      // Auth0 refuses a page that reaches past the cap: (page + 1) * per_page > 1000.
      if ((page + 2) * perPage > cap) {
        return { items: response.items, total: response.total, capped: true };
      }
      return { items: response.items, total: response.total, nextCursor: page + 1 };
    },
  };
}

export interface UserPagerOptions extends OffsetPagerOptions {
  /** Lucene query; Auth0 sorts and caps searches the same way. */
  q?: string;
  sort?: string;
}

export function userPager(client: Pick<ManagementClient, 'listUsers'>, options: UserPagerOptions = {}): Pager<User, number> {
  return new Pager<User, number>(userPagerOptions(client, options));
}

/** GET /api/v2/users (page/per_page, include_totals) as Pager options: the listing, or a Lucene search with `q`. */
export function userPagerOptions(client: Pick<ManagementClient, 'listUsers'>, options: UserPagerOptions = {}): PagerOptions<User, number> {
  return offsetPagerOptions(
    async ({ page, perPage, signal }) => {
      const result = await client.listUsers({ page, perPage, q: options.q, sort: options.sort, includeTotals: true, signal });
      return { items: result.users, total: result.total };
    },
    (user) => (typeof user.user_id === 'string' ? user.user_id : undefined),
    options,
  );
}
