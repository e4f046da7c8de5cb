// Tenant log events about refresh tokens, as `GET /api/v2/users/{id}/logs` returns them. The
// shape follows log-events.subset.json (seacft, sertft, fertft, ferrt, srrt) and the `Log` schema
// of management-api-v2.subset.json: every field optional, unknown fields kept. Logs are
// attacker-influenced (user agents, and on failures even client and user ids), so the accessors
// below read each field defensively and never throw.

import type { LogEvent, LogEventDetails as Auth0LogEventDetails, LogLocationInfo as Auth0LogLocationInfo } from '../auth0/types';
import { parseAuth0Date } from '../presentation/time';

/** The event types that concern refresh tokens. */
export type RefreshTokenEventType = 'seacft' | 'sertft' | 'fertft' | 'ferrt' | 'srrt';

export const REFRESH_TOKEN_EVENT_TYPES: ReadonlySet<string> = new Set<RefreshTokenEventType>(['seacft', 'sertft', 'fertft', 'ferrt', 'srrt']);

// The shapes are the client's (src/auth0/types.ts), named here for what the findings read.
export type LogEventDetails = Auth0LogEventDetails;
export type LogLocationInfo = Auth0LogLocationInfo;
/** One tenant log event. */
export type TokenLogEvent = LogEvent;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function details(event: TokenLogEvent): LogEventDetails {
  return event.details && typeof event.details === 'object' ? event.details : {};
}

/** When the event happened, or `undefined` when the date is missing or unreadable. */
export function eventDate(event: TokenLogEvent): Date | undefined {
  return parseAuth0Date(event.date);
}

/** `details.refresh_token.session_id`, else `details.session_id` (srrt). */
export function eventSessionId(event: TokenLogEvent): string | undefined {
  const eventDetails = details(event);
  const refreshToken = eventDetails.refresh_token && typeof eventDetails.refresh_token === 'object' ? eventDetails.refresh_token : {};
  return text(refreshToken.session_id) ?? text(eventDetails.session_id);
}

/** `details.familyId`: the rotation family the exchanged token belongs to. */
export function eventFamilyId(event: TokenLogEvent): string | undefined {
  return text(details(event).familyId);
}

/** `details.credential_id` of srrt: the id of the refresh token revoked. */
export function eventCredentialId(event: TokenLogEvent): string | undefined {
  return text(details(event).credential_id);
}

/** `details.failure_reason` of fertft. */
export function eventFailureReason(event: TokenLogEvent): string | undefined {
  return text(details(event).failure_reason);
}

/** `ip`: the end user's address (not `client_ip`, which ignores forwarded-for headers). */
export function eventIp(event: TokenLogEvent): string | undefined {
  return text(event.ip);
}

/**
 * The event's ASN. Auth0's log schemas carry none; some exports and log streams add `asn` (or
 * `location_info.asn`), so it is read where present and network comparisons fall back to IP.
 */
export function eventAsn(event: TokenLogEvent): string | undefined {
  const location = event.location_info && typeof event.location_info === 'object' ? event.location_info : {};
  const asn = event.asn ?? location.asn;
  return typeof asn === 'number' ? String(asn) : text(asn);
}

/** `user_agent`, in Auth0's log spelling ("Chrome 120.0.0 / Mac OS X 10.15.7"); see deviceIdentity.ts. */
export function eventUserAgent(event: TokenLogEvent): string | undefined {
  return text(event.user_agent);
}

/** `client_id`: the application; on failures Auth0 warns it may be any string. */
export function eventClientId(event: TokenLogEvent): string | undefined {
  return text(event.client_id);
}

/** "Lisbon, Portugal", "Portugal", or `undefined` when Auth0 resolved no place. */
export function eventPlace(event: TokenLogEvent): string | undefined {
  const location = event.location_info && typeof event.location_info === 'object' ? event.location_info : {};
  const country = text(location.country_name) ?? text(location.country_code);
  const city = text(location.city_name);
  if (city && country) {
    return `${city}, ${country}`;
  }
  return city ?? country;
}

/** A rotating token presented again after it was rotated: Auth0 logs ferrt, "reuse detected". */
export function isReuseEvent(event: TokenLogEvent): boolean {
  return event.type === 'ferrt';
}

/** A failed exchange (fertft or ferrt). */
export function isFailedExchange(event: TokenLogEvent): boolean {
  return event.type === 'fertft' || event.type === 'ferrt';
}

/** A Map, not an object: a reason of "__proto__" or "constructor" must find nothing. */
const FAILURE_REASONS: ReadonlyMap<string, string> = new Map([
  ['session_not_found', 'the session was not found'],
  ['grant_revoked', 'the grant was revoked'],
  ['invalid_token', 'the token was invalid'],
]);

/**
 * The event in words, for the history: "Refresh token exchanged", "Exchange failed: the grant
 * was revoked", "Rotating exchange failed: reuse detected". Auth0's description is used only
 * where the type alone says too little, and comes back as text to escape like any other.
 */
export function describeEvent(event: TokenLogEvent): string {
  switch (event.type) {
    case 'seacft':
      return 'Authorization code exchanged (token issued)';
    case 'sertft':
      return 'Refresh token exchanged';
    case 'fertft': {
      const reason = eventFailureReason(event);
      return `Exchange failed: ${reason ? (FAILURE_REASONS.get(reason) ?? reason) : (text(event.description) ?? 'revoked, expired or unknown token')}`;
    }
    case 'ferrt':
      return /reuse/i.test(event.description ?? '') ? 'Rotating exchange failed: reuse detected' : `Rotating exchange failed${text(event.description) ? `: ${event.description}` : ''}`;
    case 'srrt':
      return 'Refresh token revoked';
    default:
      return text(event.type) ? `Event ${event.type}` : 'Unknown event';
  }
}

/**
 * The tenant log search (GET /api/v2/logs `q`, the Dashboard's Monitoring > Logs) for a user's
 * events older than those a capped user log listing served: `user_id:"…" AND date:[* TO <oldest>]`,
 * the user id quoted with `"` and `\` escaped (Lucene), the oldest dated event's ISO date
 * (without one, the user id alone). Auth0 pages that search through 1,000 events too, so it
 * names the narrowing to repeat.
 */
export function olderUserEventsQuery(userId: string, loaded: readonly TokenLogEvent[]): string {
  const user = `user_id:"${userId.replace(/[\\"]/g, '\\$&')}"`;
  let oldest: Date | undefined;
  for (const event of Array.isArray(loaded) ? loaded : []) {
    const date = event && typeof event === 'object' ? eventDate(event) : undefined;
    if (date && (!oldest || date < oldest)) {
      oldest = date;
    }
  }
  return oldest ? `${user} AND date:[* TO ${oldest.toISOString()}]` : user;
}
