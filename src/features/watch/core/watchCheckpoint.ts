// Where a watch stopped reading the tenant log, so that a reload or the next run of the command
// line resumes there: no event judged twice, none skipped inside retention. The store is
// injected: a file for the command line (fileWatchCheckpointStore, written atomically), the
// extension's global state for VS Code.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MAX_CARRIED_RAISED_KEYS } from './liveJudge';

export interface WatchCheckpoint {
  version: 1;
  /** The tenant's domain: a checkpoint of another tenant is not resumed. */
  tenant: string;
  /** The last log id read and judged: the next read asks for the events after it (`from`). */
  logId: string;
  /** ISO date of that event, to tell after a pause which span retention dropped. */
  lastEventDate?: string;
  /** ISO date (the watch's clock) at which the checkpoint was taken. */
  savedAt: string;
  /**
   * What the judge had raised (LiveJudge.raisedKeys: kind, family and value, at most 500), so the
   * next run raises none of it again: the same holder trying a revoked token, a history read again.
   */
  raised?: string[];
}

export interface WatchCheckpointStore {
  /** The checkpoint saved for `tenant`, or undefined; rejects with a WatchCheckpointError when damaged. */
  load(tenant: string): Promise<WatchCheckpoint | undefined>;
  save(checkpoint: WatchCheckpoint): Promise<void>;
}

export class WatchCheckpointError extends Error {
  override readonly name = 'WatchCheckpointError';
}

/** Log ids are digit strings in Auth0 (any non-empty string of visible characters is accepted). */
const LOG_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * A checkpoint from parsed JSON; throws a WatchCheckpointError naming `source`, what is wrong and
 * `fix` (the one its reader can follow: a file and flags for the command line, a command in VS Code).
 */
export function parseWatchCheckpoint(value: unknown, source = 'the checkpoint', fix = 'Delete it to start from now.'): WatchCheckpoint {
  const fail = (what: string) => new WatchCheckpointError(`${source} is damaged (${what}). ${fix}`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw fail('not a JSON object');
  }
  const record = value as Record<string, unknown>;
  if (record.version !== 1) {
    throw fail(`version ${JSON.stringify(record.version)}, expected 1`);
  }
  if (typeof record.tenant !== 'string' || record.tenant === '') {
    throw fail('no tenant');
  }
  if (typeof record.logId !== 'string' || !LOG_ID.test(record.logId)) {
    throw fail('no log id');
  }
  if (record.lastEventDate !== undefined && (typeof record.lastEventDate !== 'string' || !Number.isFinite(Date.parse(record.lastEventDate)))) {
    throw fail('an unreadable lastEventDate');
  }
  if (typeof record.savedAt !== 'string' || !Number.isFinite(Date.parse(record.savedAt))) {
    throw fail('an unreadable savedAt');
  }
  if (record.raised !== undefined && (!Array.isArray(record.raised) || !record.raised.every((key) => typeof key === 'string'))) {
    throw fail('raised is not a list of texts');
  }
  return {
    version: 1,
    tenant: record.tenant,
    logId: record.logId,
    ...(typeof record.lastEventDate === 'string' ? { lastEventDate: record.lastEventDate } : {}),
    savedAt: record.savedAt,
    ...(Array.isArray(record.raised) ? { raised: (record.raised as string[]).slice(-MAX_CARRIED_RAISED_KEYS) } : {}),
  };
}

/**
 * A WatchCheckpointStore over one JSON file. `save` writes a temporary file beside it and renames
 * it over the old one, so a process killed mid-write leaves the previous checkpoint, never half of
 * one. `load` answers undefined for a missing file or another tenant's checkpoint.
 */
export function fileWatchCheckpointStore(path: string): WatchCheckpointStore {
  let sequence = 0;
  return {
    async load(tenant) {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      const checkpoint = parseWatchCheckpoint(value, `The checkpoint file ${path}`, 'Delete it, or pass --no-resume to start from now (with --since DATE, from a date).');
      return checkpoint.tenant === tenant ? checkpoint : undefined;
    },
    async save(checkpoint) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${++sequence}.tmp`;
      await writeFile(temporary, `${JSON.stringify(checkpoint)}\n`, { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, path);
    },
  };
}

/** A store in memory (tests; a VS Code host can wrap its Memento the same way). */
export function memoryWatchCheckpointStore(initial?: WatchCheckpoint): WatchCheckpointStore & { saved: WatchCheckpoint[] } {
  const saved: WatchCheckpoint[] = initial ? [initial] : [];
  return {
    saved,
    async load(tenant) {
      const last = saved[saved.length - 1];
      return last?.tenant === tenant ? last : undefined;
    },
    async save(checkpoint) {
      saved.push(checkpoint);
    },
  };
}
