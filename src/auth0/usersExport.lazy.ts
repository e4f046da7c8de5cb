// Reading a users export (POST /api/v2/jobs/users-exports, then GET /api/v2/jobs/{id} until
// `completed`). The job's `location` is a signed URL on a storage host, not the tenant: the URL
// is the credential, so the Management API token is never sent there (a storage host refuses a
// request that carries one, and the token must not travel to another host anyway). The file is
// gzipped NDJSON, one user per line; it is read as a stream, one line at a time, so 20,000 users
// cost the memory of one line, not of the file.

import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { ManagementApiError } from './errors';
import type { User } from './types';

export interface UsersExportReadOptions {
  signal?: AbortSignal;
  /** Until the storage host answers with headers (default 60 s); the body may then take as long as it takes. */
  timeoutMs?: number;
  /** A longer line is refused, so a file without newlines cannot exhaust memory (default 1 MiB). */
  maxLineBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_LINE_BYTES = 1 << 20;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function exportError(kind: ManagementApiError['kind'], message: string, status?: number, cause?: unknown): ManagementApiError {
  return new ManagementApiError(kind, message, { method: 'GET', path: 'users export file', ...(status === undefined ? {} : { status }), ...(cause === undefined ? {} : { cause }) });
}

/**
 * Checks a job's `location` before anything is fetched: https, or http on this machine (a local
 * emulator). Returns the parsed URL; throws a ManagementApiError ('bad-request') otherwise. The
 * URL is not echoed in the message: its query is the signature that grants the download.
 */
export function exportLocation(location: string): URL {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw exportError('bad-request', 'The export job gave a download location that is not a URL.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw exportError('bad-request', `The export job's download location is not an https URL (host ${url.host}); it is not fetched.`);
  }
  return url;
}

/**
 * Splits a byte stream into NDJSON lines and parses each, yielding one value per non-empty line.
 * Holds at most one line (plus the current chunk) in memory; a line longer than `maxLineBytes`
 * or one that is not JSON throws a ManagementApiError ('invalid-json') naming the line number.
 */
export async function* parseNdjson<T = unknown>(chunks: AsyncIterable<Uint8Array | string>, maxLineBytes = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<T> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending = '';
  let lineNumber = 0;
  const parse = (line: string): T | undefined => {
    lineNumber++;
    const trimmed = line.replace(/\r$/, '');
    if (trimmed.trim() === '') {
      return undefined;
    }
    try {
      return JSON.parse(trimmed) as T;
    } catch (error) {
      throw exportError('invalid-json', `Line ${lineNumber} of the users export is not JSON.`, undefined, error);
    }
  };
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline: number;
    while ((newline = pending.indexOf('\n', start)) !== -1) {
      const value = parse(pending.slice(start, newline));
      start = newline + 1;
      if (value !== undefined) {
        yield value;
      }
    }
    pending = pending.slice(start);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only a long line is measured exactly.
    if (pending.length * 3 > maxLineBytes && Buffer.byteLength(pending, 'utf8') > maxLineBytes) {
      throw exportError('invalid-json', `Line ${lineNumber + 1} of the users export is longer than ${maxLineBytes} bytes; the file is not read further.`);
    }
  }
  pending += decoder.decode();
  const last = parse(pending);
  if (last !== undefined) {
    yield last;
  }
}

/**
 * Downloads the users export at `location` (a job's `location`) WITHOUT any Authorization
 * header, gunzips it as it arrives and yields one user per NDJSON line (a job created with
 * `format: 'json'`). Stopping the iteration early aborts the download.
 * Throws ManagementApiError: 'bad-request' for a location that is not https (or loopback http),
 * 'forbidden' for a 403 (the signed link expired or was refused), 'not-found', 'redirect',
 * 'server-error', 'timeout', 'cancelled', 'network', and 'invalid-json' for a file that is not
 * gzipped NDJSON.
 */
export async function* readUsersExport(location: string, options: UsersExportReadOptions = {}): AsyncGenerator<User> {
  const url = exportLocation(location);
  const { signal } = options;
  if (signal?.aborted) {
    throw exportError('cancelled', 'The download was cancelled.');
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const gunzip = createGunzip();
  try {
    let response: Response;
    try {
      // No Authorization header, no cookies, no redirects followed: only the signed URL.
      response = await fetch(url, { method: 'GET', headers: { accept: '*/*' }, redirect: 'manual', signal: controller.signal });
    } catch (error) {
      if (signal?.aborted) {
        throw exportError('cancelled', 'The download was cancelled.');
      }
      if (timedOut) {
        throw exportError('timeout', `The export file's host ${url.host} did not answer in time. Try again later.`);
      }
      throw exportError('network', `Cannot download the export file from ${url.host}. Check your network.`, undefined, error);
    } finally {
      clearTimeout(timer);
    }
    const status = response.type === 'opaqueredirect' ? 0 : response.status;
    if (status < 200 || status >= 300 || response.body === null) {
      await response.body?.cancel().catch(() => undefined);
      if (status === 403) {
        throw exportError('forbidden', `The export file's host ${url.host} refused the download (403): its signed link may have expired. Create the export again.`, status);
      }
      if (status === 404) {
        throw exportError('not-found', `The export file is no longer at ${url.host} (404). Create the export again.`, status);
      }
      if (status === 0 || (status >= 300 && status < 400)) {
        throw exportError('redirect', `The export file's host ${url.host} answered with a redirect; it is not followed.`, status);
      }
      if (status >= 500) {
        throw exportError('server-error', `The export file's host ${url.host} answered ${status}. Try again later.`, status);
      }
      throw exportError('bad-request', `The export file's host ${url.host} answered ${status}.`, status);
    }
    const source = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    source.on('error', (error) => gunzip.destroy(error));
    source.pipe(gunzip);
    try {
      yield* parseNdjson<User>(gunzip, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    } catch (error) {
      if (error instanceof ManagementApiError) {
        throw error;
      }
      if (signal?.aborted) {
        throw exportError('cancelled', 'The download was cancelled.');
      }
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('Z_')) {
        throw exportError('invalid-json', 'The users export is not a gzip file.', undefined, error);
      }
      throw exportError('network', `The download of the export file from ${url.host} broke off. Try again.`, undefined, error);
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // Ends the download when the caller stops early, and frees the decompressor either way.
    controller.abort();
    gunzip.destroy();
  }
}
