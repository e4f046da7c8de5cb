// One tenant's state, owned by its connection and free of `vscode`: the Management API client,
// the application names (the client's one cache), and what this extension has revoked. Commands
// act on the model; the tree, the details panels and the Quick Pick listen to its events. That
// keeps one owner for each fact instead of views telling each other.
import { raceWithSignal } from '../auth0/cancellation';
import { isManagementApiError, type ManagementApiError } from '../auth0/errors';
import type { ManagementClient, RequestOptions } from '../auth0/managementClient';
import type { RefreshToken } from '../auth0/types';
import type { TokenAnalysis } from '../findings/analyzeToken';
import { findingsAnalysis } from '../findings/findingsLoader';
import type { FindingThresholds } from '../findings/thresholds';
import { Emitter, type ModelEvent } from './events';
import { TokenEvidence, type EvidenceSources, type TokenEvidenceOptions } from './tokenEvidence';

/** Auth0 deletes in the background: the pauses between checks for a revoked token to be gone. */
export const REVOCATION_POLL_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 3000, 5000, 8000];

export interface RevocationChange {
  /** 'revoked': Auth0 accepted the revocation (it may still list the tokens for a while);
   *  'settled': Auth0 no longer lists them (or the checks gave up): reload the user's list. */
  state: 'revoked' | 'settled';
  /** The user whose tokens these are, when known. */
  userId?: string;
  /** The tokens concerned ('revoked'); empty for "all of the user's tokens" with none loaded. */
  tokenIds: readonly string[];
}

/**
 * The tenant's application list, once asked for: loaded (every name is known), or refused with
 * a 403 (the token lacks read:clients and read:client_summary: `error` says which scopes).
 */
export type ApplicationList = { state: 'loaded' } | { state: 'refused'; error: ManagementApiError };

export interface TenantModelOptions {
  /** Waits `ms` milliseconds (tests inject a recorder); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Default REVOCATION_POLL_DELAYS_MS. */
  pollDelaysMs?: readonly number[];
  /** Where sessions and log events come from; default: the client, at background priority. */
  evidence?: EvidenceSources;
  /** The findings' limits (settings); missing ones take their defaults. */
  thresholds?: Partial<FindingThresholds>;
  /** The evidence's clock, staleness and background bound (see TokenEvidenceOptions). */
  evidenceOptions?: TokenEvidenceOptions;
}

export class TenantModel {
  private readonly revoked = new Set<string>();
  private readonly revocations = new Emitter<RevocationChange>();
  private readonly names = new Emitter<readonly string[]>();
  private readonly settling = new Set<Promise<void>>();
  private listing: Promise<ApplicationList> | undefined;
  private listed: ApplicationList | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly pollDelaysMs: readonly number[];

  /** Fires when tokens were revoked by this extension, and again once Auth0 has applied it. */
  readonly onDidChangeRevocations: ModelEvent<RevocationChange> = this.revocations.event;
  /** Fires with the client ids whose application names became known. */
  readonly onDidResolveApplicationNames: ModelEvent<readonly string[]> = this.names.event;
  /** Sessions and log events, fetched in the background for the findings. */
  readonly evidence: TokenEvidence;
  readonly thresholds: Partial<FindingThresholds>;

  /**
   * @param client the tenant's Management API client; every request of this tenant goes
   *   through it, so they share one rate limiter.
   */
  constructor(
    readonly client: ManagementClient,
    options: TenantModelOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.pollDelaysMs = options.pollDelaysMs ?? REVOCATION_POLL_DELAYS_MS;
    this.thresholds = options.thresholds ?? {};
    this.evidence = new TokenEvidence(options.evidence ?? clientEvidenceSources(client), options.evidenceOptions);
  }

  /**
   * Judges a user's listed refresh tokens with what is known now: their fields, the sessions and
   * log events fetched so far, and what this extension revoked (see findings/analyzeToken.ts).
   * Returns the analysis by token id. Pure apart from reading the caches; never throws.
   */
  analyzeUserTokens(userId: string, tokens: readonly RefreshToken[], now: Date): Map<string, TokenAnalysis> {
    const history = this.evidence.history(userId);
    return findingsAnalysis().analyzeUserTokens(tokens, {
      // Known once a page arrived (an empty history is an answer too); unknown while none has.
      events: history && (history.state === 'loaded' || history.events.length > 0) ? history.events : undefined,
      sessions: this.evidence.knownSessions(),
      now,
      thresholds: this.thresholds,
      revokedIds: this.revoked,
      eventsUnavailable: this.evidence.historyRefusedBecause(userId),
      sessionUnavailable: this.evidence.sessionsRefusedBecause(),
    });
  }

  /** True once this extension revoked the token (Auth0 may list it for a while after). */
  isRevoked(tokenId: string): boolean {
    return this.revoked.has(tokenId);
  }

  /** The application's name if already resolved; undefined while unknown or unreadable. */
  applicationName(clientId: string | undefined): string | undefined {
    return clientId ? this.client.knownClientName(clientId) : undefined;
  }

  /**
   * Resolves the application names of `tokens` (`GET /api/v2/clients/{id}`, one request per
   * application ever: the client caches answers). Never throws: a name that cannot be read is
   * shown as its client id. Fires onDidResolveApplicationNames with the ids newly named.
   */
  async resolveApplicationNames(tokens: readonly RefreshToken[]): Promise<void> {
    const unknown = [...new Set(tokens.map((t) => t.client_id).filter((id): id is string => !!id && this.client.knownClientName(id) === undefined))];
    const named = await Promise.all(unknown.map((id) => this.client.getClientName(id).then((name) => (name ? id : undefined), () => undefined)));
    const resolved = named.filter((id): id is string => id !== undefined);
    if (resolved.length > 0) {
      this.names.fire(resolved);
    }
  }

  /** The outcome of loadApplicationList, once it has one; undefined before (or after a failure worth retrying). */
  get applicationList(): ApplicationList | undefined {
    return this.listed;
  }

  /**
   * Loads every application's name once (`GET /api/v2/clients`, see ManagementClient.listClientNames)
   * into the names applicationName() reads, and fires onDidResolveApplicationNames with the ids
   * newly named. Resolves with the outcome, which is remembered: a success, and a 403 (the token
   * lacks read:clients and read:client_summary) are not asked again. Rejects with the client's
   * ManagementApiError for other failures (network, 5xx), which a later call retries; the load is
   * shared by every caller, so `signal` ends only this caller's wait.
   */
  loadApplicationList(options: RequestOptions = {}): Promise<ApplicationList> {
    this.listing ??= this.fetchApplicationList(options.priority);
    return raceWithSignal(this.listing, options.signal);
  }

  private async fetchApplicationList(priority: RequestOptions['priority']): Promise<ApplicationList> {
    const known = this.client.knownClientNames();
    try {
      const named = (await this.client.listClientNames({ priority })).map((app) => app.client_id).filter((id) => !known.has(id) && this.client.knownClientName(id));
      this.listed = { state: 'loaded' };
      if (named.length > 0) {
        this.names.fire(named);
      }
    } catch (error) {
      if (!isManagementApiError(error) || error.status !== 403) {
        this.listing = undefined;
        throw error;
      }
      this.listed = { state: 'refused', error };
    }
    return this.listed;
  }

  /**
   * Revokes one refresh token (`DELETE /api/v2/refresh-tokens/{id}`). Resolves once Auth0 has
   * accepted it (202), with onDidChangeRevocations fired ('revoked'); a background check fires
   * 'settled' once `GET /refresh-tokens/{id}` answers 404 (or after the last poll delay).
   * Rejects with the client's ManagementApiError (nothing is marked revoked then).
   */
  async revokeToken(token: Pick<RefreshToken, 'id' | 'user_id'>): Promise<void> {
    await this.client.deleteRefreshToken(token.id);
    this.markRevoked([token.id], token.user_id);
    this.settleWhen(token.user_id, () =>
      this.client.getRefreshToken(token.id).then(
        () => false,
        (error: unknown) => isManagementApiError(error, 'not-found'),
      ),
    );
  }

  /**
   * Revokes every refresh token of a user (`DELETE /api/v2/users/{id}/refresh-tokens`, applied
   * by Auth0 in the background). `loadedTokenIds`: the tokens already shown, marked revoked at
   * once. 'settled' fires when the user's first page comes back empty.
   */
  async revokeAllTokens(userId: string, loadedTokenIds: readonly string[]): Promise<void> {
    await this.client.deleteAllRefreshTokens(userId);
    this.markRevoked(loadedTokenIds, userId);
    this.settleWhen(userId, () =>
      this.client.listRefreshTokens(userId, { take: 1 }).then(
        (page) => page.tokens.length === 0,
        () => false,
      ),
    );
  }

  /**
   * Ends a session and revokes every refresh token bound to it (`POST /api/v2/sessions/{id}/revoke`,
   * 202, applied by Auth0 in the background). `boundTokenIds`: the listed tokens with this
   * session_id, marked revoked at once. 'settled' fires when the user lists no token of that session.
   * Rejects with the client's ManagementApiError (nothing is marked then).
   */
  async revokeSession(sessionId: string, userId: string | undefined, boundTokenIds: readonly string[]): Promise<void> {
    await this.client.revokeSession(sessionId);
    this.evidence.markSessionGone(sessionId, userId);
    this.markRevoked(boundTokenIds, userId);
    this.settleWhen(userId, async () => {
      if (userId === undefined) {
        return true;
      }
      const page = await this.client.listRefreshTokens(userId, { take: 100 }).catch(() => undefined);
      return page !== undefined && !page.tokens.some((token) => token.session_id === sessionId);
    });
  }

  /**
   * Replaces a token's refresh_token_metadata (`PATCH /api/v2/refresh-tokens/{id}`; Auth0
   * replaces the whole object, null clears it) and resolves with the token as Auth0 returns it.
   * Rejects with the client's ManagementApiError.
   */
  updateMetadata(tokenId: string, metadata: Record<string, string> | null): Promise<RefreshToken> {
    return this.client.updateRefreshTokenMetadata(tokenId, metadata);
  }

  /**
   * Tells the views about revocations this extension made without revokeToken (a hunt's batch,
   * re-checked by the hunt itself): 'revoked' marks `tokenIds` revoked; 'settled' says Auth0 no
   * longer lists them, so the user's list reloads.
   */
  announceRevocations(change: RevocationChange): void {
    if (change.state === 'revoked') {
      this.markRevoked(change.tokenIds, change.userId);
    } else {
      this.revocations.fire(change);
    }
  }

  /** Resolves when every background check started so far has settled (tests wait on this). */
  async settled(): Promise<void> {
    while (this.settling.size > 0) {
      await Promise.all([...this.settling]);
    }
  }

  dispose(): void {
    this.revocations.dispose();
    this.names.dispose();
    this.evidence.dispose();
  }

  private markRevoked(tokenIds: readonly string[], userId: string | undefined): void {
    for (const id of tokenIds) {
      this.revoked.add(id);
    }
    this.revocations.fire({ state: 'revoked', userId, tokenIds });
  }

  /** Polls `applied` with growing pauses; fires 'settled' when it answers true or the pauses run out. */
  private settleWhen(userId: string | undefined, applied: () => Promise<boolean>): void {
    const check = (async () => {
      for (const delayMs of this.pollDelaysMs) {
        await this.sleep(delayMs);
        if (await applied()) {
          break;
        }
      }
      this.revocations.fire({ state: 'settled', userId, tokenIds: [] });
    })();
    this.settling.add(check);
    void check.finally(() => this.settling.delete(check));
  }
}

/** Sessions and log events from the Management API, as background work (it yields to what a person waits for). */
function clientEvidenceSources(client: ManagementClient): EvidenceSources {
  return {
    fetchSession: (sessionId, priority = 'background') => client.getSession(sessionId, { priority }),
    fetchLogs: async (userId, page, perPage, priority = 'background') => (await client.listUserLogs(userId, { page, perPage, sort: 'date:-1', priority })).logs,
  };
}
