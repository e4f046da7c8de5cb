// What the findings need beyond a token's own fields, fetched in the background and kept per
// tenant: each session a token is bound to (`GET /api/v2/sessions/{id}`) and each user's log
// events (`GET /api/v2/users/{id}/logs`, newest first, paged). Rows appear without waiting for
// these; when one arrives, onDidChange names the user whose findings may have changed.
import { isManagementApiError, type ManagementApiError } from '../auth0/errors';
import type { RequestPriority } from '../auth0/rateLimiter';
import type { RefreshToken, Session } from '../auth0/types';
import type { TokenLogEvent } from '../findings/logEvents';
import { tokenStatus } from '../presentation/tokenStatus';
import { Emitter, type ModelEvent } from './events';

/** A session as far as known: loading, the session, gone (404) or failed (e.g. missing scope). */
export type SessionState =
  | { state: 'loading' }
  | { state: 'loaded'; session: Session }
  | { state: 'gone' }
  | { state: 'failed'; error: ManagementApiError | Error };

/** A user's log events as far as loaded. */
export interface HistoryState {
  state: 'loading' | 'loaded' | 'failed';
  /** Newest first, every page loaded so far. */
  events: readonly TokenLogEvent[];
  /** Another page may follow (`page`/`per_page` paging) and Auth0 would serve it. */
  hasMore: boolean;
  /**
   * Auth0 pages no further (USER_LOG_PAGING_CAP events, or it answered invalid_paging): older
   * events exist only in a date-narrowed tenant log search.
   */
  capped?: boolean;
  error?: ManagementApiError | Error;
}

export interface EvidenceSources {
  /**
   * `GET /api/v2/sessions/{id}`; rejects with a ManagementApiError (404 'not-found' when gone).
   * `priority`: 'foreground' when a person waits for it (a details panel), else 'background'.
   */
  fetchSession(sessionId: string, priority?: RequestPriority): Promise<Session>;
  /** `GET /api/v2/users/{id}/logs?page=&per_page=&sort=date:-1`: one page, newest first; `priority` as for fetchSession. */
  fetchLogs(userId: string, page: number, perPage: number, priority?: RequestPriority): Promise<readonly TokenLogEvent[]>;
}

/** Log events per page: Auth0's largest, so a history needs the fewest requests. */
export const LOG_PAGE_SIZE = 100;
/**
 * Events a user's log listing can be paged through: Auth0 refuses page * per_page beyond 1,000
 * (management-api-v2 `GET /users/{id}/logs`: "you may only paginate through up to 1,000").
 */
export const USER_LOG_PAGING_CAP = 1000;
/**
 * Sessions read in the background per user until the person asks for more (opening a token,
 * "Read More Evidence"). The limit is the tenant's, shared with production: 20 is 2 s of a
 * production tenant's sustained rate (16/s) and 10 s of a non-production one's (2/s), and covers
 * every live session of nearly all users; a user with more still gets their newest tokens judged.
 */
export const SESSIONS_PER_USER = 20;
/**
 * Evidence read longer ago than this is read again when next needed (a row shown, a panel opened).
 * Auth0 writes log events seconds to a minute after the fact and a session can end at any time;
 * five minutes keeps a panel left open from lying for long without re-reading on every redraw.
 * Refresh re-reads at once, whatever the age.
 */
export const EVIDENCE_STALE_AFTER_MS = 5 * 60_000;

export interface TokenEvidenceOptions {
  /** Local time in ms (default Date.now): for staleness and for which tokens can still be exchanged. */
  clock?: () => number;
  /** Default EVIDENCE_STALE_AFTER_MS. */
  staleAfterMs?: number;
  /** Default SESSIONS_PER_USER. */
  sessionsPerUser?: number;
}

/** What is being read in the background, for the output channel and the user's tooltip. */
export interface BackgroundReading {
  userId: string;
  /** Sessions asked for in this batch. */
  sessions: number;
  /** Of those, not answered yet. */
  left: number;
  /** Started by the person (Judge All Refresh Tokens of User), not by the bound. */
  asked?: boolean;
}

/** "reading 12 sessions for findings, 3 left"; "" when nothing is being read. */
export function backgroundReadingText(reading: BackgroundReading | undefined): string {
  if (!reading || reading.left === 0) {
    return '';
  }
  const sessions = reading.sessions === 1 ? '1 session' : `${reading.sessions} sessions`;
  return `${reading.asked ? 'judging all: ' : ''}reading ${sessions} for findings, ${reading.left} left`;
}

/** How far a user's background evidence got when it stopped at the bound: live tokens judged, of all live tokens listed. */
export interface JudgedCount {
  /** Live tokens whose findings have their evidence: no session to read, or the session answered. */
  judged: number;
  /** Tokens listed that can still be exchanged. */
  live: number;
  /** Distinct sessions of those not read yet: what lifting the bound would read. */
  waiting: number;
}

/** "findings for 20 of 57 live tokens"; "" when the evidence did not stop at the bound. */
export function judgedText(count: JudgedCount | undefined): string {
  return count ? `findings for ${count.judged.toLocaleString('en-US')} of ${count.live.toLocaleString('en-US')} live tokens` : '';
}

/**
 * Whether `token` can still be exchanged at `now`: neither expired nor idle-expired. A null or
 * missing `expires_at`/`idle_expires_at` means Auth0 recorded no such expiry, not that it passed.
 */
export function canStillBeExchanged(token: RefreshToken, now: Date): boolean {
  return tokenStatus(token, now).kind === 'active';
}

export class TokenEvidence {
  private readonly sessions = new Map<string, SessionState>();
  /** When each session and history was last answered (local ms); absent: never, or marked stale. */
  private readonly sessionReadAt = new Map<string, number>();
  private readonly historyReadAt = new Map<string, number>();
  private readonly sessionReads = new Map<string, Promise<SessionState>>();
  private readonly histories = new Map<string, HistoryState & { pages: number }>();
  /** Background session reads spent per user, less what the person allowed beyond the bound. */
  private readonly spent = new Map<string, number>();
  private readonly reading = new Map<string, BackgroundReading>();
  private readonly changed = new Emitter<{ userId: string }>();
  private readonly busy = new Emitter<BackgroundReading>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly clock: () => number;
  private readonly staleAfterMs: number;
  private readonly sessionsPerUser: number;

  /** Fires with the user whose evidence (a session or log events) changed. */
  readonly onDidChange: ModelEvent<{ userId: string }> = this.changed.event;
  /** Fires as background session reads start and end (for the output channel and tooltips). */
  readonly onDidChangeBackground: ModelEvent<BackgroundReading> = this.busy.event;

  constructor(
    private readonly sources: EvidenceSources,
    options: TokenEvidenceOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.staleAfterMs = options.staleAfterMs ?? EVIDENCE_STALE_AFTER_MS;
    this.sessionsPerUser = options.sessionsPerUser ?? SESSIONS_PER_USER;
  }

  /** The background reading of `userId`'s sessions under way, if any. */
  backgroundReading(userId: string): BackgroundReading | undefined {
    const reading = this.reading.get(userId);
    return reading && reading.left > 0 ? reading : undefined;
  }

  /**
   * The person asked for more: the next loadSessionsOf reads `sessions` more (default another
   * bound's worth). Fires onDidChange: the user's row stops saying it stopped at the bound.
   */
  allowMore(userId: string, sessions = this.sessionsPerUser): void {
    this.spent.set(userId, (this.spent.get(userId) ?? 0) - sessions);
    this.changed.fire({ userId });
  }

  /**
   * Where `userId`'s background evidence stopped at the bound: sessions of live `tokens` remain
   * unread and the bound is spent (until allowMore or Refresh). Undefined when nothing was held
   * back: every live token's session read or being read, or budget left.
   */
  stoppedAtBound(userId: string, tokens: readonly RefreshToken[]): JudgedCount | undefined {
    const waiting = this.sessionIdsToRead(tokens).length;
    if (this.sessionsPerUser > (this.spent.get(userId) ?? 0) || !waiting) {
      return undefined;
    }
    const live = tokens.filter((token) => canStillBeExchanged(token, new Date(this.clock())));
    // Judged: no session to read, or its session answered.
    const judged = live.filter(({ session_id: id }) => !id || (this.sessions.get(id)?.state ?? 'loading') !== 'loading').length;
    return { judged, live: live.length, waiting };
  }

  /**
   * Refresh: `userId`'s log events and the sessions of `tokens` are read again when next asked
   * for (they keep showing what was read until the answer comes), and the background bound starts
   * over. Starts no request.
   */
  markStale(userId: string, tokens: readonly RefreshToken[]): void {
    this.historyReadAt.delete(userId);
    for (const id of sessionIdsOf(tokens)) {
      this.sessionReadAt.delete(id);
    }
    this.spent.delete(userId);
  }

  private isFresh(readAt: number | undefined): boolean {
    return readAt !== undefined && this.clock() - readAt < this.staleAfterMs;
  }

  /** Distinct sessions of exchangeable tokens not known fresh, newest tokens first. */
  private sessionIdsToRead(tokens: readonly RefreshToken[]): string[] {
    const now = new Date(this.clock());
    const live = tokens.filter((token) => canStillBeExchanged(token, now));
    // Auth0 lists tokens oldest first: the newest are the likeliest to matter.
    return sessionIdsOf([...live].reverse()).filter((id) => !this.sessionReads.has(id) && !this.isFresh(this.sessionReadAt.get(id)));
  }

  /**
   * Why sessions cannot be read on this tenant, when a look-up was refused for want of a scope
   * ("the management token lacks read:sessions"); undefined otherwise.
   */
  sessionsRefusedBecause(): string | undefined {
    for (const entry of this.sessions.values()) {
      if (entry.state === 'failed' && isManagementApiError(entry.error, 'insufficient-scope')) {
        return missingScopeReason(entry.error);
      }
    }
    return undefined;
  }

  /** Why `userId`'s log events cannot be read, when the listing was refused for want of a scope. */
  historyRefusedBecause(userId: string): string | undefined {
    const error = this.histories.get(userId)?.error;
    return error && isManagementApiError(error, 'insufficient-scope') ? missingScopeReason(error) : undefined;
  }

  /** The known sessions by id (loaded ones as the session, 404s as 'gone'), for analyzeUserTokens. */
  knownSessions(): Map<string, Session | 'gone'> {
    const known = new Map<string, Session | 'gone'>();
    for (const [id, entry] of this.sessions) {
      if (entry.state === 'loaded') {
        known.set(id, entry.session);
      } else if (entry.state === 'gone') {
        known.set(id, 'gone');
      }
    }
    return known;
  }

  session(sessionId: string): SessionState | undefined {
    return this.sessions.get(sessionId);
  }

  history(userId: string): HistoryState | undefined {
    return this.histories.get(userId);
  }

  /**
   * Reads `sessionId` (`GET /api/v2/sessions/{id}`) unless a fresh answer is known (read again
   * once stale, or when `refresh`); one read at a time per session. Callers may call it on every
   * redraw: a fresh answer costs no request. While it is
   * read again, the previous answer stays. Resolves with what is known; never rejects: failures
   * are kept as the 'failed' state.
   */
  async loadSession(sessionId: string, userId: string | undefined, refresh = false, priority: RequestPriority = 'background'): Promise<SessionState> {
    const inFlight = this.sessionReads.get(sessionId);
    if (inFlight) {
      return inFlight;
    }
    const known = this.sessions.get(sessionId);
    // A failure is an answer too (a missing scope stays missing): read again once stale, or on Refresh.
    if (known && !refresh && this.isFresh(this.sessionReadAt.get(sessionId))) {
      return known;
    }
    if (!known || known.state === 'failed') {
      this.sessions.set(sessionId, { state: 'loading' });
    }
    const read = this.track(
      this.sources.fetchSession(sessionId, priority).then(
        (session): SessionState => ({ state: 'loaded', session }),
        (error: unknown): SessionState => (isManagementApiError(error, 'not-found') ? { state: 'gone' } : { state: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
      ),
    );
    this.sessionReads.set(sessionId, read);
    const result = await read;
    this.sessionReads.delete(sessionId);
    this.sessions.set(sessionId, result);
    this.sessionReadAt.set(sessionId, this.clock());
    if (userId !== undefined) {
      this.changed.fire({ userId });
    }
    return result;
  }

  /** Marks a session ended by this extension (POST /sessions/{id}/revoke), without a request. */
  markSessionGone(sessionId: string, userId: string | undefined): void {
    this.sessions.set(sessionId, { state: 'gone' });
    if (userId !== undefined) {
      this.changed.fire({ userId });
    }
  }

  /**
   * Background evidence for a user's listed tokens: reads each distinct session of the tokens that
   * can still be exchanged and are not known fresh, one at a time, within the user's bound
   * (SESSIONS_PER_USER until allowMore). Expired and idle-expired tokens cannot be used, so their
   * sessions are not worth the tenant's rate limit; opening such a token still reads its session.
   */
  async loadSessionsOf(userId: string, tokens: readonly RefreshToken[], asked = false): Promise<void> {
    const budget = Math.max(0, this.sessionsPerUser - (this.spent.get(userId) ?? 0));
    const ids = this.sessionIdsToRead(tokens).slice(0, budget);
    if (ids.length === 0) {
      return;
    }
    this.spent.set(userId, (this.spent.get(userId) ?? 0) + ids.length);
    const reading: BackgroundReading = { userId, sessions: ids.length, left: ids.length, ...(asked ? { asked } : {}) };
    this.reading.set(userId, reading);
    this.busy.fire(reading);
    try {
      for (const id of ids) {
        // Quietly: one change event for the batch, not one redraw of the user's rows per session.
        const state = await this.loadSession(id, undefined);
        reading.left -= 1;
        this.busy.fire(reading);
        if (state.state === 'failed' && isManagementApiError(state.error) && (state.error.status === 403 || state.error.status === 401)) {
          break; // no read:sessions (or no access): asking for the others would fail the same way
        }
      }
    } finally {
      if (reading.left > 0) {
        reading.left = 0;
        this.busy.fire(reading);
      }
      this.changed.fire({ userId });
    }
  }

  /**
   * Loads the user's first page of log events unless a fresh answer is known (again once stale,
   * or with `refresh`), or the next page with `more`. Never rejects: a failure is kept in the
   * state (a missing `read:logs` scope is a normal answer, not a crash).
   */
  async loadHistory(userId: string, more = false, refresh = false, priority: RequestPriority = 'background'): Promise<HistoryState> {
    const known = this.histories.get(userId);
    const fresh = !refresh && this.isFresh(this.historyReadAt.get(userId));
    if (known?.state === 'loading' || (known && !more && fresh) || (known && more && !known.hasMore && known.state === 'loaded')) {
      return known;
    }
    // A stale history is read again from its newest page: events that arrived late come first.
    const pages = more && known ? known.pages : 0;
    const events = more && known ? known.events : [];
    // While it is read again, what was read stays shown, and stays if the new read fails.
    const shown = known && !more ? known.events : events;
    this.histories.set(userId, { state: 'loading', events: shown, hasMore: known?.hasMore ?? true, pages: known?.pages ?? 0 });
    const entry: HistoryState & { pages: number } = await this.track(
      this.sources.fetchLogs(userId, pages, LOG_PAGE_SIZE, priority).then(
        (page) => {
          const full = page.length === LOG_PAGE_SIZE;
          // The next page would reach past Auth0's cap: asking for it only earns a 400.
          const capped = full && (pages + 2) * LOG_PAGE_SIZE > USER_LOG_PAGING_CAP;
          return { state: 'loaded' as const, events: [...events, ...page], hasMore: full && !capped, ...(capped ? { capped } : {}), pages: pages + 1 };
        },
        (error: unknown) =>
          isManagementApiError(error, 'invalid-paging')
            ? { state: 'loaded' as const, events: shown, hasMore: false, capped: true, pages }
            : { state: 'failed' as const, events: shown, hasMore: true, pages: known?.pages ?? pages, error: error instanceof Error ? error : new Error(String(error)) },
      ),
    );
    this.histories.set(userId, entry);
    if (!more || !this.historyReadAt.has(userId)) {
      this.historyReadAt.set(userId, this.clock());
    }
    this.changed.fire({ userId });
    return entry;
  }

  /** Resolves when every lookup started so far has ended (tests wait on this). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending]);
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.busy.dispose();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
    return promise;
  }
}

/** "the management token lacks read:logs or read:logs_users": Auth0's accepted scopes, any one of which would do. */
function missingScopeReason(error: ManagementApiError): string {
  const scopes = (error as ManagementApiError & { missingScopes?: string[] }).missingScopes ?? [];
  return scopes.length > 0 ? `the management token lacks ${scopes.join(' or ')}` : 'the management token lacks a scope it needs';
}

/** The distinct session ids of `tokens`, in their order. */
function sessionIdsOf(tokens: readonly RefreshToken[]): string[] {
  return [...new Set(tokens.map((t) => t.session_id).filter((id): id is string => typeof id === 'string' && id !== ''))];
}
