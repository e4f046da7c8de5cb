// Which of a user's log events belong to one refresh token. Auth0 logs never name the token
// being exchanged, only its session (`details.refresh_token.session_id`) and rotation family
// (`details.familyId`); a revocation (srrt) names the token itself (`details.credential_id`).
// So a token with a session gets the events of that session and application, and the events of
// the rotation families seen there (ferrt carries only the family). A token issued before late
// 2023 has no session: events of the same application that carry no session either are its
// "probable" history, narrowed by device when the user has other such tokens for that application.

import type { RefreshToken } from '../auth0/types';
import { deviceIdentity, deviceKey } from './deviceIdentity';
import {
  eventClientId, eventCredentialId, eventDate, eventFamilyId, eventIp, eventSessionId, eventUserAgent,
  REFRESH_TOKEN_EVENT_TYPES, type TokenLogEvent,
} from './logEvents';

/**
 * How an event was tied to the token: by its session and application, by the token's own id
 * (srrt), by a rotation family seen in the token's session, or probably (no session to go by).
 */
export type EventLink = 'session' | 'credential' | 'family' | 'probable';

export interface TokenEvent {
  event: TokenLogEvent;
  /** `undefined` when the event's date is missing or unreadable. */
  date?: Date;
  link: EventLink;
  /** True for `link === 'probable'`: shown with a "probable" mark, and findings from it say so. */
  probable: boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function sameApplication(token: RefreshToken, event: TokenLogEvent): boolean {
  const tokenClient = text(token.client_id);
  return tokenClient === undefined || eventClientId(event) === tokenClient;
}

/** The token's own user (when both name one) and a refresh-token event type. */
function isCandidate(token: RefreshToken, event: TokenLogEvent): boolean {
  if (!event || typeof event !== 'object' || !REFRESH_TOKEN_EVENT_TYPES.has(event.type ?? '')) {
    return false;
  }
  const tokenUser = text(token.user_id);
  const eventUser = text(event.user_id);
  return tokenUser === undefined || eventUser === undefined || tokenUser === eventUser;
}

function definiteLink(token: RefreshToken, event: TokenLogEvent): EventLink | undefined {
  const credential = eventCredentialId(event);
  if (credential !== undefined) {
    // A revocation names its token: another token of the same session is not this one.
    return credential === token.id ? 'credential' : undefined;
  }
  const session = text(token.session_id);
  if (session !== undefined && eventSessionId(event) === session && sameApplication(token, event)) {
    return 'session';
  }
  return undefined;
}

function tokenDeviceMarks(token: RefreshToken): { ips: Set<string>; devices: Set<string> } {
  const device = token.device && typeof token.device === 'object' ? token.device : {};
  const ips = new Set([text(device.initial_ip), text(device.last_ip)].filter((ip): ip is string => ip !== undefined));
  const devices = new Set<string>();
  for (const userAgent of [text(device.initial_user_agent), text(device.last_user_agent)]) {
    const identity = deviceIdentity(userAgent);
    if (identity.product || identity.os || identity.fallback !== undefined) {
      devices.add(deviceKey(identity));
    }
  }
  return { ips, devices };
}

function matchesDevice(event: TokenLogEvent, marks: { ips: Set<string>; devices: Set<string> }): boolean {
  const ip = eventIp(event);
  if (ip !== undefined && marks.ips.has(ip)) {
    return true;
  }
  const identity = deviceIdentity(eventUserAgent(event));
  return (identity.product !== undefined || identity.os !== undefined || identity.fallback !== undefined) && marks.devices.has(deviceKey(identity));
}

/** Events of the same application with no session of their own, for a token that has none. */
function probableEvents(token: RefreshToken, unlinked: readonly TokenLogEvent[], userTokens: readonly RefreshToken[]): Set<TokenLogEvent> {
  const sessionless = unlinked.filter((event) => eventSessionId(event) === undefined && eventCredentialId(event) === undefined && sameApplication(token, event));
  const siblings = userTokens.filter((other) => other && other.id !== token.id && other.client_id === token.client_id && !text(other.session_id));
  if (siblings.length === 0) {
    return new Set(sessionless);
  }
  // Other sessionless tokens of this application could own these events: keep the families
  // exchanged from this token's recorded addresses or devices.
  const marks = tokenDeviceMarks(token);
  const matching = sessionless.filter((event) => matchesDevice(event, marks));
  const families = new Set(matching.map(eventFamilyId).filter((family): family is string => family !== undefined));
  return new Set(sessionless.filter((event) => {
    const family = eventFamilyId(event);
    return family !== undefined ? families.has(family) : matching.includes(event);
  }));
}

function newestFirst(a: TokenEvent, b: TokenEvent): number {
  if (a.date && b.date) {
    return b.date.getTime() - a.date.getTime();
  }
  // Undated events go last, in the order they came.
  return a.date ? -1 : b.date ? 1 : 0;
}

/**
 * The events of `events` (a user's tenant log events, any order, any types) that belong to
 * `token`, newest first (undated last), each with how it was tied to the token. Events of
 * other users, other types and duplicates (same `log_id`) are dropped. `userTokens` are the
 * user's tokens as far as known; they narrow the probable history of a token without a session.
 * Never throws on malformed events.
 */
export function eventsForToken(token: RefreshToken, events: readonly TokenLogEvent[], userTokens: readonly RefreshToken[] = []): TokenEvent[] {
  const seen = new Set<string>();
  const candidates = (Array.isArray(events) ? events : []).filter((event) => {
    if (!isCandidate(token, event)) {
      return false;
    }
    const logId = text(event.log_id);
    if (logId !== undefined) {
      if (seen.has(logId)) {
        return false;
      }
      seen.add(logId);
    }
    return true;
  });

  const links = new Map<TokenLogEvent, EventLink>();
  for (const event of candidates) {
    const link = definiteLink(token, event);
    if (link) {
      links.set(event, link);
    }
  }
  const families = new Set([...links.keys()].map(eventFamilyId).filter((family): family is string => family !== undefined));
  for (const event of candidates) {
    const family = eventFamilyId(event);
    const session = eventSessionId(event);
    if (!links.has(event) && family !== undefined && families.has(family) && sameApplication(token, event) &&
      (session === undefined || session === token.session_id) && eventCredentialId(event) === undefined) {
      links.set(event, 'family');
    }
  }
  if (!text(token.session_id)) {
    for (const event of probableEvents(token, candidates.filter((event) => !links.has(event)), Array.isArray(userTokens) ? userTokens : [])) {
      links.set(event, 'probable');
    }
  }

  return candidates
    .filter((event) => links.has(event))
    .map((event) => {
      const link = links.get(event) as EventLink;
      return { event, date: eventDate(event), link, probable: link === 'probable' };
    })
    .sort(newestFirst);
}
