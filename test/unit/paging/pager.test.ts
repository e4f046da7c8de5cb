// The pager's own contract, with page loaders the test controls step by step (the HTTP side is
// covered against the emulator in cursorPager.test.ts and offsetPager.test.ts).
import assert from 'node:assert/strict';
import { ManagementApiError, isManagementApiError } from '../../../src/auth0/errors';
import { Pager, type LoadedPage, type PagerState } from '../../../src/paging/pager';

interface Item {
  id: string;
}

/** A page load the test resolves or rejects when it wants to. */
class PendingPage {
  resolve!: (page: LoadedPage<Item, string>) => void;
  reject!: (error: unknown) => void;
  readonly promise = new Promise<LoadedPage<Item, string>>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
  constructor(
    readonly cursor: string | undefined,
    readonly signal: AbortSignal,
  ) {}
}

/** A pager whose every page load waits for the test. */
function controlledPager() {
  const loads: PendingPage[] = [];
  const pager = new Pager<Item, string>({
    idOf: (item) => item.id,
    loadPage: (cursor, signal) => {
      const load = new PendingPage(cursor, signal);
      loads.push(load);
      return load.promise;
    },
  });
  return { pager, loads };
}

const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));
const ids = (list: readonly Item[]) => list.map((item) => item.id);
const serverError = () => new ManagementApiError('server-error', 'Tenant x answered 500.', { status: 500 });

/** Lets pending promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Pager', () => {
  it('loads pages on demand, following the cursor, until next is absent', async () => {
    const { pager, loads } = controlledPager();
    assert.equal(pager.state, 'idle');
    assert.ok(pager.hasMore);

    const first = pager.loadNext();
    assert.equal(pager.state, 'loading');
    assert.equal(loads[0].cursor, undefined);
    loads[0].resolve({ items: items('a', 'b'), nextCursor: 'c1' });
    assert.deepEqual(ids(await first), ['a', 'b']);
    assert.equal(pager.state, 'idle');

    const second = pager.loadNext();
    assert.equal(loads[1].cursor, 'c1');
    loads[1].resolve({ items: items('c') });
    assert.deepEqual(ids(await second), ['c']);
    assert.equal(pager.state, 'done');
    assert.equal(pager.hasMore, false);
    assert.deepEqual(ids(pager.items), ['a', 'b', 'c']);

    assert.deepEqual(await pager.loadNext(), []);
    assert.equal(loads.length, 2, 'nothing is loaded after the end');
  });

  it('shares one load between concurrent loadNext calls', async () => {
    const { pager, loads } = controlledPager();
    const calls = [pager.loadNext(), pager.loadNext(), pager.loadNext()];
    assert.equal(loads.length, 1);
    loads[0].resolve({ items: items('a'), nextCursor: 'c1' });
    const results = await Promise.all(calls);
    assert.deepEqual(results.map(ids), [['a'], ['a'], ['a']]);
    assert.deepEqual(ids(pager.items), ['a']);
  });

  it('keeps the loaded items when a page fails, and retries that same page', async () => {
    const { pager, loads } = controlledPager();
    const first = pager.loadNext();
    loads[0].resolve({ items: items('a', 'b'), nextCursor: 'c1' });
    await first;

    const failing = pager.loadNext();
    loads[1].reject(serverError());
    const error = await failing.then(
      () => assert.fail('the page should fail'),
      (reason: unknown) => reason,
    );
    assert.ok(isManagementApiError(error, 'server-error'));
    assert.equal(pager.state, 'failed');
    assert.equal(pager.error, error);
    assert.ok(pager.hasMore);
    assert.deepEqual(ids(pager.items), ['a', 'b']);

    const retry = pager.loadNext();
    assert.equal(loads[2].cursor, 'c1', 'the same page again');
    assert.equal(pager.state, 'loading');
    loads[2].resolve({ items: items('c') });
    assert.deepEqual(ids(await retry), ['c']);
    assert.equal(pager.state, 'done');
    assert.equal(pager.error, undefined);
    assert.deepEqual(ids(pager.items), ['a', 'b', 'c']);
  });

  it('ends on an empty page even when the previous page had a next cursor', async () => {
    const { pager, loads } = controlledPager();
    const first = pager.loadNext();
    loads[0].resolve({ items: items('a'), nextCursor: 'c1' });
    await first;
    const second = pager.loadNext();
    loads[1].resolve({ items: [], nextCursor: 'c2' });
    assert.deepEqual(await second, []);
    assert.equal(pager.state, 'done');
    assert.equal(loads.length, 2);
  });

  it('ends on an empty next cursor, and on a cursor it has already followed', async () => {
    const emptyNext = controlledPager();
    const load = emptyNext.pager.loadNext();
    emptyNext.loads[0].resolve({ items: items('a'), nextCursor: '' });
    await load;
    assert.equal(emptyNext.pager.state, 'done');

    const looping = controlledPager();
    const first = looping.pager.loadNext();
    looping.loads[0].resolve({ items: items('a'), nextCursor: 'c1' });
    await first;
    const second = looping.pager.loadNext();
    looping.loads[1].resolve({ items: items('b'), nextCursor: 'c1' });
    await second;
    assert.equal(looping.pager.state, 'done');
    assert.deepEqual(ids(looping.pager.items), ['a', 'b']);
  });

  it('drops items whose id it has already loaded', async () => {
    const { pager, loads } = controlledPager();
    const first = pager.loadNext();
    loads[0].resolve({ items: items('a', 'b', 'a'), nextCursor: 'c1' });
    assert.deepEqual(ids(await first), ['a', 'b']);
    const second = pager.loadNext();
    loads[1].resolve({ items: items('b', 'c') });
    assert.deepEqual(ids(await second), ['c']);
    assert.deepEqual(ids(pager.items), ['a', 'b', 'c']);
  });

  it('reset() during a load discards that load, cancels its request and starts over', async () => {
    const { pager, loads } = controlledPager();
    const first = pager.loadNext();
    loads[0].resolve({ items: items('a'), nextCursor: 'c1' });
    await first;

    const stale = pager.loadNext();
    assert.equal(loads[1].cursor, 'c1');
    pager.reset();
    assert.ok(loads[1].signal.aborted, 'the discarded request is cancelled');
    assert.deepEqual(pager.items, []);
    assert.equal(pager.state, 'idle');
    // The discarded load's answer arrives anyway: it must not land in the new listing.
    loads[1].resolve({ items: items('stale'), nextCursor: 'c9' });
    const staleError = await stale.then(
      () => assert.fail('a discarded load does not resolve'),
      (reason: unknown) => reason,
    );
    assert.ok(isManagementApiError(staleError, 'cancelled'));

    const fresh = pager.loadNext();
    assert.equal(loads[2].cursor, undefined, 'from the first page again');
    loads[2].resolve({ items: items('x') });
    await fresh;
    assert.deepEqual(ids(pager.items), ['x']);
    assert.equal(pager.state, 'done');
  });

  it('reset() clears a failure and a finished listing', async () => {
    const { pager, loads } = controlledPager();
    const first = pager.loadNext();
    loads[0].reject(serverError());
    await first.catch(() => undefined);
    assert.equal(pager.state, 'failed');
    pager.reset();
    assert.equal(pager.state, 'idle');
    assert.equal(pager.error, undefined);
    const again = pager.loadNext();
    loads[1].resolve({ items: items('a') });
    await again;
    assert.equal(pager.state, 'done');
    pager.reset();
    assert.ok(pager.hasMore);
  });

  it("reports Auth0's cap as state 'capped', from the page or from an invalid_paging error", async () => {
    const fromPage = controlledPager();
    const load = fromPage.pager.loadNext();
    fromPage.loads[0].resolve({ items: items('a'), total: 5000, capped: true });
    await load;
    assert.equal(fromPage.pager.state, 'capped');
    assert.equal(fromPage.pager.hasMore, false);
    assert.equal(fromPage.pager.total, 5000);
    assert.ok(isManagementApiError(fromPage.pager.error, 'invalid-paging'));

    const fromError = controlledPager();
    const first = fromError.pager.loadNext();
    fromError.loads[0].resolve({ items: items('a'), nextCursor: 'c1' });
    await first;
    const second = fromError.pager.loadNext();
    fromError.loads[1].reject(new ManagementApiError('invalid-paging', 'Auth0 lists only the first 1,000 users.', { status: 400 }));
    assert.deepEqual(await second, [], 'the cap is not a failure');
    assert.equal(fromError.pager.state, 'capped');
    assert.deepEqual(ids(fromError.pager.items), ['a']);
  });

  it('a caller cancelling alone cancels the load; with another caller waiting it goes on', async () => {
    const { pager, loads } = controlledPager();
    const alone = new AbortController();
    const cancelled = pager.loadNext(alone.signal);
    alone.abort();
    assert.ok(isManagementApiError(await cancelled.catch((reason: unknown) => reason), 'cancelled'));
    assert.ok(loads[0].signal.aborted);
    loads[0].reject(new ManagementApiError('cancelled', 'The request was cancelled.'));
    await settle();
    assert.equal(pager.state, 'idle', 'ready to load that page again');

    const impatient = new AbortController();
    const first = pager.loadNext(impatient.signal);
    const second = pager.loadNext();
    impatient.abort();
    assert.ok(isManagementApiError(await first.catch((reason: unknown) => reason), 'cancelled'));
    assert.equal(loads[1].signal.aborted, false);
    loads[1].resolve({ items: items('a') });
    assert.deepEqual(ids(await second), ['a']);
  });

  it('loadAll() loads every page and reports progress', async () => {
    let served = 0;
    const pager = new Pager<Item, number>({
      idOf: (item) => item.id,
      loadPage: (cursor) => {
        served += 1;
        const page = cursor ?? 0;
        return Promise.resolve({ items: items(`p${page}a`, `p${page}b`), nextCursor: page < 2 ? page + 1 : undefined, total: 6 });
      },
    });
    const progress: number[] = [];
    let pages = 0;
    const all = await pager.loadAll(undefined, (report) => {
      progress.push(report.loaded);
      pages = report.pages;
    });
    assert.equal(all.length, 6);
    assert.deepEqual(progress, [2, 4, 6]);
    assert.equal(served, 3);
    assert.equal(pages, 3);
  });

  it('tells listeners about every state change', async () => {
    const { pager, loads } = controlledPager();
    const seen: PagerState[] = [];
    const subscription = pager.onDidChange(() => seen.push(pager.state));
    const load = pager.loadNext();
    loads[0].resolve({ items: items('a') });
    await load;
    subscription.dispose();
    pager.reset();
    assert.deepEqual(seen, ['loading', 'done']);
  });
});
