// The demo scenarios: four users whose tokens, sessions and log events tell one story each,
// dated relative to the emulator's `now` so the demo looks alive whenever it runs.
//   stolenLaptop     a token issued to Safari on a Mac at a home ISP, exchanged since by a
//                    python-requests script from four hosting providers' networks within a day
//   reuse            a rotation family reused (ferrt, "reuse detected"); the user's browser then
//                    got a new token in the same session, which is the one listed now: the reuse
//                    is in its History as the session's earlier event, not a finding of its own
//   outlivedSession  a token still exchanged although its session ended (GET /sessions/{id}: 404)
//   browserUpdated   healthy: the same browser, a newer version, the same network; nothing to flag
// The addresses are fixed (see SCENARIO_NETWORKS) so the ASNs, cities and log events agree.
import type { RefreshToken, Session, User } from '../../../src/auth0/types';
import type { Rng } from '../prng';
import type { ClientRecord } from './clients';
import { networkOf } from './geo';
import { DAY_MS, type Reuse, type TokenActivity, type Touch } from './logs';

export type ScenarioName = 'stolenLaptop' | 'reuse' | 'outlivedSession' | 'browserUpdated';

export const SCENARIO_NAMES: readonly ScenarioName[] = ['stolenLaptop', 'reuse', 'outlivedSession', 'browserUpdated'];

const HOUR_MS = 3_600_000;

const AGENTS = {
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  pythonRequests: 'python-requests/2.31.0',
  curl: 'curl/8.4.0',
  acmeIos: 'AcmeMobile/3.2.1 CFNetwork/1494.0.7 Darwin/23.4.0',
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeWindowsOld: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariIphoneOld: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
} as const;

const ORDERS_API = { audience: 'https://api.acme.example/', scopes: 'openid profile email offline_access read:orders write:orders' };
const PARTNER_API = { audience: 'urn:acme:partner-api', scopes: 'offline_access partner:read partner:write' };

interface ScenarioPerson {
  given: string;
  family: string;
  /** Days since the account was created. */
  memberForDays: number;
  /** Where they last logged in from. */
  lastIp: string;
}

const PEOPLE: Record<ScenarioName, ScenarioPerson> = {
  stolenLaptop: { given: 'Dana', family: 'Whitfield', memberForDays: 700, lastIp: '198.51.100.23' },
  reuse: { given: 'Marcus', family: 'Oyelaran', memberForDays: 420, lastIp: '198.51.100.140' },
  outlivedSession: { given: 'Priya', family: 'Raman', memberForDays: 910, lastIp: '198.51.100.61' },
  browserUpdated: { given: 'Henrik', family: 'Lindqvist', memberForDays: 1200, lastIp: '192.0.2.87' },
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The scenario's user, a database user like most of the tenant's. */
export function scenarioUser(name: ScenarioName, rng: Rng, now: number): User {
  const person = PEOPLE[name];
  const id = rng.hex(24);
  const local = `${person.given}.${person.family}`.toLowerCase();
  const lastLogin = now - Math.floor(HOUR_MS * (2 + rng.float() * 20));
  return {
    created_at: iso(now - person.memberForDays * DAY_MS),
    email: `${local}@example.com`,
    email_verified: true,
    family_name: person.family,
    given_name: person.given,
    identities: [{ connection: 'Username-Password-Authentication', provider: 'auth0', user_id: id, isSocial: false }],
    name: `${person.given} ${person.family}`,
    nickname: person.given.toLowerCase(),
    picture: `https://s.gravatar.example/avatar/${rng.hex(32)}?s=480&r=pg`,
    updated_at: iso(lastLogin),
    user_id: `auth0|${id}`,
    last_ip: person.lastIp,
    last_login: iso(lastLogin),
    logins_count: rng.int(20, 300),
  };
}

export interface ScenarioData {
  tokens: RefreshToken[];
  /** Live sessions only: a session that ended is simply absent. */
  sessions: Session[];
  /** Every token's history, including tokens revoked since (the reused family). */
  activities: TokenActivity[];
}

export interface ScenarioContext {
  rng: Rng;
  userId: string;
  now: number;
  client(key: string): ClientRecord;
}

interface TokenPlan {
  client: ClientRecord;
  sessionId: string;
  server: { audience: string; scopes: string };
  issued: Touch;
  exchanges: Touch[];
  reuses?: Reuse[];
  /** The listed token; false for a token revoked since (its history stays in the logs). */
  listed?: boolean;
}

function at(ip: string, userAgent: string, when: number): Touch {
  return { at: when, ip, userAgent };
}

/** Exchanges from one place every `everyHours`, from `from` (exclusive) up to `to` (inclusive). */
function every(from: number, to: number, everyHours: number, ip: string, userAgent: string): Touch[] {
  const touches: Touch[] = [];
  for (let when = to; when > from; when -= everyHours * HOUR_MS) {
    touches.unshift(at(ip, userAgent, when));
  }
  return touches;
}

function tokenFor(plan: TokenPlan, ctx: ScenarioContext): { token: RefreshToken; activity: TokenActivity } {
  const { client, issued, exchanges } = plan;
  const last = exchanges.length > 0 ? exchanges[exchanges.length - 1] : issued;
  const rotating = client.rotating;
  const id = ctx.rng.string(32);
  const token: RefreshToken = {
    id,
    user_id: ctx.userId,
    created_at: iso(issued.at),
    idle_expires_at: iso(last.at + 15 * DAY_MS),
    expires_at: iso(issued.at + (rotating ? 30 : 365) * DAY_MS),
    ...(exchanges.length > 0 ? { last_exchanged_at: iso(last.at) } : {}),
    device: {
      initial_ip: issued.ip,
      initial_asn: networkOf(issued.ip).asn,
      initial_user_agent: issued.userAgent,
      last_ip: last.ip,
      last_asn: networkOf(last.ip).asn,
      last_user_agent: last.userAgent,
    },
    client_id: client.client_id,
    session_id: plan.sessionId,
    rotating,
    resource_servers: [{ ...plan.server }],
  };
  const activity: TokenActivity = {
    credentialId: id,
    clientId: client.client_id,
    sessionId: plan.sessionId,
    familyId: ctx.rng.hex(24),
    rotating,
    audience: plan.server.audience,
    scope: plan.server.scopes,
    issued,
    exchanges,
    reuses: plan.reuses ?? [],
  };
  return { token, activity };
}

interface SessionPlan {
  id: string;
  client: ClientRecord;
  created: number;
  lastInteracted: number;
  initial: Touch;
  last: Touch;
  method: 'pwd' | 'passkey' | 'federated';
}

function sessionFor(plan: SessionPlan, ctx: ScenarioContext): Session {
  return {
    id: plan.id,
    user_id: ctx.userId,
    created_at: iso(plan.created),
    updated_at: iso(plan.lastInteracted),
    authenticated_at: iso(plan.created),
    idle_expires_at: iso(plan.lastInteracted + 3 * DAY_MS),
    expires_at: iso(plan.created + 30 * DAY_MS),
    last_interacted_at: iso(plan.lastInteracted),
    device: {
      initial_user_agent: plan.initial.userAgent,
      initial_ip: plan.initial.ip,
      initial_asn: networkOf(plan.initial.ip).asn,
      last_user_agent: plan.last.userAgent,
      last_ip: plan.last.ip,
      last_asn: networkOf(plan.last.ip).asn,
    },
    clients: [{ client_id: plan.client.client_id }],
    authentication: { methods: [{ name: plan.method, timestamp: iso(plan.created) }] },
  };
}

/** Builds one scenario's tokens, sessions and histories. */
export function buildScenario(name: ScenarioName, ctx: ScenarioContext): ScenarioData {
  const plans = PLANS[name](ctx);
  const tokens: RefreshToken[] = [];
  const activities: TokenActivity[] = [];
  for (const plan of plans.tokens) {
    const { token, activity } = tokenFor(plan, ctx);
    activities.push(activity);
    if (plan.listed !== false) {
      tokens.push(token);
    }
  }
  tokens.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  const sessions = plans.sessions.map((plan) => sessionFor(plan, ctx)).sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  return { tokens, sessions, activities };
}

interface Plans {
  tokens: TokenPlan[];
  sessions: SessionPlan[];
}

const PLANS: Record<ScenarioName, (ctx: ScenarioContext) => Plans> = {
  stolenLaptop(ctx) {
    const { now, rng } = ctx;
    const web = ctx.client('acme-web');
    const ios = ctx.client('acme-ios');
    const home = '198.51.100.23';
    const laptopSession = rng.string(32);
    const phoneSession = rng.string(32);
    const issued = now - 12 * DAY_MS;
    const lastLaptopUse = now - 30 * HOUR_MS;
    // Before the theft the laptop's Safari refreshed about every two days, from home.
    const fromLaptop = every(issued, lastLaptopUse, 46, home, AGENTS.safariMac);
    // Since: one script, four hosting providers' networks (two addresses in each), all within
    // the last day: more addresses than the findings' default limit of five for one family.
    const fromScript = [
      at('203.0.113.41', AGENTS.pythonRequests, now - 22 * HOUR_MS),
      at('203.0.113.42', AGENTS.pythonRequests, now - 20 * HOUR_MS),
      at('203.0.113.77', AGENTS.pythonRequests, now - 16 * HOUR_MS),
      at('203.0.113.78', AGENTS.pythonRequests, now - 14 * HOUR_MS),
      at('203.0.113.102', AGENTS.pythonRequests, now - 10 * HOUR_MS),
      at('203.0.113.103', AGENTS.pythonRequests, now - 8 * HOUR_MS),
      at('203.0.113.150', AGENTS.pythonRequests, now - 4 * HOUR_MS),
      at('203.0.113.151', AGENTS.pythonRequests, now - 2 * HOUR_MS),
    ];
    const phoneIssued = now - 20 * DAY_MS;
    return {
      tokens: [
        {
          client: ios,
          sessionId: phoneSession,
          server: ORDERS_API,
          issued: at(home, AGENTS.acmeIos, phoneIssued),
          exchanges: every(phoneIssued, now - 3 * HOUR_MS, 40, home, AGENTS.acmeIos),
        },
        {
          client: web,
          sessionId: laptopSession,
          server: ORDERS_API,
          issued: at(home, AGENTS.safariMac, issued),
          exchanges: [...fromLaptop, ...fromScript],
        },
      ],
      sessions: [
        // The browser session is untouched by the script: it only uses the refresh token.
        { id: laptopSession, client: web, created: issued, lastInteracted: lastLaptopUse, initial: at(home, AGENTS.safariMac, issued), last: at(home, AGENTS.safariMac, lastLaptopUse), method: 'pwd' },
        { id: phoneSession, client: ios, created: phoneIssued, lastInteracted: now - 3 * HOUR_MS, initial: at(home, AGENTS.acmeIos, phoneIssued), last: at(home, AGENTS.acmeIos, now - 3 * HOUR_MS), method: 'passkey' },
      ],
    };
  },

  reuse(ctx) {
    const { now, rng } = ctx;
    const web = ctx.client('acme-web');
    const office = '198.51.100.140';
    const session = rng.string(32);
    const sessionStart = now - 6 * DAY_MS;
    const reusedAt = now - 26 * HOUR_MS;
    const reissuedAt = now - 25 * HOUR_MS;
    const firstFamily = every(sessionStart, now - 2 * DAY_MS, 24, office, AGENTS.chromeWindows);
    return {
      tokens: [
        {
          // The family that was reused: a rotated-away token came back from elsewhere, Auth0
          // revoked the family, so this token is no longer listed; its history stays.
          client: web,
          sessionId: session,
          server: ORDERS_API,
          issued: at(office, AGENTS.chromeWindows, sessionStart),
          exchanges: firstFamily,
          reuses: [{ ...at('203.0.113.200', AGENTS.curl, reusedAt), tokenCounter: 2, latestCounter: firstFamily.length }],
          listed: false,
        },
        {
          // The browser's silent re-authentication in the same session, an hour later.
          client: web,
          sessionId: session,
          server: ORDERS_API,
          issued: at(office, AGENTS.chromeWindows, reissuedAt),
          exchanges: every(reissuedAt, now - HOUR_MS, 9, office, AGENTS.chromeWindows),
        },
      ],
      sessions: [
        { id: session, client: web, created: sessionStart, lastInteracted: reissuedAt, initial: at(office, AGENTS.chromeWindows, sessionStart), last: at(office, AGENTS.chromeWindows, reissuedAt), method: 'pwd' },
      ],
    };
  },

  outlivedSession(ctx) {
    const { now, rng } = ctx;
    const portal = ctx.client('partner-portal');
    const web = ctx.client('acme-web');
    const london = '192.0.2.200';
    const chicago = '198.51.100.61';
    const endedSession = rng.string(32);
    const liveSession = rng.string(32);
    const issued = now - 20 * DAY_MS;
    const liveStart = now - 2 * DAY_MS;
    return {
      tokens: [
        {
          // Its session ended (signed out) days ago; the refresh token lives on and is used.
          client: portal,
          sessionId: endedSession,
          server: PARTNER_API,
          issued: at(london, AGENTS.firefoxLinux, issued),
          exchanges: every(issued, now - 6 * HOUR_MS, 50, london, AGENTS.firefoxLinux),
        },
        {
          client: web,
          sessionId: liveSession,
          server: ORDERS_API,
          issued: at(chicago, AGENTS.chromeMac, liveStart),
          exchanges: every(liveStart, now - 4 * HOUR_MS, 26, chicago, AGENTS.chromeMac),
        },
      ],
      sessions: [
        { id: liveSession, client: web, created: liveStart, lastInteracted: now - 4 * HOUR_MS, initial: at(chicago, AGENTS.chromeMac, liveStart), last: at(chicago, AGENTS.chromeMac, now - 4 * HOUR_MS), method: 'federated' },
      ],
    };
  },

  browserUpdated(ctx) {
    const { now, rng } = ctx;
    const web = ctx.client('acme-web');
    const desktopSession = rng.string(32);
    const phoneSession = rng.string(32);
    const desktopIssued = now - 24 * DAY_MS;
    const desktopUpdated = now - 6 * DAY_MS;
    const phoneIssued = now - 15 * DAY_MS;
    const phoneUpdated = now - 4 * DAY_MS;
    // The home router got a new address from the same ISP when Chrome updated: same ASN, same city.
    const desktop = [
      ...every(desktopIssued, desktopUpdated - DAY_MS, 60, '192.0.2.10', AGENTS.chromeWindowsOld),
      ...every(desktopUpdated, now - 5 * HOUR_MS, 30, '192.0.2.87', AGENTS.chromeWindows),
    ];
    const phone = [
      ...every(phoneIssued, phoneUpdated - DAY_MS, 50, '2001:db8:3320::1a', AGENTS.safariIphoneOld),
      ...every(phoneUpdated, now - 7 * HOUR_MS, 33, '2001:db8:3320::7c', AGENTS.safariIphone),
    ];
    return {
      tokens: [
        { client: web, sessionId: desktopSession, server: ORDERS_API, issued: at('192.0.2.10', AGENTS.chromeWindowsOld, desktopIssued), exchanges: desktop },
        { client: web, sessionId: phoneSession, server: ORDERS_API, issued: at('2001:db8:3320::1a', AGENTS.safariIphoneOld, phoneIssued), exchanges: phone },
      ],
      sessions: [
        {
          id: desktopSession,
          client: web,
          created: desktopIssued,
          lastInteracted: now - 5 * HOUR_MS,
          initial: at('192.0.2.10', AGENTS.chromeWindowsOld, desktopIssued),
          last: at('192.0.2.87', AGENTS.chromeWindows, now - 5 * HOUR_MS),
          method: 'passkey',
        },
        {
          id: phoneSession,
          client: web,
          created: phoneIssued,
          lastInteracted: now - 7 * HOUR_MS,
          initial: at('2001:db8:3320::1a', AGENTS.safariIphoneOld, phoneIssued),
          last: at('2001:db8:3320::7c', AGENTS.safariIphone, now - 7 * HOUR_MS),
          method: 'passkey',
        },
      ],
    };
  },
};
