// What the feed's page may post, and the stores that keep a watch across a reload (over a Memento).
import * as assert from 'node:assert/strict';
import { isWatchFeedRequest, isWatchFeedViewState, MAX_FEED_ALERTS } from '../../../../../src/features/watch/feed/protocol';
import { AlertStore, mementoCheckpointStore, type StateMemento } from '../../../../../src/features/watch/watchStores';
import { WatchCheckpointError } from '../../../../../src/features/watch/core/watchCheckpoint';
import { sampleAlert } from '../sampleAlerts';

function memento(): StateMemento & { values: Map<string, unknown>; writes: string[] } {
  const values = new Map<string, unknown>();
  const writes: string[] = [];
  return {
    values,
    writes,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: async (key, value) => {
      writes.push(key.replace(/:.*$/, ''));
      values.set(key, JSON.parse(JSON.stringify(value ?? null)));
    },
  };
}

describe('isWatchFeedRequest', () => {
  const cases: [unknown, boolean][] = [
    [{ type: 'open-tokens', index: 0 }, true],
    [{ type: 'reveal-user', index: 3 }, true],
    [{ type: 'contain-user', index: MAX_FEED_ALERTS - 1 }, true],
    [{ type: 'revoke-session', index: 2 }, true],
    [{ type: 'revoke-session', index: MAX_FEED_ALERTS }, false],
    [{ type: 'revoke-session' }, false],
    [{ type: 'export' }, true],
    [{ type: 'stop' }, true],
    [{ type: 'contain-user', index: MAX_FEED_ALERTS }, false],
    [{ type: 'contain-user', index: -1 }, false],
    [{ type: 'contain-user', index: 1.5 }, false],
    [{ type: 'contain-user', index: '1' }, false],
    [{ type: 'contain-user' }, false],
    [{ type: 'revoke-all' }, false],
    [null, false],
    ['stop', false],
  ];
  for (const [message, expected] of cases) {
    it(`${JSON.stringify(message)} → ${expected}`, () => assert.equal(isWatchFeedRequest(message), expected));
  }

  it('keeps only filter states it wrote', () => {
    assert.equal(isWatchFeedViewState({ severity: 'high', user: '2' }), true);
    assert.equal(isWatchFeedViewState({ severity: 7 }), false);
    assert.equal(isWatchFeedViewState({ severity: 'high', focusRequest: '3' }), true);
    assert.equal(isWatchFeedViewState({ focusRequest: 3 }), false);
    assert.equal(isWatchFeedViewState(null), false);
  });
});

describe('watch stores over global state', () => {
  it('keeps the checkpoint per tenant and refuses a damaged one with the fix', async () => {
    const state = memento();
    const store = mementoCheckpointStore(state);
    assert.equal(await store.load('acme.eu.auth0.com'), undefined);
    const checkpoint = { version: 1 as const, tenant: 'acme.eu.auth0.com', logId: '900200', savedAt: '2026-11-26T14:00:00.000Z' };
    await store.save(checkpoint);
    assert.deepEqual(await store.load('ACME.eu.auth0.com'), checkpoint);
    assert.equal(await store.load('other.auth0.com'), undefined);
    state.values.set('auth0TokenInspector.watch.checkpoint:bad.auth0.com', { version: 2 });
    // The fix a VS Code user can follow (no command-line flags here).
    await assert.rejects(store.load('bad.auth0.com'), (error: unknown) => error instanceof WatchCheckpointError && /damaged.*Auth0: Watch Tenant…/.test(error.message) && !/--/.test(error.message));
  });

  it('keeps alerts across a new store (a reload), drops a repeat of the same id, and bounds them', async () => {
    const state = memento();
    const first = new AlertStore(state, 'acme');
    assert.equal(first.add(sampleAlert('tls-changed', 1)), true);
    assert.equal(first.add(sampleAlert('tls-changed', 1)), false, 'a page read again raises the same alert id');
    await first.save();
    const reloaded = new AlertStore(state, 'acme');
    assert.deepEqual(reloaded.all().map((alert) => alert.id), ['tls-changed:90001']);
    assert.equal(reloaded.add(sampleAlert('tls-changed', 1)), false);
    for (let index = 0; index < MAX_FEED_ALERTS + 5; index++) {
      reloaded.add({ ...sampleAlert('new-origin', 2), id: `new-origin:${index}` });
    }
    assert.equal(reloaded.all().length, MAX_FEED_ALERTS);
    assert.equal(reloaded.all()[0].id, 'new-origin:5', 'the oldest are dropped first');
  });

  // Each write of the alerts serialises all of them (up to 1,000, about 1.5 MB) into global state:
  // once per page, just before its checkpoint, not once per alert. A checkpoint is never ahead of
  // the alerts kept, so a crash loses none.
  it('writes the alerts once per checkpoint, before it, and only when there is something new', async () => {
    const state = memento();
    const alerts = new AlertStore(state, 'acme.eu.auth0.com');
    const checkpoints = mementoCheckpointStore(state, (tenant) => (tenant === alerts.tenant ? alerts.save() : Promise.resolve()));
    for (let index = 0; index < 50; index++) {
      alerts.add(sampleAlert('new-origin', index));
    }
    assert.deepEqual(state.writes, [], 'no write per alert');
    const checkpoint = { version: 1 as const, tenant: 'acme.eu.auth0.com', logId: '900001', savedAt: '2026-12-07T12:00:00.000Z' };
    await checkpoints.save(checkpoint);
    assert.deepEqual(state.writes, ['auth0TokenInspector.watch.alerts', 'auth0TokenInspector.watch.checkpoint']);
    await checkpoints.save({ ...checkpoint, logId: '900002' });
    assert.deepEqual(state.writes.slice(2), ['auth0TokenInspector.watch.checkpoint'], 'nothing new: the alerts are not written again');
    assert.equal(new AlertStore(state, 'acme.eu.auth0.com').all().length, 50);
  });

  it('exports one JSON alert a line, as the command line writes them', () => {
    const store = new AlertStore(memento(), 'acme');
    store.add(sampleAlert('reuse-detected', 1));
    store.add(sampleAlert('impossible-travel', 2));
    const lines = store.toNdjson().split('\n');
    assert.equal(lines.pop(), '');
    assert.deepEqual(lines.map((line) => (JSON.parse(line) as { id: string }).id), ['reuse-detected:90001', 'impossible-travel:90002']);
  });

  it('ignores stored alerts of a shape it does not know (an older version, a damaged state)', () => {
    const state = memento();
    state.values.set('auth0TokenInspector.watch.alerts:acme', [{ id: 'x', kind: 'unknown-kind' }, sampleAlert('tls-changed'), 'junk']);
    assert.deepEqual(new AlertStore(state, 'acme').all().map((alert) => alert.kind), ['tls-changed']);
  });
});
