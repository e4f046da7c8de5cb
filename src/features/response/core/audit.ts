// The record of every destructive action taken during an incident: one JSON line per action
// (NDJSON), appended, never rewritten, so the file reads as a timeline and survives a crash
// mid-incident. A line holds when, which tenant, what was done, to which ids, and how it went;
// never a secret. Fields are written from a fixed list (nothing else a caller passes can get in),
// and every text is scrubbed of anything that looks like a credential, because reasons come from
// error messages and ids come from Auth0 (attacker-controlled).

import { appendFile } from 'node:fs/promises';
import { redact } from '../../../auth0/errors';

/** What was done, named after the Management API call that does it. */
export type AuditAction =
  /** `DELETE /api/v2/refresh-tokens/{id}`. */
  | 'revoke-refresh-token'
  /** `POST /api/v2/refresh-tokens/revoke` with `ids` (EA). */
  | 'revoke-refresh-tokens'
  /** `DELETE /api/v2/users/{user_id}/refresh-tokens`. */
  | 'revoke-user-refresh-tokens'
  /** `DELETE /api/v2/users/{user_id}/sessions`. */
  | 'revoke-user-sessions'
  /** `PATCH /api/v2/users/{id}` with `{blocked: true}`. */
  | 'block-user';

/** 'accepted': Auth0 took the request (202; the effect may follow later). 'not-found': nothing was there. */
export type AuditResult = 'accepted' | 'not-found' | 'failed';

export interface AuditEntry {
  /** Epoch ms, or a Date. */
  time: number | Date;
  /** The tenant's domain. */
  tenant: string;
  action: AuditAction;
  /** Refresh token ids or user ids the action was aimed at. */
  targets: readonly string[];
  /** The user the targets belong to, when they are tokens of one user. */
  userId?: string;
  result: AuditResult;
  /** Why it failed, for a person (an error message). */
  reason?: string;
  /** The hunt or incident the action belongs to. */
  huntId?: string;
}

const REDACTED = '[redacted]';
/** A JWS (a JWT): three base64url parts, the header always starting `{"` (eyJ). */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
/** `client_secret=...`, `"access_token": "..."` and the like, in query strings, JSON or prose. */
const SECRET_FIELD = /\b(client_secret|access_token|refresh_token|id_token|password|authorization|api_key|secret)(\\?["']?\s*[:=]\s*\\?["']?)([^\s"'&,;}\\]+)/gi;
/** Auth0's opaque refresh token and access token values ("v1.MTr..."). */
const OPAQUE_TOKEN = /\bv[12]\.[A-Za-z0-9_.-]{24,}/g;
const MAX_REASON = 500;

/**
 * `text` without anything that looks like a credential: JWTs, `Bearer ...`, `client_secret=...`
 * style pairs, Auth0's opaque token values, and every value in `secrets` (8 characters or more).
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  return redact(text, secrets)
    .replace(JWT, REDACTED)
    .replace(OPAQUE_TOKEN, REDACTED)
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_FIELD, (match: string, key: string, separator: string, value: string) =>
      // "Authorization: Bearer [redacted]" has been scrubbed already; keep it readable.
      /^(Bearer|Basic)$/i.test(value) || value.startsWith('[redacted') ? match : `${key}${separator}${REDACTED}`);
}

function isoTime(time: number | Date): string {
  const date = time instanceof Date ? time : new Date(time);
  return Number.isFinite(date.getTime()) ? date.toISOString() : 'unknown';
}

/**
 * One audit line, ending in "\n": `{"time","tenant","action","user_id"?,"targets","result",
 * "reason"?,"hunt_id"?}`. Only those fields are written, each text scrubbed (`scrubSecrets`, with
 * `secrets` too) and the reason cut to 500 characters. U+2028 and U+2029 are escaped so no
 * reader splits the line.
 */
export function formatAuditLine(entry: AuditEntry, secrets: readonly (string | undefined)[] = []): string {
  const clean = (value: string) => scrubSecrets(String(value), secrets);
  const reason = entry.reason === undefined ? undefined : clean(entry.reason);
  const line: Record<string, unknown> = {
    time: isoTime(entry.time),
    tenant: clean(entry.tenant),
    action: clean(entry.action),
  };
  if (entry.userId !== undefined) {
    line.user_id = clean(entry.userId);
  }
  line.targets = [...entry.targets].map(clean);
  line.result = clean(entry.result);
  if (reason !== undefined) {
    line.reason = reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason;
  }
  if (entry.huntId !== undefined) {
    line.hunt_id = clean(entry.huntId);
  }
  return `${JSON.stringify(line).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}\n`;
}

/** Where audit lines go. `append` adds one complete line at the end; nothing is ever rewritten. */
export interface AuditSink {
  append(line: string): Promise<void>;
}

/** Appends to a file (created if missing), as `fs.appendFile` with flag "a" does. */
export function fileAuditSink(path: string): AuditSink {
  return { append: (line) => appendFile(path, line, { encoding: 'utf8', flag: 'a', mode: 0o600 }) };
}

export interface AuditWriterOptions {
  /** The tenant's domain, written on every line. */
  tenant: string;
  /** Epoch ms (default Date.now). */
  clock?: () => number;
  /** Values that must never appear, read at each line (the current management token, a client secret). */
  secrets?: () => readonly (string | undefined)[];
  huntId?: string;
}

export type AuditRecord = Omit<AuditEntry, 'time' | 'tenant' | 'huntId'>;

/**
 * Writes audit lines to a sink one at a time, in the order `record` was called, so lines never
 * interleave or reorder. `record` resolves once its line is appended and rejects when the sink
 * fails (the caller decides whether to go on acting without a record; the executors do not).
 */
export class AuditWriter {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: AuditSink,
    private readonly options: AuditWriterOptions,
  ) {}

  get tenant(): string {
    return this.options.tenant;
  }

  record(entry: AuditRecord): Promise<void> {
    const line = formatAuditLine(
      { ...entry, time: (this.options.clock ?? Date.now)(), tenant: this.options.tenant, huntId: this.options.huntId },
      this.options.secrets?.() ?? [],
    );
    const written = this.tail.then(() => this.sink.append(line));
    // The next line waits for this one whether or not it was written.
    this.tail = written.catch(() => undefined);
    return written;
  }
}
