// Tokens, sessions and log events for the findings suites: one ordinary user of "Acme Portal"
// at SAMPLE_NOW, and builders for events in the shapes of log-events.subset.json.

import type { RefreshToken, Session } from '../../../src/auth0/types';
import type { TokenLogEvent } from '../../../src/findings/logEvents';
import { SAMPLE_NOW } from '../fixtures/payloadTokens';

export { SAMPLE_NOW };

export const USER_ID = 'auth0|64f1c2d3e4a5b6c7d8e9f001';
export const CLIENT_ID = 'Xk2mP9qR4sT6uV8wY0zA1bC3dE5fG7hJ';
export const OTHER_CLIENT_ID = 'Zz9yX8wV7uT6sR5qP4oN3mL2kJ1iH0gF';
export const SESSION_ID = 'sess_01HZX4K7Q2M8N5P3R6S9T0V1W2';
export const FAMILY_ID = 'fam_7Q2M8N5P3R';

export const AGENTS = {
  chrome126Mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  chrome127Mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.6533.72 Safari/537.36',
  chrome126Windows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariIpad: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  acme32: 'Acme/3.2 CFNetwork/1404 Darwin/22.2.0',
  acme33: 'Acme/3.3 CFNetwork/1410 Darwin/22.6.0',
  curl: 'curl/8.4.0',
} as const;

/** Auth0's log spelling of user agents. */
export const LOG_AGENTS = {
  chrome126Mac: 'Chrome 126.0.0 / Mac OS X 10.15.7',
  chrome127Mac: 'Chrome 127.0.0 / Mac OS X 10.15.7',
  chromeWindows: 'Chrome 126.0.0 / Windows 10.0.0',
  firefoxLinux: 'Firefox 128.0.0 / Ubuntu 0.0.0',
  safariIos: 'Mobile Safari 17.5.0 / iOS 17.5.0',
  chromeAndroid: 'Chrome Mobile 126.0.0 / Android 14.0.0',
} as const;

const DAY = 24 * 60 * 60 * 1000;

/** An ISO date `days` before SAMPLE_NOW (fractions allowed). */
export function daysAgo(days: number): string {
  return new Date(SAMPLE_NOW.getTime() - days * DAY).toISOString();
}

/** An ISO date `days` after SAMPLE_NOW. */
export function daysAhead(days: number): string {
  return new Date(SAMPLE_NOW.getTime() + days * DAY).toISOString();
}

/** A healthy rotating token: same device and network as when issued, used an hour ago. */
export function token(overrides: Partial<RefreshToken> = {}): RefreshToken {
  return {
    id: 'rt_0f8a7c6b5d4e3f21',
    user_id: USER_ID,
    created_at: daysAgo(6),
    idle_expires_at: daysAhead(24),
    expires_at: daysAhead(24),
    last_exchanged_at: daysAgo(1 / 24),
    client_id: CLIENT_ID,
    session_id: SESSION_ID,
    rotating: true,
    resource_servers: [{ audience: 'https://api.acme.example/', scopes: 'openid offline_access' }],
    refresh_token_metadata: null,
    device: {
      initial_ip: '203.0.113.7',
      initial_asn: '64500',
      initial_user_agent: AGENTS.chrome126Mac,
      last_ip: '203.0.113.7',
      last_asn: '64500',
      last_user_agent: AGENTS.chrome126Mac,
    },
    ...overrides,
  };
}

export function withDevice(overrides: Record<string, string | null>): RefreshToken {
  return token({ device: { ...token().device, ...overrides } });
}

let logCounter = 0;

/**
 * A log event of `type` for the sample user, session, application and family, with the fields
 * log-events.subset.json requires of seacft, sertft, fertft, ferrt and srrt.
 */
export function logEvent(type: string, overrides: Partial<TokenLogEvent> = {}): TokenLogEvent {
  logCounter++;
  const details: Record<string, unknown> = {};
  if (type === 'seacft' || type === 'sertft' || type === 'fertft') {
    details.refresh_token = { session_id: SESSION_ID, access: 'offline' };
  }
  if (type === 'sertft' || type === 'ferrt') {
    details.familyId = FAMILY_ID;
  }
  if (type === 'ferrt') {
    details.latestCounter = 4;
    details.tokenCounter = 2;
  }
  if (type === 'srrt') {
    details.credential_id = 'rt_0f8a7c6b5d4e3f21';
  }
  return {
    log_id: `900200${String(logCounter).padStart(6, '0')}`,
    type,
    date: daysAgo(1),
    description: type === 'ferrt' ? 'Unsuccessful Refresh Token exchange, reuse detected' : '',
    ip: '203.0.113.7',
    user_agent: LOG_AGENTS.chrome126Mac,
    client_id: CLIENT_ID,
    client_name: 'Acme Portal',
    user_id: USER_ID,
    hostname: 'acme.eu.auth0.com',
    audience: 'https://api.acme.example/',
    environment_name: 'prod-eu-1',
    tenant_name: 'acme',
    location_info: { country_code: 'PT', country_name: 'Portugal', city_name: 'Lisbon' },
    ...overrides,
    details: { ...details, ...(overrides.details ?? {}) },
  };
}

/** A sertft without a session or family of its own (a token issued before sessions). */
export function sessionlessExchange(overrides: Partial<TokenLogEvent> = {}): TokenLogEvent {
  const event = logEvent('sertft', overrides);
  delete event.details?.refresh_token;
  return event;
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: SESSION_ID,
    user_id: USER_ID,
    created_at: daysAgo(6),
    updated_at: daysAgo(1 / 24),
    authenticated_at: daysAgo(6),
    last_interacted_at: daysAgo(1 / 24),
    idle_expires_at: daysAhead(3),
    expires_at: daysAhead(24),
    device: {
      initial_ip: '203.0.113.7',
      initial_asn: '64500',
      initial_user_agent: AGENTS.chrome126Mac,
      last_ip: '203.0.113.7',
      last_asn: '64500',
      last_user_agent: AGENTS.chrome126Mac,
    },
    clients: [{ client_id: CLIENT_ID }],
    authentication: { methods: [{ name: 'pwd', timestamp: daysAgo(6) }, { name: 'mfa', type: 'otp', timestamp: daysAgo(6) }] },
    ...overrides,
  };
}

/** `count` tokens of the sample user for `clientId`, distinct ids. */
export function manyTokens(count: number, clientId: string = CLIENT_ID): RefreshToken[] {
  return Array.from({ length: count }, (_, index) => token({ id: `rt_bulk_${clientId.slice(0, 4)}_${index}`, client_id: clientId }));
}
