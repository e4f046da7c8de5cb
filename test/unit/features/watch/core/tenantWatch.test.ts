// The whole watch (tail, user history, judge, checkpoint) against the emulator's growing log over
// real HTTP, its waits on a clock moved by hand. The story here begins when the log does, so a
// watch started a minute later meets the attacker in the user's history, not live: the case a new
// user's trial found silent (issue 20).
import * as assert from 'node:assert/strict';
import { TenantWatch } from '../../../../../src/features/watch/core/tenantWatch';
import type { WatchAlert } from '../../../../../src/features/watch/core/watchAlert';
import { memoryWatchCheckpointStore, parseWatchCheckpoint, type WatchCheckpointStore } from '../../../../../src/features/watch/core/watchCheckpoint';
import { ATTACKER_IP } from '../../../../emulator/data/liveLog';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor } from '../../../auth0/support';
import { ManualClock, until } from './manualClock';
import { cancelledError } from '../../../../../src/auth0/cancellation';
import type { LogEvent } from '../../../../../src/auth0/types';

const START = Date.parse('2026-12-07T12:00:00.000Z');

/** Runs a watch until the clock has moved `forMs`, waking each of its waits in turn; then stops it. */
async function watchFor(watch: TenantWatch, clock: ManualClock, forMs: number): Promise<WatchAlert[]> {
  const alerts: WatchAlert[] = [];
  watch.onEvent((event) => event.type === 'alert' && alerts.push(event.alert));
  const controller = new AbortController();
  let failure: unknown;
  const running = watch.run(controller.signal).catch((error: unknown) => (failure = error));
  const until_ = clock.now + forMs;
  while (clock.now < until_) {
    await until(() => clock.pending > 0 || failure !== undefined, 'the watch waiting');
    if (failure !== undefined) {
      throw failure;
    }
    clock.advanceToNext();
  }
  controller.abort();
  await running;
  return alerts;
}

describe('Tenant watch', () => {
  describe('started a minute after the attacker\'s first exchange', () => {
    let emulator: RunningEmulator;
    let clock: ManualClock;
    let store: WatchCheckpointStore & { saved: unknown[] };
    const newWatch = () =>
      new TenantWatch({ client: clientFor(emulator).client, tenant: emulator.domain, store, clock: clock.read, sleep: clock.sleep, userHistory: true, share: 1 });

    before(async () => {
      clock = new ManualClock(START);
      emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read, liveLog: { eventsPerSecond: 2, attackerEverySeconds: 2 } });
      store = memoryWatchCheckpointStore();
      // The log grows for a minute before anyone watches: the laptop's last exchange at home, then the attacker every 2 s.
      clock.advance(60_000);
    });
    after(() => emulator.close());

    let first: WatchAlert[] = [];
    it('raises what the user\'s history holds (travel, the TLS change) when the stolen family is exchanged again, and nothing of ordinary users', async () => {
      first = await watchFor(newWatch(), clock, 10_000);
      const attackers = first.filter((alert) => alert.event.ip === ATTACKER_IP);
      assert.deepEqual(attackers.map((alert) => `${alert.kind}:${alert.severity}`).sort(), ['impossible-travel:high', 'tls-changed:high'], JSON.stringify(first.map((alert) => alert.title)));
      // The history's alerts name the live exchange that shows the family still in use.
      assert.ok(attackers.every((alert) => alert.fromHistory && alert.evidence.rows.some((row) => row.label === 'Exchanged live' && row.now?.includes(ATTACKER_IP))));
      // Only the stolen family: the ordinary users' journeys in their history raise nothing.
      assert.deepEqual(first.map((alert) => alert.event.ip), [ATTACKER_IP, ATTACKER_IP], JSON.stringify(first.map((alert) => alert.title)));
    });

    it('after a reload, the attacker still exchanging raises nothing already raised (the checkpoint carries what was)', async () => {
      const saved = store.saved[store.saved.length - 1];
      const checkpoint = parseWatchCheckpoint(JSON.parse(JSON.stringify(saved)));
      assert.ok((checkpoint.raised ?? []).length >= 3, JSON.stringify(checkpoint));
      clock.advance(5_000);
      const second = await watchFor(newWatch(), clock, 10_000);
      // Users first seen now may bring their own history; nothing of the first watch comes again.
      assert.deepEqual(second.filter((alert) => alert.event.ip === ATTACKER_IP).map((alert) => alert.title), []);
      const before = new Set(first.map((alert) => `${alert.event.familyId}:${alert.title}`));
      assert.deepEqual(second.filter((alert) => before.has(`${alert.event.familyId}:${alert.title}`)).map((alert) => alert.title), []);
      assert.ok(first.some((alert) => alert.event.ip === ATTACKER_IP));
    });

    it('a new watch started now (not resumed) after a stop raises nothing already raised either', async () => {
      clock.advance(5_000);
      const fresh = new TenantWatch({ client: clientFor(emulator).client, tenant: emulator.domain, store, clock: clock.read, sleep: clock.sleep, userHistory: true, share: 1, resume: false });
      const third = await watchFor(fresh, clock, 10_000);
      assert.deepEqual(third.filter((alert) => alert.event.ip === ATTACKER_IP).map((alert) => alert.title), []);
    });
  });

  describe('started after the attacker\'s 150th exchange: the newest 100 events of the user are all the attacker\'s', () => {
    let emulator: RunningEmulator;
    let clock: ManualClock;

    before(async () => {
      clock = new ManualClock(START);
      emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read, liveLog: { eventsPerSecond: 1, attackerEverySeconds: 2 } });
      clock.advance(300_000);
    });
    after(() => emulator.close());

    it('reads further back (bounded) until the history holds another origin, and raises the travel and the TLS change', async () => {
      const watch = new TenantWatch({ client: clientFor(emulator).client, tenant: emulator.domain, store: memoryWatchCheckpointStore(), clock: clock.read, sleep: clock.sleep, userHistory: true, share: 1 });
      const alerts = await watchFor(watch, clock, 10_000);
      const attackers = alerts.filter((alert) => alert.event.ip === ATTACKER_IP);
      assert.deepEqual(attackers.map((alert) => `${alert.kind}:${alert.severity}`).sort(), ['impossible-travel:high', 'tls-changed:high'], JSON.stringify(alerts.map((alert) => alert.title)));
      // Only users whose whole first page came from one address are read further: a few pages, not every user's.
      const pagesRead = emulator.requests.filter((request) => /^\/api\/v2\/users\/[^/]+\/logs$/.test(request.path) && request.query.page !== undefined && request.query.page !== '0');
      assert.ok(pagesRead.length >= 1 && pagesRead.length <= 4, `${pagesRead.length} older pages read`);
    });
  });

  describe('stopped in the middle of a page (a user\'s history being read)', () => {
    let emulator: RunningEmulator;
    let clock: ManualClock;
    before(async () => {
      clock = new ManualClock(START);
      emulator = await startEmulator({ seed: 2, userCount: 30, now: START, clock: clock.read, liveLog: { eventsPerSecond: 5, attacker: false } });
      clock.advance(2_000);
    });
    after(() => emulator.close());

    it('saves the checkpoint at the last event judged, so the next run judges none of them again', async () => {
      const { client } = clientFor(emulator);
      const [newest] = await client.listLogs({ sort: 'date:-1', perPage: 1 });
      const store = memoryWatchCheckpointStore();
      const historyOf: string[] = [];
      const controller = new AbortController();
      // The third user's history never answers until the stop: the stop lands mid-page.
      const userHistory = (userId: string, signal: AbortSignal) => {
        historyOf.push(userId);
        if (historyOf.length < 3) {
          return Promise.resolve([] as LogEvent[]);
        }
        return new Promise<LogEvent[]>((_resolve, reject) => signal.addEventListener('abort', () => reject(cancelledError()), { once: true }));
      };
      const watch = new TenantWatch({ client, tenant: emulator.domain, store, clock: clock.read, sleep: clock.sleep, userHistory, share: 1 });
      const running = watch.run(controller.signal);
      await until(() => clock.pending > 0, 'the first poll\'s wait');
      clock.advance(20_000); // 100 events wait: one full page of several users
      await until(() => historyOf.length === 3, 'the third user\'s history read');
      controller.abort();
      const summary = await running;

      const page = await client.listLogs({ from: String(newest.log_id), take: 100 });
      const stoppedAt = page.findIndex((event) => event.user_id === historyOf[2]);
      assert.ok(stoppedAt > 0, String(stoppedAt));
      assert.equal(summary.checkpoint?.logId, page[stoppedAt - 1].log_id, 'the checkpoint is not at the last event judged');
      assert.equal(store.saved[store.saved.length - 1]?.logId, page[stoppedAt - 1].log_id);
      assert.ok(Array.isArray(summary.checkpoint?.raised));
    });
  });
});
