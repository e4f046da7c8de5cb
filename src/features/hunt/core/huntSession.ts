// One hunt across a tenant, as the extension runs it: the hunt itself (hunt/huntRunner.ts) over
// the tenant's model (its client, so hunt requests share the tenant's limiter as background
// work; its findings; its application names), what it found, and what has been done to what it
// found (revoking, pending until a re-check no longer finds the token, revoked, failed). It is
// the one owner of that state: the results panel, the status bar and the progress notification
// listen to onDidChange.
//
// Cancelling drains: no new user is started, and the users whose tokens are being read are read
// to the end and recorded as done, so a hunt resumed from its checkpoint never asks for a user
// the cancelled run already asked for.

import { isManagementApiError } from '../../../auth0/errors';
import type { ManagementClient } from '../../../auth0/managementClient';
import type { RefreshToken } from '../../../auth0/types';
import type { CheckpointStore, HuntCheckpoint, HuntMatch } from './checkpoint';
import type { HuntCriteria } from './criteria';
import { runHunt, type HuntProgress, type HuntResult, type HuntSource } from './huntRunner';
import { backgroundHuntSource, memoryEarlyAccess, type EarlyAccessMemory } from './huntTokenSource';
import { huntRows, type HuntRow } from './results';
import type { UserSource } from './userSources';
import type { AuditWriter } from '../../response/core/audit';
import {
  clientRevocationChecker, executeRevocation, recheckRevocations, type RevocationItem, type RevocationReport, type TokenRevoker,
} from '../../response/core/revocationExecutor';
import { planRevocation, type RevocationPlan } from '../../response/core/revocationPlan';
import { Emitter, type ModelEvent } from '../../../model/events';
import type { TenantModel } from '../../../model/tenantModel';

/** What has happened to a token the hunt found. */
export type MatchState = 'found' | 'revoking' | 'pending' | 'revoked' | 'failed' | 'skipped';

export interface MatchStatus {
  state: MatchState;
  /** For 'failed' and 'skipped': why; for 'pending': what Auth0 said. */
  reason?: string;
}

export type HuntSessionState = 'running' | HuntResult['outcome'];

export type HuntSessionChange =
  | { kind: 'progress' }
  /** New matches arrived (or application names for them). */
  | { kind: 'matches' }
  | { kind: 'statuses'; tokenIds: readonly string[] }
  | { kind: 'ended' };

/** Pauses before each re-check of revoked tokens, ms: Auth0 deletes in the background. */
export const RECHECK_DELAYS_MS: readonly number[] = [500, 1000, 2000, 4000, 8000, 15_000, 30_000];

export interface HuntSessionOptions {
  huntId: string;
  model: TenantModel;
  /** The tenant's domain (checkpoints and audit lines name it). */
  tenant: string;
  criteria: HuntCriteria;
  users: UserSource;
  earlyAccess?: EarlyAccessMemory;
  checkpoints?: CheckpointStore;
  resumeFrom?: HuntCheckpoint;
  /** Users read at once (default 2). */
  concurrency?: number;
  /** Epoch ms (default Date.now). */
  clock?: () => number;
  /** Waits between re-checks (tests inject one that records). */
  sleep?: (ms: number) => Promise<void>;
  recheckDelaysMs?: readonly number[];
  /** Where tokens come from (default: backgroundHuntSource over the model's client). */
  tokens?: HuntSource;
}

export interface RevokeOptions {
  /** Every call gets an audit line; nothing is sent if one cannot be written. */
  audit?: AuditWriter;
  signal?: AbortSignal;
  onItem?(item: RevocationItem): void;
}

/** Foreground requests of the re-checks would compete with the person: they are background too. */
function backgroundChecker(client: ManagementClient) {
  return clientRevocationChecker({
    getRefreshToken: (id, options) => client.getRefreshToken(id, { ...options, priority: 'background' }),
    listRefreshTokens: (userId, options) => client.listRefreshTokens(userId, { ...options, priority: 'background' }),
  });
}

export class HuntSession {
  readonly huntId: string;
  readonly tenant: string;
  readonly criteria: HuntCriteria;
  readonly model: TenantModel;
  private readonly changed = new Emitter<HuntSessionChange>();
  private readonly statuses = new Map<string, MatchStatus>();
  private readonly drain = new AbortController();
  private readonly hard = new AbortController();
  private readonly earlyAccess: EarlyAccessMemory;
  private readonly tokenSource: HuntSource;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly recheckDelaysMs: readonly number[];
  private readonly settling = new Set<Promise<void>>();
  private readonly namedClients = new Set<string>();
  private readonly found: HuntMatch[] = [];
  private running: Promise<HuntResult> | undefined;
  private readonly modelSubscription: { dispose(): void };

  /** Fires when the progress, the matches or what was done to them changed, and when the hunt ended. */
  readonly onDidChange: ModelEvent<HuntSessionChange> = this.changed.event;
  state: HuntSessionState = 'running';
  progress: HuntProgress = { usersDone: 0, usersFailed: 0, tokensScanned: 0, tokensMatched: 0, elapsedMs: 0 };
  result: HuntResult | undefined;

  constructor(private readonly options: HuntSessionOptions) {
    this.huntId = options.huntId;
    this.tenant = options.tenant;
    this.criteria = options.criteria;
    this.model = options.model;
    this.earlyAccess = options.earlyAccess ?? memoryEarlyAccess();
    this.tokenSource = options.tokens ?? backgroundHuntSource(options.model.client, { earlyAccess: this.earlyAccess });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.recheckDelaysMs = options.recheckDelaysMs ?? RECHECK_DELAYS_MS;
    this.found.push(...(options.resumeFrom?.matches ?? []));
    // Revocations made elsewhere (the tree, a details panel, Contain User) show here too.
    this.modelSubscription = options.model.onDidChangeRevocations((change) => {
      const affected = this.found.filter((match) =>
        change.state === 'revoked'
          ? change.tokenIds.includes(match.token.id) && this.status(match.token.id).state === 'found'
          : match.user.userId === change.userId && this.status(match.token.id).state === 'pending' && this.model.isRevoked(match.token.id));
      for (const match of affected) {
        this.statuses.set(match.token.id, change.state === 'revoked' ? { state: 'pending', reason: 'Revoked from this window; Auth0 applies it in the background.' } : { state: 'revoked' });
      }
      if (affected.length > 0) {
        this.changed.fire({ kind: 'statuses', tokenIds: affected.map((match) => match.token.id) });
      }
    });
    if (options.resumeFrom) {
      this.progress = {
        usersDone: options.resumeFrom.usersDone.length,
        usersFailed: 0,
        tokensScanned: options.resumeFrom.tokensScanned,
        tokensMatched: options.resumeFrom.matches.length,
        elapsedMs: 0,
        ...(options.users.total === undefined ? {} : { usersTotal: options.users.total }),
      };
    }
  }

  /** The user source's descriptor (what a resumed hunt rebuilds). */
  get userSource(): UserSource['descriptor'] {
    return this.options.users.descriptor;
  }

  /** Every match so far, in the order found (a resumed hunt's earlier ones first). */
  get matches(): readonly HuntMatch[] {
    return this.found;
  }

  /** True once cancel() was asked for while the hunt ran. */
  get cancelling(): boolean {
    return this.drain.signal.aborted && this.state === 'running';
  }

  /**
   * Runs the hunt (once: later calls answer the same promise). Resolves with how it ended; never
   * rejects for what happens during the hunt (see runHunt), but rejects with CriteriaError or
   * HuntResumeError before any request.
   */
  start(): Promise<HuntResult> {
    this.running ??= this.run();
    return this.running;
  }

  /**
   * Shows what the hunt waits for (a users export waiting for the tenant's other jobs, a fresh
   * link) in its progress, until the hunt's next progress replaces it.
   */
  notice(text: string): void {
    this.progress = { ...this.progress, notice: text };
    this.changed.fire({ kind: 'progress' });
  }

  /** Stops starting users; those being read finish and count as done. The result says 'cancelled'. */
  cancel(): void {
    this.drain.abort();
  }

  /** Stops at once, abandoning the reads in flight (a resumed hunt reads those users again). */
  dispose(): void {
    this.drain.abort();
    this.hard.abort();
    this.modelSubscription.dispose();
    this.changed.dispose();
  }

  status(tokenId: string): MatchStatus {
    return this.statuses.get(tokenId) ?? { state: 'found' };
  }

  /** One row per match, application names as the model knows them now. */
  rows(): HuntRow[] {
    return huntRows(this.found, (clientId) => this.model.applicationName(clientId));
  }

  /** The dry run for the matches among `tokenIds` (others are ignored): exactly what would be revoked. */
  planRevocation(tokenIds: readonly string[]): RevocationPlan {
    const wanted = new Set(tokenIds);
    const rows = this.rows().filter((row) => wanted.has(row.tokenId) && this.status(row.tokenId).state !== 'revoked');
    return planRevocation(rows.map((row) => ({ tokenId: row.tokenId, userId: row.userId, user: row.user, clientId: row.clientId, application: row.application })));
  }

  /**
   * Revokes the tokens of `plan` (see executeRevocation: `POST /api/v2/refresh-tokens/revoke` with
   * up to 100 ids where the tenant has it, else `DELETE /api/v2/refresh-tokens/{id}` each), marks
   * them in the model so the tree and panels show it, then re-checks in the background until Auth0
   * no longer lists them ('pending' → 'revoked'). Resolves with the report once every call was
   * answered; never rejects.
   */
  async revoke(plan: RevocationPlan, options: RevokeOptions = {}): Promise<RevocationReport> {
    const client = this.model.client;
    this.setStatuses(plan.tokenIds, { state: 'revoking' });
    const revoker: TokenRevoker = {
      revokeToken: (tokenId, signal) => client.deleteRefreshToken(tokenId, { signal }),
    };
    if (this.earlyAccess.get() !== false) {
      revoker.revokeTokens = async (ids, signal) => {
        try {
          await client.revokeRefreshTokens({ ids }, { signal });
          this.earlyAccess.set(true);
        } catch (error) {
          if (isManagementApiError(error) && (error.kind === 'endpoint-unavailable' || error.kind === 'not-found' || error.kind === 'forbidden')) {
            this.earlyAccess.set(false);
          }
          throw error;
        }
      };
    }
    const report = await executeRevocation(plan, revoker, {
      audit: options.audit,
      signal: options.signal,
      onItem: (item) => {
        this.setStatuses([item.tokenId], { state: item.outcome, ...(item.reason === undefined ? {} : { reason: item.reason }) });
        options.onItem?.(item);
      },
    });
    const pendingByUser = new Map<string, string[]>();
    for (const item of report.items) {
      if (item.outcome === 'pending') {
        pendingByUser.set(item.userId, [...(pendingByUser.get(item.userId) ?? []), item.tokenId]);
      }
    }
    for (const [userId, tokenIds] of pendingByUser) {
      this.model.announceRevocations({ state: 'revoked', userId, tokenIds });
    }
    if (pendingByUser.size > 0) {
      this.track(this.recheck(report));
    }
    return report;
  }

  /** Resolves when every re-check started so far has ended (tests wait on this). */
  async settled(): Promise<void> {
    while (this.settling.size > 0) {
      await Promise.all([...this.settling]);
    }
  }

  private track(promise: Promise<void>): void {
    this.settling.add(promise);
    void promise.finally(() => this.settling.delete(promise));
  }

  private async recheck(initial: RevocationReport): Promise<void> {
    const checker = backgroundChecker(this.model.client);
    let report = initial;
    const settledUsers = new Set<string>();
    for (const delayMs of this.recheckDelaysMs) {
      await this.sleep(delayMs);
      if (this.hard.signal.aborted) {
        return;
      }
      report = await recheckRevocations(report, checker, this.hard.signal);
      const revoked = report.items.filter((item) => item.outcome === 'revoked' && this.status(item.tokenId).state === 'pending');
      for (const item of revoked) {
        this.setStatuses([item.tokenId], { state: 'revoked', ...(item.reason === undefined ? {} : { reason: item.reason }) });
      }
      for (const item of report.items) {
        const userPending = report.items.some((other) => other.userId === item.userId && other.outcome === 'pending');
        if (item.outcome === 'revoked' && !userPending && !settledUsers.has(item.userId)) {
          settledUsers.add(item.userId);
          this.model.announceRevocations({ state: 'settled', userId: item.userId, tokenIds: [] });
        }
      }
      if (!report.items.some((item) => item.outcome === 'pending')) {
        return;
      }
    }
    // Still listed after the last check: left 'pending', with the reason.
    for (const item of report.items.filter((entry) => entry.outcome === 'pending')) {
      this.setStatuses([item.tokenId], { state: 'pending', reason: 'Auth0 still listed it at the last check; look again later.' });
    }
  }

  private setStatuses(tokenIds: readonly string[], status: MatchStatus): void {
    for (const id of tokenIds) {
      this.statuses.set(id, status);
    }
    this.changed.fire({ kind: 'statuses', tokenIds });
  }

  private async run(): Promise<HuntResult> {
    const { model } = this;
    const clock = this.options.clock ?? Date.now;
    // The findings of a user's tokens are judged together (rotation families, devices): work them
    // out once per user as the tokens arrive, and hand each token its kinds.
    const kinds = new Map<string, string[]>();
    const inner = this.tokenSource;
    const hard = this.hard.signal;
    const tokens: HuntSource = {
      async listUserTokens(userId, _drainSignal, hint) {
        // Not the hunt's own signal: cancelling drains, so a read in flight finishes and counts.
        const listed = await inner.listUserTokens(userId, hard, hint);
        for (const [id, analysis] of model.analyzeUserTokens(userId, listed, new Date(clock()))) {
          kinds.set(id, analysis.findings.map((finding) => finding.kind));
        }
        return listed;
      },
    };
    const findingKindsOf = (token: RefreshToken): string[] => {
      const found = kinds.get(token.id) ?? [];
      kinds.delete(token.id);
      return found;
    };
    for (const match of this.found) {
      this.nameApplication(match.token.client_id);
    }
    let result: HuntResult;
    try {
      result = await runHunt({
        huntId: this.huntId,
        tenant: this.tenant,
        criteria: this.criteria,
        users: this.options.users,
        tokens,
        findingKindsOf,
        concurrency: this.options.concurrency,
        signal: this.drain.signal,
        clock,
        checkpoints: this.options.checkpoints,
        resumeFrom: this.options.resumeFrom,
        onMatch: (match) => {
          this.found.push(match);
          this.nameApplication(match.token.client_id);
          this.changed.fire({ kind: 'matches' });
        },
        onProgress: (progress) => {
          this.progress = progress;
          this.changed.fire({ kind: 'progress' });
        },
      });
    } catch (error) {
      this.state = 'stopped';
      this.changed.fire({ kind: 'ended' });
      throw error;
    }
    this.result = result;
    this.state = result.outcome;
    this.changed.fire({ kind: 'ended' });
    return result;
  }

  /** Resolves a matched token's application name once per application (GET /clients/{id}). */
  private nameApplication(clientId: string | undefined): void {
    if (!clientId || this.namedClients.has(clientId)) {
      return;
    }
    this.namedClients.add(clientId);
    void this.model.client.getClientName(clientId, { priority: 'background' }).then(
      (name) => name !== undefined && this.changed.fire({ kind: 'matches' }),
      () => undefined,
    );
  }
}
