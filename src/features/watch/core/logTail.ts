// A tail of the tenant log: GET /api/v2/logs?from={log_id}&take=100, Auth0's checkpoint paging
// (oldest first after the given id; `q` is ignored with `from`, so all filtering is local). It
// polls adaptively: at once after a full page (more is waiting), every `minIntervalMs` while
// events flow, and twice as long after each empty answer up to `maxIntervalMs` when the tenant is
// quiet. Every request goes at background priority through the tenant's limiter (so what a
// person waits for goes first) and, on top of that, within the watch's own share of the tenant's
// rate (`share`, default 0.25: half of a hunt's 0.5). All waits go through the injected clock
// and sleep, so tests run without real time.

import { isManagementApiError } from '../../../auth0/errors';
import type { ManagementClient } from '../../../auth0/managementClient';
import type { Sleep } from '../../../auth0/retryPolicy';
import { delay } from '../../../auth0/cancellation';
import { documentedRatePerSecond } from '../../../auth0/rateLimiter';
import type { LogEvent } from '../../../auth0/types';
import { parseAuth0Date } from '../../../presentation/time';
import type { WatchCheckpoint } from './watchCheckpoint';

/** Where a tail starts: the newest event now, a date within retention, or a saved checkpoint. */
export type WatchStart = { from: 'now' } | { from: 'date'; date: Date } | { from: 'checkpoint'; checkpoint: WatchCheckpoint };

export const DEFAULT_WATCH_SHARE = 0.25;
export const DEFAULT_MIN_INTERVAL_MS = 2_000;
export const DEFAULT_MAX_INTERVAL_MS = 30_000;
/** Auth0's largest page with `from`. */
export const TAIL_PAGE_SIZE = 100;
/** A pause longer than this makes a resume check what retention dropped (one request). */
export const GAP_CHECK_AFTER_MS = 60 * 60_000;
const FALLBACK_RATE_PER_SECOND = 2;
/** After a failed poll that may pass (network, 5xx, timeout): wait this long, doubling, up to maxInterval. */
const ERROR_BACKOFF_MS = 5_000;

/** Full pages in a row before the tail judges whether its share keeps up with the log. */
const SHORTFALL_AFTER_FULL_PAGES = 3;
/** Full pages the log's rate is measured over. */
const RATE_WINDOW_PAGES = 10;
/**
 * Falling behind from this fraction of what the share allows: a log that needs 90 % or more of
 * the requests leaves too little to read a backlog down (at 100 % it never shrinks).
 */
const SHORTFALL_AT = 0.9;
/** A suggested share keeps up with this much to spare. */
const SUGGESTED_HEADROOM = 1.2;

/** Why a tail reading full pages back to back cannot catch up: its share is below what the log needs. */
export interface WatchShortfall {
  /** The share the watch gets (0..1]: its own, or the limiter's background share when that is smaller. */
  share: number;
  /** Which share binds: the watch's own, or the background share of the limiter it runs in (a hunt's too). */
  limitedBy: 'watch' | 'background';
  /** The tenant's rate the share is of, requests/s (learnt, else documented for the burst). */
  ratePerSecond: number;
  /** share × rate, requests/min. */
  allowedPerMinute: number;
  /** The log's rate, events per second of log time, over the last full pages. */
  eventsPerSecond: number;
  /** Requests/min that rate needs: events ÷ 100 a request. */
  neededPerMinute: number;
  /** The smallest share, in steps of 0.05, that needs no more than 1/1.2 of it; undefined when even the whole rate is too little. */
  suggestedShare?: number;
}

/**
 * Whether a share keeps up with a log of `eventsPerSecond` (events/s of log time) on a tenant
 * of `ratePerSecond` requests/s: undefined when the log needs less than 90 % of the requests the
 * share allows, else what it needs and allows. `backgroundShare` is the limiter's (default 1):
 * the watch gets the smaller of the two. Pure; throws nothing.
 */
export function assessShortfall(input: { eventsPerSecond: number; share: number; backgroundShare?: number; ratePerSecond: number }): WatchShortfall | undefined {
  const { eventsPerSecond, ratePerSecond } = input;
  const background = input.backgroundShare ?? 1;
  const share = Math.min(input.share, background);
  const allowedPerMinute = share * ratePerSecond * 60;
  const neededPerMinute = (eventsPerSecond * 60) / TAIL_PAGE_SIZE;
  if (!(ratePerSecond > 0) || !(neededPerMinute >= SHORTFALL_AT * allowedPerMinute)) {
    return undefined;
  }
  // Rounded to hundredths first: 0.35 / 0.05 is 6.999….
  const steps = Math.ceil(Number(((neededPerMinute * SUGGESTED_HEADROOM) / (ratePerSecond * 60) / 0.05).toFixed(2)));
  const suggested = Math.max(steps * 0.05, share + 0.05);
  return {
    share,
    limitedBy: background < input.share ? 'background' : 'watch',
    ratePerSecond,
    allowedPerMinute,
    eventsPerSecond,
    neededPerMinute,
    ...(suggested <= 1 + 1e-9 ? { suggestedShare: Number(suggested.toFixed(2)) } : {}),
  };
}

/** Where a person raises each share: a setting's name, or a command-line flag. */
export interface ShareSettings {
  /** The watch's own share ("auth0TokenInspector.watch.rateShare", "--share"). */
  watch: string;
  /** The limiter's background share, when the watch runs within one a person sets ("auth0TokenInspector.hunt.rateShare"). */
  background?: string;
}

const perMinuteText = (value: number) => (value >= 10 ? Math.round(value) : Number(value.toFixed(1))).toLocaleString('en-US');
const rateText = (value: number) => Number(value.toFixed(value >= 10 ? 0 : 1)).toLocaleString('en-US');

/** "its share (0.25 of 2 requests/s = 30/min)". */
function shareText(shortfall: WatchShortfall): string {
  return `its share (${shortfall.share} of ${rateText(shortfall.ratePerSecond)} requests/s = ${perMinuteText(shortfall.allowedPerMinute)}/min${shortfall.limitedBy === 'background' ? ', the background share it runs within' : ''})`;
}

/**
 * One sentence for the output channel and the command line's stderr: why the watch falls behind
 * and what to raise, e.g. "The watch is falling behind: its share (0.25 of 2 requests/s = 30/min)
 * is below what the log needs (~48/min: 80 events/s, 100 a request). Raise
 * auth0TokenInspector.watch.rateShare to 0.4 (1 = all of the tenant's rate; what a person opens
 * still goes first)."
 */
export function describeShortfall(shortfall: WatchShortfall, settings: ShareSettings): string {
  const comparison = shortfall.neededPerMinute > shortfall.allowedPerMinute ? 'is below' : 'is no more than';
  const needs = `~${perMinuteText(shortfall.neededPerMinute)}/min: ${rateText(shortfall.eventsPerSecond)} events/s, ${TAIL_PAGE_SIZE} a request`;
  const setting = shortfall.limitedBy === 'background' && settings.background ? settings.background : settings.watch;
  const fix =
    shortfall.suggestedShare !== undefined
      ? `Raise ${setting} to ${shortfall.suggestedShare} (1 = all of the tenant's rate; what a person opens still goes first).`
      : `Even all of the tenant's rate (${perMinuteText(shortfall.ratePerSecond * 60)}/min) is too little: raising ${setting} to 1 narrows the gap, and only a higher rate limit closes it (a narrowed watch still reads every event).`;
  return `The watch is falling behind: ${shareText(shortfall)} ${comparison} what the log needs (${needs}). ${fix}`;
}

/** A span the tail could not read: the events Auth0 had dropped (retention) by the time it looked. */
export interface TailGap {
  /** ISO date of the last event read before the pause (or the chosen start). */
  from: string;
  /** ISO date of the oldest event the tenant still keeps. */
  to: string;
  /** One sentence for a person. */
  message: string;
}

export type TailState = 'starting' | 'reading' | 'caught-up' | 'retrying' | 'stopped';

export interface TailStatus {
  state: TailState;
  /**
   * ms between the watch's clock and the instant up to which every event has been read (the last
   * poll that came back with less than a full page, else the newest event read); undefined before
   * the first poll.
   */
  behindMs?: number;
  /** ms until the next poll, when one is scheduled. */
  nextPollInMs?: number;
  /** Requests sent to GET /logs (start and gap checks included). */
  requests: number;
  /** Events read. */
  events: number;
  /** ISO date of the newest event read. */
  lastEventDate?: string;
  /** The last failure, while retrying. */
  error?: string;
  /** Set while full pages come back to back and the log needs (nearly) more than the share allows. */
  shortfall?: WatchShortfall;
}

/** One page of events, with the checkpoint to save once they are judged. */
export interface TailPage {
  events: LogEvent[];
  checkpoint: WatchCheckpoint;
  /** Set on the first page after a resume or a chosen start that retention had partly dropped. */
  gap?: TailGap;
}

export interface LogTailOptions {
  client: Pick<ManagementClient, 'listLogs' | 'limiter'>;
  /** The tenant's domain, recorded in the checkpoint. */
  tenant: string;
  start: WatchStart;
  /** Epoch ms (default Date.now). */
  clock?: () => number;
  /** How the tail waits (default: timers). */
  sleep?: Sleep;
  /** Share (0..1] of the tenant's rate the watch may use (default 0.25). */
  share?: number;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** Told of every change of status. */
  onStatus?: (status: TailStatus) => void;
  /** End (return) after the first poll that finds no full page: read up to now, then stop (--once). */
  untilCaughtUp?: boolean;
}

/** Where a watch stands, for its status line: "stopped", "retrying (HTTP 503)", or describeBehind's. */
export function describeTailState(status: Pick<TailStatus, 'state' | 'behindMs' | 'error' | 'shortfall'>): string {
  if (status.state === 'stopped') {
    return 'stopped';
  }
  return status.state === 'retrying' ? `retrying (${status.error ?? 'failed'})` : describeBehind(status.behindMs, status.shortfall);
}

/**
 * "12 s behind", "4 min behind", "5 h behind", "25 days behind" (a backfill), "up to date"; with a
 * shortfall, why: "4 min behind, falling behind: its share (0.25 of 2 requests/s = 30/min) is
 * below the log's ~48/min".
 */
export function describeBehind(behindMs: number | undefined, shortfall?: WatchShortfall): string {
  if (behindMs === undefined) {
    return 'starting';
  }
  const seconds = Math.max(0, Math.round(behindMs / 1000));
  const minutes = Math.round(seconds / 60);
  const hours = Math.round(minutes / 60);
  const behind =
    seconds < 1 ? 'up to date' : seconds < 120 ? `${seconds} s behind` : minutes < 120 ? `${minutes} min behind` : hours < 48 ? `${hours} h behind` : `${Math.round(hours / 24)} days behind`;
  if (!shortfall) {
    return behind;
  }
  const comparison = shortfall.neededPerMinute > shortfall.allowedPerMinute ? 'is below' : 'is no more than';
  return `${behind}, falling behind: ${shareText(shortfall)} ${comparison} the log's ~${perMinuteText(shortfall.neededPerMinute)}/min`;
}

function lastDateOf(events: readonly LogEvent[]): string | undefined {
  for (let index = events.length - 1; index >= 0; index--) {
    const date = parseAuth0Date(events[index].date);
    if (date) {
      return date.toISOString();
    }
  }
  return undefined;
}

/** Errors a later poll may not meet (network, 5xx, timeout, rate limit); the rest stop the tail. */
function isTransient(error: unknown): boolean {
  return ['network', 'timeout', 'server-error', 'rate-limited', 'invalid-json'].some((kind) => isManagementApiError(error, kind as never));
}

export class LogTail {
  private readonly clock: () => number;
  private readonly sleep: Sleep;
  private readonly share: number;
  private readonly minIntervalMs: number;
  private readonly maxIntervalMs: number;
  private status: TailStatus = { state: 'starting', requests: 0, events: 0 };
  private caughtUpTo?: number;
  private lastRequestAt?: number;
  /** The full pages read back to back (the last RATE_WINDOW_PAGES): their span of log time and events. */
  private fullPages: { fromMs: number; toMs: number; events: number }[] = [];

  /** Throws a RangeError for a share outside (0, 1] or intervals that are not positive with min ≤ max. */
  constructor(private readonly options: LogTailOptions) {
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? delay;
    this.share = options.share ?? DEFAULT_WATCH_SHARE;
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
    this.maxIntervalMs = options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS;
    if (!(this.share > 0 && this.share <= 1)) {
      throw new RangeError(`The watch's share of the rate must be in (0, 1], got ${this.share}`);
    }
    if (!(this.minIntervalMs > 0 && this.maxIntervalMs >= this.minIntervalMs)) {
      throw new RangeError(`Poll intervals must be positive with the minimum at most the maximum, got ${this.minIntervalMs} and ${this.maxIntervalMs} ms`);
    }
  }

  /** The status now (behindMs computed on the clock). */
  currentStatus(): TailStatus {
    return { ...this.status, behindMs: this.caughtUpTo === undefined ? undefined : Math.max(0, this.clock() - this.caughtUpTo) };
  }

  private report(patch: Partial<TailStatus>): void {
    this.status = { ...this.status, ...patch };
    this.options.onStatus?.(this.currentStatus());
  }

  /** The tenant's rate, requests/s: the limiter's learnt lower bound, else the documented one for the burst. */
  private ratePerSecond(): number {
    const { burst, perSecond } = this.options.client.limiter.observedLimits();
    return Math.max(perSecond ?? 0, documentedRatePerSecond(burst) ?? FALLBACK_RATE_PER_SECOND);
  }

  /** ms between two of the watch's requests: its share of the tenant's rate (learnt, else documented). */
  pacingMs(): number {
    return 1000 / (this.ratePerSecond() * this.share);
  }

  /**
   * After a page: the log's rate over the last full pages (events per second of their dates) and
   * whether the share keeps up with it; a page that is not full means the tail caught up.
   */
  private assessPace(full: boolean, events: number, fromMs: number | undefined, toMs: number | undefined): WatchShortfall | undefined {
    if (!full || fromMs === undefined || toMs === undefined) {
      this.fullPages = [];
      return undefined;
    }
    this.fullPages.push({ fromMs, toMs, events });
    if (this.fullPages.length > RATE_WINDOW_PAGES) {
      this.fullPages.shift();
    }
    const first = this.fullPages[0];
    const last = this.fullPages[this.fullPages.length - 1];
    const spanMs = last.toMs - first.fromMs;
    if (this.fullPages.length < SHORTFALL_AFTER_FULL_PAGES || spanMs <= 0) {
      return this.status.shortfall;
    }
    const read = this.fullPages.reduce((sum, page) => sum + page.events, 0);
    const limiter = this.options.client.limiter as Partial<Pick<ManagementClient['limiter'], 'backgroundShare'>>;
    return assessShortfall({ eventsPerSecond: (read * 1000) / spanMs, share: this.share, backgroundShare: limiter.backgroundShare, ratePerSecond: this.ratePerSecond() });
  }

  private async wait(ms: number, signal: AbortSignal): Promise<void> {
    if (ms > 0) {
      await this.sleep(Math.ceil(ms), signal);
    }
  }

  private async request(signal: AbortSignal, options: Parameters<ManagementClient['listLogs']>[0]): Promise<LogEvent[]> {
    if (this.lastRequestAt !== undefined) {
      await this.wait(this.lastRequestAt + this.pacingMs() - this.clock(), signal);
    }
    this.lastRequestAt = this.clock();
    this.status.requests += 1;
    return this.options.client.listLogs({ ...options, signal, priority: 'background' });
  }

  private checkpoint(logId: string, lastEventDate: string | undefined): WatchCheckpoint {
    return { version: 1, tenant: this.options.tenant, logId, lastEventDate, savedAt: new Date(this.clock()).toISOString() };
  }

  /** The oldest event the tenant keeps, if it is newer than `since` (ISO): the span retention dropped. */
  private async gapSince(since: string, signal: AbortSignal): Promise<TailGap | undefined> {
    const [oldest] = await this.request(signal, { sort: 'date:1', perPage: 1 });
    const oldestDate = parseAuth0Date(oldest?.date);
    const sinceDate = parseAuth0Date(since);
    if (!oldestDate || !sinceDate || oldestDate.getTime() <= sinceDate.getTime()) {
      return undefined;
    }
    return {
      from: sinceDate.toISOString(),
      to: oldestDate.toISOString(),
      message: `Events from ${sinceDate.toISOString()} to ${oldestDate.toISOString()} could not be read: the tenant no longer keeps them (log retention). They were not judged.`,
    };
  }

  /**
   * The pages of events from the start on, oldest first, until `signal` aborts (then it returns
   * quietly; an in-flight request is abandoned). A page is yielded only when it has events; its
   * checkpoint names its last event. Throws the ManagementApiError of a failure no later poll can
   * mend (401, 403 without read:logs, a malformed checkpoint id: 400); retries transient ones.
   */
  async *pages(signal: AbortSignal): AsyncGenerator<TailPage, void, undefined> {
    try {
      yield* this.run(signal);
    } catch (error) {
      if (!(signal.aborted && isManagementApiError(error, 'cancelled'))) {
        throw error;
      }
    } finally {
      this.report({ state: 'stopped', nextPollInMs: undefined });
    }
  }

  private async *run(signal: AbortSignal): AsyncGenerator<TailPage, void, undefined> {
    const { start } = this.options;
    let cursor: string | undefined;
    let lastEventDate: string | undefined;
    let gap: TailGap | undefined;
    /** Before any event exists (an empty tenant, or a date with nothing after it yet): poll by date. */
    let sinceDate: string | undefined;
    if (start.from === 'checkpoint') {
      cursor = start.checkpoint.logId;
      lastEventDate = start.checkpoint.lastEventDate;
      const pausedSince = lastEventDate ?? start.checkpoint.savedAt;
      const pausedAt = parseAuth0Date(pausedSince)?.getTime();
      if (pausedAt !== undefined && this.clock() - pausedAt > GAP_CHECK_AFTER_MS) {
        gap = await this.gapSince(pausedSince, signal);
      }
    } else if (start.from === 'now') {
      const [newest] = await this.request(signal, { sort: 'date:-1', perPage: 1 });
      if (newest && typeof newest.log_id === 'string' && newest.log_id !== '') {
        cursor = newest.log_id;
        lastEventDate = lastDateOf([newest]);
      } else {
        sinceDate = new Date(this.clock()).toISOString();
      }
    } else {
      sinceDate = start.date.toISOString();
      gap = await this.gapSince(sinceDate, signal);
      // Nothing dated at or after the date yet (a quiet tenant): start at the newest event, as a
      // start at now does, so a run that reads nothing still saves where it began (--once).
      const [newest] = await this.request(signal, { sort: 'date:-1', perPage: 1 });
      const newestAt = parseAuth0Date(newest?.date)?.getTime();
      if (newest && typeof newest.log_id === 'string' && newest.log_id !== '' && newestAt !== undefined && newestAt < start.date.getTime()) {
        cursor = newest.log_id;
        lastEventDate = lastDateOf([newest]);
        sinceDate = undefined;
      }
    }
    // Read up to: now for a start at now, else where the backfill begins (the chosen date, or the
    // checkpoint's last event): a backfill is as far behind as its oldest unread event.
    const backfillFrom = start.from === 'date' ? start.date.getTime() : start.from === 'checkpoint' ? parseAuth0Date(lastEventDate ?? start.checkpoint.savedAt)?.getTime() : undefined;
    this.caughtUpTo = Math.min(this.clock(), backfillFrom ?? Infinity);
    this.report({ state: 'reading' });
    if (cursor !== undefined && start.from !== 'checkpoint') {
      // Where "now" is, as a checkpoint at once: a run stopped before any event arrives still
      // resumes from here, never from a later "now" that would skip what came in between.
      yield { events: [], checkpoint: this.checkpoint(cursor, lastEventDate), ...(gap ? { gap } : {}) };
      gap = undefined;
    }

    let intervalMs = this.minIntervalMs;
    let errorBackoffMs = ERROR_BACKOFF_MS;
    let dueAt = this.clock();
    for (;;) {
      this.report({ nextPollInMs: Math.max(0, dueAt - this.clock()) });
      await this.wait(dueAt - this.clock(), signal);
      const sentAt = this.clock();
      let events: LogEvent[];
      try {
        events =
          cursor === undefined
            ? await this.request(signal, { q: `date:[${sinceDate} TO *]`, sort: 'date:1', perPage: TAIL_PAGE_SIZE })
            : await this.request(signal, { from: cursor, take: TAIL_PAGE_SIZE });
      } catch (error) {
        if (!isTransient(error)) {
          throw error;
        }
        this.report({ state: 'retrying', error: error instanceof Error ? error.message : String(error) });
        dueAt = this.clock() + errorBackoffMs;
        errorBackoffMs = Math.min(this.maxIntervalMs, errorBackoffMs * 2);
        continue;
      }
      errorBackoffMs = ERROR_BACKOFF_MS;
      // Checkpoint paging is exclusive of `from`; an event at or before the cursor is dropped
      // anyway, so an id read twice (an overlap after a retry) is never judged twice.
      const fresh = cursor === undefined ? events : events.filter((event) => typeof event.log_id === 'string' && event.log_id > (cursor as string));
      const full = events.length >= TAIL_PAGE_SIZE;
      const previousDateMs = parseAuth0Date(lastEventDate)?.getTime();
      if (fresh.length > 0) {
        const last = fresh[fresh.length - 1];
        if (typeof last.log_id === 'string' && last.log_id !== '') {
          cursor = last.log_id;
          sinceDate = undefined;
        }
        lastEventDate = lastDateOf(fresh) ?? lastEventDate;
        this.status.events += fresh.length;
      }
      if (full) {
        const newest = parseAuth0Date(lastEventDate)?.getTime();
        this.caughtUpTo = newest !== undefined ? Math.max(this.caughtUpTo ?? 0, newest) : this.caughtUpTo;
        dueAt = this.clock();
      } else {
        this.caughtUpTo = sentAt;
        intervalMs = fresh.length > 0 ? this.minIntervalMs : Math.min(this.maxIntervalMs, intervalMs * 2);
        dueAt = this.clock() + intervalMs;
      }
      const shortfall = this.assessPace(full, fresh.length, previousDateMs, parseAuth0Date(lastEventDate)?.getTime());
      this.report({ state: full ? 'reading' : 'caught-up', lastEventDate, error: undefined, shortfall });
      if (fresh.length > 0 && cursor !== undefined) {
        yield { events: fresh, checkpoint: this.checkpoint(cursor, lastEventDate), ...(gap ? { gap } : {}) };
        gap = undefined;
      } else if (gap) {
        // Nothing to read yet, but the gap is news: say it with an empty page.
        yield { events: [], checkpoint: this.checkpoint(cursor ?? '', lastEventDate), gap };
        gap = undefined;
      }
      if (this.options.untilCaughtUp && !full) {
        return;
      }
    }
  }
}
