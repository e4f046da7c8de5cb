// Time for tests of waits (backoff, Retry-After, pacing): a clock and a sleep the client is given
// instead of Date.now and setTimeout, moved by the test rather than by the wall clock. Two modes:
//  - autoAdvance: each sleep is granted on the next turn of the event loop and moves the clock to
//    when it would have ended, so a call against a real loopback server runs at full speed while
//    the clock (and a server that reads it) shows every wait the client made;
//  - manual (default): sleeps stay pending until the test moves the clock with advance(ms).
// Every requested sleep is recorded, whether or not it was cancelled.
import { cancelledError } from '../../../src/auth0/cancellation';

export interface RequestedSleep {
  /** Virtual time at which the sleep was asked for. */
  at: number;
  ms: number;
  cancelled: boolean;
}

interface PendingSleep {
  due: number;
  record: RequestedSleep;
  resolve(): void;
}

/** 2026-01-01T12:00:00Z: a whole second, so Date headers and x-ratelimit-reset line up exactly. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 1, 12, 0, 0);

export class VirtualTime {
  private current: number;
  private readonly autoAdvance: boolean;
  private readonly pending = new Set<PendingSleep>();
  readonly sleeps: RequestedSleep[] = [];

  constructor(options: { start?: number; autoAdvance?: boolean } = {}) {
    this.current = options.start ?? VIRTUAL_EPOCH;
    this.autoAdvance = options.autoAdvance ?? false;
  }

  readonly now = (): number => this.current;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    const record: RequestedSleep = { at: this.current, ms, cancelled: false };
    this.sleeps.push(record);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        record.cancelled = true;
        reject(cancelledError());
        return;
      }
      const entry: PendingSleep = { due: this.current + Math.max(0, ms), record, resolve };
      const onAbort = () => {
        if (this.pending.delete(entry)) {
          record.cancelled = true;
          reject(cancelledError());
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      entry.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.pending.add(entry);
      if (this.autoAdvance) {
        setImmediate(() => {
          if (this.pending.delete(entry)) {
            this.current = Math.max(this.current, entry.due);
            entry.resolve();
          }
        });
      }
    });
  };

  /** The sleeps that were not cancelled, in ms, in the order they were asked for. */
  get completedSleeps(): number[] {
    return this.sleeps.filter((sleep) => !sleep.cancelled).map((sleep) => sleep.ms);
  }

  get pendingSleeps(): number {
    return this.pending.size;
  }

  /** Time that passes outside the client (a server handling a request): moves the clock, ends no sleep. */
  pass(ms: number): number {
    this.current += ms;
    return this.current;
  }

  /** Moves the clock by `ms`, ending each sleep due on the way in order and letting its continuation run. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const next = [...this.pending].filter((entry) => entry.due <= target).sort((a, b) => a.due - b.due)[0];
      if (!next) {
        break;
      }
      this.pending.delete(next);
      this.current = Math.max(this.current, next.due);
      next.resolve();
      await settle();
    }
    this.current = target;
    await settle();
  }
}

/** Lets every pending promise continuation run (they all run before the next macrotask). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
