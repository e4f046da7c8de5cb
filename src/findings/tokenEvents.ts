// Which of a user's log events belong to one refresh token. Auth0 logs never name the token
// being exchanged, only its session (`details.refresh_token.session_id`) and rotation family
// (`details.familyId`); a revocation (srrt) names the token itself (`details.credential_id`).
// So a token with a session gets the events of that session and application, and the events of
// the rotation families seen there (ferrt carries only the family). A token issued before late
// 2023 has no session: events of the same application that carry no session either are its
// "probable" history, narrowed by device when the user has other such tokens for that application.
// A session can hold several tokens one after another (a silent login after a reuse revoked the
// first family): the session's events from before a token was issued, and the rotation families
// that began before then, are an earlier token's. They stay in the history, marked, and no
// finding counts them.

import type { RefreshToken } from '../auth0/types';
import { parseAuth0Date } from '../presentation/time';
import { compareDevices, deviceIdentity, identifiesAnything, type DeviceIdentity, type DeviceMatch } from './deviceIdentity';
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
  /**
   * True when the event cannot be this token's although it is tied to it: it is dated before the
   * token's `created_at` (less ISSUE_DATE_TOLERANCE_MS), or it is in a rotation family that began
   * before then (an earlier token of the session). Shown in the history; findings never count it.
   */
  earlier: boolean;
}

/**
 * How much earlier than `created_at` an event may be dated and still be the token's own: a token
 * and the seacft that issued it are stamped separately, and some dates carry whole seconds only
 * (UNIX seconds, exports without milliseconds).
 */
export const ISSUE_DATE_TOLERANCE_MS = 1000;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An event with the fields the linking reads, worked out once per user, not once per token. */
interface IndexedEvent {
  event: TokenLogEvent;
  date?: Date;
  userId?: string;
  clientId?: string;
  sessionId?: string;
  familyId?: string;
  credentialId?: string;
  /** Position in the list as given: the tie-break for events without a date. */
  order: number;
}

/**
 * A user's refresh-token events, deduplicated and indexed by session, family and revoked token,
 * so that linking each of a user's tokens costs what that token's events cost, not the whole log.
 * Build it once with `indexUserEvents` and pass it to `eventsForToken` for every token.
 */
export interface UserEventIndex {
  readonly events: readonly IndexedEvent[];
  readonly bySession: ReadonlyMap<string, readonly IndexedEvent[]>;
  readonly byFamily: ReadonlyMap<string, readonly IndexedEvent[]>;
  readonly byCredential: ReadonlyMap<string, readonly IndexedEvent[]>;
  /** Events that name neither a session nor a revoked token: the candidates for "probable". */
  readonly sessionless: readonly IndexedEvent[];
}

function append(map: Map<string, IndexedEvent[]>, key: string | undefined, entry: IndexedEvent): void {
  if (key === undefined) {
    return;
  }
  const list = map.get(key);
  if (list) {
    list.push(entry);
  } else {
    map.set(key, [entry]);
  }
}

/**
 * Indexes `events` (a user's tenant log events, any order, any types): only the refresh-token
 * types (seacft, sertft, fertft, ferrt, srrt) are kept, one per `log_id`. Never throws on
 * malformed events.
 */
export function indexUserEvents(events: readonly TokenLogEvent[]): UserEventIndex {
  const seen = new Set<string>();
  const indexed: IndexedEvent[] = [];
  const bySession = new Map<string, IndexedEvent[]>();
  const byFamily = new Map<string, IndexedEvent[]>();
  const byCredential = new Map<string, IndexedEvent[]>();
  const sessionless: IndexedEvent[] = [];
  (Array.isArray(events) ? events : []).forEach((event, order) => {
    if (!event || typeof event !== 'object' || !REFRESH_TOKEN_EVENT_TYPES.has(event.type ?? '')) {
      return;
    }
    const logId = text(event.log_id);
    if (logId !== undefined) {
      if (seen.has(logId)) {
        return;
      }
      seen.add(logId);
    }
    const entry: IndexedEvent = {
      event,
      date: eventDate(event),
      userId: text(event.user_id),
      clientId: eventClientId(event),
      sessionId: eventSessionId(event),
      familyId: eventFamilyId(event),
      credentialId: eventCredentialId(event),
      order,
    };
    indexed.push(entry);
    append(bySession, entry.sessionId, entry);
    append(byFamily, entry.familyId, entry);
    append(byCredential, entry.credentialId, entry);
    if (entry.sessionId === undefined && entry.credentialId === undefined) {
      sessionless.push(entry);
    }
  });
  return { events: indexed, bySession, byFamily, byCredential, sessionless };
}

function sameApplication(token: RefreshToken, entry: IndexedEvent): boolean {
  const tokenClient = text(token.client_id);
  return tokenClient === undefined || entry.clientId === tokenClient;
}

/** The token's own user, when both name one. */
function sameUser(token: RefreshToken, entry: IndexedEvent): boolean {
  const tokenUser = text(token.user_id);
  return tokenUser === undefined || entry.userId === undefined || tokenUser === entry.userId;
}

interface DeviceMarks {
  ips: Set<string>;
  devices: DeviceIdentity[];
}

function tokenDeviceMarks(token: RefreshToken): DeviceMarks {
  const device = token.device && typeof token.device === 'object' ? token.device : {};
  const ips = new Set([text(device.initial_ip), text(device.last_ip)].filter((ip): ip is string => ip !== undefined));
  const devices: DeviceIdentity[] = [];
  for (const userAgent of [text(device.initial_user_agent), text(device.last_user_agent)]) {
    const identity = deviceIdentity(userAgent);
    if (identifiesAnything(identity)) {
      devices.push(identity);
    }
  }
  return { ips, devices };
}

/**
 * How an event's address and device compare with a token's: 'same' on a recorded address or a
 * device of the same product and OS family (Auth0's summary "Chromium 60.0.3112 / Ubuntu 0.0.0" is
 * the header's Chromium on Linux); 'different' when its device contradicts every recorded one;
 * 'unknown' when nothing can be compared (Auth0 identified nothing, or the token recorded nothing).
 */
function compareWithToken(event: TokenLogEvent, identity: DeviceIdentity, marks: DeviceMarks): DeviceMatch {
  const ip = eventIp(event);
  if (ip !== undefined && marks.ips.has(ip)) {
    return 'same';
  }
  let answer: DeviceMatch = 'unknown';
  for (const device of marks.devices) {
    const match = compareDevices(identity, device);
    if (match === 'same') {
      return 'same';
    }
    if (match === 'different') {
      answer = 'different';
    }
  }
  return answer;
}

/**
 * How much later than `created_at` the seacft that issued a token may be dated and still be that
 * token's: the two are stamped separately. A seacft later than this issued another token.
 */
export const ISSUE_EVENT_WINDOW_MS = 60 * 1000;

/** A seacft (a code exchange: a new refresh token issued) dated after `issued`: another token's issue. */
function issuesAnotherToken(entry: IndexedEvent, issued: Date | undefined): boolean {
  return entry.event.type === 'seacft' && issued !== undefined && entry.date !== undefined && entry.date.getTime() > issued.getTime() + ISSUE_EVENT_WINDOW_MS;
}

/**
 * Events of the same application with no session of their own, for a token that has none. The
 * families exchanged from this token's addresses or devices are its own; an event whose device
 * contradicts every device the token recorded (another product or OS family, compareDevices) is
 * not, nor one a sibling sessionless token's address or device claims; an event that ties to
 * nobody and contradicts nothing (its summary identified nothing: "Other 0.0.0 / Other 0.0.0", or
 * the token recorded no device) may be anyone's, so it stays. This holds with no sibling known
 * (a token opened by id): an absence of siblings is no reason to take every event. A code exchange
 * dated after the token was issued issued another token, whatever its device.
 */
function probableEvents(token: RefreshToken, candidates: readonly IndexedEvent[], userTokens: readonly RefreshToken[]): IndexedEvent[] {
  const issued = parseAuth0Date(token.created_at);
  const sessionless = candidates.filter((entry) => !issuesAnotherToken(entry, issued));
  if (sessionless.length === 0) {
    return [];
  }
  const siblings = userTokens.filter((other) => other && other.id !== token.id && other.client_id === token.client_id && !text(other.session_id));
  const marks = tokenDeviceMarks(token);
  const siblingMarks = siblings.map(tokenDeviceMarks);
  const matching = new Set<IndexedEvent>();
  const claimed = new Set<IndexedEvent>();
  const undecided = new Set<IndexedEvent>();
  for (const entry of sessionless) {
    const identity = deviceIdentity(eventUserAgent(entry.event));
    const mine = compareWithToken(entry.event, identity, marks);
    if (mine === 'same') {
      matching.add(entry);
    } else if (siblingMarks.some((other) => compareWithToken(entry.event, identity, other) === 'same')) {
      claimed.add(entry);
    } else if (mine === 'unknown') {
      undecided.add(entry);
    }
  }
  const families = new Set([...matching].map((entry) => entry.familyId).filter((family): family is string => family !== undefined));
  const theirFamilies = new Set([...claimed].map((entry) => entry.familyId).filter((family): family is string => family !== undefined));
  return sessionless.filter((entry) => {
    if (matching.has(entry) || (entry.familyId !== undefined && families.has(entry.familyId))) {
      return true;
    }
    return undecided.has(entry) && (entry.familyId === undefined || !theirFamilies.has(entry.familyId));
  });
}

function newestFirst(a: { date?: Date; order: number }, b: { date?: Date; order: number }): number {
  if (a.date && b.date) {
    return b.date.getTime() - a.date.getTime() || a.order - b.order;
  }
  // Undated events go last, in the order they came.
  return a.date ? -1 : b.date ? 1 : a.order - b.order;
}

/**
 * The events that belong to `token`, newest first (undated last), each with how it was tied to
 * the token. `events` is the user's tenant log events (any order, any types: other users, other
 * types and duplicate `log_id`s are dropped) or, for many tokens of one user, their
 * `indexUserEvents`. `userTokens` are the user's tokens as far as known; they narrow the probable
 * history of a token without a session. Never throws on malformed events.
 */
export function eventsForToken(token: RefreshToken, events: readonly TokenLogEvent[] | UserEventIndex, userTokens: readonly RefreshToken[] = []): TokenEvent[] {
  const index = Array.isArray(events) ? indexUserEvents(events) : (events as UserEventIndex);
  const links = new Map<IndexedEvent, EventLink>();
  const link = (entry: IndexedEvent, how: EventLink) => {
    if (!links.has(entry) && sameUser(token, entry)) {
      links.set(entry, how);
    }
  };

  // A revocation names its token: another token of the same session is not this one.
  for (const entry of index.byCredential.get(token.id) ?? []) {
    link(entry, 'credential');
  }
  const session = text(token.session_id);
  if (session !== undefined) {
    for (const entry of index.bySession.get(session) ?? []) {
      if (entry.credentialId === undefined && sameApplication(token, entry)) {
        link(entry, 'session');
      }
    }
  }
  const families = new Set([...links.keys()].map((entry) => entry.familyId).filter((family): family is string => family !== undefined));
  for (const family of families) {
    for (const entry of index.byFamily.get(family) ?? []) {
      if (entry.credentialId === undefined && sameApplication(token, entry) && (entry.sessionId === undefined || entry.sessionId === session)) {
        link(entry, 'family');
      }
    }
  }
  if (session === undefined) {
    // A probable link rests on the application alone, so both sides must name it: a token or an
    // event without a client_id (a real tenant sends null ones) is not "the same application".
    const tokenClient = text(token.client_id);
    const sessionless = tokenClient === undefined
      ? []
      : index.sessionless.filter((entry) => !links.has(entry) && entry.clientId === tokenClient && sameUser(token, entry));
    for (const entry of probableEvents(token, sessionless, Array.isArray(userTokens) ? userTokens : [])) {
      link(entry, 'probable');
    }
  }

  const earlier = earlierThanToken(token, index, links);
  return [...links]
    .sort(([a], [b]) => newestFirst(a, b))
    .map(([entry, how]) => ({ event: entry.event, date: entry.date, link: how, probable: how === 'probable', earlier: earlier(entry, how) }));
}

/**
 * Which of the linked events are an earlier token's: those dated before the token was issued, and
 * those of a rotation family with any event dated before then (a family begins when its token is
 * issued, so this token's own family cannot). A revocation naming the token is always its own.
 */
function earlierThanToken(token: RefreshToken, index: UserEventIndex, links: ReadonlyMap<IndexedEvent, EventLink>): (entry: IndexedEvent, how: EventLink) => boolean {
  const issued = parseAuth0Date(token.created_at);
  if (!issued) {
    return () => false;
  }
  const cutoff = issued.getTime() - ISSUE_DATE_TOLERANCE_MS;
  const before = (entry: IndexedEvent) => entry.date !== undefined && entry.date.getTime() < cutoff;
  const earlierFamilies = new Set<string>();
  for (const entry of links.keys()) {
    if (entry.familyId !== undefined && !earlierFamilies.has(entry.familyId) && (index.byFamily.get(entry.familyId) ?? []).some(before)) {
      earlierFamilies.add(entry.familyId);
    }
  }
  return (entry, how) => how !== 'credential' && (before(entry) || (entry.familyId !== undefined && earlierFamilies.has(entry.familyId)));
}
