// The feed's redraw pacing (issue 20: at the first alert the header said "3 alerts" while the body
// still said "No alert yet", because every redraw waited a second). Leading edge: a redraw at once
// when none happened in the last interval, and always at once when asked urgently (the first
// alert); later requests inside the interval make one trailing redraw. Driven by a fake clock.
import * as assert from 'node:assert/strict';
import { RedrawThrottle } from '../../../src/webview/redrawThrottle';
import { FakeTimers } from './fakeTimers';

/** One step: at `at` ms, a request (urgent or not), a direct draw, or only the clock moving. */
type Step = { at: number; do: 'request' | 'urgent' | 'drew' | 'tick' | 'dispose' };

interface Case {
  name: string;
  steps: Step[];
  /** When the throttle drew (ms), a direct draw ('drew') not counted. */
  draws: number[];
}

const CASES: Case[] = [
  { name: 'the first request draws at once', steps: [{ at: 0, do: 'request' }, { at: 5000, do: 'tick' }], draws: [0] },
  { name: 'a request inside the interval waits for its end (one trailing draw)', steps: [{ at: 0, do: 'request' }, { at: 300, do: 'request' }, { at: 5000, do: 'tick' }], draws: [0, 1000] },
  { name: 'many requests inside the interval make one trailing draw', steps: [{ at: 0, do: 'request' }, { at: 100, do: 'request' }, { at: 400, do: 'request' }, { at: 900, do: 'request' }, { at: 5000, do: 'tick' }], draws: [0, 1000] },
  { name: 'a request after a quiet interval draws at once', steps: [{ at: 0, do: 'request' }, { at: 1000, do: 'request' }, { at: 3500, do: 'request' }, { at: 9000, do: 'tick' }], draws: [0, 1000, 3500] },
  { name: 'an urgent request (the first alert) draws at once even inside the interval, and replaces the trailing draw', steps: [{ at: 0, do: 'request' }, { at: 200, do: 'request' }, { at: 300, do: 'urgent' }, { at: 5000, do: 'tick' }], draws: [0, 300] },
  { name: 'a direct draw counts: a request just after it waits', steps: [{ at: 0, do: 'drew' }, { at: 400, do: 'request' }, { at: 5000, do: 'tick' }], draws: [1000] },
  { name: 'a direct draw cancels a pending trailing draw', steps: [{ at: 0, do: 'request' }, { at: 100, do: 'request' }, { at: 500, do: 'drew' }, { at: 5000, do: 'tick' }], draws: [0] },
  { name: 'nothing is drawn after dispose', steps: [{ at: 0, do: 'request' }, { at: 100, do: 'request' }, { at: 200, do: 'dispose' }, { at: 300, do: 'urgent' }, { at: 5000, do: 'tick' }], draws: [0] },
];

describe('RedrawThrottle (leading edge, then at most one redraw an interval)', () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      const timers = new FakeTimers();
      const draws: number[] = [];
      const throttle = new RedrawThrottle(() => draws.push(timers.now()), 1000, timers);
      for (const step of testCase.steps) {
        timers.advanceTo(step.at);
        switch (step.do) {
          case 'request':
            throttle.request();
            break;
          case 'urgent':
            throttle.request({ urgent: true });
            break;
          case 'drew':
            throttle.drew();
            break;
          case 'dispose':
            throttle.dispose();
            break;
          case 'tick':
            break;
        }
      }
      assert.deepEqual(draws, testCase.draws);
      assert.equal(timers.scheduled, 0, 'no timer left behind');
    });
  }
});
