// Two rules over pairs of exchanges of one rotation family, for the live watch and for a token's
// History alike: impossible travel (two places farther apart than an airliner flies in the time
// between the exchanges) and the client changed under the same user agent (another TLS
// fingerprint, `security_context.ja3`/`ja4`, behind the very same User-Agent: how a script
// replaying a browser's token with a copied User-Agent shows). Both are pure functions of log
// events. What Auth0 did not record is not a difference: an event without coordinates, without
// a fingerprint, or whose user agent Auth0 could not identify ("Other 0.0.0 / Other 0.0.0")
// takes part in no comparison.

import { FINDING_ACTIONS, type Finding, type FindingSeverity } from './finding';
import { eventDate, eventFamilyId, eventIp, eventPlace, eventSessionId, eventUserAgent, type TokenLogEvent } from './logEvents';
import type { TokenEvent } from './tokenEvents';

/** Cruising speed of a long-haul airliner, rounded up: nobody travels faster between two exchanges. */
export const AIRLINER_KMH = 1000;

/**
 * Distance forgiven for geolocation error: geo-IP places an address at its city or its provider's
 * point of presence, commonly tens and up to about 100 km off, so two fixes may be off by 200 km
 * together. Two exchanges less than this far apart are never impossible travel, however close in time.
 */
export const GEOLOCATION_ALLOWANCE_KM = 200;

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;

/** Auth0's user-agent summary when it identified neither the client nor the system. */
export const UNIDENTIFIED_USER_AGENT = 'Other 0.0.0 / Other 0.0.0';

export interface Coordinates {
  /** Degrees, -90..90. */
  latitude: number;
  /** Degrees, -180..180. */
  longitude: number;
}

/**
 * `location_info.latitude`/`longitude` of the event, or `undefined` when either is missing, not a
 * finite number, out of range, or both are exactly 0 (geo-IP databases' "unknown", not a place).
 */
export function eventCoordinates(event: TokenLogEvent): Coordinates | undefined {
  const location = event.location_info && typeof event.location_info === 'object' ? event.location_info : undefined;
  const latitude = location?.latitude;
  const longitude = location?.longitude;
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    return undefined;
  }
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0)) {
    return undefined;
  }
  return { latitude, longitude };
}

/** Great-circle distance between two points, in km (haversine formula on a sphere of the mean Earth radius). */
export function haversineKm(a: Coordinates, b: Coordinates): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface TravelJudgement {
  earlier: TokenLogEvent;
  later: TokenLogEvent;
  /** Great-circle distance between the two places, km. */
  distanceKm: number;
  /** Time between the two events, hours (0 for the same instant). */
  hours: number;
  /**
   * The speed the trip needs after the allowance, km/h: (distance - GEOLOCATION_ALLOWANCE_KM) /
   * hours; Infinity for two events at the same instant.
   */
  requiredKmh: number;
}

/**
 * Impossible travel between two events (in either order): both dated and placed (coordinates),
 * and (distance - GEOLOCATION_ALLOWANCE_KM) / hours above AIRLINER_KMH. `undefined` otherwise,
 * including when either event lacks a date or coordinates. Never throws.
 */
export function impossibleTravel(first: TokenLogEvent, second: TokenLogEvent): TravelJudgement | undefined {
  const firstDate = eventDate(first);
  const secondDate = eventDate(second);
  const from = eventCoordinates(first);
  const to = eventCoordinates(second);
  if (!firstDate || !secondDate || !from || !to) {
    return undefined;
  }
  const [earlier, later] = firstDate.getTime() <= secondDate.getTime() ? [first, second] : [second, first];
  const distanceKm = haversineKm(from, to);
  const beyond = distanceKm - GEOLOCATION_ALLOWANCE_KM;
  if (beyond <= 0) {
    return undefined;
  }
  const hours = Math.abs(secondDate.getTime() - firstDate.getTime()) / 3_600_000;
  const requiredKmh = hours === 0 ? Infinity : beyond / hours;
  return requiredKmh > AIRLINER_KMH ? { earlier, later, distanceKm, hours, requiredKmh } : undefined;
}

/** `security_context.ja3` and `.ja4` of the event, each only when a non-empty string. */
export function eventTlsFingerprints(event: TokenLogEvent): { ja3?: string; ja4?: string } {
  const context = event.security_context;
  if (!context || typeof context !== 'object') {
    return {};
  }
  const { ja3, ja4 } = context as Record<string, unknown>;
  return {
    ...(typeof ja3 === 'string' && ja3 !== '' ? { ja3 } : {}),
    ...(typeof ja4 === 'string' && ja4 !== '' ? { ja4 } : {}),
  };
}

/** The user agent when Auth0 identified something of it; `undefined` for none or "Other 0.0.0 / Other 0.0.0". */
export function identifiedUserAgent(event: TokenLogEvent): string | undefined {
  const userAgent = eventUserAgent(event);
  return userAgent === undefined || userAgent.trim() === UNIDENTIFIED_USER_AGENT ? undefined : userAgent;
}

export interface FingerprintChange {
  earlier: TokenLogEvent;
  later: TokenLogEvent;
  /** The user agent both events carry, exactly. */
  userAgent: string;
  /** The fingerprint compared: JA4 when both events carry one, else JA3. */
  field: 'ja4' | 'ja3';
  before: string;
  after: string;
}

/**
 * The client changed under the same user agent: both events carry the same identified user agent
 * (exactly, versions included: a browser update changes both) and a TLS fingerprint of the same
 * kind (JA4 preferred, else JA3), and the fingerprints differ. `undefined` otherwise, including
 * when either side lacks the user agent or the fingerprint. `first` is taken as the earlier unless
 * the dates say otherwise. Never throws.
 */
export function tlsFingerprintChange(first: TokenLogEvent, second: TokenLogEvent): FingerprintChange | undefined {
  const userAgent = identifiedUserAgent(first);
  if (userAgent === undefined || userAgent !== identifiedUserAgent(second)) {
    return undefined;
  }
  const a = eventTlsFingerprints(first);
  const b = eventTlsFingerprints(second);
  const field = a.ja4 !== undefined && b.ja4 !== undefined ? 'ja4' : a.ja3 !== undefined && b.ja3 !== undefined ? 'ja3' : undefined;
  if (field === undefined || a[field] === b[field]) {
    return undefined;
  }
  const firstDate = eventDate(first)?.getTime();
  const secondDate = eventDate(second)?.getTime();
  const swapped = firstDate !== undefined && secondDate !== undefined && secondDate < firstDate;
  return swapped
    ? { earlier: second, later: first, userAgent, field, before: b[field] as string, after: a[field] as string }
    : { earlier: first, later: second, userAgent, field, before: a[field] as string, after: b[field] as string };
}

// Per-token findings (History): the token's own exchanges, grouped by rotation family, compared
// with the one before them in time.

const EXCHANGE_TYPES: ReadonlySet<string> = new Set(['seacft', 'sertft']);

/** The token's own successful exchanges (an earlier token's left out), dated, per family, oldest first. */
function exchangesByFamily(history: readonly TokenEvent[]): TokenEvent[][] {
  const families = new Map<string, TokenEvent[]>();
  for (const tokenEvent of history) {
    if (tokenEvent.earlier || !tokenEvent.date || !EXCHANGE_TYPES.has(String(tokenEvent.event.type))) {
      continue;
    }
    // seacft carries no family: it opens its session's family. A non-rotating token has one family: its session.
    const key = eventFamilyId(tokenEvent.event) ?? `session:${eventSessionId(tokenEvent.event) ?? ''}`;
    const list = families.get(key) ?? [];
    list.push(tokenEvent);
    families.set(key, list);
  }
  for (const list of families.values()) {
    list.sort((a, b) => (a.date as Date).getTime() - (b.date as Date).getTime());
  }
  return [...families.values()];
}

function severityFor(probable: boolean): FindingSeverity {
  return probable ? 'medium' : 'high';
}

function when(event: TokenLogEvent): string | undefined {
  return eventDate(event)?.toISOString();
}

/** "8,212 km in 2 h 5 min (3,940 km/h after a 200 km allowance)". */
export function describeTravel(travel: TravelJudgement): string {
  const km = Math.round(travel.distanceKm).toLocaleString('en-US');
  const minutes = Math.round(travel.hours * 60);
  const time = minutes < 1 ? `${Math.round(travel.hours * 3600)} s` : minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  const speed = Number.isFinite(travel.requiredKmh) ? `${Math.round(travel.requiredKmh).toLocaleString('en-US')} km/h` : 'no time at all';
  return `${km} km in ${time} (${speed} after a ${GEOLOCATION_ALLOWANCE_KM} km allowance; an airliner flies ${AIRLINER_KMH.toLocaleString('en-US')} km/h)`;
}

export const IMPOSSIBLE_TRAVEL_FALSE_POSITIVE =
  'A VPN or corporate proxy that exits in another country, a mobile carrier that routes through a distant gateway, or a geo-IP database that places an address wrongly.';

export const TLS_CHANGE_FALSE_POSITIVE =
  'A browser or operating-system update that changes the TLS stack but not the version Auth0 summarises, a TLS-inspecting corporate proxy or antivirus, or a browser that varies its fingerprint on purpose (recent Chrome permutes extensions: JA3 changes, JA4 does not).';

/**
 * "impossible-travel": two successive exchanges (seacft, sertft) of one rotation family of the
 * token (`history`, as eventsForToken gives it) that `impossibleTravel` judges impossible; the
 * fastest such pair is the evidence. High; medium when the events are only probably the token's.
 */
export function impossibleTravelFinding(history: readonly TokenEvent[]): Finding | undefined {
  let worst: { travel: TravelJudgement; probable: boolean } | undefined;
  for (const family of exchangesByFamily(history)) {
    const placed = family.filter((tokenEvent) => eventCoordinates(tokenEvent.event) !== undefined);
    for (let index = 1; index < placed.length; index++) {
      const travel = impossibleTravel(placed[index - 1].event, placed[index].event);
      if (travel && (!worst || travel.requiredKmh > worst.travel.requiredKmh)) {
        worst = { travel, probable: placed[index - 1].probable || placed[index].probable };
      }
    }
  }
  if (!worst) {
    return undefined;
  }
  const { travel } = worst;
  return {
    kind: 'impossible-travel',
    severity: severityFor(worst.probable),
    title: `Impossible travel: ${describeTravel(travel)}`,
    why: `Two exchanges of one rotation family came from places farther apart than an airliner flies in the time between them: two parties hold the token.`,
    evidence: {
      type: 'comparison',
      firstHeading: 'Earlier exchange',
      secondHeading: 'Later exchange',
      rows: [
        { label: 'When', first: when(travel.earlier), second: when(travel.later) },
        { label: 'Place', first: eventPlace(travel.earlier), second: eventPlace(travel.later) },
        { label: 'IP address', first: eventIp(travel.earlier), second: eventIp(travel.later) },
        { label: 'User agent', first: eventUserAgent(travel.earlier), second: eventUserAgent(travel.later) },
        { label: 'Distance', first: `${Math.round(travel.distanceKm).toLocaleString('en-US')} km`, second: describeTravel(travel) },
      ],
    },
    action: FINDING_ACTIONS['contain-user'],
    falsePositive: IMPOSSIBLE_TRAVEL_FALSE_POSITIVE,
    probable: worst.probable || undefined,
  };
}

/**
 * "tls-changed": two successive exchanges of one rotation family of the token with the same
 * identified user agent and different TLS fingerprints (`tlsFingerprintChange`); the latest such
 * pair is the evidence. High; medium when the events are only probably the token's.
 */
export function tlsChangedFinding(history: readonly TokenEvent[]): Finding | undefined {
  let latest: { change: FingerprintChange; probable: boolean } | undefined;
  for (const family of exchangesByFamily(history)) {
    for (let index = 1; index < family.length; index++) {
      const change = tlsFingerprintChange(family[index - 1].event, family[index].event);
      if (change) {
        latest = { change, probable: family[index - 1].probable || family[index].probable };
      }
    }
  }
  if (!latest) {
    return undefined;
  }
  const { change } = latest;
  return {
    kind: 'tls-changed',
    severity: severityFor(latest.probable),
    title: `Another client under the same user agent (${change.field.toUpperCase()} fingerprint changed)`,
    why: 'One rotation family was exchanged by two different TLS clients that sent the same User-Agent: a script replaying a browser\'s token with a copied User-Agent looks like this.',
    evidence: {
      type: 'comparison',
      firstHeading: 'Earlier exchange',
      secondHeading: 'Later exchange',
      rows: [
        { label: 'When', first: when(change.earlier), second: when(change.later) },
        { label: 'User agent', first: change.userAgent, second: change.userAgent },
        { label: change.field.toUpperCase(), first: change.before, second: change.after },
        { label: 'IP address', first: eventIp(change.earlier), second: eventIp(change.later) },
        { label: 'Place', first: eventPlace(change.earlier), second: eventPlace(change.later) },
      ],
    },
    action: FINDING_ACTIONS['revoke-token'],
    falsePositive: TLS_CHANGE_FALSE_POSITIVE,
    probable: latest.probable || undefined,
  };
}
