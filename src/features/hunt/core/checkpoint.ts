// A hunt's progress as plain JSON, so a hunt across thousands of users survives a reload of the
// window: the criteria, where the users came from, which users are done, and what matched. The
// store is injected (the extension keeps it in its storage folder; tests keep it in memory).
// Failed users are recorded but not counted as done: a resumed hunt tries them again.

import type { RefreshToken } from '../../../auth0/types';
import { compileCriteria, type HuntCriteria } from './criteria';
import type { HuntUser, UserSourceDescriptor } from './userSources';

/** One refresh token that matched, with the user it belongs to and its finding kinds. */
export interface HuntMatch {
  user: HuntUser;
  /** As Auth0 returned it, every field kept. */
  token: RefreshToken;
  findings: string[];
}

/** A user whose tokens could not be read; the hunt went on without them. */
export interface FailedUser {
  userId: string;
  /** The ManagementApiError kind ('not-found' for a deleted user, 'server-error', ...), or 'error'. */
  kind: string;
  /** For a person; never holds a secret (the client redacts server text). */
  message: string;
  status?: number;
}

export type HuntState = 'running' | 'completed' | 'cancelled' | 'stopped';

export const CHECKPOINT_FORMAT = 'auth0-token-inspector/hunt-checkpoint';

export interface HuntCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  huntId: string;
  /** The tenant's domain: a checkpoint never resumes against another tenant. */
  tenant: string;
  criteria: HuntCriteria;
  userSource: UserSourceDescriptor;
  /** Ids of the users whose tokens were all read and filtered. */
  usersDone: string[];
  failures: FailedUser[];
  matches: HuntMatch[];
  tokensScanned: number;
  state: HuntState;
  /** Why the hunt stopped (state 'stopped'). */
  stopReason?: string;
  /** The user source's cap notice, if it had one. */
  truncated?: string;
  /** Epoch ms. */
  startedAt: number;
  savedAt: number;
}

/** Where checkpoints live. `save` replaces the checkpoint of the same `huntId`. */
export interface CheckpointStore {
  save(checkpoint: HuntCheckpoint): Promise<void>;
  /** The last saved checkpoint, or undefined. Rejects with CheckpointError when it is unreadable. */
  load(huntId: string): Promise<HuntCheckpoint | undefined>;
  remove(huntId: string): Promise<void>;
}

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

function isUser(value: unknown): value is HuntUser {
  return isRecord(value) && typeof value.userId === 'string' && value.userId !== '';
}

function isDescriptor(value: unknown): value is UserSourceDescriptor {
  if (!isRecord(value)) {
    return false;
  }
  switch (value.kind) {
    case 'query':
      return typeof value.query === 'string';
    case 'all-users':
      return true;
    case 'list':
      return typeof value.label === 'string' && Array.isArray(value.users) && value.users.every(isUser);
    default:
      return false;
  }
}

const STATES: readonly string[] = ['running', 'completed', 'cancelled', 'stopped'];

/**
 * Checks a stored value (parsed JSON) and answers it as a checkpoint. Throws CheckpointError
 * naming the first problem: another format or version, a missing field, criteria that no longer
 * compile (CriteriaError's message).
 */
export function parseCheckpoint(value: unknown): HuntCheckpoint {
  const problem = (what: string) => new CheckpointError(`The saved hunt cannot be resumed: ${what}.`);
  if (!isRecord(value) || value.format !== CHECKPOINT_FORMAT) {
    throw problem('it is not a hunt checkpoint');
  }
  if (value.version !== 1) {
    throw problem(`it was saved by another version (format version ${String(value.version)})`);
  }
  if (typeof value.huntId !== 'string' || value.huntId === '' || typeof value.tenant !== 'string' || value.tenant === '') {
    throw problem('it names no hunt or tenant');
  }
  if (!isRecord(value.criteria)) {
    throw problem('its criteria are missing');
  }
  try {
    compileCriteria(value.criteria as unknown as HuntCriteria);
  } catch (error) {
    throw problem(`its criteria are unusable (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isDescriptor(value.userSource)) {
    throw problem('it does not say which users to visit');
  }
  if (!isStringArray(value.usersDone)) {
    throw problem('its list of users done is damaged');
  }
  if (!Array.isArray(value.matches) || !value.matches.every((match) => isRecord(match) && isUser(match.user) && isRecord(match.token) && typeof match.token.id === 'string' && isStringArray(match.findings))) {
    throw problem('its matches are damaged');
  }
  if (!Array.isArray(value.failures) || !value.failures.every((failure) => isRecord(failure) && typeof failure.userId === 'string' && typeof failure.kind === 'string' && typeof failure.message === 'string')) {
    throw problem('its failures are damaged');
  }
  if (typeof value.tokensScanned !== 'number' || typeof value.startedAt !== 'number' || typeof value.savedAt !== 'number' || !STATES.includes(value.state as string)) {
    throw problem('its counters are damaged');
  }
  return value as unknown as HuntCheckpoint;
}

/**
 * Keeps checkpoints as JSON text in memory, so whatever it hands back has been through
 * JSON.stringify and JSON.parse exactly as a file or a Memento would put it.
 */
export class MemoryCheckpointStore implements CheckpointStore {
  private readonly saved = new Map<string, string>();

  /** How many times `save` was called, for tests of when a hunt checkpoints. */
  saves = 0;

  save(checkpoint: HuntCheckpoint): Promise<void> {
    this.saves++;
    this.saved.set(checkpoint.huntId, JSON.stringify(checkpoint));
    return Promise.resolve();
  }

  load(huntId: string): Promise<HuntCheckpoint | undefined> {
    const text = this.saved.get(huntId);
    try {
      return Promise.resolve(text === undefined ? undefined : parseCheckpoint(JSON.parse(text)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  remove(huntId: string): Promise<void> {
    this.saved.delete(huntId);
    return Promise.resolve();
  }

  /** The stored text, to inspect or damage in tests. */
  text(huntId: string): string | undefined {
    return this.saved.get(huntId);
  }

  setText(huntId: string, text: string): void {
    this.saved.set(huntId, text);
  }
}
