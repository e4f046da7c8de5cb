// One loader for both Auth0 paging styles (cursor `from`/`take` for tokens and sessions,
// `page`/`per_page` for users): it keeps what was loaded, loads the next page on demand, and
// never loads a page twice. The tree shows `items` plus a "load more" row while `hasMore`.
//
// - Concurrent loadNext calls share one load (a double click fetches one page).
// - A failed page keeps everything loaded so far; the next call retries that same page.
// - reset() during a load discards that load's result and cancels its request.
// - Duplicate ids are dropped (a token can move between pages while the list changes).
// - The list ends on an absent or empty next cursor, on an empty page even if a `next` came with
//   it, or on a cursor already followed. A real tenant sends `next` on its last page too: the
//   cursor pager (cursorPager.ts) ends the list on Auth0's `total` before it reaches the Pager.
// - Auth0 lists only the first 1,000 users: reaching that is state 'capped', not a failure.

import { cancelledError } from '../auth0/cancellation';
import { ManagementApiError, messages } from '../auth0/errors';

export type PagerState = 'idle' | 'loading' | 'done' | 'capped' | 'failed';

export interface LoadedPage<T, C> {
  items: readonly T[];
  /** Where the next page starts; absent when this was the last page. */
  nextCursor?: C;
  /** The listing's total, when the API reports one. */
  total?: number;
  /** The listing goes on, but Auth0 pages no further (the 1,000 cap). */
  capped?: boolean;
}

// Method signatures (not function-typed properties) on purpose: they keep Pager<T, string>
// assignable to Pager<T, unknown>, so views can hold pagers of either paging style.
export interface PagerOptions<T, C> {
  /** Loads the page at `cursor` (undefined: the first). Rejects with a ManagementApiError. */
  loadPage(cursor: C | undefined, signal: AbortSignal): Promise<LoadedPage<T, C>>;
  /** Identity for dropping duplicates; undefined keeps the item (it cannot be compared). */
  idOf(item: T): string | undefined;
}

export interface LoadProgress {
  loaded: number;
  total?: number;
  pages: number;
}

interface PageLoad<T> {
  promise: Promise<T[]>;
  controller: AbortController;
  /** Callers that may still want the result; when all have cancelled, the load is abandoned. */
  interested: number;
  /** Set by reset() or when every caller cancelled: whatever it brings back is dropped. */
  discarded: boolean;
  /** The state and error to return to when the load is abandoned. */
  before: { state: PagerState; error?: ManagementApiError };
}

export class Pager<T, C = string> {
  private loaded: T[] = [];
  private readonly ids = new Set<string>();
  private readonly cursorsSeen = new Set<C>();
  private cursor?: C;
  private currentState: PagerState = 'idle';
  private currentError?: ManagementApiError;
  private knownTotal?: number;
  private pages = 0;
  private current?: PageLoad<T>;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PagerOptions<T, C>) {}

  get items(): readonly T[] {
    return this.loaded;
  }

  get state(): PagerState {
    return this.currentState;
  }

  /** Why the last load failed ('failed'), or the cap's explanation ('capped'). */
  get error(): ManagementApiError | undefined {
    return this.currentError;
  }

  get hasMore(): boolean {
    return this.currentState !== 'done' && this.currentState !== 'capped';
  }

  get total(): number | undefined {
    return this.knownTotal;
  }

  /** Calls `listener` after every change of items or state; returns a disposable. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Loads the next page and resolves with the items it added (after dropping duplicates).
   * Resolves with [] once the list has ended or is capped. Rejects with the page's error (state
   * 'failed'; calling again retries the same page) or a 'cancelled' error.
   */
  loadNext(signal?: AbortSignal): Promise<T[]> {
    if (!this.hasMore) {
      return Promise.resolve([]);
    }
    if (signal?.aborted) {
      return Promise.reject(cancelledError());
    }
    this.current ??= this.startLoad();
    return this.join(this.current, signal);
  }

  /** Loads every remaining page (an export), reporting progress after each. */
  async loadAll(signal?: AbortSignal, onProgress?: (progress: LoadProgress) => void): Promise<readonly T[]> {
    while (this.hasMore) {
      await this.loadNext(signal);
      onProgress?.({ loaded: this.loaded.length, total: this.knownTotal, pages: this.pages });
    }
    return this.loaded;
  }

  /** Forgets everything; a load in progress is cancelled and its result discarded. */
  reset(): void {
    const discarded = this.current;
    this.current = undefined;
    if (discarded) {
      discarded.discarded = true;
    }
    this.loaded = [];
    this.ids.clear();
    this.cursorsSeen.clear();
    this.cursor = undefined;
    this.knownTotal = undefined;
    this.pages = 0;
    this.currentError = undefined;
    this.currentState = 'idle';
    discarded?.controller.abort();
    this.emit();
  }

  private startLoad(): PageLoad<T> {
    const load: PageLoad<T> = {
      controller: new AbortController(),
      interested: 0,
      discarded: false,
      before: { state: this.currentState, error: this.currentError },
      promise: Promise.resolve([]),
    };
    this.currentState = 'loading';
    this.emit();
    load.promise = (async () => {
      try {
        const page = await this.options.loadPage(this.cursor, load.controller.signal);
        if (load.discarded) {
          throw cancelledError();
        }
        return this.apply(page);
      } catch (error) {
        if (load.discarded) {
          throw cancelledError();
        }
        const failure = error instanceof ManagementApiError ? error : new ManagementApiError('bad-request', String(error), { cause: error });
        if (failure.kind === 'invalid-paging') {
          this.finish('capped', failure);
          return [];
        }
        this.currentState = failure.kind === 'cancelled' ? load.before.state : 'failed';
        this.currentError = failure.kind === 'cancelled' ? load.before.error : failure;
        this.emit();
        throw failure;
      } finally {
        if (this.current === load) {
          this.current = undefined;
        }
      }
    })();
    // Callers that gave up have already been answered; the load's own outcome is not unhandled.
    load.promise.catch(() => undefined);
    return load;
  }

  private join(load: PageLoad<T>, signal: AbortSignal | undefined): Promise<T[]> {
    load.interested += 1;
    if (!signal) {
      return load.promise;
    }
    return new Promise<T[]>((resolve, reject) => {
      const onAbort = () => {
        load.interested -= 1;
        if (load.interested === 0) {
          this.abandon(load);
        }
        reject(cancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      load.promise.then(
        (items) => {
          signal.removeEventListener('abort', onAbort);
          resolve(items);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** Nobody wants the page any more: cancel it now, so the next loadNext starts a fresh load. */
  private abandon(load: PageLoad<T>): void {
    if (load.discarded) {
      return;
    }
    load.discarded = true;
    load.controller.abort();
    if (this.current === load) {
      this.current = undefined;
      this.currentState = load.before.state;
      this.currentError = load.before.error;
      this.emit();
    }
  }

  private apply(page: LoadedPage<T, C>): T[] {
    const added: T[] = [];
    for (const item of page.items) {
      const id = this.options.idOf(item);
      if (id !== undefined) {
        if (this.ids.has(id)) {
          continue;
        }
        this.ids.add(id);
      }
      added.push(item);
    }
    this.loaded = [...this.loaded, ...added];
    this.pages += 1;
    if (page.total !== undefined) {
      this.knownTotal = page.total;
    }
    const next = page.nextCursor;
    // A cursor seen before would load a page twice and could loop forever.
    const ended = page.items.length === 0 || next === undefined || next === '' || this.cursorsSeen.has(next);
    if (ended) {
      this.finish(page.capped ? 'capped' : 'done', page.capped ? new ManagementApiError('invalid-paging', messages.invalidPaging()) : undefined);
    } else {
      this.cursorsSeen.add(next);
      this.cursor = next;
      this.currentState = 'idle';
      this.currentError = undefined;
      this.emit();
    }
    return added;
  }

  private finish(state: 'done' | 'capped', error: ManagementApiError | undefined): void {
    this.currentState = state;
    this.currentError = error;
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A view's failure must not break loading.
      }
    }
  }
}
