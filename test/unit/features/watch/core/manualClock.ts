// A clock the test moves by hand, with the sleep every wait of the watch goes through: no real
// time passes in the tail's waits, and each wait is recorded so adaptive intervals are asserted.
import { cancelledError } from '../../../../../src/auth0/cancellation';

interface Timer {
  at: number;
  resolve(): void;
}

export class ManualClock {
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];

  constructor(public now: number) {}

  readonly read = (): number => this.now;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(cancelledError());
        return;
      }
      this.sleeps.push(ms);
      const timer: Timer = {
        at: this.now + ms,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((candidate) => candidate !== timer);
        reject(cancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });

  /** Sleeps waiting now. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves the clock by `ms`, waking every sleep due by then. */
  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((timer) => timer.at <= this.now);
    this.timers = this.timers.filter((timer) => timer.at > this.now);
    due.forEach((timer) => timer.resolve());
  }

  /** When the earliest pending sleep ends (Infinity with none). */
  get nextAt(): number {
    return Math.min(...this.timers.map((timer) => timer.at));
  }

  /** Moves the clock to the earliest pending sleep's end and wakes it; returns the ms moved. */
  advanceToNext(): number {
    const next = Math.min(...this.timers.map((timer) => timer.at));
    const moved = Math.max(0, next - this.now);
    this.advance(moved);
    return moved;
  }
}

/** Polls observable state (real HTTP is under way; never a fixed sleep as synchronisation). */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
