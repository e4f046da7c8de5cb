// The live judge: each refresh-token event of the tenant log (sertft, fertft, ferrt, srrt, and a
// seacft that issued a refresh token), judged against what is known of its rotation family and
// its user: what the watch has seen since it started, and what it was told before (`learn`: the
// events the findings already read, or a user's recent history). The history is judged with the
// same rules, because a watch started after the attacker's first exchange finds the attacker's
// address and client already in it: what means two parties hold a family (impossible travel, a
// TLS change, reuse, a revoked token tried, a watched network) is held until the family is
// exchanged live, then raised, marked as found in the history; the rest (a new origin too) only
// teaches the judge what is normal. Pure and synchronous: no requests, no clock but the one
// injected (for `detectedAt`), so it is tested with tables of events and costs microseconds per
// event.
//
// What Auth0 did not record is never a difference: an event without a place, a fingerprint, an
// identified user agent or an address adds nothing to compare and raises nothing.

import { deviceIdentity, deviceKey } from '../../../findings/deviceIdentity';
import {
  AIRLINER_KMH, GEOLOCATION_ALLOWANCE_KM, IMPOSSIBLE_TRAVEL_FALSE_POSITIVE, TLS_CHANGE_FALSE_POSITIVE,
  describeTravel, eventCoordinates, eventTlsFingerprints, identifiedUserAgent, impossibleTravel, tlsFingerprintChange,
} from '../../../findings/exchangeRules';
import {
  describeEvent, eventAsn, eventClientId, eventCredentialId, eventDate, eventFailureReason, eventFamilyId, eventIp, eventPlace,
  eventSessionId, eventUserAgent, REFRESH_TOKEN_EVENT_TYPES, type TokenLogEvent,
} from '../../../findings/logEvents';
import { addressAndPlace, joinValues } from '../../../presentation/valueList';
import { deviceNetworkMatches, formatNetworkMatcher, type NetworkMatcher } from '../../hunt/core/network';
import { WATCH_ACTIONS, type WatchAlert, type WatchAlertKind, type WatchAlertSeverity, type WatchEvidenceRow } from './watchAlert';

export interface LiveJudgeOptions {
  /** The watch's clock, epoch ms (for `detectedAt`). */
  clock: () => number;
  /** Networks to alert on (typed addresses, CIDR ranges, ASNs; or a hunt's network criteria). */
  watchList?: readonly NetworkMatcher[];
}

interface FamilyState {
  exchanges: number;
  ips: Set<string>;
  asns: Set<string>;
  countries: Set<string>;
  places: Set<string>;
  devices: Map<string, string>;
  /** The latest exchange that carried coordinates. */
  lastPlaced?: TokenLogEvent;
  /** The latest exchange carrying a TLS fingerprint, per identified user agent. */
  lastFingerprinted: Map<string, TokenLogEvent>;
  firstSeen?: string;
  /** New-origin alerts raised for the family in this watch (at most MAX_NEW_ORIGIN_ALERTS). */
  originAlerts: number;
}

interface Revocation {
  event: TokenLogEvent;
}

/** Memory bounds for a watch that runs for weeks: the least recently seen go first. */
const MAX_FAMILIES = 50_000;
const MAX_REMEMBERED_IDS = 100_000;
/**
 * New-origin alerts for one family in a watch: a family that keeps turning up from new places (a
 * roaming phone, a many-networks token) would otherwise fill the feed; the last one says so.
 */
const MAX_NEW_ORIGIN_ALERTS = 3;
/** Alerts found in the history and held for one family until it is exchanged live. */
const MAX_HELD_PER_FAMILY = 10;
/** Repeat keys handed to the next judge (raisedKeys): enough for every holder of an incident, small enough for a checkpoint. */
export const MAX_CARRIED_RAISED_KEYS = 500;

/** An alert with the key that stops the same thing being raised again (same kind, family, value). */
interface Raised {
  alert: WatchAlert;
  repeatKey?: string;
}

/** Drops the oldest entries (insertion order) of a Map or Set beyond `limit`. */
function trim(collection: Map<string, unknown> | Set<string>, limit: number): void {
  if (collection.size <= limit) {
    return;
  }
  for (const key of collection.keys()) {
    collection.delete(key);
    if (collection.size <= limit) {
      break;
    }
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Whether the event is one the judge reads: a refresh-token event (seacft only when it issued one). */
export function isJudgedEvent(event: TokenLogEvent): boolean {
  const type = String(event.type ?? '');
  if (!REFRESH_TOKEN_EVENT_TYPES.has(type)) {
    return false;
  }
  if (type === 'seacft') {
    const details = event.details && typeof event.details === 'object' ? event.details : {};
    return details.refresh_token !== undefined && details.refresh_token !== null;
  }
  return true;
}

/** A family's key: its rotation family, else (non-rotating tokens) its session and application. */
export function familyKey(event: TokenLogEvent): string | undefined {
  const familyId = eventFamilyId(event);
  if (familyId !== undefined) {
    return `family:${familyId}`;
  }
  const sessionId = eventSessionId(event);
  return sessionId !== undefined ? `session:${sessionId}:${eventClientId(event) ?? ''}` : undefined;
}

function countryOf(event: TokenLogEvent): string | undefined {
  const location = event.location_info && typeof event.location_info === 'object' ? event.location_info : undefined;
  return text(location?.country_code) ?? text(location?.country_name);
}

/** Values apart with " · " (a place is "City, Country", so commas would run two together). */
function listed(values: Iterable<string>, limit = 5): string | undefined {
  return joinValues(values, limit);
}

const NEW_ORIGIN_FALSE_POSITIVE =
  'A person travelling, working from a new place, switching between Wi-Fi and mobile data, or installing another browser; a provider that hands out a new address (the address alone is only low).';

export class LiveJudge {
  private readonly families = new Map<string, FamilyState>();
  /** Revocations seen (srrt), by session id, by family key, and by user and application. */
  private readonly revokedSessions = new Map<string, Revocation>();
  private readonly revokedFamilies = new Map<string, Revocation>();
  private readonly revokedGrants = new Map<string, Revocation>();
  /** Alerts already raised for the same thing (kind, family, value): a repeat raises nothing. */
  private readonly raised = new Set<string>();
  /** High alerts found in the history, by the key of the family (or grant) they belong to, until it is exchanged live. */
  private readonly held = new Map<string, Raised[]>();
  private readonly seenLogIds = new Set<string>();
  private judgedCount = 0;
  /** Parsing a user agent costs more than the rest of a judgement: once per distinct string. */
  private readonly identities = new Map<string, { key: string; summary: string }>();

  constructor(private readonly options: LiveJudgeOptions) {}

  /** Refresh-token events judged so far (events learnt or of other types not counted). */
  get judged(): number {
    return this.judgedCount;
  }

  /** Families known (seen or learnt). */
  get knownFamilies(): number {
    return this.families.size;
  }

  /**
   * Takes in what was known before the watch (in any order; sorted here by date), judged with the
   * same rules as a live event. A high alert that means two parties hold the family is held until
   * the family is exchanged live (judge), then raised with `fromHistory`, the newest of each kind.
   * A new origin (weeks of history hold many a journey), and medium and low alerts, only teach the
   * judge what is normal, as does every event. An event already learnt or judged (same log_id) is
   * skipped. Returns nothing and never throws.
   */
  learn(events: readonly TokenLogEvent[]): void {
    const dated = events.filter(isJudgedEvent).map((event) => ({ event, at: eventDate(event)?.getTime() ?? 0 }));
    dated.sort((a, b) => a.at - b.at);
    for (const { event } of dated) {
      if (!this.firstTime(event)) {
        continue;
      }
      // Only what means two parties hold the family: a new origin alone is a journey, and weeks of history hold many.
      const found = this.rules(event).filter((raised) => raised.alert.severity === 'high' && raised.alert.kind !== 'new-origin');
      this.absorb(event);
      const holdKey = familyKey(event) ?? this.grantKey(event);
      if (found.length === 0 || holdKey === undefined) {
        continue;
      }
      const waiting = this.held.get(holdKey) ?? [];
      for (const raised of found) {
        if (!waiting.some((other) => other.repeatKey !== undefined && other.repeatKey === raised.repeatKey)) {
          waiting.push(raised);
        }
      }
      this.held.set(holdKey, waiting.slice(-MAX_HELD_PER_FAMILY));
      trim(this.held, MAX_FAMILIES);
    }
  }

  /**
   * Judges one event and takes it in: the alerts it raises, held ones of its family from the
   * history first, then its own, most telling first (none for an event of another type, one
   * already judged, or one that is ordinary for its family). Never throws.
   */
  judge(event: TokenLogEvent): WatchAlert[] {
    if (!isJudgedEvent(event) || !this.firstTime(event)) {
      return [];
    }
    this.judgedCount += 1;
    const own = this.rules(event);
    this.commit(own);
    const key = own.some((raised) => raised.alert.kind === 'new-origin') ? familyKey(event) : undefined;
    const family = key !== undefined ? this.families.get(key) : undefined;
    if (family) {
      family.originAlerts += 1;
    }
    this.absorb(event);
    return [...this.release(event), ...own.map((raised) => raised.alert)];
  }

  /**
   * The repeat keys of what this judge raised, newest last, at most MAX_CARRIED_RAISED_KEYS: kept in
   * the checkpoint so the next judge (a reload, the command line's next run) raises none of it again.
   */
  raisedKeys(): string[] {
    return [...this.raised].slice(-MAX_CARRIED_RAISED_KEYS);
  }

  /** Takes in the repeat keys of an earlier judge (raisedKeys), before learning or judging. */
  remember(keys: readonly string[]): void {
    for (const key of keys.slice(-MAX_CARRIED_RAISED_KEYS)) {
      this.raised.delete(key);
      this.raised.add(key);
    }
  }

  /** What the rules say of `event` against what is known before it; nothing is recorded. */
  private rules(event: TokenLogEvent): Raised[] {
    const type = String(event.type);
    if (type === 'ferrt') {
      const reuse = this.reuseAlert(event);
      return reuse.repeatKey === undefined || this.unraised(reuse.repeatKey) ? [reuse] : [];
    }
    if (type === 'fertft') {
      const revoked = this.revokedUseAlert(event);
      return revoked ? [revoked] : [];
    }
    if (type === 'sertft' || type === 'seacft') {
      return this.exchangeAlerts(event);
    }
    return [];
  }

  /** Records the repeat keys of alerts raised (live, or released from the history). */
  private commit(raised: readonly Raised[]): void {
    for (const { repeatKey } of raised) {
      if (repeatKey !== undefined) {
        this.raised.add(repeatKey);
      }
    }
    trim(this.raised, MAX_REMEMBERED_IDS);
  }

  /**
   * The alerts held from the history for the family `event` exchanges (or tries to): the newest of
   * each kind, a new origin only if `event` comes from it; marked, dated now, their keys recorded.
   */
  private release(event: TokenLogEvent): WatchAlert[] {
    if (this.held.size === 0 || String(event.type) === 'srrt') {
      return [];
    }
    const sessionId = eventSessionId(event);
    const keys = [familyKey(event), sessionId !== undefined ? `session:${sessionId}:${eventClientId(event) ?? ''}` : undefined, this.grantKey(event)];
    const ip = eventIp(event);
    const place = eventPlace(event);
    const newestByKind = new Map<WatchAlertKind, { held: Raised; earlier: Raised[] }>();
    for (const key of keys) {
      const waiting = key !== undefined ? this.held.get(key) : undefined;
      if (!waiting || key === undefined) {
        continue;
      }
      this.held.delete(key);
      for (const held of waiting) {
        if (held.repeatKey !== undefined && !this.unraised(held.repeatKey)) {
          continue;
        }
        const previous = newestByKind.get(held.alert.kind);
        newestByKind.set(held.alert.kind, { held, earlier: previous ? [...previous.earlier, previous.held] : [] });
      }
    }
    const chosen = [...newestByKind.values()];
    this.commit(chosen.flatMap(({ held, earlier }) => [held, ...earlier]));
    const live = `${text(event.date) ?? 'date not recorded'} from ${ip ?? 'an address Auth0 did not record'}${place ? ` (${place})` : ''}: ${describeEvent(event)}`;
    return chosen.map(({ held: { alert }, earlier }) => ({
      ...alert,
      fromHistory: true,
      why: `${alert.why} Found in the user's log read when the watch first saw them: it happened before the watch started, and the family is still in use now.`,
      evidence: {
        ...alert.evidence,
        rows: [
          ...alert.evidence.rows,
          ...(earlier.length > 0 ? [{ label: 'Earlier in the history', now: earlier.map((other) => `${other.alert.event.date ?? 'date not recorded'}: ${other.alert.title}`).join(' · ') }] : []),
          { label: 'Exchanged live', now: live },
        ],
      },
      detectedAt: new Date(this.options.clock()).toISOString(),
    }));
  }

  private firstTime(event: TokenLogEvent): boolean {
    const logId = text(event.log_id);
    if (logId === undefined) {
      return true;
    }
    if (this.seenLogIds.has(logId)) {
      return false;
    }
    this.seenLogIds.add(logId);
    trim(this.seenLogIds, MAX_REMEMBERED_IDS);
    return true;
  }

  private family(key: string): FamilyState {
    let family = this.families.get(key);
    if (family) {
      // Most recently seen last, so trimming forgets the families gone quiet longest.
      this.families.delete(key);
    } else {
      family = { exchanges: 0, ips: new Set(), asns: new Set(), countries: new Set(), places: new Set(), devices: new Map(), lastFingerprinted: new Map(), originAlerts: 0 };
    }
    this.families.set(key, family);
    trim(this.families, MAX_FAMILIES);
    return family;
  }

  /** Updates what is known from the event (after judging it). */
  private absorb(event: TokenLogEvent): void {
    const type = String(event.type);
    if (type === 'srrt') {
      const revocation = { event };
      const sessionId = eventSessionId(event);
      if (sessionId !== undefined) {
        this.revokedSessions.set(sessionId, revocation);
      }
      const key = familyKey(event);
      if (key !== undefined) {
        this.revokedFamilies.set(key, revocation);
      }
      const grant = this.grantKey(event);
      if (grant !== undefined) {
        this.revokedGrants.set(grant, revocation);
      }
      return;
    }
    if (type !== 'sertft' && type !== 'seacft') {
      return;
    }
    const key = familyKey(event);
    if (key === undefined) {
      return;
    }
    const family = this.family(key);
    family.exchanges += 1;
    family.firstSeen ??= text(event.date);
    const ip = eventIp(event);
    if (ip !== undefined) {
      family.ips.add(ip);
    }
    const asn = eventAsn(event);
    if (asn !== undefined) {
      family.asns.add(asn);
    }
    const country = countryOf(event);
    if (country !== undefined) {
      family.countries.add(country);
    }
    const place = eventPlace(event);
    if (place !== undefined) {
      family.places.add(place);
    }
    const userAgent = identifiedUserAgent(event);
    if (userAgent !== undefined) {
      const identity = this.identify(userAgent);
      family.devices.set(identity.key, identity.summary);
      const fingerprints = eventTlsFingerprints(event);
      if (fingerprints.ja3 !== undefined || fingerprints.ja4 !== undefined) {
        family.lastFingerprinted.set(userAgent, event);
      }
    }
    if (eventCoordinates(event) !== undefined) {
      const previous = family.lastPlaced ? eventDate(family.lastPlaced)?.getTime() : undefined;
      const at = eventDate(event)?.getTime();
      if (previous === undefined || (at !== undefined && at >= previous)) {
        family.lastPlaced = event;
      }
    }
  }

  private identify(userAgent: string): { key: string; summary: string } {
    let identity = this.identities.get(userAgent);
    if (!identity) {
      const parsed = deviceIdentity(userAgent);
      identity = { key: deviceKey(parsed), summary: parsed.summary };
      if (this.identities.size > 10_000) {
        this.identities.clear();
      }
      this.identities.set(userAgent, identity);
    }
    return identity;
  }

  private grantKey(event: TokenLogEvent): string | undefined {
    const userId = text(event.user_id);
    const clientId = eventClientId(event);
    return userId !== undefined && clientId !== undefined ? `${userId}\u0000${clientId}` : undefined;
  }

  /** Whether nothing was raised yet for `key` (recorded by commit, once the alert is kept). */
  private unraised(key: string): boolean {
    return !this.raised.has(key);
  }

  private alert(
    kind: WatchAlertKind,
    severity: WatchAlertSeverity,
    event: TokenLogEvent,
    fields: Pick<WatchAlert, 'title' | 'why' | 'falsePositive' | 'actions'> & { beforeHeading: string; rows: WatchEvidenceRow[] },
  ): WatchAlert {
    const logId = text(event.log_id);
    return {
      id: `${kind}:${logId ?? `${text(event.date) ?? ''}:${eventIp(event) ?? ''}`}`,
      kind,
      severity,
      title: fields.title,
      why: fields.why,
      evidence: { beforeHeading: fields.beforeHeading, nowHeading: `This event (${describeEvent(event)})`, rows: fields.rows },
      falsePositive: fields.falsePositive,
      actions: fields.actions,
      event: {
        logId,
        type: text(event.type),
        date: text(event.date),
        ip: eventIp(event),
        place: eventPlace(event),
        userAgent: eventUserAgent(event),
        userId: text(event.user_id),
        userName: text(event.user_name),
        clientId: eventClientId(event),
        clientName: text(event.client_name),
        sessionId: eventSessionId(event),
        familyId: eventFamilyId(event),
      },
      detectedAt: new Date(this.options.clock()).toISOString(),
    };
  }

  private reuseAlert(event: TokenLogEvent): Raised {
    const key = familyKey(event);
    const family = key !== undefined ? this.families.get(key) : undefined;
    const reuse = /reuse/i.test(String(event.description ?? ''));
    const logId = text(event.log_id);
    return { repeatKey: logId !== undefined ? `reuse:${logId}` : undefined, alert: this.alert('reuse-detected', reuse ? 'high' : 'medium', event, {
      title: `${reuse ? 'Reuse detected' : 'Rotating exchange failed'} from ${eventIp(event) ?? 'an address Auth0 did not record'}${eventPlace(event) ? ` (${eventPlace(event)})` : ''}`,
      why: 'A rotated refresh token was presented again (ferrt): with rotation, two parties hold the same family, and Auth0 has revoked it.',
      beforeHeading: 'Known for this family',
      rows: [
        { label: 'IP addresses', before: listed(family?.ips ?? []), now: eventIp(event) },
        { label: 'Places', before: listed(family?.places ?? []), now: eventPlace(event) },
        { label: 'User agents', before: listed(family?.devices.values() ?? []), now: eventUserAgent(event) },
        { label: 'Auth0 says', now: text(event.description) },
      ],
      falsePositive: 'Two tabs or app instances refreshing at the same moment can present the same token twice; Auth0\'s reuse interval absorbs most of these.',
      actions: [WATCH_ACTIONS['contain-user'], WATCH_ACTIONS['review-history'], WATCH_ACTIONS['open-user']],
    }) };
  }

  private revokedUseAlert(event: TokenLogEvent): Raised | undefined {
    const sessionId = eventSessionId(event);
    const key = familyKey(event);
    const grant = this.grantKey(event);
    const revocation =
      (sessionId !== undefined ? this.revokedSessions.get(sessionId) : undefined) ??
      (key !== undefined ? this.revokedFamilies.get(key) : undefined) ??
      (grant !== undefined ? this.revokedGrants.get(grant) : undefined);
    const reason = eventFailureReason(event);
    // An expired or unknown token failing is an application retrying, not an attacker: only a
    // revocation the watch knows of, or Auth0's own "grant_revoked", makes it one.
    if (!revocation && reason !== 'grant_revoked') {
      return undefined;
    }
    const ip = eventIp(event);
    const repeatKey = `revoked:${sessionId ?? key ?? grant ?? ''}:${ip ?? ''}`;
    if (!this.unraised(repeatKey)) {
      return undefined;
    }
    const place = eventPlace(event);
    const revoked = revocation?.event;
    return { repeatKey, alert: this.alert('revoked-token-used', 'high', event, {
      title: `A revoked token was tried again from ${ip ?? 'an address Auth0 did not record'}${place ? ` (${place})` : ''}: whoever holds it still tries`,
      why: 'Someone still holds a refresh token that was revoked and keeps presenting it. The revocation held (the exchange failed), but the holder and their address are now known.',
      beforeHeading: 'The revocation',
      rows: [
        { label: 'When', before: text(revoked?.date), now: text(event.date) },
        { label: 'IP address', before: revoked ? eventIp(revoked) : undefined, now: ip },
        { label: 'Place', before: revoked ? eventPlace(revoked) : undefined, now: place },
        { label: 'User agent', before: revoked ? eventUserAgent(revoked) : undefined, now: eventUserAgent(event) },
        { label: 'Revoked token', before: revoked ? eventCredentialId(revoked) : undefined },
        { label: 'Auth0 says', before: revoked ? describeEvent(revoked) : 'failure_reason: grant_revoked', now: describeEvent(event) },
      ],
      falsePositive: 'The owner\'s own application retrying with the token it held before the revocation, from the owner\'s usual address and device: compare the address with the family\'s known ones.',
      actions: [WATCH_ACTIONS['watch-network'], WATCH_ACTIONS['contain-user'], WATCH_ACTIONS['open-user']],
    }) };
  }

  private exchangeAlerts(event: TokenLogEvent): Raised[] {
    const alerts: Raised[] = [];
    const key = familyKey(event);
    const family = key !== undefined ? this.families.get(key) : undefined;
    const ip = eventIp(event);
    const place = eventPlace(event);
    const userAgent = identifiedUserAgent(event);

    const watched = (this.options.watchList ?? []).find((matcher) => deviceNetworkMatches(matcher, ip, eventAsn(event)));
    const watchedKey = `watched:${key ?? ''}:${ip ?? eventAsn(event) ?? ''}`;
    if (watched && this.unraised(watchedKey)) {
      alerts.push({ repeatKey: watchedKey, alert: this.alert('watched-network', 'high', event, {
        title: `Exchanged from a watched network: ${ip ?? `AS${eventAsn(event) ?? ''}`}${place ? ` (${place})` : ''}`,
        why: 'The address is on the watch list (typed, or a hunt\'s criteria): a token of this user is being exchanged from a network already tied to the incident.',
        beforeHeading: 'Watch list',
        rows: [
          { label: 'Network', before: formatNetworkMatcher(watched), now: ip },
          { label: 'ASN', now: eventAsn(event) },
          { label: 'Place', now: place },
          { label: 'User agent', now: eventUserAgent(event) },
        ],
        falsePositive: 'A shared network (a corporate proxy, a public VPN exit, a mobile carrier\'s NAT) on the list can carry innocent users too.',
        actions: [WATCH_ACTIONS['contain-user'], WATCH_ACTIONS['open-user']],
      }) });
    }

    if (!family || key === undefined || family.exchanges === 0) {
      // Nothing known of the family: nothing to compare this exchange with.
      return alerts;
    }

    if (family.lastPlaced) {
      const travel = impossibleTravel(family.lastPlaced, event);
      const travelKey = `travel:${key}:${eventPlace(family.lastPlaced) ?? ''}>${place ?? ''}`;
      if (travel && travel.later === event && this.unraised(travelKey)) {
        alerts.push({ repeatKey: travelKey, alert: this.alert('impossible-travel', 'high', event, {
          title: `Impossible travel: ${eventPlace(travel.earlier) ?? 'somewhere'} to ${place ?? 'somewhere'}, ${describeTravel(travel)}`,
          why: `Two exchanges of one rotation family came from places farther apart than an airliner flies (${AIRLINER_KMH.toLocaleString('en-US')} km/h, after ${GEOLOCATION_ALLOWANCE_KM} km for geolocation error) in the time between them: two parties hold the token.`,
          beforeHeading: 'Previous exchange of the family',
          rows: [
            { label: 'When', before: text(travel.earlier.date), now: text(event.date) },
            { label: 'Place', before: eventPlace(travel.earlier), now: place },
            { label: 'IP address', before: eventIp(travel.earlier), now: ip },
            { label: 'User agent', before: eventUserAgent(travel.earlier), now: eventUserAgent(event) },
            { label: 'Distance', before: `${Math.round(travel.distanceKm).toLocaleString('en-US')} km`, now: describeTravel(travel) },
          ],
          falsePositive: IMPOSSIBLE_TRAVEL_FALSE_POSITIVE,
          actions: [WATCH_ACTIONS['contain-user'], WATCH_ACTIONS['revoke-session'], WATCH_ACTIONS['review-history'], WATCH_ACTIONS['open-user']],
        }) });
      }
    }

    if (userAgent !== undefined) {
      const previous = family.lastFingerprinted.get(userAgent);
      const change = previous ? tlsFingerprintChange(previous, event) : undefined;
      const tlsKey = change ? `tls:${key}:${userAgent}:${change.before}>${change.after}` : '';
      if (change && change.later === event && this.unraised(tlsKey)) {
        alerts.push({ repeatKey: tlsKey, alert: this.alert('tls-changed', 'high', event, {
          title: `Another client under the same user agent "${userAgent}" (${change.field.toUpperCase()} changed) from ${ip ?? 'an unrecorded address'}`,
          why: 'One rotation family was exchanged by two different TLS clients that sent the same User-Agent: a script replaying a browser\'s token with a copied User-Agent looks like this.',
          beforeHeading: 'Previous exchange with this user agent',
          rows: [
            { label: 'When', before: text(change.earlier.date), now: text(event.date) },
            { label: 'User agent', before: userAgent, now: userAgent },
            { label: change.field.toUpperCase(), before: change.before, now: change.after },
            { label: 'IP address', before: eventIp(change.earlier), now: ip },
            { label: 'Place', before: eventPlace(change.earlier), now: place },
          ],
          falsePositive: TLS_CHANGE_FALSE_POSITIVE,
          actions: [WATCH_ACTIONS['revoke-session'], WATCH_ACTIONS['contain-user'], WATCH_ACTIONS['review-history'], WATCH_ACTIONS['open-user']],
        }) });
      }
    }

    // Never seen for the family: a country (high), a city or device (medium), an address alone (low).
    const country = countryOf(event);
    const newCountry = country !== undefined && family.countries.size > 0 && !family.countries.has(country);
    const newPlace = place !== undefined && family.places.size > 0 && !family.places.has(place);
    const identity = userAgent !== undefined ? this.identify(userAgent) : undefined;
    const newDevice = identity !== undefined && family.devices.size > 0 && !family.devices.has(identity.key);
    const asn = eventAsn(event);
    const newAsn = asn !== undefined && family.asns.size > 0 && !family.asns.has(asn);
    const newIp = ip !== undefined && family.ips.size > 0 && !family.ips.has(ip) && !(asn !== undefined && family.asns.has(asn));
    const what: string[] = [];
    if (newCountry || newPlace) {
      what.push('place');
    }
    if (newAsn || newIp) {
      what.push('network');
    }
    if (newDevice) {
      what.push('device');
    }
    // Keyed so a history read again after a resume (where this origin is already known) raises it once.
    const originKey = `origin:${key}:${ip ?? ''}:${place ?? ''}:${identity?.key ?? ''}`;
    if (what.length > 0 && this.unraised(originKey) && family.originAlerts < MAX_NEW_ORIGIN_ALERTS) {
      const severity: WatchAlertSeverity = newCountry ? 'high' : newPlace || newDevice || newAsn ? 'medium' : 'low';
      const last = family.originAlerts === MAX_NEW_ORIGIN_ALERTS - 1
        ? ` This family has turned up from ${MAX_NEW_ORIGIN_ALERTS} new origins in this watch: no further new origin of this family is alerted (its History lists every exchange).`
        : '';
      alerts.push({ repeatKey: originKey, alert: this.alert('new-origin', severity, event, {
        title: `Exchanged from a ${what.join(', ')} never seen for this family: ${addressAndPlace(ip, place) ?? 'unrecorded'}`,
        why: `A refresh token normally stays with one device and its usual networks; this rotation family had ${family.exchanges.toLocaleString('en-US')} known exchange${family.exchanges === 1 ? '' : 's'}, none from here.${last}`,
        beforeHeading: `Known for this family (${family.exchanges.toLocaleString('en-US')} exchange${family.exchanges === 1 ? '' : 's'})`,
        rows: [
          { label: 'IP addresses', before: listed(family.ips), now: ip },
          ...(asn !== undefined || family.asns.size > 0 ? [{ label: 'ASNs', before: listed(family.asns), now: asn }] : []),
          { label: 'Places', before: listed(family.places), now: place },
          { label: 'Devices', before: listed(family.devices.values()), now: identity?.summary },
        ],
        falsePositive: NEW_ORIGIN_FALSE_POSITIVE,
        actions: severity === 'high' ? [WATCH_ACTIONS['contain-user'], WATCH_ACTIONS['watch-network'], WATCH_ACTIONS['open-user']] : [WATCH_ACTIONS['open-user'], WATCH_ACTIONS['review-history']],
      }) });
    }
    return alerts;
  }
}
