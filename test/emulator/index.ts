// A local Auth0 tenant for tests, demos and benchmarks: the Management API operations the
// extension uses plus POST /oauth/token, with seeded data, rate limits and injectable faults.
// See FACTS.md for the Auth0 behaviour it reproduces.
import type { LogEvent, RefreshToken, Session } from '../../src/auth0/types';
import { FULL_SCOPES, NO_REFRESH_TOKEN_SCOPES, READ_ONLY_SCOPES, TokenAuthority } from './auth';
import type { LogUserAgentForm } from './data/logs';
import type { ScenarioName } from './data/scenarios';
import { LiveLog, ATTACKER_IP, type LiveLogOptions } from './data/liveLog';
import { TenantStore } from './data/store';
import { ExportFileServer, UsersExports } from './exports';
import type { PasswordGrantContext } from './handlers/oauthToken';
import { CURSOR_PAGING_PROFILES, type CursorPagingProfile } from './cursorPaging';
import { FaultInjector, type FaultOptions } from './faults';
import { Rng } from './prng';
import { RateLimitBuckets, type RateLimitProfile, type ResetReading } from './rateLimiter';
import { EmulatorServer, type Plan, type RecordedRequest, type RuntimeSettings } from './server';

export type { LogUserAgentForm } from './data/logs';
export type { LiveLogOptions } from './data/liveLog';
export type { ScenarioName } from './data/scenarios';
export type { CursorPagingProfile } from './cursorPaging';
export type { FaultOptions } from './faults';
export type { RateLimitProfile, ResetReading } from './rateLimiter';
export type { Plan, RecordedRequest } from './server';

export interface EmulatorOptions {
  /** Default 0 (ephemeral); always binds 127.0.0.1. */
  port?: number;
  /** Default 1; the same seed gives identical data and the same fault sequence. */
  seed?: number;
  /** Default 'unlimited'; production = burst 50 / 16 per s, non-production = 10 / 2 per s. */
  rateLimit?: RateLimitProfile;
  /** Added before every answer. */
  latencyMs?: number;
  jitterMs?: number;
  faults?: FaultOptions;
  dataProfile?: 'default' | 'hostile';
  /** Default 300; tests of the 1,000-result cap pass more. */
  userCount?: number;
  /**
   * Applications listed after the 8 seeded ones (default 0): "Partner App 001"... regular web
   * applications that issued no refresh tokens, so GET /clients pages beyond 100.
   */
  extraApplications?: number;
  /** DELETEs answer 202 at once and apply after this delay (default 50). */
  deleteDelayMs?: number;
  /**
   * 'without-refresh-tokens' answers 403 on the refresh-token endpoints, like a non-Enterprise
   * tenant; 'without-refresh-tokens-and-sessions' answers 403 on the session endpoints too.
   */
  plan?: Plan;
  /**
   * Whether the tenant has the Early Access endpoints GET /refresh-tokens and POST
   * /refresh-tokens/revoke (default 'present'). Absent: the list answers 404 (a route the tenant
   * does not have) and the bulk revocation 403, the answers the spec documents for them.
   */
  earlyAccess?: 'present' | 'absent';
  /** Days of log events the tenant keeps (default 30, Enterprise); the emulated history is 90 days. */
  logRetentionDays?: number;
  /**
   * What `user_agent` of log events carries: 'summary' (default), Auth0's "Chrome 126.0.0 /
   * Windows 10.0.0" as its Management API logs show it; 'mixed', about one event in three with
   * the raw User-Agent header instead, as other deliveries of the field (log streams) carry it.
   */
  logUserAgents?: LogUserAgentForm;
  /**
   * Seconds the tenant's clock is ahead (+) or behind (-) this machine's (default 0): shifts
   * every `Date` header and `x-ratelimit-reset`, as a tenant with a skewed clock would.
   */
  clockOffsetSeconds?: number;
  /** Port of the second origin serving users-export files (default 0, ephemeral). */
  exportPort?: number;
  /** How long an export's signed link is honoured, ms (default 60,000: Auth0 documents about 60 s). Each GET /jobs/{id} signs a new one. */
  exportLinkTtlMs?: number;
  /** The storage host's clock for those links (epoch ms; default Date.now): tests move it to make a link late. */
  exportClock?: () => number;
  /** Jobs the tenant runs at once (default 2, as Auth0's import jobs): a POST /jobs/users-exports beyond it answers 429 without rate-limit headers. */
  maxActiveJobs?: number;
  /** Jobs of other clients running now (default 0): they count against `maxActiveJobs`. */
  otherActiveJobs?: number;
  /** Lifetime of tokens issued by POST /oauth/token (default 86400). */
  tokenTtlSeconds?: number;
  /**
   * The instant the seeded dates are relative to (epoch ms; default: when the emulator starts),
   * so token statuses (active, expired, idle-expired) are realistic. Pass a fixed value to get
   * byte-identical data across runs.
   */
  now?: number;
  /**
   * How cursor (`from`/`take`) listings answer (default 'auth0', the recorded real shape: `next`
   * on every non-empty page, `total` with include_totals, an empty page after the last). The
   * others answer worse on purpose (see cursorPaging.ts): 'without-totals', 'bare-array',
   * 'repeating-cursor', 'inflated-total'.
   */
  cursorPaging?: CursorPagingProfile;
  /**
   * The rate limiter's clock (epoch ms; default Date.now): a frozen clock makes refills exact in
   * tests. The `Date` header keeps the wall clock.
   */
  rateLimitClock?: () => number;
  /**
   * The clock of the `Date` header (epoch ms; default Date.now). A test on a virtual clock passes
   * the same one as rateLimitClock, so `Date` and `x-ratelimit-reset` agree as a real tenant's do.
   */
  dateClock?: () => number;
  /** What `x-ratelimit-reset` names: 'full' (default, the bucket full again) or 'next' (the next request allowed). */
  rateLimitReset?: ResetReading;
  /**
   * Makes `users.many` the stand-in of issue 18's tenant: this many refresh tokens (e.g. 1234),
   * most idle-expired for months, about three to a session. Default: 250 ordinary ones.
   */
  standInTokens?: number;
  /**
   * The tenant's clock (epoch ms) for log dates and retention (default: `now`, advancing with real
   * time). A test that drives the growing log passes a clock it moves by hand.
   */
  clock?: () => number;
  /**
   * A tenant log that keeps growing with the tenant's clock (off by default; the demo turns it on):
   * ordinary exchanges of the demo users and the stolen laptop's attacker story (data/liveLog.ts).
   */
  liveLog?: boolean | LiveLogOptions;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4010; serves /api/v2/... and /oauth/token. */
  url: string;
  /** e.g. 127.0.0.1:4010, what a user types as the tenant domain. */
  domain: string;
  token: string;
  readOnlyToken: string;
  expiredToken: string;
  noRefreshTokenScopeToken: string;
  clientId: string;
  clientSecret: string;
  /** Users with 0, 1, 7, 250 and 5000 refresh tokens. */
  users: { none: string; one: string; seven: string; many: string; huge: string };
  /** At least 40 users with exactly 7 refresh tokens each. */
  fanOutUsers: string[];
  /** Ids containing '|', '/', '@', '+', '?', '#', '%', '..', spaces and non-ASCII. */
  specialUsers: string[];
  /**
   * The demo scenarios' users (see data/scenarios.ts), dated relative to `now`:
   * stolenLaptop (Safari at home, then a script from four hosting ASNs within a day), reuse (a
   * `ferrt` reuse of a rotation family in the session of the listed token, before it was issued), outlivedSession (a
   * token whose session is gone: 404) and browserUpdated (healthy: same browser, newer version).
   */
  scenarios: Record<ScenarioName, string>;
  /** The second origin that serves users-export files, e.g. http://127.0.0.1:4011. */
  exportOrigin: string;
  /** Every request the export origin received, in order. */
  exportRequests: RecordedRequest[];
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /**
   * Set with the `liveLog` option: when the log began growing, the attacker's address, and the id
   * of the stolen laptop's token the attacker exchanges (undefined when the tenant has none).
   */
  liveLog?: { start: number; attackerIp: string; stolenTokenId?: string };
  /**
   * A first-party application allowed the password grant, and the one database user it can log
   * in: `POST /oauth/token` with grant_type=password and scope "openid offline_access" appends a
   * refresh token of that user for that application (the live suite's writes use it).
   */
  testApplication: { clientId: string; clientSecret: string; username: string; password: string; userId: string };
  mintToken(opts: { scopes: string[]; expiresInSeconds?: number }): string;
  configure(
    patch: Partial<
      Pick<
        EmulatorOptions,
        'rateLimit' | 'rateLimitReset' | 'latencyMs' | 'jitterMs' | 'faults' | 'deleteDelayMs' | 'plan' | 'earlyAccess' | 'logRetentionDays' | 'clockOffsetSeconds' | 'cursorPaging' | 'otherActiveJobs'
      >
    >,
  ): void;
  /** Appended, as a newly issued token would be. */
  addRefreshToken(userId: string, overrides?: Partial<RefreshToken>): RefreshToken;
  /** Removed immediately. */
  removeRefreshToken(id: string): void;
  /** A log event written late (a `ferrt` after the first read), with a fresh log id; the user's and the tenant's log list it. */
  addLogEvent(userId: string, event: Omit<LogEvent, '_id' | 'log_id'>): LogEvent;
  /** Ends the session at once (GET /sessions/{id} answers 404 from now on); its refresh tokens live on. */
  endSession(sessionId: string): void;
  /** Current tokens, in listing order. */
  refreshTokensOf(userId: string): RefreshToken[];
  /** Current sessions, in listing order. */
  sessionsOf(userId: string): Session[];
  /** The user's log events, oldest first, whatever the retention setting. */
  logsOf(userId: string): LogEvent[];
  /** undefined when GET /clients/{id} would answer 404. */
  clientName(clientId: string): string | undefined;
  /** Every application GET /clients lists (the deleted one is not), in its order. */
  applications(): { client_id: string; name: string }[];
  /** POST /oauth/token requests answered. */
  readonly tokenRequests: number;
  close(): Promise<void>;
}

const DEFAULT_TOKEN_TTL_SECONDS = 86_400;
const DEFAULT_LOG_RETENTION_DAYS = 30;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? 1;
  const extraApplications = options.extraApplications ?? 0;
  if (!Number.isInteger(extraApplications) || extraApplications < 0) {
    throw new RangeError(`extraApplications must be a whole number, got ${String(extraApplications)}`);
  }
  const store = new TenantStore({
    seed,
    now: options.now ?? Date.now(),
    userCount: options.userCount ?? 300,
    hostile: options.dataProfile === 'hostile',
    extraApplications,
    logUserAgents: options.logUserAgents,
    standInTokens: options.standInTokens,
    clock: options.clock,
  });
  let liveLog: LiveLog | undefined;
  if (options.liveLog !== undefined && options.liveLog !== false) {
    const growing = new LiveLog(store, options.liveLog === true ? {} : options.liveLog);
    store.grow = () => growing.catchUp();
    store.onTailRead = () => growing.watchReading();
    liveLog = growing;
  }
  const machineClient = store.clients.find((client) => client.machineToMachine);
  if (machineClient === undefined) {
    throw new Error('the seeded tenant has no machine-to-machine client');
  }
  const clientId = machineClient.client_id;
  const clientSecret = Rng.for(seed, 'client-secret').string(64);
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const settings: RuntimeSettings = {
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    deleteDelayMs: options.deleteDelayMs ?? 50,
    plan: options.plan ?? 'enterprise',
    earlyAccess: options.earlyAccess ?? 'present',
    logRetentionDays: retentionDays(options.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS),
    clockOffsetSeconds: clockOffset(options.clockOffsetSeconds ?? 0),
    cursorPaging: cursorPaging(options.cursorPaging ?? 'auth0'),
  };
  const bucket = new RateLimitBuckets(options.rateLimit ?? 'unlimited', options.rateLimitClock, options.rateLimitReset ?? 'full');
  const faults = new FaultInjector(seed, options.faults);

  const server = new EmulatorServer(seed);
  const address = await server.listen(options.port ?? 0);
  const domain = `127.0.0.1:${address.port}`;
  const url = `http://${domain}`;
  const authority = new TokenAuthority(url, domain, clientId);
  const exportFiles = new ExportFileServer();
  try {
    await exportFiles.listen(options.exportPort ?? 0);
  } catch (error) {
    await server.close();
    throw error;
  }
  const tenantName = 'acme-emulated';
  const exports = new UsersExports(exportFiles, {
    users: () => store.users.map((seeded) => seeded.user),
    currentTime: () => store.currentTime(),
    tenantName,
    background: (build) => server.later(0, build),
  });
  exportFiles.linkTtlMs = options.exportLinkTtlMs ?? exportFiles.linkTtlMs;
  exportFiles.clock = options.exportClock ?? exportFiles.clock;
  exports.maxActiveJobs = options.maxActiveJobs ?? exports.maxActiveJobs;
  exports.otherActiveJobs = options.otherActiveJobs ?? 0;
  const testApplication = passwordGrantApplication(store, seed);
  const passwordGrant: PasswordGrantContext = {
    clientId: testApplication.clientId,
    clientSecret: testApplication.clientSecret,
    login: (username, password) => (username === testApplication.username && password === testApplication.password ? testApplication.userId : undefined),
    issueRefreshToken: (userId, issuedTo) => void store.addToken(userId, { client_id: issuedTo }),
  };
  server.wire({ store, authority, bucket, faults, settings, tenantName, clientId, clientSecret, tokenTtlSeconds, exports, passwordGrant, dateClock: options.dateClock });

  return {
    url,
    domain,
    // The ready-made tokens last a day whatever tokenTtlSeconds says: that option is about the
    // tokens POST /oauth/token issues (e.g. 0 to make every issued token expire at once).
    token: authority.mint(FULL_SCOPES, DEFAULT_TOKEN_TTL_SECONDS),
    readOnlyToken: authority.mint(READ_ONLY_SCOPES, DEFAULT_TOKEN_TTL_SECONDS),
    expiredToken: authority.mint(FULL_SCOPES, -3600),
    noRefreshTokenScopeToken: authority.mint(NO_REFRESH_TOKEN_SCOPES, DEFAULT_TOKEN_TTL_SECONDS),
    clientId,
    clientSecret,
    users: { ...store.named },
    fanOutUsers: [...store.fanOutUsers],
    specialUsers: [...store.specialUsers],
    scenarios: { ...store.scenarios },
    exportOrigin: exportFiles.url,
    exportRequests: exportFiles.requests,
    requests: server.requests,
    ...(liveLog ? { liveLog: { start: liveLog.start, attackerIp: ATTACKER_IP, stolenTokenId: liveLog.stolenTokenId } } : {}),
    testApplication,
    mintToken: ({ scopes, expiresInSeconds }) => authority.mint(scopes, expiresInSeconds ?? DEFAULT_TOKEN_TTL_SECONDS),
    configure(patch) {
      if (patch.rateLimitReset !== undefined) {
        bucket.useResetReading(patch.rateLimitReset);
      }
      if (patch.rateLimit !== undefined) {
        bucket.use(patch.rateLimit);
      }
      if (patch.faults !== undefined) {
        faults.configure(patch.faults);
      }
      if (patch.latencyMs !== undefined) {
        settings.latencyMs = patch.latencyMs;
      }
      if (patch.jitterMs !== undefined) {
        settings.jitterMs = patch.jitterMs;
      }
      if (patch.deleteDelayMs !== undefined) {
        settings.deleteDelayMs = patch.deleteDelayMs;
      }
      if (patch.plan !== undefined) {
        settings.plan = patch.plan;
      }
      if (patch.earlyAccess !== undefined) {
        settings.earlyAccess = patch.earlyAccess;
      }
      if (patch.logRetentionDays !== undefined) {
        settings.logRetentionDays = retentionDays(patch.logRetentionDays);
      }
      if (patch.clockOffsetSeconds !== undefined) {
        settings.clockOffsetSeconds = clockOffset(patch.clockOffsetSeconds);
      }
      if (patch.cursorPaging !== undefined) {
        settings.cursorPaging = cursorPaging(patch.cursorPaging);
      }
      if (patch.otherActiveJobs !== undefined) {
        exports.otherActiveJobs = patch.otherActiveJobs;
      }
    },
    addRefreshToken: (userId, overrides) => store.addToken(userId, overrides),
    removeRefreshToken: (id) => void store.removeToken(id),
    addLogEvent: (userId, event) => {
      const added = store.addLogEvent(userId, event);
      if (added === undefined) {
        throw new Error(`addLogEvent: no user ${userId}`);
      }
      return added;
    },
    endSession: (sessionId) => {
      if (!store.removeSession(sessionId)) {
        throw new Error(`endSession: no session ${sessionId}`);
      }
    },
    refreshTokensOf: (userId) => (store.tokensOf(userId) ?? []).map((keyed) => keyed.token),
    sessionsOf: (userId) => (store.sessionsOf(userId) ?? []).map((keyed) => keyed.session),
    logsOf: (userId) => [...store.logsOf(userId)],
    clientName: (id) => {
      const client = store.client(id);
      return client === undefined || client.deleted ? undefined : client.name;
    },
    applications: () => store.clients.filter((client) => !client.deleted).map((client) => ({ client_id: client.client_id, name: client.name })),
    get tokenRequests() {
      return server.tokenRequests;
    },
    close: async () => {
      await Promise.all([server.close(), exportFiles.close()]);
    },
  };
}

/** The first regular web application and the first database user with an email, with a seeded secret and password. */
function passwordGrantApplication(store: TenantStore, seed: number): RunningEmulator['testApplication'] {
  const application = store.clients.find((client) => client.app_type === 'regular_web' && !client.deleted && !client.machineToMachine);
  const user = store.users.map((seeded) => seeded.user).find((candidate) => candidate.user_id.startsWith('auth0|') && typeof candidate.email === 'string');
  if (application === undefined || user === undefined) {
    throw new Error('the seeded tenant has no regular web application or no database user with an email');
  }
  return {
    clientId: application.client_id,
    clientSecret: Rng.for(seed, 'test-application-secret').string(48),
    username: user.email as string,
    password: Rng.for(seed, 'test-user-password').string(24),
    userId: user.user_id,
  };
}

function retentionDays(days: number): number {
  if (!Number.isFinite(days) || days <= 0) {
    throw new RangeError(`logRetentionDays must be a positive number of days, got ${String(days)}`);
  }
  return days;
}

function clockOffset(seconds: number): number {
  if (!Number.isFinite(seconds)) {
    throw new RangeError(`clockOffsetSeconds must be a number of seconds, got ${String(seconds)}`);
  }
  return seconds;
}

function cursorPaging(profile: CursorPagingProfile): CursorPagingProfile {
  if (!CURSOR_PAGING_PROFILES.includes(profile)) {
    throw new RangeError(`cursorPaging is one of ${CURSOR_PAGING_PROFILES.join(', ')}, got ${String(profile)}`);
  }
  return profile;
}
