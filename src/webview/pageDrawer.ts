// Sets a panel's page (webview.html) one load at a time. VS Code loads a new html into a hidden
// frame and swaps it in when that frame's load event fires, or 200 ms after its document was
// written, whichever comes first; the one timer for both is shared by every frame of the webview.
// When a page took longer than 200 ms to load (a busy machine), it was swapped in by the timer,
// and its late load event then cancels the timer of the NEXT html, set meanwhile: that frame stays
// hidden for good, with every message posted after it queued for it. Seen in the hunt results:
// the hunt had completed, the hidden frame said so, the page on screen still said "running"
// (test/ui/huntSteps.ts waitForHuntCompleted prints the frames).
//
// So a page says it loaded (vscodeApi.ts posts 'page-loaded' from its load event, after VS Code's
// own handler ran), and a draw asked for before that waits for it, then draws the newest state
// once. A page that never says so (the panel hidden, a page whose script failed) is drawn over
// after `patienceMs`. No vscode import: tested in plain Node with a fake clock.
import type { WebviewResources } from './page';
import { SYSTEM_TIMERS, type RedrawTimers } from './redrawThrottle';

/** What a page posts once its load event fired: `render` is its main element's data-render. */
export interface PageLoadedMessage {
  type: 'page-loaded';
  render: number;
}

/** Whether `message` is a page's PageLoadedMessage. */
export function isPageLoadedMessage(message: unknown): message is PageLoadedMessage {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as Record<string, unknown>;
  return candidate.type === 'page-loaded' && Number.isSafeInteger(candidate.render);
}

/** A page's html for one render: `resources` carry its render number, nonce and media URIs. */
export type PageRender = (resources: WebviewResources) => string;

/** How long a drawn page may take to say it loaded before the next draw goes ahead anyway, ms. */
export const PAGE_LOAD_PATIENCE_MS = 5_000;

export class PageDrawer {
  /** The render last set on the webview (0: none yet). */
  private drawnRender = 0;
  private drawnAt = 0;
  /** The newest render whose page said it loaded. */
  private loadedRender = 0;
  /** The newest draw asked for while the drawn page loads. */
  private waiting: PageRender | undefined;
  private timer: unknown;
  private disposed = false;

  /**
   * `webview` is the panel's (its html is set); `resources(render)` gives a render's resources
   * (panel.ts webviewResources); `timers` and `patienceMs` (ms) pace the draw over a silent page.
   */
  constructor(
    private readonly webview: { html: string },
    private readonly resources: (render: number) => WebviewResources,
    private readonly timers: RedrawTimers = SYSTEM_TIMERS,
    private readonly patienceMs = PAGE_LOAD_PATIENCE_MS,
  ) {}

  /** Draws `render` now when the page drawn last has loaded (or none was), else once it has. */
  draw(render: PageRender): void {
    if (this.disposed) {
      return;
    }
    const loading = this.drawnRender > this.loadedRender && this.timers.now() - this.drawnAt < this.patienceMs;
    if (!loading) {
      this.set(render);
      return;
    }
    this.waiting = render;
    if (this.timer === undefined) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        if (this.waiting) {
          this.set(this.waiting);
        }
      }, this.drawnAt + this.patienceMs - this.timers.now());
    }
  }

  /** Handles a message from the page; true when it was a PageLoadedMessage (then nothing else is to be done with it). */
  receive(message: unknown): boolean {
    if (!isPageLoadedMessage(message)) {
      return false;
    }
    this.loadedRender = Math.max(this.loadedRender, Math.min(message.render, this.drawnRender));
    if (this.waiting && this.loadedRender >= this.drawnRender) {
      this.set(this.waiting);
    }
    return true;
  }

  /** How many renders were set on the webview, and the newest one whose page said it loaded (tests: the pages do say so). */
  get renders(): { drawn: number; loaded: number } {
    return { drawn: this.drawnRender, loaded: this.loadedRender };
  }

  /** The html the page shows once loaded: a draw still waiting, rendered now, or the last one set. For tests that read what a person will see. */
  get html(): string {
    return this.waiting ? this.waiting(this.resources(this.drawnRender + 1)) : this.webview.html;
  }

  dispose(): void {
    this.disposed = true;
    this.waiting = undefined;
    this.cancelTimer();
  }

  private set(render: PageRender): void {
    this.waiting = undefined;
    this.cancelTimer();
    this.drawnRender += 1;
    this.drawnAt = this.timers.now();
    this.webview.html = render(this.resources(this.drawnRender));
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
