// Refresh tokens and sessions of one user, generated from that user's own PRNG stream so they
// are identical whenever (and in whatever order) users are first looked at.
import type { RefreshToken, Session } from '../../../src/auth0/types';
import { shapeRoll, type Rng } from '../prng';
import type { ClientRecord } from './clients';
import { deviceFor, type DeviceFacts } from './devices';

export type TokenStatus = 'active' | 'expired' | 'idle-expired' | 'non-expiring';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Auth0 started linking refresh tokens to sessions in late 2023; older tokens have session_id null. */
const SESSION_IDS_SINCE = Date.parse('2023-11-01T00:00:00.000Z');

/**
 * How a real tenant shapes tokens (../shared/auth0/recorded: tokens created in 2024 with no
 * `device`, no `last_exchanged_at`, null expiries and a null `session_id`). Each share is decided
 * from the token's own id (prng.ts `shapeRoll`), not the user's PRNG stream, so every other seeded value
 * stays what it was.
 */
export const RECORDED_SHAPE = Object.freeze({
  /** Tokens that come without `device` and without `last_exchanged_at`, as recorded. */
  withoutDeviceShare: 0.3,
  /** Tokens issued since late 2023 by a grant without a login session (the password grant): `session_id` null. */
  sessionlessGrantShare: 0.12,
});

/**
 * The token as a real tenant lists it: about {@link RECORDED_SHAPE.withoutDeviceShare} lose
 * `device` and `last_exchanged_at` (their log events stay: an unrecorded last exchange is not
 * "never exchanged"). Apply after the token's history was taken from it (activitySeedOf).
 */
export function recordedShape(token: RefreshToken): RefreshToken {
  if (shapeRoll(token.id, 'device') < RECORDED_SHAPE.withoutDeviceShare) {
    delete token.device;
    delete token.last_exchanged_at;
  }
  return token;
}

const RESOURCE_SERVERS: readonly { audience: string; scopes: string }[] = [
  { audience: 'https://api.acme.example/', scopes: 'openid profile email offline_access read:orders write:orders' },
  { audience: 'https://billing.acme.example', scopes: 'offline_access read:invoices' },
  { audience: 'urn:acme:partner-api', scopes: 'offline_access partner:read partner:write' },
  { audience: 'https://login.acme.example/userinfo', scopes: 'openid profile email offline_access' },
];

export interface TokenSeedContext {
  now: number;
  /** Applications that issue refresh tokens (not the M2M one). */
  issuingClients: readonly ClientRecord[];
}

export interface SeededToken {
  token: RefreshToken;
  status: TokenStatus;
  device: DeviceFacts;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function between(rng: Rng, fromMs: number, toMs: number): number {
  return Math.floor(fromMs + rng.float() * Math.max(0, toMs - fromMs));
}

export function randomStatus(rng: Rng): TokenStatus {
  return rng.weighted([
    ['active', 55],
    ['expired', 15],
    ['idle-expired', 20],
    ['non-expiring', 10],
  ]);
}

interface TokenDates {
  created: number;
  expires?: number;
  idleExpires?: number;
  lastExchanged?: number;
}

function datesFor(rng: Rng, status: TokenStatus, now: number, rotating: boolean): TokenDates {
  switch (status) {
    case 'active': {
      const created = now - between(rng, HOUR_MS, 25 * DAY_MS);
      const lastExchanged = rng.chance(0.15) ? undefined : now - between(rng, 0, Math.min(now - created, 10 * DAY_MS));
      return { created, expires: created + (rotating ? 30 : 365) * DAY_MS, idleExpires: (lastExchanged ?? created) + 15 * DAY_MS, lastExchanged };
    }
    case 'expired': {
      const created = now - between(rng, 400 * DAY_MS, 1500 * DAY_MS);
      const lastExchanged = created + between(rng, 0, 300 * DAY_MS);
      return { created, expires: created + 365 * DAY_MS, idleExpires: lastExchanged + 15 * DAY_MS, lastExchanged };
    }
    case 'idle-expired': {
      const created = now - between(rng, 40 * DAY_MS, 300 * DAY_MS);
      const lastExchanged = created + between(rng, 0, 10 * DAY_MS);
      return { created, expires: created + 365 * DAY_MS, idleExpires: lastExchanged + 15 * DAY_MS, lastExchanged };
    }
    case 'non-expiring': {
      const created = now - between(rng, DAY_MS, 1500 * DAY_MS);
      return { created, lastExchanged: rng.chance(0.7) ? between(rng, created, now) : undefined };
    }
  }
}

function pickClient(rng: Rng, clients: readonly ClientRecord[]): ClientRecord {
  return rng.weighted(clients.map((client) => [client, client.weight] as const));
}

function metadataFor(rng: Rng, client: ClientRecord): Record<string, unknown> | null | undefined {
  const roll = rng.float();
  if (roll < 0.5) {
    return undefined;
  }
  if (roll < 0.75) {
    return null;
  }
  return client.app_type === 'native'
    ? { device_name: rng.pick(["Jane's iPhone 15", 'Pixel 8', 'Work iPad', 'Galaxy S23']), app_version: rng.pick(['3.2.1', '3.1.0', '2.9.8']) }
    : { source: rng.pick(['web-login', 'partner-sso', 'support-impersonation']), ticket: `SUP-${rng.int(1000, 9999)}` };
}

/** One refresh token, shaped like Auth0's GET /api/v2/refresh-tokens/{id}. */
export function generateToken(rng: Rng, userId: string, status: TokenStatus, ctx: TokenSeedContext): SeededToken {
  const client = pickClient(rng, ctx.issuingClients);
  const rotating = client.rotating ? rng.chance(0.9) : rng.chance(0.1);
  const dates = datesFor(rng, status, ctx.now, rotating);
  const device = deviceFor(rng, rng.pick(client.platforms));
  const serverCount = rng.chance(0.75) ? 1 : 2;
  const firstServer = rng.int(0, RESOURCE_SERVERS.length - 1);
  const resourceServers = Array.from({ length: serverCount }, (_, i) => ({ ...RESOURCE_SERVERS[(firstServer + i) % RESOURCE_SERVERS.length] }));
  const id = rng.string(32);
  const drawnSession = dates.created < SESSION_IDS_SINCE ? null : rng.string(32);
  // Drawn either way so the stream (and so every later value) is unchanged.
  const sessionId = drawnSession !== null && shapeRoll(id, 'session') < RECORDED_SHAPE.sessionlessGrantShare ? null : drawnSession;
  const token: RefreshToken = {
    id,
    user_id: userId,
    created_at: iso(dates.created),
    // A token without an expiry comes with both dates null, as recorded (not absent).
    idle_expires_at: dates.idleExpires === undefined ? null : iso(dates.idleExpires),
    expires_at: dates.expires === undefined ? null : iso(dates.expires),
    ...(dates.lastExchanged === undefined ? {} : { last_exchanged_at: iso(dates.lastExchanged) }),
    device: { ...device },
    client_id: client.client_id,
    session_id: sessionId,
    rotating,
    resource_servers: resourceServers,
  };
  const metadata = metadataFor(rng, client);
  if (metadata !== undefined) {
    token.refresh_token_metadata = metadata;
  }
  return { token, status, device };
}

/** A token issued right now (addRefreshToken): appended after every existing one. */
export function freshToken(rng: Rng, userId: string, ctx: TokenSeedContext, nowMs: number): RefreshToken {
  const seeded = generateToken(rng, userId, 'active', { ...ctx, now: nowMs });
  return {
    ...seeded.token,
    created_at: iso(nowMs),
    last_exchanged_at: iso(nowMs),
    idle_expires_at: iso(nowMs + 15 * DAY_MS),
    expires_at: iso(nowMs + 30 * DAY_MS),
    session_id: rng.string(32),
  };
}

/**
 * The user's live sessions. Auth0 removes a session once it expires, while its refresh tokens
 * can outlive it, so only active tokens' sessions are listed (and some tokens point to none).
 */
export function sessionsFor(rng: Rng, userId: string, tokens: readonly SeededToken[], ctx: TokenSeedContext): Session[] {
  const sessions: Session[] = [];
  for (const { token, status, device } of tokens) {
    if (status !== 'active' || typeof token.session_id !== 'string') {
      continue;
    }
    sessions.push(sessionFor(rng, userId, token.session_id, Date.parse(String(token.created_at)), device, token.client_id, ctx.now));
  }
  if (tokens.length === 0 && rng.chance(0.3)) {
    // A browser login without offline_access: a session but no refresh token.
    const client = ctx.issuingClients[0];
    const device = deviceFor(rng, 'desktop-browser');
    sessions.push(sessionFor(rng, userId, rng.string(32), ctx.now - between(rng, HOUR_MS, 5 * DAY_MS), device, client.client_id, ctx.now));
  }
  return sessions.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
}

export function sessionFor(
  rng: Rng,
  userId: string,
  sessionId: string,
  createdAt: number,
  device: DeviceFacts,
  clientId: string | undefined,
  now: number,
): Session {
  const updatedAt = Math.max(createdAt, now - between(rng, 0, 2 * DAY_MS));
  return {
    id: sessionId,
    user_id: userId,
    created_at: iso(createdAt),
    updated_at: iso(updatedAt),
    authenticated_at: iso(createdAt),
    idle_expires_at: iso(updatedAt + 3 * DAY_MS),
    expires_at: iso(createdAt + 30 * DAY_MS),
    last_interacted_at: iso(updatedAt),
    device: { ...device },
    clients: clientId === undefined ? [] : [{ client_id: clientId }],
    authentication: { methods: [{ name: rng.pick(['pwd', 'federated', 'passkey']), timestamp: iso(createdAt) }] },
  };
}
