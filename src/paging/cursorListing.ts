// A whole cursor listing read at once (the hunt's per-user and Early Access loops): kept apart
// from cursorPager.ts so that activation, which pages the tree, does not carry it.
import { cursorListingEnds, type CursorPageResponse } from './cursorPager';

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
  let from: string | undefined;
  for (;;) {
    const page = await fetchPage(from);
    for (const item of page.items) {
      const id = idOf(item);
      if (id === undefined || !ids.has(id)) {
        if (id !== undefined) {
          ids.add(id);
        }
        items.push(item);
      }
    }
    if (cursorListingEnds({ items: page.items.length, next: page.next, total: page.total }, followed)) {
      return items;
    }
    from = page.next as string;
    followed.add(from);
  }
}
