// A local Auth0 tenant for tests, demos and benchmarks: the Management API operations the
// extension uses plus POST /oauth/token, with seeded data, rate limits and injectable faults.
// See FACTS.md for the Auth0 behaviour it reproduces.
import type { RefreshToken } from '../../src/auth0/types';
import { FULL_SCOPES, NO_REFRESH_TOKEN_SCOPES, READ_ONLY_SCOPES, TokenAuthority } from './auth';
import { TenantStore } from './data/store';
import { FaultInjector, type FaultOptions } from './faults';
import { Rng } from './prng';
import { RateLimitBuckets, type RateLimitProfile } from './rateLimiter';
import { EmulatorServer, type RecordedRequest, type RuntimeSettings } from './server';

export type { FaultOptions } from './faults';
export type { RateLimitProfile } from './rateLimiter';
export type { RecordedRequest } from './server';

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
  /** DELETEs answer 202 at once and apply after this delay (default 50). */
  deleteDelayMs?: number;
  /** 'without-refresh-tokens' answers 403 on the refresh-token endpoints, like a non-Enterprise tenant. */
  plan?: 'enterprise' | 'without-refresh-tokens';
  /** Lifetime of tokens issued by POST /oauth/token (default 86400). */
  tokenTtlSeconds?: number;
  /**
   * The instant the seeded dates are relative to (epoch ms; default: when the emulator starts),
   * so token statuses (active, expired, idle-expired) are realistic. Pass a fixed value to get
   * byte-identical data across runs.
   */
  now?: number;
  /** The rate limiter's clock (epoch ms; default Date.now): a frozen clock makes refills exact in tests. */
  rateLimitClock?: () => number;
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
  /** Every request received, in order. */
  requests: RecordedRequest[];
  mintToken(opts: { scopes: string[]; expiresInSeconds?: number }): string;
  configure(patch: Partial<Pick<EmulatorOptions, 'rateLimit' | 'latencyMs' | 'jitterMs' | 'faults' | 'deleteDelayMs' | 'plan'>>): void;
  /** Appended, as a newly issued token would be. */
  addRefreshToken(userId: string, overrides?: Partial<RefreshToken>): RefreshToken;
  /** Removed immediately. */
  removeRefreshToken(id: string): void;
  /** Current tokens, in listing order. */
  refreshTokensOf(userId: string): RefreshToken[];
  /** undefined when GET /clients/{id} would answer 404. */
  clientName(clientId: string): string | undefined;
  /** POST /oauth/token requests answered. */
  readonly tokenRequests: number;
  close(): Promise<void>;
}

const DEFAULT_TOKEN_TTL_SECONDS = 86_400;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? 1;
  const store = new TenantStore({
    seed,
    now: options.now ?? Date.now(),
    userCount: options.userCount ?? 300,
    hostile: options.dataProfile === 'hostile',
  });
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
  };
  const bucket = new RateLimitBuckets(options.rateLimit ?? 'unlimited', options.rateLimitClock);
  const faults = new FaultInjector(seed, options.faults);

  const server = new EmulatorServer(seed);
  const address = await server.listen(options.port ?? 0);
  const domain = `127.0.0.1:${address.port}`;
  const url = `http://${domain}`;
  const authority = new TokenAuthority(url, domain, clientId);
  server.wire({ store, authority, bucket, faults, settings, tenantName: 'acme-emulated', clientId, clientSecret, tokenTtlSeconds });

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
    requests: server.requests,
    mintToken: ({ scopes, expiresInSeconds }) => authority.mint(scopes, expiresInSeconds ?? DEFAULT_TOKEN_TTL_SECONDS),
    configure(patch) {
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
    },
    addRefreshToken: (userId, overrides) => store.addToken(userId, overrides),
    removeRefreshToken: (id) => void store.removeToken(id),
    refreshTokensOf: (userId) => (store.tokensOf(userId) ?? []).map((keyed) => keyed.token),
    clientName: (id) => {
      const client = store.client(id);
      return client === undefined || client.deleted ? undefined : client.name;
    },
    get tokenRequests() {
      return server.tokenRequests;
    },
    close: () => server.close(),
  };
}
