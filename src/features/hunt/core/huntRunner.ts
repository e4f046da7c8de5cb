// A hunt: visit users, read each one's refresh tokens (every page of GET
// /api/v2/users/{user_id}/refresh-tokens, or the EA GET /api/v2/refresh-tokens?user_id=), keep
// those the criteria match. It runs for minutes across a tenant, so it reports progress, can be
// cancelled, checkpoints so a reload resumes where it was, and treats one user's trouble (a user
// deleted meanwhile, a 5xx that outlived the retries) as that user's, not the hunt's. A 401 or
// 403 is about the token or the tenant, so it would fail for every user: the hunt stops on it.

import { isManagementApiError, type ManagementApiError } from '../../../auth0/errors';
import type { ManagementClient } from '../../../auth0/managementClient';
import type { RefreshToken } from '../../../auth0/types';
import { refreshTokenPager } from '../../../paging/cursorPager';
import {
  CHECKPOINT_FORMAT, type CheckpointStore, type FailedUser, type HuntCheckpoint, type HuntMatch, type HuntState,
} from './checkpoint';
import { compileCriteria, CriteriaError, sameCriteria, type FindingKindsOf, type HuntCriteria } from './criteria';
import type { HuntUser, UserSource, UserSourceDescriptor } from './userSources';

/** Where a hunt reads a user's refresh tokens. */
export interface HuntSource {
  /**
   * Every refresh token of the user, all pages read. `clientIds`, when given, lets a source ask
   * Auth0 for those applications only (the EA list takes `client_id`); the hunt filters again
   * either way. Rejects with a ManagementApiError: 'not-found' for a user deleted meanwhile,
   * 'cancelled' when `signal` aborts.
   */
  listUserTokens(userId: string, signal: AbortSignal, hint?: { clientIds?: readonly string[] }): Promise<RefreshToken[]>;
}

/**
 * A HuntSource over the GA per-user listing, `GET /api/v2/users/{user_id}/refresh-tokens`
 * (scope read:refresh_tokens), `take` tokens a page (Auth0 allows up to 100), following `next`
 * until the last page; an empty page ends the list (FACTS.md).
 */
export function clientHuntSource(client: Pick<ManagementClient, 'listRefreshTokens'>, take = 100): HuntSource {
  return {
    async listUserTokens(userId, signal) {
      const pager = refreshTokenPager(client, userId, take);
      return [...(await pager.loadAll(signal))];
    },
  };
}

export interface HuntProgress {
  /** Users whose tokens were all read, resumed ones included. */
  usersDone: number;
  usersFailed: number;
  /** When the user source knows it. */
  usersTotal?: number;
  tokensScanned: number;
  tokensMatched: number;
  /** Since this run started, ms (a resumed hunt's earlier runs not included). */
  elapsedMs: number;
  /** At this run's pace so far, ms; undefined until a user is finished or while the total is unknown. */
  remainingMs?: number;
  /** What the hunt waits for now, in a sentence ("Waiting for the tenant's other jobs..."); plain text, escape it where shown. */
  notice?: string;
}

export type HuntOutcome = Exclude<HuntState, 'running'>;

export interface HuntResult {
  outcome: HuntOutcome;
  /** Why it stopped ('stopped'): the ManagementApiError (401, 403, the listing failing) or the run of failures. */
  stopCause?: Error;
  matches: HuntMatch[];
  failures: FailedUser[];
  progress: HuntProgress;
  /** The user source's cap notice: "The query matches 4,321 users; Auth0 lists only the first 1,000...". */
  truncated?: string;
  /** What was saved last (also when no store was given). */
  checkpoint: HuntCheckpoint;
  /** Set when a checkpoint could not be saved; the hunt itself went on. */
  checkpointError?: string;
}

export interface HuntOptions {
  huntId: string;
  /** The tenant's domain, recorded in checkpoints. */
  tenant: string;
  criteria: HuntCriteria;
  users: UserSource;
  tokens: HuntSource;
  /** Needed when the criteria name finding kinds; also labels every match with its findings. */
  findingKindsOf?: FindingKindsOf;
  /** Users read at once (default 2): a hunt is background work and leaves the rate to the person. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Epoch ms (default Date.now): paces the time-left estimate and the checkpoint interval. */
  clock?: () => number;
  checkpoints?: CheckpointStore;
  /** Save after this many users (default 100)... */
  checkpointEveryUsers?: number;
  /** ...or this long since the last save, ms (default 10 s), whichever comes first. */
  checkpointIntervalMs?: number;
  /** A checkpoint of this hunt to continue: its users done are not read again. */
  resumeFrom?: HuntCheckpoint;
  /**
   * Consecutive users failing for reasons other than "not found" before the hunt stops (default
   * 20): a tenant that answers 5xx to everyone should not be asked for 100,000 users.
   */
  maxConsecutiveFailures?: number;
  onMatch?(match: HuntMatch): void;
  onProgress?(progress: HuntProgress): void;
  onUserFailed?(failure: FailedUser): void;
}

export class HuntResumeError extends Error {
  override readonly name = 'HuntResumeError';
}

/** Failures that are about the credentials or the tenant, not one user: every user would fail. */
const STOPPING_KINDS: ReadonlySet<string> = new Set(['unauthorized', 'insufficient-scope', 'forbidden', 'endpoint-unavailable', 'redirect']);

function isStopping(error: unknown): error is ManagementApiError {
  return isManagementApiError(error) && (STOPPING_KINDS.has(error.kind) || error.status === 401 || error.status === 403);
}

function failureOf(userId: string, error: unknown): FailedUser {
  if (isManagementApiError(error)) {
    return { userId, kind: error.kind, message: error.message, ...(error.status === undefined ? {} : { status: error.status }) };
  }
  return { userId, kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

function sameSource(a: UserSourceDescriptor, b: UserSourceDescriptor): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs a hunt to its end, cancellation or a stopping failure, and resolves with what it found
 * (it does not reject for those: `outcome` says how it ended). Throws CriteriaError for unusable
 * criteria (or finding kinds without `findingKindsOf`) and HuntResumeError when `resumeFrom`
 * belongs to another hunt, tenant, criteria or user source; both before any request.
 */
export async function runHunt(options: HuntOptions): Promise<HuntResult> {
  const clock = options.clock ?? Date.now;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const everyUsers = Math.max(1, options.checkpointEveryUsers ?? 100);
  const intervalMs = options.checkpointIntervalMs ?? 10_000;
  const maxConsecutive = Math.max(1, options.maxConsecutiveFailures ?? 20);
  const compiled = compileCriteria(options.criteria);
  if (compiled.usesFindings && !options.findingKindsOf) {
    throw new CriteriaError('The criteria name finding kinds, but this hunt was given no way to compute findings.');
  }
  const resume = options.resumeFrom;
  if (resume) {
    if (resume.huntId !== options.huntId || resume.tenant !== options.tenant) {
      throw new HuntResumeError(`The saved hunt ${resume.huntId} belongs to tenant ${resume.tenant}, not this one.`);
    }
    if (!sameCriteria(resume.criteria, options.criteria) || !sameSource(resume.userSource, options.users.descriptor)) {
      throw new HuntResumeError('The saved hunt looked for other tokens or other users; start a new hunt instead.');
    }
  }

  const done = new Set<string>(resume?.usersDone ?? []);
  const matches: HuntMatch[] = [...(resume?.matches ?? [])];
  const failures: FailedUser[] = [];
  const attempted = new Set<string>();
  let tokensScanned = resume?.tokensScanned ?? 0;
  const startedAt = resume?.startedAt ?? clock();
  const runStartedAt = clock();
  let finishedThisRun = 0;
  let consecutiveFailures = 0;
  let stopCause: Error | undefined;
  let checkpointError: string | undefined;

  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) {
    controller.abort(options.signal.reason);
  } else {
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  }
  const stop = (cause: Error) => {
    stopCause ??= cause;
    controller.abort(cause);
  };

  const progress = (): HuntProgress => {
    const elapsedMs = Math.max(0, clock() - runStartedAt);
    const total = options.users.total;
    const left = total === undefined ? undefined : Math.max(0, total - done.size - failures.length);
    return {
      usersDone: done.size,
      usersFailed: failures.length,
      ...(total === undefined ? {} : { usersTotal: total }),
      tokensScanned,
      tokensMatched: matches.length,
      elapsedMs,
      ...(left === undefined || finishedThisRun === 0 ? {} : { remainingMs: Math.round((elapsedMs / finishedThisRun) * left) }),
    };
  };

  const snapshot = (state: HuntState): HuntCheckpoint => ({
    format: CHECKPOINT_FORMAT,
    version: 1,
    huntId: options.huntId,
    tenant: options.tenant,
    criteria: options.criteria,
    userSource: options.users.descriptor,
    usersDone: [...done],
    failures: [...failures],
    matches: [...matches],
    tokensScanned,
    state,
    ...(stopCause ? { stopReason: stopCause.message } : {}),
    ...(options.users.truncated ? { truncated: options.users.truncated } : {}),
    startedAt,
    savedAt: clock(),
  });

  // Saves run one after another, so an older snapshot never lands after a newer one.
  let saving: Promise<void> = Promise.resolve();
  let usersSinceSave = 0;
  let lastSaveAt = clock();
  const save = (state: HuntState): HuntCheckpoint => {
    const checkpoint = snapshot(state);
    usersSinceSave = 0;
    lastSaveAt = clock();
    const store = options.checkpoints;
    if (store) {
      saving = saving.then(() => store.save(checkpoint)).catch((error: unknown) => {
        checkpointError = `The hunt's progress could not be saved: ${error instanceof Error ? error.message : String(error)}`;
      });
    }
    return checkpoint;
  };

  const visit = async (user: HuntUser): Promise<void> => {
    let tokens: RefreshToken[];
    try {
      tokens = await options.tokens.listUserTokens(user.userId, controller.signal, { clientIds: options.criteria.applications });
    } catch (error) {
      if (controller.signal.aborted) {
        // Cancelled with the hunt: neither done nor failed, so a resumed hunt reads it.
        return;
      }
      if (isStopping(error)) {
        stop(error);
        return;
      }
      recordFailure(failureOf(user.userId, error));
      return;
    }
    // Read in full even if the hunt is stopping meanwhile: keeping it saves reading it again.
    const found: HuntMatch[] = [];
    try {
      for (const token of tokens) {
        const findings = options.findingKindsOf ? [...options.findingKindsOf(token)] : [];
        if (compiled.matches(token, findings)) {
          found.push({ user, token, findings });
        }
      }
    } catch (error) {
      recordFailure(failureOf(user.userId, error));
      return;
    }
    // A user's matches and "done" land together, so a checkpoint never holds half a user.
    done.add(user.userId);
    tokensScanned += tokens.length;
    matches.push(...found);
    finishedThisRun++;
    consecutiveFailures = 0;
    for (const match of found) {
      options.onMatch?.(match);
    }
    afterUser();
  };

  const recordFailure = (failure: FailedUser) => {
    failures.push(failure);
    finishedThisRun++;
    if (failure.kind !== 'not-found') {
      consecutiveFailures++;
    }
    options.onUserFailed?.(failure);
    if (consecutiveFailures >= maxConsecutive) {
      stop(new Error(`${consecutiveFailures} users in a row could not be read, so the hunt stopped. The last: ${failure.message}`));
    }
    afterUser();
  };

  const afterUser = () => {
    usersSinceSave++;
    options.onProgress?.(progress());
    if (usersSinceSave >= everyUsers || clock() - lastSaveAt >= intervalMs) {
      save('running');
    }
  };

  options.onProgress?.(progress());
  const running = new Set<Promise<void>>();
  try {
    for await (const user of options.users.users(controller.signal)) {
      if (controller.signal.aborted) {
        break;
      }
      if (attempted.has(user.userId) || done.has(user.userId)) {
        continue;
      }
      attempted.add(user.userId);
      const task: Promise<void> = visit(user).finally(() => running.delete(task));
      running.add(task);
      if (running.size >= concurrency) {
        await Promise.race(running);
      }
    }
  } catch (error) {
    // The listing of users failed (or was cancelled with the hunt): nothing more to visit. Users
    // already being read are let finish, so their work is kept.
    if (!controller.signal.aborted) {
      stopCause ??= error instanceof Error ? error : new Error(String(error));
    }
  } finally {
    await Promise.all(running);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }

  const outcome: HuntOutcome = stopCause ? 'stopped' : options.signal?.aborted ? 'cancelled' : 'completed';
  const checkpoint = save(outcome);
  await saving;
  const final = progress();
  options.onProgress?.(final);
  return {
    outcome,
    ...(stopCause ? { stopCause } : {}),
    matches,
    failures,
    progress: final,
    ...(options.users.truncated ? { truncated: options.users.truncated } : {}),
    checkpoint,
    ...(checkpointError ? { checkpointError } : {}),
  };
}
