// Checkpoint ("from"/"take") paging as Auth0 does it for refresh tokens and sessions.
// A real tenant sends `next` on EVERY non-empty page, the last one included (recorded: a page
// holding both of a user's 2 tokens still carried `next`), and the page after the last is empty
// without `next`; `total` (with include_totals=true) is what tells a client the list has ended.
// The cursor is the opaque encoding of the last returned item's sort key; the next page is
// every item whose key is greater. Keys are monotonic per user and newly issued tokens get a
// larger key than any existing one, so a listing stays correct while tokens are added or
// removed between pages: nothing is skipped or repeated, and new tokens appear at the end.

const CURSOR_PREFIX = 'ck1:';

export interface Keyed {
  key: number;
}

export function encodeCursor(key: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${key}`, 'utf8').toString('base64url');
}

/** The key a cursor stands for, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return undefined;
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) {
    return undefined;
  }
  const key = Number(text.slice(CURSOR_PREFIX.length));
  return Number.isSafeInteger(key) && key >= 0 ? key : undefined;
}

export interface CursorPage<T> {
  items: T[];
  /** On every non-empty page, the last included (as a real tenant answers); absent on an empty page. */
  next?: string;
  /** The items from this page's start on: the whole listing on the first page, 0 on the page after the last. */
  total: number;
}

/** `items` must be sorted by ascending key. */
export function pageAfter<T extends Keyed>(items: readonly T[], afterKey: number | undefined, take: number): CursorPage<T> {
  const start = afterKey === undefined ? 0 : firstIndexAbove(items, afterKey);
  const page = items.slice(start, start + take);
  const total = items.length - start;
  return page.length > 0 ? { items: page, next: encodeCursor(page[page.length - 1].key), total } : { items: page, total };
}

function firstIndexAbove<T extends Keyed>(items: readonly T[], key: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid].key <= key) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}
