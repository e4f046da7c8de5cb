// A watch of one tenant: the log tail, the live judge, and the checkpoint, wired together. This
// is the whole vscode-free API the VS Code feature and the command line build on:
//
//   const watch = new TenantWatch({ client, tenant, store });
//   const subscription = watch.onEvent((event) => ...);      // alerts, status, gaps, checkpoints
//   for await (const alert of watch.alerts()) ...             // or: the alerts as an async iterator
//   await watch.run(signal);                                  // until signal aborts; then saves the checkpoint
//   watch.status().text                                       // "Watching acme-prod · 2 alerts · 3 s behind"
//
// Order of work per page: judge every event, emit the alerts, then save the checkpoint, so a
// crash repeats at most the page in flight (at-least-once) and a clean stop repeats nothing (a
// stop in the middle of a page saves the checkpoint at the last event judged).

import { isManagementApiError } from '../../../auth0/errors';
import type { ManagementClient } from '../../../auth0/managementClient';
import type { Sleep } from '../../../auth0/retryPolicy';
import type { LogEvent } from '../../../auth0/types';
import type { NetworkMatcher } from '../../hunt/core/network';
import { familyKey, isJudgedEvent, LiveJudge } from './liveJudge';
import { describeShortfall, describeTailState, LogTail, type ShareSettings, type TailGap, type TailPage, type TailStatus, type WatchShortfall, type WatchStart } from './logTail';
import type { WatchAlert } from './watchAlert';
import type { WatchCheckpoint, WatchCheckpointStore } from './watchCheckpoint';

/** Where a user's recent events come from, to know their families before judging (see userHistory). */
/** A user's history, newest first; `about` is the event that made the watch ask (its family may need a longer look back). */
export type UserHistorySource = (userId: string, signal: AbortSignal, about?: LogEvent) => Promise<readonly LogEvent[]>;

export interface TenantWatchOptions {
  client: Pick<ManagementClient, 'listLogs' | 'listUserLogs' | 'limiter'>;
  /** The tenant's domain ("acme.eu.auth0.com"): names the checkpoint and the status. */
  tenant: string;
  /** A short name for the status line (default: the domain). */
  label?: string;
  store: WatchCheckpointStore;
  /** Where to start when there is no checkpoint to resume, or `resume` is false (default 'now'). */
  start?: 'now' | Date;
  /** Resume from the store's checkpoint when there is one (default true). Either way, what it says was raised is not raised again. */
  resume?: boolean;
  clock?: () => number;
  sleep?: Sleep;
  /** Share (0..1] of the tenant's rate (default 0.25, half of a hunt's). */
  share?: number;
  /** Where a person raises the share, named when the watch falls behind (default: "the watch's share"). */
  shareSettings?: ShareSettings;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  watchList?: readonly NetworkMatcher[];
  /** Judge only these users' or applications' events (others are read past, not judged). */
  narrow?: { userIds?: ReadonlySet<string>; clientIds?: ReadonlySet<string> };
  /** Events known before the watch (what the findings already read): judged as a history (LiveJudge.learn). */
  knownEvents?: readonly LogEvent[];
  /**
   * Read a user's recent history the first time one of their events is judged, and judge it
   * (LiveJudge.learn: what it shows of two parties is raised with the family's live exchange): true for one page
   * of GET /users/{id}/logs (100 newest events, background priority: one request per user), a
   * function for another source, false (default) for none.
   */
  userHistory?: boolean | UserHistorySource;
  /** Read up to now, then stop (run resolves): a scheduled job's drain. */
  once?: boolean;
}

export interface WatchStatus extends TailStatus {
  tenant: string;
  alerts: number;
  /** Refresh-token events judged. */
  judged: number;
  /** Users whose history was read (userHistory). */
  historiesRead: number;
  /** "Watching acme-prod · 2 alerts · 3 s behind". */
  text: string;
}

export type WatchEvent =
  | { type: 'alert'; alert: WatchAlert }
  | { type: 'status'; status: WatchStatus }
  | { type: 'gap'; gap: TailGap }
  | { type: 'checkpoint'; checkpoint: WatchCheckpoint }
  /**
   * The watch started falling behind because its share is below what the log needs (shortfall
   * set; message names the share, the need and the setting to raise), or keeps up again (unset).
   */
  | { type: 'pace'; shortfall?: WatchShortfall; message: string }
  | { type: 'history-unavailable'; userId: string; message: string };

export interface WatchSummary {
  alerts: number;
  judged: number;
  events: number;
  requests: number;
  checkpoint?: WatchCheckpoint;
}

export class TenantWatch {
  private readonly listeners = new Set<(event: WatchEvent) => void>();
  private readonly judge: LiveJudge;
  private tail?: LogTail;
  private alertCount = 0;
  private historiesRead = 0;
  private readonly histories = new Map<string, Promise<void>>();
  private lastCheckpoint?: WatchCheckpoint;
  private running = false;
  /** The shortfall last reported by a 'pace' event. */
  private shortfall?: WatchShortfall;
  private finished = false;

  constructor(private readonly options: TenantWatchOptions) {
    this.judge = new LiveJudge({ clock: options.clock ?? Date.now, watchList: options.watchList });
    if (options.knownEvents) {
      this.judge.learn(options.knownEvents);
    }
  }

  /** Registers a listener for every alert, status change, gap and checkpoint; dispose() removes it. */
  onEvent(listener: (event: WatchEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  private emit(event: WatchEvent): void {
    for (const listener of [...this.listeners]) {
      listener(event);
    }
  }

  /** The status now; before run() a 'starting' status. */
  status(): WatchStatus {
    const tail = this.tail?.currentStatus() ?? { state: 'starting' as const, requests: 0, events: 0 };
    const name = this.options.label ?? this.options.tenant;
    const alerts = `${this.alertCount.toLocaleString('en-US')} ${this.alertCount === 1 ? 'alert' : 'alerts'}`;
    const where = describeTailState(tail);
    return {
      ...tail,
      tenant: this.options.tenant,
      alerts: this.alertCount,
      judged: this.judge.judged,
      historiesRead: this.historiesRead,
      text: `${tail.state === 'stopped' ? 'Watched' : 'Watching'} ${name} · ${alerts} · ${where}`,
    };
  }

  /**
   * The alerts as they are raised, until run() ends (the iterator then finishes) or `signal`
   * aborts. Call before run() to miss none.
   */
  alerts(signal?: AbortSignal): AsyncIterableIterator<WatchAlert> {
    const queue: WatchAlert[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const subscription = this.onEvent((event) => {
      if (event.type === 'alert') {
        queue.push(event.alert);
        wake?.();
      }
    });
    const finish = () => {
      done = true;
      subscription.dispose();
      wake?.();
    };
    this.onFinished.push(finish);
    signal?.addEventListener('abort', finish, { once: true });
    const iterator: AsyncIterableIterator<WatchAlert> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        while (queue.length === 0 && !done && !this.finished) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
        const value = queue.shift();
        return value !== undefined ? { value, done: false } : { value: undefined, done: true };
      },
      return: async () => {
        finish();
        return { value: undefined, done: true };
      },
    };
    return iterator;
  }

  private readonly onFinished: (() => void)[] = [];

  /**
   * Reads and judges until `signal` aborts, then saves the last checkpoint and resolves with a
   * summary. Rejects with the ManagementApiError of a failure no retry mends (401, 403 without
   * read:logs), or the store's error; the checkpoint of the pages judged so far is saved first.
   * Throws if called twice.
   */
  async run(signal: AbortSignal): Promise<WatchSummary> {
    if (this.running) {
      throw new Error('This watch is already running: start another TenantWatch.');
    }
    this.running = true;
    const { options } = this;
    let start: WatchStart = options.start instanceof Date ? { from: 'date', date: options.start } : { from: 'now' };
    if (options.resume !== false) {
      const checkpoint = await options.store.load(options.tenant);
      if (checkpoint) {
        start = { from: 'checkpoint', checkpoint };
        this.lastCheckpoint = checkpoint;
        this.judge.remember(checkpoint.raised ?? []);
      }
    } else {
      // Started anew, not resumed: what an earlier watch of the tenant raised is still raised (a
      // holder trying a revoked token again is not news). A damaged checkpoint is not in the way.
      const earlier = await options.store.load(options.tenant).catch(() => undefined);
      this.judge.remember(earlier?.raised ?? []);
    }
    this.tail = new LogTail({
      client: options.client,
      tenant: options.tenant,
      start,
      clock: options.clock,
      sleep: options.sleep,
      share: options.share,
      minIntervalMs: options.minIntervalMs,
      maxIntervalMs: options.maxIntervalMs,
      onStatus: (status) => {
        this.reportPace(status.shortfall);
        this.emit({ type: 'status', status: this.status() });
      },
      untilCaughtUp: options.once,
    });
    /** The page being judged and its last event judged (or read past), until its checkpoint is saved. */
    let inHand: { page: TailPage; through?: LogEvent } | undefined;
    try {
      for await (const page of this.tail.pages(signal)) {
        inHand = { page };
        if (page.gap) {
          this.emit({ type: 'gap', gap: page.gap });
        }
        for (const event of page.events) {
          if (this.inScope(event)) {
            await this.knowUser(event, signal);
            for (const alert of this.judge.judge(event)) {
              this.alertCount += 1;
              this.emit({ type: 'alert', alert });
            }
          }
          inHand.through = event;
        }
        inHand = undefined;
        if (page.checkpoint.logId !== '') {
          await this.saveCheckpoint(page.checkpoint);
        }
        this.emit({ type: 'status', status: this.status() });
      }
    } catch (error) {
      // Stopped while a user's history was being read: what was judged of the page in hand is
      // checkpointed, so the next run neither judges it again nor raises its alerts twice.
      // Anything else is a failure.
      if (!(signal.aborted && isManagementApiError(error, 'cancelled'))) {
        throw error;
      }
      const through = inHand?.through;
      if (inHand && typeof through?.log_id === 'string' && through.log_id !== '') {
        await this.saveCheckpoint({
          ...inHand.page.checkpoint,
          logId: through.log_id,
          ...(typeof through.date === 'string' ? { lastEventDate: through.date } : {}),
        });
      }
    } finally {
      this.finished = true;
      for (const finish of this.onFinished.splice(0)) {
        finish();
      }
      this.emit({ type: 'status', status: this.status() });
    }
    const status = this.status();
    return { alerts: this.alertCount, judged: this.judge.judged, events: status.events, requests: status.requests, checkpoint: this.lastCheckpoint };
  }

  /** Saves `checkpoint` with what the judge has raised, and tells the listeners. */
  private async saveCheckpoint(tailCheckpoint: WatchCheckpoint): Promise<void> {
    const checkpoint: WatchCheckpoint = { ...tailCheckpoint, raised: this.judge.raisedKeys() };
    await this.options.store.save(checkpoint);
    this.lastCheckpoint = checkpoint;
    this.emit({ type: 'checkpoint', checkpoint });
  }

  /** Says once when the watch starts falling behind for its share, and once when it keeps up again. */
  private reportPace(shortfall: WatchShortfall | undefined): void {
    if ((shortfall === undefined) === (this.shortfall === undefined)) {
      return;
    }
    this.shortfall = shortfall;
    if (shortfall) {
      this.emit({ type: 'pace', shortfall, message: describeShortfall(shortfall, this.options.shareSettings ?? { watch: "the watch's share" }) });
    } else {
      this.emit({ type: 'pace', message: 'The watch keeps up with the log again: it read a page that was not full.' });
    }
  }

  private inScope(event: LogEvent): boolean {
    const narrow = this.options.narrow;
    if (narrow?.userIds && !narrow.userIds.has(String(event.user_id ?? ''))) {
      return false;
    }
    if (narrow?.clientIds && !narrow.clientIds.has(String(event.client_id ?? ''))) {
      return false;
    }
    return true;
  }

  /** Reads the user's history once (userHistory), before their first event is judged. */
  private async knowUser(event: LogEvent, signal: AbortSignal): Promise<void> {
    const source = this.historySource();
    const userId = typeof event.user_id === 'string' ? event.user_id : '';
    if (!source || userId === '' || !isJudgedEvent(event)) {
      return;
    }
    let pending = this.histories.get(userId);
    if (!pending) {
      pending = source(userId, signal, event).then(
        (events) => {
          this.historiesRead += 1;
          // The event being judged may be in the history already: learnt events are not judged again,
          // so only what happened before it is learnt.
          const at = String(event.log_id ?? '');
          this.judge.learn(events.filter((known) => typeof known.log_id !== 'string' || at === '' || known.log_id < at));
        },
        (error: unknown) => {
          if (signal.aborted) {
            throw error;
          }
          this.emit({ type: 'history-unavailable', userId, message: error instanceof Error ? error.message : String(error) });
        },
      );
      this.histories.set(userId, pending);
    }
    await pending;
  }

  private historySource(): UserHistorySource | undefined {
    const { userHistory, client } = this.options;
    if (typeof userHistory === 'function') {
      return userHistory;
    }
    if (userHistory !== true) {
      return undefined;
    }
    return (userId, signal, about) => readUserHistory(client, userId, signal, about);
  }
}

/** Log events a page of a user's history holds (Auth0's most). */
const HISTORY_PAGE_SIZE = 100;
/** Pages of a user's history read at most: 500 events. */
export const HISTORY_MAX_PAGES = 5;

/**
 * A user's recent history for the judge: `GET /api/v2/users/{id}/logs` (scope read:logs), newest
 * first, 100 events a page, as background requests. One page, unless that page is full and the
 * family of `about` (the event the watch is judging) appears in it only from one IP address:
 * then there is nothing to compare its next exchange with (an attacker exchanging every few
 * seconds fills a page in minutes, and read alone that looks like the family's own habit), so
 * older pages follow until the family turns up from another address, a page is not full, or
 * HISTORY_MAX_PAGES were read. Resolves with the events, newest first; rejects with the client's
 * ManagementApiError ('cancelled' when `signal` aborts).
 */
export async function readUserHistory(client: Pick<ManagementClient, 'listUserLogs'>, userId: string, signal: AbortSignal, about?: LogEvent): Promise<LogEvent[]> {
  const family = about === undefined ? undefined : familyKey(about);
  const events: LogEvent[] = [];
  const familyAddresses = new Set<string>();
  for (let page = 0; page < HISTORY_MAX_PAGES; page += 1) {
    const { logs } = await client.listUserLogs(userId, { page, perPage: HISTORY_PAGE_SIZE, sort: 'date:-1', includeTotals: false, signal, priority: 'background' });
    events.push(...logs);
    for (const event of logs) {
      if (family !== undefined && familyKey(event) === family && typeof event.ip === 'string' && event.ip !== '') {
        familyAddresses.add(event.ip);
      }
    }
    if (logs.length < HISTORY_PAGE_SIZE || familyAddresses.size !== 1) {
      break;
    }
  }
  return events;
}
