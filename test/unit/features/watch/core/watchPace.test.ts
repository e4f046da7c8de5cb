// When the watch cannot keep up, it says so and names the fix: the share it gets against what the
// log needs (events ÷ 100 a request), and the setting to raise. A table of tenant rates × shares ×
// log rates (pure), then the watch itself against the emulator on a clock moved by hand.
import * as assert from 'node:assert/strict';
import { assessShortfall, describeBehind, describeShortfall, type WatchShortfall } from '../../../../../src/features/watch/core/logTail';
import { TenantWatch, type WatchEvent } from '../../../../../src/features/watch/core/tenantWatch';
import { memoryWatchCheckpointStore } from '../../../../../src/features/watch/core/watchCheckpoint';
import { startEmulator } from '../../../../emulator';
import { clientFor } from '../../../auth0/support';
import { ManualClock, until } from './manualClock';

const SETTINGS = { watch: 'auth0TokenInspector.watch.rateShare', background: 'auth0TokenInspector.hunt.rateShare' };

interface Row {
  ratePerSecond: number;
  share: number;
  backgroundShare?: number;
  eventsPerSecond: number;
  /** undefined: keeps up. */
  expected?: Pick<WatchShortfall, 'allowedPerMinute' | 'neededPerMinute' | 'limitedBy' | 'suggestedShare'>;
}

const TABLE: Row[] = [
  // Non-production (2/s).
  { ratePerSecond: 2, share: 0.25, backgroundShare: 0.5, eventsPerSecond: 1 },
  { ratePerSecond: 2, share: 0.25, backgroundShare: 0.5, eventsPerSecond: 40 },
  { ratePerSecond: 2, share: 0.25, backgroundShare: 0.5, eventsPerSecond: 50, expected: { allowedPerMinute: 30, neededPerMinute: 30, limitedBy: 'watch', suggestedShare: 0.3 } },
  { ratePerSecond: 2, share: 0.25, backgroundShare: 0.5, eventsPerSecond: 80, expected: { allowedPerMinute: 30, neededPerMinute: 48, limitedBy: 'watch', suggestedShare: 0.5 } },
  { ratePerSecond: 2, share: 0.5, backgroundShare: 0.5, eventsPerSecond: 80 },
  { ratePerSecond: 2, share: 0.25, backgroundShare: 0.1, eventsPerSecond: 30, expected: { allowedPerMinute: 12, neededPerMinute: 18, limitedBy: 'background', suggestedShare: 0.2 } },
  { ratePerSecond: 2, share: 1, eventsPerSecond: 300, expected: { allowedPerMinute: 120, neededPerMinute: 180, limitedBy: 'watch', suggestedShare: undefined } },
  // Production (16/s).
  { ratePerSecond: 16, share: 0.25, backgroundShare: 0.5, eventsPerSecond: 50 },
  { ratePerSecond: 16, share: 0.25, backgroundShare: 0.5, eventsPerSecond: 700, expected: { allowedPerMinute: 240, neededPerMinute: 420, limitedBy: 'watch', suggestedShare: 0.55 } },
  { ratePerSecond: 16, share: 0.1, eventsPerSecond: 200, expected: { allowedPerMinute: 96, neededPerMinute: 120, limitedBy: 'watch', suggestedShare: 0.15 } },
];

describe('Watch pace: falling behind for its share', () => {
  describe('whether a share keeps up (tenant rate × share × log rate)', () => {
    for (const row of TABLE) {
      const name = `${row.ratePerSecond}/s, share ${row.share}${row.backgroundShare !== undefined ? ` within a background share of ${row.backgroundShare}` : ''}, ${row.eventsPerSecond} events/s: ${
        row.expected ? `${row.expected.neededPerMinute}/min needed of ${row.expected.allowedPerMinute}/min, raise ${row.expected.limitedBy}'s to ${row.expected.suggestedShare ?? '(none enough)'}` : 'keeps up'
      }`;
      it(name, () => {
        const shortfall = assessShortfall(row);
        if (!row.expected) {
          assert.equal(shortfall, undefined);
          return;
        }
        assert.ok(shortfall);
        assert.deepEqual(
          { allowedPerMinute: shortfall.allowedPerMinute, neededPerMinute: shortfall.neededPerMinute, limitedBy: shortfall.limitedBy, suggestedShare: shortfall.suggestedShare },
          row.expected,
        );
        const message = describeShortfall(shortfall, SETTINGS);
        assert.match(message, new RegExp(`its share \\(${shortfall.share} of ${row.ratePerSecond} requests/s = ${row.expected.allowedPerMinute}/min`));
        assert.match(message, new RegExp(`~${row.expected.neededPerMinute}/min: ${row.eventsPerSecond} events/s, 100 a request`));
        assert.ok(message.includes(row.expected.limitedBy === 'background' ? SETTINGS.background : SETTINGS.watch), message);
      });
    }

    it('says it in full: the share, what the log needs, the setting and the value to raise it to', () => {
      const shortfall = assessShortfall({ ratePerSecond: 2, share: 0.25, backgroundShare: 0.5, eventsPerSecond: 80 });
      assert.ok(shortfall);
      assert.equal(
        describeShortfall(shortfall, SETTINGS),
        'The watch is falling behind: its share (0.25 of 2 requests/s = 30/min) is below what the log needs (~48/min: 80 events/s, 100 a request). ' +
          "Raise auth0TokenInspector.watch.rateShare to 0.5 (1 = all of the tenant's rate; what a person opens still goes first).",
      );
      assert.equal(describeBehind(185_000, shortfall), "3 min behind, falling behind: its share (0.25 of 2 requests/s = 30/min) is below the log's ~48/min");
      const command = assessShortfall({ ratePerSecond: 2, share: 1, eventsPerSecond: 300 });
      assert.ok(command);
      assert.equal(
        describeShortfall(command, { watch: '--share' }),
        "The watch is falling behind: its share (1 of 2 requests/s = 120/min) is below what the log needs (~180/min: 300 events/s, 100 a request). Even all of the tenant's rate (120/min) is too little: raising --share to 1 narrows the gap, and only a higher rate limit closes it (a narrowed watch still reads every event).",
      );
    });
  });

  describe('the watch on a non-production tenant (2 requests/s), 80 events/s', () => {
    const START = Date.parse('2026-12-07T12:00:00.000Z');
    for (const share of [0.25, 0.5]) {
      it(`share ${share}: ${share === 0.25 ? 'says once that it falls behind, why, and what to raise' : 'keeps up: says nothing'}`, async () => {
        const clock = new ManualClock(START);
        const emulator = await startEmulator({
          seed: 1,
          userCount: 30,
          now: START,
          clock: clock.read,
          rateLimitClock: clock.read,
          dateClock: clock.read,
          rateLimit: 'non-production',
          liveLog: { eventsPerSecond: 80, attacker: false },
        });
        try {
          const { client } = clientFor(emulator, { clock: clock.read, sleep: clock.sleep });
          const watch = new TenantWatch({ client, tenant: emulator.domain, store: memoryWatchCheckpointStore(), clock: clock.read, sleep: clock.sleep, share, shareSettings: SETTINGS });
          const events: WatchEvent[] = [];
          watch.onEvent((event) => events.push(event));
          const controller = new AbortController();
          let failure: unknown;
          const running = watch.run(controller.signal).catch((error: unknown) => (failure = error));
          while (clock.now < START + 60_000) {
            await until(() => (clock.pending > 0 && client.limiter.active === 0) || failure !== undefined, 'the watch waiting');
            if (failure !== undefined) {
              throw failure;
            }
            clock.advanceToNext();
          }
          const text = watch.status().text;
          controller.abort();
          await running;
          const pace = events.filter((event): event is Extract<WatchEvent, { type: 'pace' }> => event.type === 'pace');
          if (share === 0.5) {
            assert.deepEqual(pace, []);
            assert.ok(!text.includes('falling behind'), text);
            return;
          }
          assert.equal(pace.length, 1, JSON.stringify(pace));
          assert.match(pace[0].message, /^The watch is falling behind: its share \(0\.25 of 2 requests\/s = 30\/min\) is below what the log needs \(~4[6-9]\/min: [0-9]+ events\/s, 100 a request\)\. Raise auth0TokenInspector\.watch\.rateShare to 0\.5 /);
          assert.match(text, /^Watching .* · 0 alerts · [0-9]+ s behind, falling behind: its share \(0\.25 of 2 requests\/s = 30\/min\) is below the log's ~4[6-9]\/min$/);
        } finally {
          await emulator.close();
        }
      });
    }
  });
});
