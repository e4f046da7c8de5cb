// A clock and timers for the webview kit's pacing (RedrawTimers), moved by the test: nothing waits
// for real time, and a timer runs only when the test moves the clock past it.
import type { RedrawTimers } from '../../../src/webview/redrawThrottle';

export class FakeTimers implements RedrawTimers {
  time = 0;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  private next = 1;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.next++;
    this.pending.set(handle, { at: this.time + ms, callback });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Moves the clock to `time`, running each timer due on the way. */
  advanceTo(time: number): void {
    for (;;) {
      const due = [...this.pending].filter(([, timer]) => timer.at <= time).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) {
        break;
      }
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = time;
  }
  get scheduled(): number {
    return this.pending.size;
  }
}
