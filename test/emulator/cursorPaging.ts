// How the emulator answers a cursor (`from`/`take`) listing: a user's refresh tokens, a user's
// sessions and the Early Access refresh-token list. The default, 'auth0', answers as the recorded
// real tenant does (FACTS.md "Recorded answers"): `next` on every non-empty page, the last one
// included; with include_totals=true a `total`; the page after the last `{"tokens":[],"total":0}`.
// The other profiles answer worse, as a tenant or proxy might, so that clients are held to them:
// - 'without-totals': include_totals is ignored (no `total`): only an empty page ends the list;
// - 'bare-array': a direct array of the page's items (what Auth0 documents for include_totals=false),
//   so without `next` or `total`; outside the contract subset on purpose;
// - 'repeating-cursor': every page is the first page again, with the same `next` and no `total`;
// - 'inflated-total': `total` is larger than what will ever arrive.
import type { CursorPage } from './cursor';

export type CursorPagingProfile = 'auth0' | 'without-totals' | 'bare-array' | 'repeating-cursor' | 'inflated-total';

export const CURSOR_PAGING_PROFILES: readonly CursorPagingProfile[] = ['auth0', 'without-totals', 'bare-array', 'repeating-cursor', 'inflated-total'];

/** How much larger 'inflated-total' makes `total`. */
export const INFLATED_TOTAL_EXTRA = 10;

/**
 * The JSON body of one page: `{[listKey]: items, next?, total?}` or a bare array. `total` is the
 * number of items from the page's start on (so the whole listing on the first page, and 0 on the
 * empty page after the last, as recorded). `firstPage` is what 'repeating-cursor' answers instead.
 */
export function cursorPageBody<T, U>(
  listKey: string,
  page: CursorPage<T>,
  project: (item: T) => U,
  options: { includeTotals: boolean; profile: CursorPagingProfile; firstPage: () => CursorPage<T> },
): unknown {
  const shown = options.profile === 'repeating-cursor' ? options.firstPage() : page;
  const items = shown.items.map(project);
  if (options.profile === 'bare-array') {
    return items;
  }
  const withTotal = options.includeTotals && (options.profile === 'auth0' || options.profile === 'inflated-total');
  const total = shown.total + (options.profile === 'inflated-total' ? INFLATED_TOTAL_EXTRA : 0);
  return { [listKey]: items, ...(shown.next === undefined ? {} : { next: shown.next }), ...(withTotal ? { total } : {}) };
}
