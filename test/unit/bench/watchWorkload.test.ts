// The watch workload's arithmetic and verdict (issue 20, "Measured in the bench"): the floor is
// events ÷ 100 a request, requests a minute come from a count and a span, percentiles are nearest
// rank, and a single 429 (the watch's or the probe's) fails the goal and marks its row FAILED.
import assert from 'node:assert/strict';
import { renderWatch, watchGoals } from '../../../bench/report';
import type { WatchRun, WatchWorkloadResult } from '../../../bench/results';
import { percentile } from '../../../bench/stats';
import { perMinute, watchFloorPerMinute, watchRowSeconds } from '../../../bench/watchWorkload';

function run(fields: Partial<WatchRun> = {}): WatchRun {
  return {
    profile: 'production',
    burst: 50,
    perSecond: 16,
    eventsPerSecond: 50,
    seconds: 45,
    events: 2250,
    alerts: 3,
    latencyP50Ms: 1200,
    latencyP95Ms: 2400,
    logRequests: 30,
    requestsPerMinute: 40,
    floorPerMinute: 30,
    rateLimited: 0,
    cpuMsPer10k: 50,
    probe: { count: 90, p50Ms: 3, p95Ms: 6, maxMs: 9, errors: [] },
    ...fields,
  };
}

function workload(runs: WatchRun[]): WatchWorkloadResult {
  return { id: 'watch', title: 'Watching a tenant', description: 'd', runs, baselines: [{ profile: 'production', count: 40, p50Ms: 2, p95Ms: 4, maxMs: 5, errors: [] }] };
}

describe('bench: the watch workload', () => {
  describe('the floor, events ÷ 100 a request, a minute', () => {
    for (const [eventsPerSecond, floor] of [
      [1, 0.6],
      [50, 30],
      [100, 60],
      [0, 0],
    ] as const) {
      it(`${eventsPerSecond} events/s → ${floor} requests/min`, () => assert.equal(watchFloorPerMinute(eventsPerSecond), floor));
    }
  });

  describe('requests a minute from a count and a span', () => {
    for (const [count, ms, expected] of [
      [30, 45_000, 40],
      [1, 60_000, 1],
      [0, 4_000, 0],
    ] as const) {
      it(`${count} in ${ms} ms → ${expected}`, () => assert.equal(perMinute(count, ms), expected));
    }
    it('no time → NaN, not Infinity', () => assert.ok(Number.isNaN(perMinute(3, 0))));
  });

  describe('nearest-rank percentile', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted
    for (const [p, expected] of [
      [50, 10],
      [95, 19],
      [100, 20],
      [1, 1],
    ] as const) {
      it(`p${p} of 1..20 → ${expected}`, () => assert.equal(percentile(twenty, p), expected));
    }
    it('one value is every percentile', () => assert.equal(percentile([7], 95), 7));
    it('no values → NaN', () => assert.ok(Number.isNaN(percentile([], 50))));
    it('does not reorder its input', () => {
      const values = [3, 1, 2];
      percentile(values, 50);
      assert.deepEqual(values, [3, 1, 2]);
    });
  });

  it('a row is 45 s in a full run and short in a quick one (4 rows + baselines stay near 20 s)', () => {
    assert.equal(watchRowSeconds(false), 45);
    assert.ok(watchRowSeconds(true) * 4 <= 20);
  });

  describe('the goal', () => {
    it('no 429 and no probe error: met, with the floor ratio and the p95 latency', () => {
      const [goal] = watchGoals(workload([run(), run({ eventsPerSecond: 1, floorPerMinute: 0.6, requestsPerMinute: 6, probe: undefined })]));
      assert.equal(goal.met, true);
      assert.match(goal.measured, /^0 429s in 2 rows; at most 10\.00× the floor's requests a minute; detection latency p95 at most 2\.40 s$/);
    });
    it('a row that judged nothing (NaN latency) leaves the worst of the others', () => {
      const [goal] = watchGoals(workload([run(), run({ latencyP95Ms: Number.NaN, events: 0 })]));
      assert.match(goal.measured, /detection latency p95 at most 2\.40 s$/);
    });
    it('one 429 in one row: not met, the row named', () => {
      const [goal] = watchGoals(workload([run(), run({ profile: 'non-production', rateLimited: 1 })]));
      assert.equal(goal.met, false);
      assert.match(goal.measured, /FAILED: non-production\/50 events\/s 1/);
    });
    it('a probe error: not met', () => {
      const [goal] = watchGoals(workload([run({ probe: { count: 1, p50Ms: 1, p95Ms: 1, maxMs: 1, errors: ['boom'] } })]));
      assert.equal(goal.met, false);
    });
    it('not measured: neither met nor failed', () => assert.equal(watchGoals(undefined)[0].met, undefined));
  });

  describe('the table', () => {
    it('marks a row with 429s FAILED and shows the probe beside its baseline', () => {
      const text = renderWatch(workload([run({ rateLimited: 2 })])).join('\n');
      assert.match(text, /\*\*FAILED: 2\*\*/);
      assert.match(text, /\| production \| running \(50 events\/s\) \| 90 \| 3 ms \| 6 ms \| 9 ms \| 0 \|/);
      assert.match(text, /\| production \| none \(baseline\) \| 40 \| 2 ms \| 4 ms \| 5 ms \| 0 \|/);
    });
  });
});
