// "All users" of a tenant for a hunt: Auth0 lists at most 1,000 users per listing or search, so
// every user comes from a users-export job instead (`POST /api/v2/jobs/users-exports`, then
// `GET /api/v2/jobs/{id}` until it is completed, then its `location` file, downloaded without the
// Authorization header and read as a stream: memory stays that of one line whatever the tenant's
// size). Every Management API request here is background work.

import { ManagementApiError } from '../../../auth0/errors';
import type { ManagementClient } from '../../../auth0/managementClient';
import type { Job } from '../../../auth0/types';
import type { HuntUser } from './userSources';

/** Pauses between looks at the job, ms; the last one repeats. Auth0's exports take seconds to minutes. */
export const EXPORT_POLL_DELAYS_MS: readonly number[] = [500, 1000, 2000, 3000, 5000];

/**
 * Waits before asking again for a job Auth0 refused because the tenant runs too many jobs, ms:
 * one per wait, so their count bounds the waits (about 5 min in all). Other jobs (imports, a
 * colleague's export) take minutes, so the waits are long; they hold only this job.
 */
export const JOB_LIMIT_WAITS_MS: readonly number[] = [10_000, 20_000, 30_000, 60_000, 60_000, 120_000];

/** Fresh links asked for after the export file's signed link expired (Auth0 signs it for about 60 s). */
export const MAX_FRESH_LINKS = 3;

export interface UsersExportSourceOptions {
  /** Waits `ms` (default a timer); rejects when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  pollDelaysMs?: readonly number[];
  /** Gives up on a job still not completed after this many looks (default 720: about an hour). */
  maxPolls?: number;
  /** Waits for the tenant's other jobs (default JOB_LIMIT_WAITS_MS); their count is the bound. */
  jobLimitWaitsMs?: readonly number[];
  /** Called after each look at the job (for progress: "exporting users, 40 %"). */
  onJob?(job: Job): void;
  /** A sentence each time the job waits or asks again, and why (the hunt's progress and the output channel show it). */
  onNotice?(notice: string): void;
}

export interface UsersExportSource {
  /** Starts a new export job each time (the previous file's signed link expires) and yields its users. */
  users(signal: AbortSignal): AsyncIterable<HuntUser>;
  /** The tenant's user count, once `countUsers` answered. */
  readonly total: number | undefined;
  /**
   * Asks Auth0 how many users the tenant has (`GET /api/v2/users?per_page=1&include_totals=true`),
   * for the hunt's "users done / total"; resolves undefined when it cannot tell. Never rejects.
   */
  countUsers(signal: AbortSignal): Promise<number | undefined>;
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(cancelled());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(): ManagementApiError {
  return new ManagementApiError('cancelled', 'The users export was cancelled.');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A source of every user of the tenant through a JSON users export holding `user_id`, `email`
 * and `name` (scope read:users). Its iteration rejects with a ManagementApiError: the client's
 * (a missing scope, 429s beyond the retries), 'server-error' for a job Auth0 reports as failed,
 * 'timeout' for one that never completes, the download's (see usersExport.ts), 'cancelled'.
 */
export function usersExportSource(
  client: Pick<ManagementClient, 'createUsersExport' | 'getJob' | 'downloadUsersExport' | 'listUsers'>,
  options: UsersExportSourceOptions = {},
): UsersExportSource {
  const sleep = options.sleep ?? defaultSleep;
  const delays = options.pollDelaysMs && options.pollDelaysMs.length > 0 ? options.pollDelaysMs : EXPORT_POLL_DELAYS_MS;
  const maxPolls = options.maxPolls ?? 720;
  let total: number | undefined;

  const jobLimitWaits = options.jobLimitWaitsMs ?? JOB_LIMIT_WAITS_MS;
  const notice = (text: string) => options.onNotice?.(text);

  /** POST /jobs/users-exports; a refusal for the tenant's other jobs waits here (only here) and asks again. */
  const createJob = async (signal: AbortSignal): Promise<Job> => {
    for (let wait = 0; ; wait++) {
      try {
        return await client.createUsersExport({
          format: 'json',
          fields: [{ name: 'user_id' }, { name: 'email' }, { name: 'name' }],
          signal,
          priority: 'background',
        });
      } catch (error) {
        if (!(error instanceof ManagementApiError) || error.kind !== 'too-many-jobs') {
          throw error;
        }
        const said = error.serverMessage ? ` ("${error.serverMessage}")` : '';
        if (wait >= jobLimitWaits.length) {
          throw new ManagementApiError(
            'too-many-jobs',
            `Auth0 refused the users export ${wait + 1} times: the tenant runs too many jobs at once${said}. Asked again ${wait} times over the waits; try again once the tenant's other jobs (imports, exports) have finished.`,
            { status: error.status, errorCode: error.errorCode, serverMessage: error.serverMessage, method: error.method, path: error.path },
          );
        }
        const ms = jobLimitWaits[wait];
        notice(`Waiting for the tenant's other jobs: Auth0 runs only a few at once${said}. Asking again in ${Math.round(ms / 1000)} s (${wait + 1} of ${jobLimitWaits.length}); nothing else of the tenant waits.`);
        await sleep(ms, signal);
      }
    }
  };

  const completedJob = async (signal: AbortSignal): Promise<Job> => {
    let job = await createJob(signal);
    for (let poll = 0; job.status !== 'completed'; poll++) {
      if (job.status === 'failed') {
        throw new ManagementApiError('server-error', `Auth0's users export failed${text(job.status_details) ? `: ${job.status_details}` : ''}. Try again later.`);
      }
      if (poll >= maxPolls) {
        throw new ManagementApiError('timeout', 'The users export did not complete in time. Try again later, or hunt with a query.');
      }
      await sleep(delays[Math.min(poll, delays.length - 1)], signal);
      job = await client.getJob(job.id, { signal, priority: 'background' });
      options.onJob?.(job);
    }
    if (!text(job.location)) {
      throw new ManagementApiError('invalid-json', 'The completed users export names no file to download.');
    }
    return job;
  };

  return {
    get total() {
      return total;
    },
    async countUsers(signal) {
      try {
        const result = await client.listUsers({ perPage: 1, includeTotals: true, signal, priority: 'background' });
        total = result.total;
      } catch {
        total = undefined;
      }
      return total;
    },
    async *users(signal) {
      let job = await completedJob(signal);
      // Lines of the file already read: a download started again skips them (the file is the same).
      let consumed = 0;
      for (let freshLinks = 0; ; freshLinks++) {
        try {
          let line = 0;
          for await (const raw of client.downloadUsersExport(job.location as string, { signal })) {
            if (line++ < consumed) {
              continue;
            }
            consumed++;
            const user = huntUserOf(raw);
            if (user) {
              yield user;
            }
          }
          return;
        } catch (error) {
          // The signed link lives about 60 s: a download that starts late, or starts again, is
          // refused (403) or broken off. The job gives a fresh link when asked again.
          const expired = error instanceof ManagementApiError && (error.kind === 'forbidden' || error.kind === 'network');
          if (!expired) {
            throw error;
          }
          if (freshLinks >= MAX_FRESH_LINKS) {
            throw new ManagementApiError(
              error.kind,
              `${error.message.replace(/ (Create the export again|Try again)\.$/, '')} Asked Auth0 for a fresh link ${MAX_FRESH_LINKS} times; create the export again (run the hunt again).`,
              { ...(error.status === undefined ? {} : { status: error.status }), method: error.method, path: error.path, cause: error },
            );
          }
          notice(`The export file's signed link expired or was refused (Auth0 signs it for about 60 s): asking the job for a fresh link (${freshLinks + 1} of ${MAX_FRESH_LINKS}).`);
          job = await client.getJob(job.id, { signal, priority: 'background' });
          if (job.status !== 'completed' || !text(job.location)) {
            throw new ManagementApiError('invalid-json', 'Asked again, the users export names no file to download.');
          }
        }
      }
    },
  };
}

/** A hunt's user from one line of the export; undefined for a line without `user_id`. */
function huntUserOf(raw: unknown): HuntUser | undefined {
  const record = (raw ?? {}) as Record<string, unknown>;
  const userId = text(record.user_id);
  if (!userId) {
    return undefined;
  }
  const user: HuntUser = { userId };
  const email = text(record.email);
  const name = text(record.name);
  if (email) {
    user.email = email;
  }
  if (name) {
    user.name = name;
  }
  return user;
}
