// The tail against the emulator over real HTTP, its waits on a clock moved by hand: resume from a
// checkpoint (no event twice, none skipped), gaps retention made, adaptive intervals, yielding
// to foreground requests, and a start at a chosen date.
import * as assert from 'node:assert/strict';
import type { LogEvent } from '../../../../../src/auth0/types';
import { LogTail, describeBehind, type TailPage, type TailStatus, type WatchStart } from '../../../../../src/features/watch/core/logTail';
import type { WatchCheckpoint } from '../../../../../src/features/watch/core/watchCheckpoint';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor } from '../../../auth0/support';
import { ManualClock, until } from './manualClock';

const START = Date.parse('2026-12-07T12:00:00.000Z');
const DAY = 86_400_000;

interface Drive {
  pages: TailPage[];
  tail: LogTail;
}

/** Runs a tail until the clock reaches `untilMs`, waking each of its waits in turn; then stops it. */
async function drive(tail: LogTail, clock: ManualClock, untilMs: number): Promise<Drive> {
  const controller = new AbortController();
  const pages: TailPage[] = [];
  const consuming = (async () => {
    for await (const page of tail.pages(controller.signal)) {
      pages.push(page);
    }
  })();
  let failure: unknown;
  consuming.catch((error: unknown) => (failure = error));
  while (clock.now < untilMs) {
    await until(() => clock.pending > 0 || failure !== undefined, 'the tail waiting');
    if (failure !== undefined) {
      throw failure;
    }
    clock.advanceToNext();
  }
  controller.abort();
  await consuming;
  return { pages, tail };
}

function ids(pages: readonly TailPage[]): string[] {
  return pages.flatMap((page) => page.events.map((event) => String(event.log_id)));
}

/** Every event after `cursor`, read independently by checkpoint paging until an empty page. */
async function everythingAfter(client: ReturnType<typeof clientFor>['client'], cursor: string): Promise<LogEvent[]> {
  const all: LogEvent[] = [];
  for (;;) {
    const page = await client.listLogs({ from: cursor, take: 100 });
    if (page.length === 0) {
      return all;
    }
    all.push(...page);
    cursor = String(page[page.length - 1].log_id);
  }
}

describe('Log tail', () => {
  describe('on a growing log (20 events/s and the attacker story)', () => {
    let emulator: RunningEmulator;
    let clock: ManualClock;
    before(async () => {
      clock = new ManualClock(START);
      emulator = await startEmulator({ seed: 1, userCount: 60, now: START, clock: clock.read, liveLog: { eventsPerSecond: 20 } });
    });
    after(() => emulator.close());

    it('resumes from its checkpoint: no event twice, none skipped, full pages read back to back', async () => {
      const { client } = clientFor(emulator);
      const [newest] = await client.listLogs({ sort: 'date:-1', perPage: 1 });
      const first = await drive(new LogTail({ client, tenant: emulator.domain, start: { from: 'now' }, clock: clock.read, sleep: clock.sleep }), clock, START + 10_000);
      const checkpoint = first.pages[first.pages.length - 1].checkpoint;
      assert.equal(checkpoint.logId, ids(first.pages).pop());
      // The watch is off for 20 s (a reload); the log keeps growing.
      clock.advance(20_000);
      const second = await drive(
        new LogTail({ client, tenant: emulator.domain, start: { from: 'checkpoint', checkpoint }, clock: clock.read, sleep: clock.sleep }),
        clock,
        START + 45_000,
      );
      const read = [...ids(first.pages), ...ids(second.pages)];
      assert.equal(new Set(read).size, read.length, 'an event was read twice');
      const expected = (await everythingAfter(client, String(newest.log_id))).map((event) => String(event.log_id)).filter((id) => id <= read[read.length - 1]);
      assert.deepEqual(read, expected);
      assert.ok(read.length > 800, `${read.length} events`);
      // 400 events waited during the pause: read in full pages of 100, back to back.
      assert.deepEqual(second.pages.slice(0, 4).map((page) => page.events.length), [100, 100, 100, 100]);
      assert.ok(second.pages.every((page) => page.gap === undefined));
    });

    it('says how far behind it is', async () => {
      const { client } = clientFor(emulator);
      const tail = new LogTail({ client, tenant: emulator.domain, start: { from: 'now' }, clock: clock.read, sleep: clock.sleep });
      assert.equal(tail.currentStatus().behindMs, undefined);
      await drive(tail, clock, clock.now + 5_000);
      const status = tail.currentStatus();
      assert.equal(status.state, 'stopped');
      assert.ok(status.behindMs !== undefined && status.behindMs <= 2_000, String(status.behindMs));
      assert.equal(describeBehind(12_400), '12 s behind');
      assert.equal(describeBehind(300), 'up to date');
      assert.equal(describeBehind(5 * 60_000), '5 min behind');
      assert.equal(describeBehind(5 * 3_600_000), '5 h behind');
      // A backfill from weeks ago: days, not "600 h".
      assert.equal(describeBehind(25 * DAY + 3_600_000), '25 days behind');
    });

    it('after a full page, polls again at once within its share (here all of the documented 16 requests/s: 63 ms apart)', async () => {
      const { client } = clientFor(emulator);
      const [newest] = await client.listLogs({ sort: 'date:-1', perPage: 1 });
      // 30 s of log (600 events) waiting behind the checkpoint.
      clock.advance(30_000);
      const checkpoint: WatchCheckpoint = { version: 1, tenant: emulator.domain, logId: String(newest.log_id), savedAt: new Date(clock.now).toISOString() };
      clock.sleeps.length = 0;
      const { pages } = await drive(
        new LogTail({ client, tenant: emulator.domain, start: { from: 'checkpoint', checkpoint }, clock: clock.read, sleep: clock.sleep, share: 1 }),
        clock,
        clock.now + 3_000,
      );
      assert.ok(pages.length >= 6);
      // The emulator reports a burst of 50 or more: the documented production rate until one is learnt.
      assert.ok((client.limiter.observedLimits().burst ?? 0) >= 50);
      // At most 63 ms apart (a learnt rate above the documented one makes it shorter), never the 2 s interval.
      assert.ok(clock.sleeps.slice(0, 5).every((ms) => ms > 0 && ms <= 63), JSON.stringify(clock.sleeps));
    });
  });

  describe('adaptive polling', () => {
    it('a quiet tenant: twice as long after each empty answer, up to the maximum', async () => {
      const clock = new ManualClock(START);
      const emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read });
      try {
        const { client } = clientFor(emulator);
        await drive(new LogTail({ client, tenant: emulator.domain, start: { from: 'now' }, clock: clock.read, sleep: clock.sleep }), clock, START + 120_000);
        // The first wait is the pacing after the start's request (250 ms: a quarter of 16 requests/s).
        assert.deepEqual(clock.sleeps.slice(0, 7), [250, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
      } finally {
        await emulator.close();
      }
    });

    it('while events flow (1 a second): every minimum interval', async () => {
      const clock = new ManualClock(START);
      const emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read, liveLog: { eventsPerSecond: 1, attacker: false } });
      try {
        const { client } = clientFor(emulator);
        const { pages } = await drive(new LogTail({ client, tenant: emulator.domain, start: { from: 'now' }, clock: clock.read, sleep: clock.sleep }), clock, START + 20_000);
        // Pacing after the start, one empty answer before the first event (at 1 s), then every 2 s.
        assert.deepEqual(clock.sleeps.slice(0, 2), [250, 4_000]);
        assert.ok(clock.sleeps.slice(2, 9).every((ms) => ms === 2_000), JSON.stringify(clock.sleeps));
        // The first page holds the 4 events of the first 4 s; then 2 or so a poll.
        const withEvents = pages.filter((page) => page.events.length > 0);
        assert.equal(pages[0].events.length, 0, 'the start\'s checkpoint first');
        assert.ok(withEvents.slice(1).every((page) => page.events.length >= 1 && page.events.length <= 3), JSON.stringify(pages.map((page) => page.events.length)));
      } finally {
        await emulator.close();
      }
    });

    it('paces within its share of the learnt rate, else the documented rate for the reported burst', () => {
      const pacing = (limits: { burst?: number; perSecond?: number }, share?: number) =>
        new LogTail({ client: { listLogs: async () => [], limiter: { observedLimits: () => limits } } as never, tenant: 't', start: { from: 'now' }, share }).pacingMs();
      assert.equal(pacing({}), 2000); // nothing known: 2 requests/s (non-production), a quarter of it
      assert.equal(pacing({ burst: 10 }), 2000); // non-production: 2/s
      assert.equal(pacing({ burst: 50 }), 250); // production: 16/s
      assert.equal(pacing({ burst: 50, perSecond: 40 }), 100); // a learnt rate above the documented one
      assert.equal(pacing({ burst: 10 }, 0.5), 1000);
    });

    it('refuses a share outside (0, 1] and intervals out of order', () => {
      const client = { listLogs: async () => [], limiter: { observedLimits: () => ({}) } } as never;
      const start: WatchStart = { from: 'now' };
      assert.throws(() => new LogTail({ client, tenant: 't', start, share: 0 }), /share/);
      assert.throws(() => new LogTail({ client, tenant: 't', start, share: 1.5 }), /share/);
      assert.throws(() => new LogTail({ client, tenant: 't', start, minIntervalMs: 5000, maxIntervalMs: 1000 }), /intervals/);
    });
  });

  describe('gaps and chosen starts', () => {
    let emulator: RunningEmulator;
    let clock: ManualClock;
    before(async () => {
      clock = new ManualClock(START);
      emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read, logRetentionDays: 1 });
    });
    after(() => emulator.close());

    const checkpointAt = (at: number): WatchCheckpoint => ({
      version: 1,
      tenant: emulator.domain,
      logId: `900${new Date(at).toISOString().replace(/\D/g, '')}${'0'.repeat(36)}`,
      lastEventDate: new Date(at).toISOString(),
      savedAt: new Date(at).toISOString(),
    });
    const oldestRequests = () => emulator.requests.filter((request) => request.path === '/api/v2/logs' && request.query.sort === 'date:1' && request.query.per_page === '1').length;

    it('after a 3-day pause on a 1-day tenant: names the span it could no longer read', async () => {
      const { client } = clientFor(emulator);
      const { pages } = await drive(
        new LogTail({ client, tenant: emulator.domain, start: { from: 'checkpoint', checkpoint: checkpointAt(START - 3 * DAY) }, clock: clock.read, sleep: clock.sleep }),
        clock,
        clock.now + 1_000,
      );
      const gap = pages[0].gap;
      assert.ok(gap, 'no gap reported');
      assert.equal(gap.from, new Date(START - 3 * DAY).toISOString());
      assert.ok(Date.parse(gap.to) >= START - DAY && Date.parse(gap.to) <= START, gap.to);
      assert.match(gap.message, /could not be read.*retention/);
      assert.ok(pages.slice(1).every((page) => page.gap === undefined));
      assert.ok(pages.flatMap((page) => page.events).every((event) => Date.parse(String(event.date)) >= START - DAY - 1000));
    });

    it('after a 2-hour pause within retention: checks, and reports no gap', async () => {
      const { client } = clientFor(emulator);
      const before = oldestRequests();
      const { pages } = await drive(
        new LogTail({ client, tenant: emulator.domain, start: { from: 'checkpoint', checkpoint: checkpointAt(clock.now - 2 * 3_600_000) }, clock: clock.read, sleep: clock.sleep }),
        clock,
        clock.now + 1_000,
      );
      assert.equal(oldestRequests(), before + 1);
      assert.ok(pages.every((page) => page.gap === undefined));
    });

    it('after a 10-minute pause: no check at all (one request saved)', async () => {
      const { client } = clientFor(emulator);
      const before = oldestRequests();
      await drive(
        new LogTail({ client, tenant: emulator.domain, start: { from: 'checkpoint', checkpoint: checkpointAt(clock.now - 10 * 60_000) }, clock: clock.read, sleep: clock.sleep }),
        clock,
        clock.now + 1_000,
      );
      assert.equal(oldestRequests(), before);
    });

    it('starts at a chosen date within retention: every event from then on, none before', async () => {
      const { client } = clientFor(emulator);
      const since = clock.now - 6 * 3_600_000;
      const { pages } = await drive(new LogTail({ client, tenant: emulator.domain, start: { from: 'date', date: new Date(since) }, clock: clock.read, sleep: clock.sleep }), clock, clock.now + 1_000);
      const events = pages.flatMap((page) => page.events);
      assert.ok(events.length > 0);
      assert.ok(events.every((event) => Date.parse(String(event.date)) >= since));
      assert.ok(pages.every((page) => page.gap === undefined));
      assert.ok(emulator.requests.some((request) => request.query.q === `date:[${new Date(since).toISOString()} TO *]`));
    });

    // A backfill (a chosen date, or a checkpoint days old) reads full pages of events dated
    // hours or days ago: while pages come back full, "behind" is the age of the newest event read,
    // never the time since the tail started (which said "up to date" while reading old events).
    const backfills: { name: string; start: () => WatchStart; atLeastMs: number }[] = [
      { name: 'a chosen date 20 h ago', start: () => ({ from: 'date', date: new Date(clock.now - 20 * 3_600_000) }), atLeastMs: 3_600_000 },
      { name: 'a checkpoint saved 20 h ago', start: () => ({ from: 'checkpoint', checkpoint: checkpointAt(clock.now - 20 * 3_600_000) }), atLeastMs: 3_600_000 },
    ];
    for (const backfill of backfills) {
      it(`backfilling from ${backfill.name}: behind is the age of the newest event read while pages are full`, async () => {
        const { client } = clientFor(emulator);
        const statuses: (TailStatus & { at: number })[] = [];
        const tail = new LogTail({
          client,
          tenant: emulator.domain,
          start: backfill.start(),
          clock: clock.read,
          sleep: clock.sleep,
          share: 1,
          untilCaughtUp: true,
          onStatus: (status) => statuses.push({ ...status, at: clock.now }),
        });
        let done = false;
        const reading = (async () => {
          for await (const page of tail.pages(new AbortController().signal)) {
            assert.ok(page);
          }
        })().finally(() => (done = true));
        while (!done) {
          await until(() => clock.pending > 0 || done, 'the tail waiting');
          if (!done) {
            clock.advanceToNext();
          }
        }
        await reading;
        const full = statuses.filter((status) => status.state === 'reading' && status.lastEventDate !== undefined && status.events > 0);
        assert.ok(full.length >= 2, `${full.length} full pages`);
        for (const status of full) {
          assert.equal(status.behindMs, status.at - Date.parse(String(status.lastEventDate)));
        }
        assert.ok((full[0].behindMs ?? 0) >= backfill.atLeastMs, String(full[0].behindMs));
        // Caught up at the end: behind no more than the last poll's age.
        assert.ok((tail.currentStatus().behindMs ?? Infinity) < 60_000);
      });
    }

    it('starts at a date older than retention: says which span is gone', async () => {
      const { client } = clientFor(emulator);
      const { pages } = await drive(new LogTail({ client, tenant: emulator.domain, start: { from: 'date', date: new Date(clock.now - 5 * DAY) }, clock: clock.read, sleep: clock.sleep }), clock, clock.now + 1_000);
      assert.ok(pages[0]?.gap);
    });
  });

  describe('yielding', () => {
    it('a person\'s request queued after the watch\'s goes first (background priority)', async () => {
      const clock = new ManualClock(START);
      const emulator = await startEmulator({ seed: 1, userCount: 30, now: START, clock: clock.read, latencyMs: 40 });
      try {
        const { client } = clientFor(emulator, { concurrency: 1 });
        const first = client.getUser(emulator.users.one);
        await until(() => client.limiter.active === 1, 'the first request in flight');
        const controller = new AbortController();
        const tail = new LogTail({ client, tenant: emulator.domain, start: { from: 'now' }, clock: clock.read, sleep: clock.sleep });
        const consuming = (async () => {
          for await (const page of tail.pages(controller.signal)) {
            void page;
          }
        })();
        await until(() => client.limiter.queued === 1, 'the watch\'s request queued');
        const second = client.getUser(emulator.users.seven);
        await Promise.all([first, second]);
        await until(() => emulator.requests.some((request) => request.path === '/api/v2/logs'), 'the watch\'s request sent');
        controller.abort();
        await consuming;
        const order = emulator.requests.map((request) => request.path).filter((path) => path.startsWith('/api/v2/users/') || path === '/api/v2/logs');
        assert.deepEqual(order.slice(0, 3), [`/api/v2/users/${emulator.users.one}`, `/api/v2/users/${emulator.users.seven}`, '/api/v2/logs']);
      } finally {
        await emulator.close();
      }
    });
  });
});
