// The hunt checkpoint on disk: one JSON file in the extension's global storage, holding the last
// hunt started (one hunt runs at a time). Written to a temporary file and renamed over the old
// one, so a window closed mid-write leaves the previous checkpoint, never half of one.

import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseCheckpoint, type CheckpointStore, type HuntCheckpoint } from './checkpoint';

export interface FileCheckpointStore extends CheckpointStore {
  /** The checkpoint in the file, whichever hunt it is; rejects with CheckpointError when it is damaged. */
  latest(): Promise<HuntCheckpoint | undefined>;
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

/** A CheckpointStore over the file at `path` (its folder is created on the first save). */
export function fileCheckpointStore(path: string): FileCheckpointStore {
  let sequence = 0;
  const latest = async (): Promise<HuntCheckpoint | undefined> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) {
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
    return parseCheckpoint(value);
  };
  return {
    latest,
    async save(checkpoint) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${++sequence}.tmp`;
      await writeFile(temporary, JSON.stringify(checkpoint), { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, path);
    },
    async load(huntId) {
      const checkpoint = await latest();
      return checkpoint?.huntId === huntId ? checkpoint : undefined;
    },
    async remove(huntId) {
      const checkpoint = await latest().catch(() => undefined);
      if (checkpoint === undefined || checkpoint.huntId === huntId) {
        await rm(path, { force: true });
      }
    },
  };
}
