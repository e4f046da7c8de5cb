// What the findings need beyond a token's own fields, fetched in the background and kept per
// tenant: each session a token is bound to (`GET /api/v2/sessions/{id}`) and each user's log
// events (`GET /api/v2/users/{id}/logs`, newest first, paged). Rows appear without waiting for
// these; when one arrives, onDidChange names the user whose findings may have changed.
import { isManagementApiError, type ManagementApiError } from '../auth0/errors';
import type { RefreshToken, Session } from '../auth0/types';
import type { TokenLogEvent } from '../findings/logEvents';
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
  /** `GET /api/v2/sessions/{id}`; rejects with a ManagementApiError (404 'not-found' when gone). */
  fetchSession(sessionId: string): Promise<Session>;
  /** `GET /api/v2/users/{id}/logs?page=&per_page=&sort=date:-1`: one page, newest first. */
  fetchLogs(userId: string, page: number, perPage: number): Promise<readonly TokenLogEvent[]>;
}

/** Log events per page: Auth0's largest, so a history needs the fewest requests. */
export const LOG_PAGE_SIZE = 100;
/**
 * Events a user's log listing can be paged through: Auth0 refuses page * per_page beyond 1,000
 * (management-api-v2 `GET /users/{id}/logs`: "you may only paginate through up to 1,000").
 */
export const USER_LOG_PAGING_CAP = 1000;
/** Sessions looked up per user listing in the background; the details panel looks up any other. */
export const SESSIONS_PER_USER = 50;

export class TokenEvidence {
  private readonly sessions = new Map<string, SessionState>();
  private readonly histories = new Map<string, HistoryState & { pages: number }>();
  private readonly changed = new Emitter<{ userId: string }>();
  private readonly pending = new Set<Promise<unknown>>();

  /** Fires with the user whose evidence (a session or log events) changed. */
  readonly onDidChange: ModelEvent<{ userId: string }> = this.changed.event;

  constructor(private readonly sources: EvidenceSources) {}

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
   * Looks up `sessionId` once (again only after a failure, or when `refresh`); resolves with what
   * is known. Never rejects: failures are kept as the 'failed' state.
   */
  async loadSession(sessionId: string, userId: string | undefined, refresh = false): Promise<SessionState> {
    const known = this.sessions.get(sessionId);
    if (known && !refresh && known.state !== 'failed') {
      return known;
    }
    this.sessions.set(sessionId, { state: 'loading' });
    const result: SessionState = await this.track(
      this.sources.fetchSession(sessionId).then(
        (session): SessionState => ({ state: 'loaded', session }),
        (error: unknown): SessionState => (isManagementApiError(error, 'not-found') ? { state: 'gone' } : { state: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
      ),
    );
    this.sessions.set(sessionId, result);
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
   * Looks up the sessions of a user's still-listed tokens that are not known yet, at most
   * SESSIONS_PER_USER, one at a time (background work: it must not crowd out what a person waits for).
   */
  async loadSessionsOf(userId: string, tokens: readonly RefreshToken[]): Promise<void> {
    const ids = [...new Set(tokens.map((t) => t.session_id).filter((id): id is string => typeof id === 'string' && id !== '' && !this.sessions.has(id)))];
    for (const id of ids.slice(0, SESSIONS_PER_USER)) {
      // Quietly: one change event for the batch, not one redraw of the user's rows per session.
      const state = await this.loadSession(id, undefined);
      if (state.state === 'failed' && isManagementApiError(state.error) && (state.error.status === 403 || state.error.status === 401)) {
        break; // no read:sessions (or no access): asking for the others would fail the same way
      }
    }
    if (ids.length > 0) {
      this.changed.fire({ userId });
    }
  }

  /**
   * Loads the user's first page of log events, or the next one with `more`. Never rejects: a
   * failure is kept in the state (a missing `read:logs` scope is a normal answer, not a crash).
   */
  async loadHistory(userId: string, more = false): Promise<HistoryState> {
    const known = this.histories.get(userId);
    if (known?.state === 'loading' || (known && !more && known.state === 'loaded') || (known && more && !known.hasMore)) {
      return known;
    }
    const pages = more && known ? known.pages : 0;
    const events = more && known ? known.events : [];
    this.histories.set(userId, { state: 'loading', events, hasMore: known?.hasMore ?? true, pages });
    const entry: HistoryState & { pages: number } = await this.track(
      this.sources.fetchLogs(userId, pages, LOG_PAGE_SIZE).then(
        (page) => {
          const full = page.length === LOG_PAGE_SIZE;
          // The next page would reach past Auth0's cap: asking for it only earns a 400.
          const capped = full && (pages + 2) * LOG_PAGE_SIZE > USER_LOG_PAGING_CAP;
          return { state: 'loaded' as const, events: [...events, ...page], hasMore: full && !capped, ...(capped ? { capped } : {}), pages: pages + 1 };
        },
        (error: unknown) =>
          isManagementApiError(error, 'invalid-paging')
            ? { state: 'loaded' as const, events, hasMore: false, capped: true, pages }
            : { state: 'failed' as const, events, hasMore: true, pages, error: error instanceof Error ? error : new Error(String(error)) },
      ),
    );
    this.histories.set(userId, entry);
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
