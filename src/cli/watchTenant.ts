// The watch without VS Code: tails a tenant's log, judges each refresh-token event, and writes one
// NDJSON alert a line to stdout (status and progress go to stderr), keeping its checkpoint in a
// file so the next run resumes where this one stopped. Credentials come from the environment as
// the live suite takes them. Run as a service (until SIGTERM) or as a scheduled job (--once).

import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createManagementClient, type ManagementClient } from '../auth0/managementClient';
import { isManagementApiError } from '../auth0/errors';
import type { ManagementTokenProvider } from '../auth0/tokenProvider';
import { ClientCredentialsTokenProvider } from '../credentials/clientCredentialsTokenProvider';
import { StaticTokenProvider } from '../credentials/staticTokenProvider';
import { DEFAULT_MAX_INTERVAL_MS, DEFAULT_MIN_INTERVAL_MS, DEFAULT_WATCH_SHARE } from '../features/watch/core/logTail';
import { TenantWatch } from '../features/watch/core/tenantWatch';
import { SEVERITY_ORDER, type WatchAlertSeverity } from '../features/watch/core/watchAlert';
import { fileWatchCheckpointStore, WatchCheckpointError } from '../features/watch/core/watchCheckpoint';
import { parseNetworkMatcher, type NetworkMatcher } from '../features/hunt/core/network';

/** Exit codes, as --help and the README list them. */
export const EXIT = {
  /** Stopped cleanly: SIGINT/SIGTERM, or --once drained the log to now. The checkpoint is saved. */
  ok: 0,
  /** Something unexpected (a bug, a disk error); the message says what. */
  failed: 1,
  /** Bad arguments or environment: nothing was read. */
  usage: 2,
  /** Auth0 refused the credentials (401) or the scope (403: read:logs needed). */
  auth: 3,
  /** The checkpoint file is damaged or cannot be written. */
  checkpoint: 4,
} as const;

export const USAGE = `Usage: auth0-watch-tenant [options]     (in this repository: npm run watch-tenant -- [options])

Tails the tenant log (GET /api/v2/logs?from=...&take=100), judges each refresh-token event
(sertft, fertft, ferrt, srrt, seacft) and writes one JSON alert a line to stdout. Status and
progress go to stderr. Stops cleanly on Ctrl+C or SIGTERM (the checkpoint is saved).

Environment (as the live suite reads it):
  AUTH0_DOMAIN                          the tenant, e.g. acme.eu.auth0.com
  AUTH0_TOKEN                           a Management API token with read:logs, or else
  AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET  a machine-to-machine application granted read:logs

Options:
  --checkpoint FILE      where to keep the checkpoint (default ./auth0-watch-checkpoint.json);
                         written atomically after each page judged; the next run resumes there.
                         Its folder must exist (a missing one is refused: exit 2)
  --since now|ISO-DATE   where to start without a checkpoint (default now; a date within retention,
                         not in the future: refused, exit 2)
  --no-resume            ignore the checkpoint file and start at --since (it is overwritten)
  --once                 read up to now, then exit 0 (for cron or a systemd timer); with nothing
                         new, the checkpoint is saved at the newest event
  --share F              share (0..1] of the tenant's rate limit (default ${DEFAULT_WATCH_SHARE}; a hunt uses 0.5);
                         stderr says when the log needs more, and how much
  --interval S           seconds between polls while events flow (default ${DEFAULT_MIN_INTERVAL_MS / 1000})
  --max-interval S       longest pause between polls on a quiet tenant (default ${DEFAULT_MAX_INTERVAL_MS / 1000})
  --watch-network X      alert on exchanges from this address, CIDR range or ASN (repeatable)
  --user ID              judge only this user's events (repeatable)
  --client ID            judge only this application's events (repeatable)
  --no-history           do not read a user's recent log (one request per user, on first sight)
  --min-severity S       low (default), medium or high: alerts below are not written
  --help                 this text

Exit codes:
  0  stopped cleanly (signal, or --once reached now); checkpoint saved
  1  unexpected failure (the message on stderr says what)
  2  bad arguments or environment (a checkpoint folder that does not exist, a --checkpoint
     that is a folder, a --since in the future); nothing was read
  3  Auth0 refused the credentials (401) or the scope (403: read:logs is needed)
  4  the checkpoint file is damaged or cannot be written (delete it or pass --no-resume)
`;

export interface CliOptions {
  checkpoint: string;
  since: 'now' | Date;
  resume: boolean;
  once: boolean;
  share: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  watchList: NetworkMatcher[];
  userIds?: Set<string>;
  clientIds?: Set<string>;
  history: boolean;
  minSeverity: WatchAlertSeverity;
}

export class UsageError extends Error {}

/** Parses the options above; throws a UsageError naming the option and what it takes. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    checkpoint: 'auth0-watch-checkpoint.json',
    since: 'now',
    resume: true,
    once: false,
    share: DEFAULT_WATCH_SHARE,
    minIntervalMs: DEFAULT_MIN_INTERVAL_MS,
    maxIntervalMs: DEFAULT_MAX_INTERVAL_MS,
    watchList: [],
    history: true,
    minSeverity: 'low',
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) {
        throw new UsageError(`${flag} needs a value (--help lists the options)`);
      }
      return next;
    };
    const seconds = (): number => {
      const text = value();
      const number = Number(text);
      if (!Number.isFinite(number) || number <= 0) {
        throw new UsageError(`${flag} takes a number of seconds above 0, got ${JSON.stringify(text)}`);
      }
      return number * 1000;
    };
    switch (flag) {
      case '--checkpoint':
        options.checkpoint = value();
        break;
      case '--since': {
        const text = value();
        if (text === 'now') {
          options.since = 'now';
        } else {
          const date = new Date(text);
          if (!Number.isFinite(date.getTime())) {
            throw new UsageError(`--since takes "now" or a date such as 2026-12-07T09:00:00Z, got ${JSON.stringify(text)}`);
          }
          options.since = date;
        }
        break;
      }
      case '--no-resume':
        options.resume = false;
        break;
      case '--once':
        options.once = true;
        break;
      case '--share': {
        const text = value();
        const share = Number(text);
        if (!(share > 0 && share <= 1)) {
          throw new UsageError(`--share takes a fraction above 0 and at most 1 (such as 0.25), got ${JSON.stringify(text)}`);
        }
        options.share = share;
        break;
      }
      case '--interval':
        options.minIntervalMs = seconds();
        break;
      case '--max-interval':
        options.maxIntervalMs = seconds();
        break;
      case '--watch-network': {
        const text = value();
        const parsed = parseNetworkMatcher(text);
        if (!parsed.ok) {
          throw new UsageError(`--watch-network ${JSON.stringify(text)}: ${parsed.error}`);
        }
        options.watchList.push(parsed.value);
        break;
      }
      case '--user':
        (options.userIds ??= new Set()).add(value());
        break;
      case '--client':
        (options.clientIds ??= new Set()).add(value());
        break;
      case '--no-history':
        options.history = false;
        break;
      case '--min-severity': {
        const text = value();
        if (text !== 'low' && text !== 'medium' && text !== 'high') {
          throw new UsageError(`--min-severity is low, medium or high, got ${JSON.stringify(text)}`);
        }
        options.minSeverity = text;
        break;
      }
      default:
        throw new UsageError(`unknown option ${JSON.stringify(flag)} (--help lists the options)`);
    }
  }
  if (options.maxIntervalMs < options.minIntervalMs) {
    throw new UsageError('--max-interval must be at least --interval');
  }
  return options;
}

/** The tenant and a token provider from the environment; throws a UsageError naming what is missing. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv): { domain: string; tokenProvider: ManagementTokenProvider } {
  const read = (name: string) => env[name]?.trim() || undefined;
  const domain = read('AUTH0_DOMAIN');
  const token = read('AUTH0_TOKEN');
  const clientId = read('AUTH0_CLIENT_ID');
  const clientSecret = read('AUTH0_CLIENT_SECRET');
  if (!domain) {
    throw new UsageError('AUTH0_DOMAIN is not set: set it to the tenant (acme.eu.auth0.com), with AUTH0_TOKEN or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET');
  }
  if (token) {
    return { domain, tokenProvider: new StaticTokenProvider(token) };
  }
  if (clientId && clientSecret) {
    return { domain, tokenProvider: new ClientCredentialsTokenProvider({ domain, clientId, clientSecret }) };
  }
  throw new UsageError('AUTH0_DOMAIN is set but neither AUTH0_TOKEN nor both AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are');
}

export interface CliIo {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Aborts when the process is asked to stop (SIGINT/SIGTERM). */
  stop: AbortSignal;
  /** For tests: a client other than one built from the environment. */
  client?: ManagementClient;
}

/**
 * Throws a UsageError when the checkpoint's folder does not exist or is not a folder. Refused, not
 * created: a mistyped folder would hold a new, empty checkpoint, and a scheduled job's next run
 * (with the right path) would start at --since, skipping every event in between.
 */
export async function checkCheckpointFolder(checkpoint: string): Promise<void> {
  // The path itself a folder: reading it later would fail with a bare EISDIR.
  const itself = await stat(checkpoint).catch(() => undefined);
  if (itself?.isDirectory()) {
    throw new UsageError(
      `--checkpoint ${JSON.stringify(checkpoint)} is a folder: give a file path in it, e.g. ${JSON.stringify(join(resolve(checkpoint), 'auth0-watch-checkpoint.json'))}; nothing was read`,
    );
  }
  const folder = dirname(resolve(checkpoint));
  const found = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      return undefined;
    }
    throw error;
  });
  if (!found) {
    throw new UsageError(`the checkpoint folder ${JSON.stringify(folder)} does not exist: create it (mkdir -p ${JSON.stringify(folder)}) or pass another --checkpoint; nothing was read`);
  }
  if (!found.isDirectory()) {
    throw new UsageError(`the checkpoint folder ${JSON.stringify(folder)} is not a folder: pass another --checkpoint; nothing was read`);
  }
}

/**
 * Throws a UsageError for a --since after `nowMs` (epoch ms): nothing would be read, and no
 * checkpoint saved, until that date.
 */
export function refuseFutureStart(since: CliOptions['since'], nowMs: number): void {
  if (since !== 'now' && since.getTime() > nowMs) {
    throw new UsageError(`--since ${since.toISOString()} is in the future (now is ${new Date(nowMs).toISOString()}): give a date up to now, or "now"; nothing was read`);
  }
}

/** Runs the command line; resolves with the exit code (never throws). */
export async function runWatchTenant(io: CliIo): Promise<number> {
  let options: CliOptions;
  let client: ManagementClient;
  try {
    if (io.argv.includes('--help') || io.argv.includes('-h')) {
      io.stdout(USAGE.trimEnd());
      return EXIT.ok;
    }
    options = parseCliArgs(io.argv);
    refuseFutureStart(options.since, Date.now());
    await checkCheckpointFolder(options.checkpoint);
    if (io.client) {
      client = io.client;
    } else {
      const { domain, tokenProvider } = credentialsFromEnvironment(io.env);
      client = createManagementClient({
        domain,
        tokenProvider,
        // The tail paces itself within --share; the limiter's background share (a hunt's 0.5 by
        // default, which users' logs use too, as in VS Code) must not hold a larger --share below it.
        backgroundShare: Math.max(options.share, 0.5),
        onRetry: (notice) => io.stderr(`auth0-watch: ${notice.message}`),
      });
    }
  } catch (error) {
    io.stderr(`auth0-watch: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.usage;
  }

  const tenant = client.endpoint.domain;
  const store = fileWatchCheckpointStore(options.checkpoint);
  const watch = new TenantWatch({
    client,
    tenant,
    store,
    start: options.since,
    resume: options.resume,
    share: options.share,
    shareSettings: { watch: '--share' },
    minIntervalMs: options.minIntervalMs,
    maxIntervalMs: options.maxIntervalMs,
    watchList: options.watchList,
    narrow: options.userIds || options.clientIds ? { userIds: options.userIds, clientIds: options.clientIds } : undefined,
    userHistory: options.history,
    once: options.once,
  });
  const controller = new AbortController();
  const stop = () => controller.abort();
  io.stop.addEventListener('abort', stop, { once: true });
  if (io.stop.aborted) {
    stop();
  }
  let lastStatusLine = '';
  watch.onEvent((event) => {
    switch (event.type) {
      case 'alert':
        if (SEVERITY_ORDER[event.alert.severity] <= SEVERITY_ORDER[options.minSeverity]) {
          io.stdout(JSON.stringify(event.alert));
        }
        break;
      case 'gap':
        io.stderr(`auth0-watch: ${event.gap.message}`);
        break;
      case 'pace':
        io.stderr(`auth0-watch: ${event.message}`);
        break;
      case 'history-unavailable':
        io.stderr(`auth0-watch: the recent log of ${JSON.stringify(event.userId)} could not be read (${event.message}); its events are judged on what the watch sees`);
        break;
      case 'status': {
        const line = `auth0-watch: ${event.status.text} · ${event.status.events.toLocaleString('en-US')} events · ${event.status.requests.toLocaleString('en-US')} requests`;
        // Only changes of state or counts, not every tick of "behind".
        const key = `${event.status.state}|${event.status.alerts}|${event.status.events}`;
        if (key !== lastStatusLine) {
          lastStatusLine = key;
          io.stderr(line);
        }
        break;
      }
      default:
        break;
    }
  });
  io.stderr(`auth0-watch: watching ${tenant} (checkpoint ${options.checkpoint}; share ${options.share} of the rate limit)`);
  try {
    const summary = await watch.run(controller.signal);
    io.stderr(
      `auth0-watch: stopped · ${summary.alerts} ${summary.alerts === 1 ? 'alert' : 'alerts'} · ${summary.judged} refresh-token events judged of ${summary.events} read · ${summary.requests} requests` +
        (summary.checkpoint ? ` · checkpoint at ${summary.checkpoint.logId}` : ''),
    );
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`auth0-watch: ${message}`);
    if (error instanceof WatchCheckpointError || (error as { syscall?: unknown } | null)?.syscall !== undefined) {
      return EXIT.checkpoint;
    }
    if (isManagementApiError(error, 'unauthorized') || isManagementApiError(error, 'insufficient-scope') || isManagementApiError(error, 'forbidden')) {
      return EXIT.auth;
    }
    return EXIT.failed;
  } finally {
    io.stop.removeEventListener('abort', stop);
  }
}

function main(): void {
  const stopping = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      // A second Ctrl+C: the person does not want to wait for the request in flight.
      process.stderr.write(`auth0-watch: ${signal} again; exiting without waiting\n`);
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    }
    process.stderr.write(`auth0-watch: ${signal}; stopping (saving the checkpoint)\n`);
    stopping.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  void runWatchTenant({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    stop: stopping.signal,
  }).then((code) => {
    process.exitCode = code;
    // Timers of the client (token renewal) must not keep a stopped watch alive.
    setImmediate(() => process.exit(code));
  });
}

if (require.main === module) {
  main();
}
