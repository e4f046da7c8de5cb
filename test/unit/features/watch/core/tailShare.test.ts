// The tail gets the share of the tenant's rate it is given, no less: on a log that needs more than
// its share, a full page is followed by the next request as soon as the share allows, under either
// reading of x-ratelimit-reset, with 0 × 429, while a person's requests on the same limiter go first.
// Against the emulator over real HTTP; every wait (the tail's and the limiter's) on a clock moved by hand.
import * as assert from 'node:assert/strict';
import { LogTail } from '../../../../../src/features/watch/core/logTail';
import { startEmulator, type RateLimitProfile, type ResetReading } from '../../../../emulator';
import { clientFor } from '../../../auth0/support';
import { ManualClock, until } from './manualClock';

const START = Date.parse('2026-12-07T12:00:00.000Z');

interface Case {
  profile: Exclude<RateLimitProfile, 'unlimited' | object>;
  /** The tenant's rate, requests/s (the emulator's bucket). */
  perSecond: number;
  share: number;
  /** The log's rate, more than the share can read (100 events a request). */
  eventsPerSecond: number;
  reading: ResetReading;
  /** A person's request (foreground, same limiter) every this many ms, or none. */
  browseEveryMs?: number;
  seconds: number;
}

const CASES: Case[] = [
  { profile: 'non-production', perSecond: 2, share: 0.25, eventsPerSecond: 80, reading: 'full', seconds: 120 },
  { profile: 'non-production', perSecond: 2, share: 0.25, eventsPerSecond: 80, reading: 'next', seconds: 120 },
  { profile: 'non-production', perSecond: 2, share: 0.25, eventsPerSecond: 80, reading: 'full', browseEveryMs: 2_000, seconds: 120 },
  { profile: 'non-production', perSecond: 2, share: 0.5, eventsPerSecond: 150, reading: 'next', seconds: 90 },
  { profile: 'production', perSecond: 16, share: 0.25, eventsPerSecond: 600, reading: 'full', seconds: 30 },
  { profile: 'production', perSecond: 16, share: 0.25, eventsPerSecond: 600, reading: 'next', browseEveryMs: 500, seconds: 30 },
];

describe('Log tail at its share of the rate', () => {
  for (const c of CASES) {
    const allowedPerMinute = c.share * c.perSecond * 60;
    it(`${c.profile} (${c.perSecond}/s, reset = ${c.reading}), share ${c.share}, ${c.eventsPerSecond} events/s${c.browseEveryMs ? `, a person browsing every ${c.browseEveryMs} ms` : ''}: ${allowedPerMinute}/min, 0 × 429`, async () => {
      const clock = new ManualClock(START);
      const emulator = await startEmulator({
        seed: 1,
        userCount: 30,
        now: START,
        clock: clock.read,
        rateLimitClock: clock.read,
        dateClock: clock.read,
        rateLimit: c.profile,
        rateLimitReset: c.reading,
        liveLog: { eventsPerSecond: c.eventsPerSecond, attacker: false },
      });
      try {
        const { client } = clientFor(emulator, { clock: clock.read, sleep: clock.sleep });
        const tail = new LogTail({ client, tenant: emulator.domain, start: { from: 'now' }, clock: clock.read, sleep: clock.sleep, share: c.share });
        const controller = new AbortController();
        let failure: unknown;
        const consuming = (async () => {
          for await (const page of tail.pages(controller.signal)) {
            void page;
          }
        })().catch((error: unknown) => (failure = error));
        const browsing: Promise<unknown>[] = [];
        let nextBrowse = START + (c.browseEveryMs ?? Infinity);
        const foregroundWaits: number[] = [];
        const end = START + c.seconds * 1000;
        while (clock.now < end) {
          // No virtual time passes while a request is on the wire.
          await until(() => (clock.pending > 0 && client.limiter.active === 0) || failure !== undefined, 'the tail or the limiter waiting');
          if (failure !== undefined) {
            throw failure;
          }
          // To the earliest sleep's end, or to a person's next click if it comes first.
          clock.advance(Math.max(0, Math.min(clock.nextAt, nextBrowse) - clock.now));
          if (clock.now >= nextBrowse) {
            const askedAt = clock.now;
            browsing.push(client.getUser(emulator.users.one).then(() => foregroundWaits.push(clock.now - askedAt)));
            nextBrowse += c.browseEveryMs ?? Infinity;
          }
        }
        controller.abort();
        await consuming;
        await Promise.all(browsing);
        const logs = emulator.requests.filter((request) => request.path === '/api/v2/logs').length;
        const perMinute = (logs * 60) / c.seconds;
        assert.equal(emulator.requests.filter((request) => request.status === 429).length, 0, '429s');
        assert.ok(perMinute >= 0.95 * allowedPerMinute, `${logs} requests in ${c.seconds} s: ${perMinute.toFixed(1)}/min of the ${allowedPerMinute}/min its share allows`);
        assert.ok(perMinute <= allowedPerMinute * 1.02 + 60 / c.seconds, `${perMinute.toFixed(1)}/min: more than its share (${allowedPerMinute}/min)`);
        // What a person waits for goes first: never behind more than one token's refill.
        assert.ok(foregroundWaits.every((ms) => ms <= 1000 / c.perSecond), `a person waited ${Math.max(...foregroundWaits)} ms`);
      } finally {
        await emulator.close();
      }
    });
  }
});
