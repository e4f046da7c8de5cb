// Tenant log events, generated so that they agree with the refresh tokens: a `seacft` when a
// token was issued, a `sertft` for each exchange (from the token's initial device, then its
// last one), a `ferrt` when a rotation family was reused, and an `srrt` for each revocation done
// against the emulator. Each token's history comes from its own PRNG stream, so it is the same
// whenever (and in whatever order) it is first looked at. Events older than HISTORY_DAYS are
// never generated; the retention setting hides more of them at query time. `user_agent` is
// Auth0's summary of the header, or with the 'mixed' form sometimes the header itself.
import type { LogEvent, RefreshToken, User } from '../../../src/auth0/types';
import { Rng, shapeRoll } from '../prng';
import { isGeolocatable, isIpAddress, locationOf, SCENARIO_NETWORKS } from './geo';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** How far back the emulated tenant has any history at all. */
export const HISTORY_DAYS = 90;

/** Exchanges generated per token at most: enough to tell a story, few enough for 5,000 tokens. */
const MAX_EXCHANGES_PER_TOKEN = 8;

/** Where a request came from: the raw User-Agent header, summarised when it becomes a log event. */
export interface Touch {
  at: number;
  ip: string;
  userAgent: string;
}

export interface Reuse extends Touch {
  /** The counter of the reused (already rotated) token. */
  tokenCounter: number;
  /** The family's newest counter at the time. */
  latestCounter: number;
}

/** One refresh token's life as the logs tell it; the token itself may be gone since. */
export interface TokenActivity {
  credentialId: string;
  clientId: string;
  sessionId: string | null;
  familyId: string;
  rotating: boolean;
  audience: string;
  scope: string;
  issued?: Touch;
  exchanges: Touch[];
  reuses: Reuse[];
}

/** What generic activity is derived from: a token's fields as seeded, before any hostile decoration. */
export interface ActivitySeed {
  token: RefreshToken;
  device: { initial_ip: string; initial_user_agent: string; last_ip: string; last_user_agent: string };
}

/** A copy of what a token's history needs, taken before the hostile profile rewrites the token. */
export function activitySeedOf(token: RefreshToken, device: ActivitySeed['device']): ActivitySeed {
  return {
    token: {
      id: token.id,
      created_at: token.created_at,
      last_exchanged_at: token.last_exchanged_at,
      client_id: token.client_id,
      session_id: token.session_id,
      rotating: token.rotating,
      resource_servers: token.resource_servers?.map((server) => ({ ...server })),
    },
    device: { ...device },
  };
}

function dateOf(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * A seeded token's history: issued from its initial device; exchanged every half day to four
 * days up to `last_exchanged_at`; a device that moved or updated its browser switches from the
 * initial to the last values at some exchange, and the last exchange is always from the last.
 */
export function activityOf(seed: ActivitySeed, rngSeed: number, horizonStart: number): TokenActivity {
  const { token, device } = seed;
  const rng = Rng.for(rngSeed, `activity:${token.id}`);
  const server = token.resource_servers?.[0];
  const activity: TokenActivity = {
    credentialId: token.id,
    clientId: token.client_id ?? '',
    sessionId: typeof token.session_id === 'string' ? token.session_id : null,
    familyId: rng.hex(24),
    rotating: token.rotating === true,
    audience: server?.audience ?? 'https://login.acme.example/userinfo',
    scope: server?.scopes ?? 'openid offline_access',
    exchanges: [],
    reuses: [],
  };
  const created = dateOf(token.created_at);
  if (created === undefined) {
    return activity;
  }
  const initial = { ip: device.initial_ip, userAgent: device.initial_user_agent };
  const last = { ip: device.last_ip, userAgent: device.last_user_agent };
  if (created >= horizonStart) {
    activity.issued = { at: created, ...initial };
  }
  const lastExchanged = dateOf(token.last_exchanged_at);
  if (lastExchanged === undefined || lastExchanged < created) {
    return activity;
  }
  const times = [lastExchanged];
  let at = lastExchanged;
  while (times.length < MAX_EXCHANGES_PER_TOKEN) {
    at -= Math.floor(HOUR_MS * 12 + rng.float() * DAY_MS * 3.5);
    if (at <= created) {
      break;
    }
    times.unshift(at);
  }
  const moved = initial.ip !== last.ip || initial.userAgent !== last.userAgent;
  const switchAt = moved ? rng.int(0, times.length - 1) : 0;
  activity.exchanges = times
    .map((time, index) => ({ at: time, ...(index >= switchAt ? last : initial) }))
    .filter((touch) => touch.at >= horizonStart);
  return activity;
}

interface Agent {
  family: string;
  version: string;
  os: string;
  osVersion: string;
}

/** "126.0.0.0" -> "126.0.0"; "17.4" -> "17.4.0": Auth0 shows three components. */
function threeParts(version: string | undefined): string {
  const parts = (version ?? '').split(/[._]/).filter((part) => /^\d+$/.test(part));
  while (parts.length < 3) {
    parts.push('0');
  }
  return parts.slice(0, 3).join('.');
}

function operatingSystemOf(ua: string): Pick<Agent, 'os' | 'osVersion'> {
  let match: RegExpExecArray | null;
  if ((match = /(?:iPhone|CPU) OS (\d+[_\d]*)/.exec(ua))) {
    return { os: 'iOS', osVersion: threeParts(match[1]) };
  }
  if ((match = /Mac OS X (\d+[_.\d]*)/.exec(ua))) {
    return { os: 'Mac OS X', osVersion: threeParts(match[1]) };
  }
  if ((match = /Windows NT (\d+\.\d+)/.exec(ua))) {
    return { os: 'Windows', osVersion: threeParts(match[1]) };
  }
  if ((match = /Android (\d+[.\d]*)/.exec(ua))) {
    return { os: 'Android', osVersion: threeParts(match[1]) };
  }
  if (/Darwin\//.test(ua)) {
    // CFNetwork apps report Darwin's version, not iOS's.
    return { os: 'iOS', osVersion: threeParts(undefined) };
  }
  if (/Linux/.test(ua)) {
    return { os: 'Linux', osVersion: threeParts(undefined) };
  }
  return { os: 'Other', osVersion: threeParts(undefined) };
}

const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/Edg\/([\d.]+)/, 'Edge'],
  [/python-requests\/([\d.]+)/, 'Python Requests'],
  [/curl\/([\d.]+)/, 'curl'],
  [/okhttp\/([\d.]+)/, 'okhttp'],
  [/Firefox\/([\d.]+)/, 'Firefox'],
  [/Chrome\/([\d.]+) Mobile/, 'Chrome Mobile'],
  [/Chrome\/([\d.]+)/, 'Chrome'],
  [/Version\/([\d.]+) Mobile\/\S+ Safari/, 'Mobile Safari'],
  [/Version\/([\d.]+) Safari/, 'Safari'],
  [/^([A-Za-z][\w-]*)\/([\d.]+)/, ''],
];

/**
 * Auth0's summary of a User-Agent header in log events: "Chrome 126.0.0 / Windows 10.0.0",
 * "Safari 17.4.1 / Mac OS X 10.15.7", "Python Requests 2.31.0 / Other 0.0.0". The raw header is
 * not in the event.
 */
export function summariseUserAgent(ua: string): string {
  const os = operatingSystemOf(ua);
  for (const [pattern, family] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      const name = family === '' ? match[1] : family;
      const version = family === '' ? match[2] : match[1];
      return `${name} ${threeParts(version)} / ${os.os} ${os.osVersion}`;
    }
  }
  return `Other 0.0.0 / ${os.os} ${os.osVersion}`;
}

/**
 * What `user_agent` of log events carries. 'summary': Auth0's summary of the header ("Chrome
 * 126.0.0 / Windows 10.0.0", "Other 0.0.0 / Other 0.0.0"), as its Management API logs show it.
 * 'mixed': about one event in three carries the raw User-Agent header instead, as other deliveries
 * of the same field do (log streams), so both spellings reach a reader.
 */
export type LogUserAgentForm = 'summary' | 'mixed';

/** Share of events that carry the raw header when the form is 'mixed'. */
const RAW_USER_AGENT_SHARE = 1 / 3;

/**
 * How a request's User-Agent header is written into its events. In 'mixed', each request decides
 * from its own PRNG stream (user, time, address, event type), so an event reads the same whenever
 * and in whatever order the logs are generated.
 */
export function logUserAgentWriter(form: LogUserAgentForm, seed: number, userId: string): (touch: Touch, type: string) => string {
  if (form === 'summary') {
    return (touch) => summariseUserAgent(touch.userAgent);
  }
  return (touch, type) => {
    const raw = touch.userAgent !== '' && Rng.for(seed, `log-user-agent:${userId}:${touch.at}:${touch.ip}:${type}`).chance(RAW_USER_AGENT_SHARE);
    return raw ? touch.userAgent : summariseUserAgent(touch.userAgent);
  };
}

/** What every event of one user shares. */
export interface EventContext {
  user: User;
  tenantName: string;
  /** The tenant's domain as the login pages are served from. */
  hostname: string;
  clientName(clientId: string): string;
  connectionId(connection: string): string;
  /** `user_agent` of an event of `type` for the request `touch` (see logUserAgentWriter). */
  userAgent(touch: Touch, type: string): string;
}

const ENVIRONMENT = 'prod-eu-1';
const FALLBACK_IP = '192.0.2.1';

function connectionOf(user: User): string | undefined {
  const connection = user.identities?.[0]?.connection;
  return typeof connection === 'string' ? connection : undefined;
}

/** Share of (non-scenario) addresses Auth0 could not place: their events carry `location_info: null`, as recorded. */
export const UNLOCATED_SHARE = 0.1;

/**
 * Where Auth0 placed `ip`, or null (recorded) for an address it could not: a loopback, private or
 * reserved address never (the emulator's own callers are 127.0.0.1), a share of the others; the
 * scenarios' addresses always.
 */
function locationOrNull(ip: string): LogEvent['location_info'] {
  if (!isGeolocatable(ip)) {
    return null;
  }
  return SCENARIO_NETWORKS[ip] !== undefined || shapeRoll(ip, 'unlocated') >= UNLOCATED_SHARE ? locationOf(ip) : null;
}

/** `strategy` and `strategy_type` of the user's connection, null when unknown (as recorded). */
function strategyOf(user: User): { strategy: string | null; strategy_type: string | null } {
  const identity = user.identities?.[0];
  const provider = typeof identity?.provider === 'string' ? identity.provider : undefined;
  if (provider === undefined) {
    return { strategy: null, strategy_type: null };
  }
  const type = provider === 'auth0' ? 'database' : identity?.isSocial === true ? 'social' : 'enterprise';
  return { strategy: provider, strategy_type: type };
}

/** Auth0's `isMobile` (an extra field the schema does not name, recorded on every event). */
function isMobileAgent(userAgent: string): boolean {
  return /Mobile|iPhone|iPad|Android|CFNetwork|okhttp|Dalvik/.test(userAgent);
}

/** The fields every event of a request shares (date, client, address, user, user agent, place). */
export function common(type: LogEvent['type'], description: string, touch: Touch, clientId: string, ctx: EventContext): LogEvent {
  const connection = connectionOf(ctx.user);
  const ip = isIpAddress(touch.ip) ? touch.ip : FALLBACK_IP;
  const event: LogEvent = { date: new Date(touch.at).toISOString(), type, description };
  if (connection !== undefined) {
    event.connection = connection;
    event.connection_id = ctx.connectionId(connection);
  }
  event.client_id = clientId;
  event.client_name = ctx.clientName(clientId);
  event.ip = ip;
  event.hostname = ctx.hostname;
  event.user_id = ctx.user.user_id;
  event.user_name = ctx.user.email ?? ctx.user.user_id;
  event.user_agent = ctx.userAgent(touch, String(type));
  event.tenant_name = ctx.tenantName;
  event.environment_name = ENVIRONMENT;
  event.location_info = locationOrNull(ip);
  // What a real tenant adds or leaves null (recorded): organisation fields, the strategy, isMobile.
  Object.assign(event, { organization_id: null, organization_name: null, ...strategyOf(ctx.user), isMobile: isMobileAgent(touch.userAgent) });
  return event;
}

export function refreshTokenDetails(activity: TokenActivity): { access: 'offline'; session_id?: string } {
  return activity.sessionId === null ? { access: 'offline' } : { access: 'offline', session_id: activity.sessionId };
}

/** The events one token's activity produced, oldest first, without log ids (see assignLogIds). */
export function eventsOf(activity: TokenActivity, ctx: EventContext): LogEvent[] {
  const events: LogEvent[] = [];
  if (activity.issued !== undefined) {
    const event = common('seacft', 'Authorization Code for Access Token', activity.issued, activity.clientId, ctx);
    event.audience = activity.audience;
    event.scope = activity.scope;
    event.details = { code: '*************' + activity.familyId.slice(0, 6), refresh_token: refreshTokenDetails(activity) };
    events.push(event);
  }
  activity.exchanges.forEach((touch, index) => {
    const event = common('sertft', 'Successful Exchange of Refresh Token for Access Token', touch, activity.clientId, ctx);
    event.audience = activity.audience;
    event.scope = activity.scope;
    event.details = activity.rotating
      ? { familyId: activity.familyId, tokenCounter: index + 1, refresh_token: refreshTokenDetails(activity) }
      : { familyId: activity.familyId, refresh_token: refreshTokenDetails(activity) };
    events.push(event);
  });
  for (const reuse of activity.reuses) {
    const event = common('ferrt', 'Unsuccessful Refresh Token exchange, reuse detected', reuse, activity.clientId, ctx);
    event.audience = activity.audience;
    event.scope = activity.scope;
    event.details = { familyId: activity.familyId, tokenCounter: reuse.tokenCounter, latestCounter: reuse.latestCounter };
    events.push(event);
  }
  return events;
}

/** Who asked the emulator to revoke: the caller's address and User-Agent header. */
export interface Caller {
  ip: string;
  userAgent: string;
}

/** `srrt` for a refresh token revoked through the emulator's Management API. */
export function revocationEvent(token: RefreshToken, at: number, caller: Caller, ctx: EventContext): LogEvent {
  const clientId = token.client_id ?? '';
  const audience = token.resource_servers?.[0]?.audience;
  const sessionId = typeof token.session_id === 'string' ? token.session_id : undefined;
  return {
    ...common('srrt', 'Successful Refresh Token revocation', { at, ...caller }, clientId, ctx),
    details: {
      credential_id: token.id,
      ...(sessionId === undefined ? {} : { session_id: sessionId, refresh_token: { access: 'offline' as const, session_id: sessionId } }),
      ...(typeof audience === 'string' && audience !== '' ? { audience } : {}),
    },
  };
}

/** "2026-03-01T12:00:00.123Z" -> "20260301120000123". */
function dateDigits(at: number): string {
  return new Date(at).toISOString().replace(/\D/g, '');
}

/**
 * Auth0 log ids are long digit strings that sort like the events' dates; checkpoint paging
 * (`from`) relies on that. `rng` makes each id unique and the same seed gives the same ids.
 */
export function logIdFor(at: number, rng: Rng): string {
  let unique = '';
  for (let i = 0; i < 4; i++) {
    unique += String(rng.int(0, 999_999_999)).padStart(9, '0');
  }
  return `900${dateDigits(at)}${unique}`;
}

/** Sorts by date (oldest first) and gives every event its log id. */
export function assignLogIds(events: LogEvent[], rng: Rng): LogEvent[] {
  const dated = events.map((event) => ({ event, at: Date.parse(String(event.date)) }));
  dated.sort((a, b) => a.at - b.at);
  return dated.map(({ event, at }) => {
    event.log_id = logIdFor(at, rng);
    // Auth0 repeats the id as `_id` (recorded).
    event._id = event.log_id;
    return event;
  });
}

/** Oldest first: log ids start with the date, so their order is the events' order. */
export function compareLogs(a: LogEvent, b: LogEvent): number {
  const left = String(a.log_id);
  const right = String(b.log_id);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Auth0's summary of a request whose agent it did not identify (recorded on every seccft and sapi). */
const UNIDENTIFIED_AGENT = 'Other 0.0.0 / Other 0.0.0';

/**
 * Events of the user's account that concern no refresh token, with the nulls a real tenant sends
 * (recorded): `ss` (signup) when the account was created within the history, and for some users an
 * `fn` (a notification that could not be sent). The extension must read past them.
 */
export function accountEvents(user: User, ctx: EventContext, horizonStart: number, now: number): LogEvent[] {
  const events: LogEvent[] = [];
  const created = typeof user.created_at === 'string' ? Date.parse(user.created_at) : Number.NaN;
  const userIp = typeof user.last_ip === 'string' && isIpAddress(user.last_ip) ? user.last_ip : FALLBACK_IP;
  if (Number.isFinite(created) && created >= horizonStart && created <= now) {
    const event = common('ss', '', { at: created, ip: userIp, userAgent: '' }, '', ctx);
    Object.assign(event, { client_name: null, hostname: null, audience: null, details: null, location_info: null, user_agent: UNIDENTIFIED_AGENT });
    events.push(event);
  }
  if (shapeRoll(String(user.user_id), 'failed-notification') < 0.1) {
    const at = horizonStart + Math.floor(shapeRoll(String(user.user_id), 'failed-notification-at') * (now - horizonStart));
    const event = common('fn', 'Failed to send the verification email', { at, ip: userIp, userAgent: '' }, '', ctx);
    Object.assign(event, { connection: null, client_name: null, hostname: null, audience: null, user_agent: UNIDENTIFIED_AGENT, location_info: null, details: { error: 'email provider not configured' } });
    events.push(event);
  }
  return events;
}

/** The machine-to-machine application whose own events fill the tenant's log (seccft, sapi). */
export interface MachineClient {
  client_id: string;
  name: string;
}

const MANAGEMENT_WRITES: readonly { description: string; method: string; path: string }[] = [
  { description: 'Update a User', method: 'patch', path: '/api/v2/users/{id}' },
  { description: 'Delete a User', method: 'delete', path: '/api/v2/users/{id}' },
  { description: 'Create a Client', method: 'post', path: '/api/v2/clients' },
  { description: 'Delete a refresh token', method: 'delete', path: '/api/v2/refresh-tokens/{id}' },
];

/**
 * The tenant's own back-end traffic, as a real tenant's log is full of it (recorded): a
 * client-credentials exchange (`seccft`, `user_id: ""`, `details: null`) and a Management API
 * write (`sapi`, `user_id`, `hostname`, `audience` null) most days. Belongs to no user, so only
 * GET /logs shows it. Oldest first, without log ids (see assignLogIds).
 */
export function machineEvents(client: MachineClient, rng: Rng, horizonStart: number, now: number, tenantName: string, hostname: string): LogEvent[] {
  const events: LogEvent[] = [];
  const ip = '192.0.2.10';
  const base = {
    connection: null, connection_id: '', organization_id: null, organization_name: null, client_id: client.client_id, ip,
    user_name: '', user_agent: UNIDENTIFIED_AGENT, strategy: null, strategy_type: null, isMobile: false, location_info: null,
    tenant_name: tenantName, environment_name: ENVIRONMENT,
  };
  for (let day = horizonStart; day < now; day += DAY_MS) {
    const exchangeAt = day + Math.floor(rng.float() * DAY_MS);
    if (exchangeAt < now) {
      events.push({
        ...base, date: new Date(exchangeAt).toISOString(), type: 'seccft', description: '', client_name: client.name, hostname,
        details: null, user_id: '', audience: `https://${hostname}/api/v2/`, scope: 'read:users update:users delete:users read:logs',
      } as unknown as LogEvent);
    }
    const writeAt = day + Math.floor(rng.float() * DAY_MS);
    if (rng.chance(0.6) && writeAt < now) {
      const write = rng.pick(MANAGEMENT_WRITES);
      events.push({
        // As recorded: a Management API write names no connection and no user (null, where seccft sends "").
        ...base, date: new Date(writeAt).toISOString(), type: 'sapi', description: write.description, client_name: '', hostname: null, connection_id: null, user_name: null,
        details: { request: { method: write.method, path: write.path }, response: { statusCode: write.method === 'post' ? 201 : write.method === 'delete' ? 204 : 200 } }, user_id: null, audience: null, scope: null,
      } as unknown as LogEvent);
    }
  }
  return events;
}
