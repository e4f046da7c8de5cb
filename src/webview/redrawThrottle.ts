// How often a panel redraws its page as news arrives (the watch feed's alerts, the hunt's matches):
// at once when it has not redrawn in the last interval (leading edge), else once at the end of
// the interval, however much came (trailing). A redraw replaces the whole page, so a busy tenant
// must not redraw it per alert; but waiting a whole interval for the first one left the header
// saying "3 alerts" above "No alert yet" (issue 20). No vscode import: tested in plain Node with a
// fake clock, as is pageDrawer.ts, which shares its timers.

/** The clock and timer the throttle uses: the system's, or a test's. */
export interface RedrawTimers {
  /** Milliseconds, monotonic enough for intervals. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_TIMERS: RedrawTimers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RedrawThrottle {
  private lastDrawAt: number | undefined;
  private timer: unknown;
  private disposed = false;

  /** `draw` redraws; at most one call per `intervalMs` (ms) unless a request is urgent. */
  constructor(
    private readonly draw: () => void,
    private readonly intervalMs: number,
    private readonly timers: RedrawTimers = SYSTEM_TIMERS,
  ) {}

  /** Something changed: draw now if nothing was drawn in the last interval (or `urgent`), else once at the interval's end. */
  request(options: { urgent?: boolean } = {}): void {
    if (this.disposed) {
      return;
    }
    const now = this.timers.now();
    const since = this.lastDrawAt === undefined ? Infinity : now - this.lastDrawAt;
    if (options.urgent === true || since >= this.intervalMs) {
      this.drawNow();
      return;
    }
    if (this.timer === undefined) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        this.drawNow();
      }, this.intervalMs - since);
    }
  }

  /** A redraw happened outside the throttle (a notice, a new watch): it counts, and a pending one is no longer needed. */
  drew(): void {
    this.cancel();
    this.lastDrawAt = this.timers.now();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private drawNow(): void {
    this.cancel();
    this.lastDrawAt = this.timers.now();
    this.draw();
  }

  private cancel(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
