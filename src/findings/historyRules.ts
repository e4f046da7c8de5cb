// Findings from the token's log events, after Auth0's detections refresh_token_reuse (ferrt
// events) and refresh_token_from_multiple_user_agent / ..._too_many_locations (one rotation
// family exchanged from many user agents, ASNs or IPs within 30 days). Logs carry no ASN in
// Auth0's schema, so networks are counted by ASN only where an event has one, else by IP.

import { deviceIdentity, deviceKey, identifiesAnything } from './deviceIdentity';
import { FINDING_ACTIONS, type EvidenceEvent, type Finding, type FindingSeverity } from './finding';
import { describeEvent, eventAsn, eventFamilyId, eventIp, eventSessionId, eventUserAgent } from './logEvents';
import { DAY_MS, FAMILY_WINDOW_DAYS, type FindingThresholds } from './thresholds';
import type { TokenEvent } from './tokenEvents';

/** Evidence lists are for reading, not archives: the newest this many events are kept. */
const MAX_EVIDENCE_EVENTS = 20;

/** The events a finding may count: not an earlier token's (see `TokenEvent.earlier`). */
function ownEvents(history: readonly TokenEvent[]): TokenEvent[] {
  return history.filter((tokenEvent) => !tokenEvent.earlier);
}

/** A finding that rests on probable events is one step less certain. */
function severityFor(severity: FindingSeverity, probable: boolean): FindingSeverity {
  return probable && severity === 'high' ? 'medium' : severity;
}

/** A token event as finding evidence: when, what in words, from which address and user agent. */
export function evidenceEvent(tokenEvent: TokenEvent): EvidenceEvent {
  const { event } = tokenEvent;
  return {
    date: tokenEvent.date,
    description: describeEvent(event),
    ip: eventIp(event),
    userAgent: eventUserAgent(event),
    logId: typeof event.log_id === 'string' ? event.log_id : undefined,
    probable: tokenEvent.probable,
  };
}

/**
 * "reuse-detected" from the ferrt events among `history` (the token's events, newest first; an
 * earlier token's events are left out):
 * high when Auth0 described one as reuse, medium for other rotating-exchange failures, one step
 * lower when the events are only probably the token's. `undefined` without ferrt events.
 */
export function reuseFinding(history: readonly TokenEvent[]): Finding | undefined {
  const failures = ownEvents(history).filter((tokenEvent) => tokenEvent.event.type === 'ferrt');
  if (failures.length === 0) {
    return undefined;
  }
  const reuse = failures.some((tokenEvent) => /reuse/i.test(String(tokenEvent.event.description ?? '')));
  const probable = failures.every((tokenEvent) => tokenEvent.probable);
  const count = failures.length === 1 ? 'once' : `${failures.length} times`;
  return {
    kind: 'reuse-detected',
    severity: severityFor(reuse ? 'high' : 'medium', probable),
    title: reuse ? `Reuse detected: a rotated token was presented again (${count})` : `Rotating exchange failed ${count} (possible reuse)`,
    why: 'Auth0 logged a failed exchange in this token\'s rotation family (ferrt): with rotation, an already-rotated token presented again means two parties hold it, and Auth0 revokes the family.',
    evidence: { type: 'events', events: failures.slice(0, MAX_EVIDENCE_EVENTS).map(evidenceEvent) },
    action: FINDING_ACTIONS['contain-user'],
    falsePositive: 'Two tabs or app instances refreshing at the same moment can present the same token twice; Auth0\'s reuse interval absorbs most of these.',
    probable: probable || undefined,
  };
}

interface Tally {
  label: string;
  events: number;
}

interface FamilyCounts {
  familyId?: string;
  eventCount: number;
  /** Events that carried an ASN; when all did, networks are judged by ASN alone. */
  withAsn: number;
  probable: boolean;
  devices: Map<string, Tally>;
  asns: Map<string, Tally>;
  ips: Map<string, Tally>;
}

function count(map: Map<string, Tally>, key: string, label: string): void {
  const tally = map.get(key);
  if (tally) {
    tally.events++;
  } else {
    map.set(key, { label, events: 1 });
  }
}

/** Exchanges (sertft) of the last 30 days, counted per rotation family. */
function familyCounts(history: readonly TokenEvent[], now: Date): FamilyCounts[] {
  const since = now.getTime() - FAMILY_WINDOW_DAYS * DAY_MS;
  const families = new Map<string, FamilyCounts>();
  for (const tokenEvent of ownEvents(history)) {
    const { event, date } = tokenEvent;
    if (event.type !== 'sertft' || !date || date.getTime() < since || date.getTime() > now.getTime()) {
      continue;
    }
    // A non-rotating token's exchanges carry no family: its session (or probable link) is its one family.
    const familyId = eventFamilyId(event);
    const key = familyId !== undefined ? `family:${familyId}` : `session:${eventSessionId(event) ?? ''}`;
    let family = families.get(key);
    if (!family) {
      family = { familyId, eventCount: 0, withAsn: 0, probable: false, devices: new Map(), asns: new Map(), ips: new Map() };
      families.set(key, family);
    }
    family.eventCount++;
    family.probable ||= tokenEvent.probable;
    const userAgent = eventUserAgent(event);
    if (userAgent !== undefined) {
      const identity = deviceIdentity(userAgent);
      // Auth0's "Other 0.0.0 / Other 0.0.0" identified nothing: it is no device of its own.
      if (identifiesAnything(identity)) {
        count(family.devices, deviceKey(identity), identity.summary);
      }
    }
    const asn = eventAsn(event);
    if (asn !== undefined) {
      family.withAsn++;
      count(family.asns, asn, asn);
    }
    const ip = eventIp(event);
    if (ip !== undefined) {
      count(family.ips, ip, ip);
    }
  }
  return [...families.values()];
}

function tallies(map: Map<string, Tally>): { value: string; events: number }[] {
  return [...map.values()].sort((a, b) => b.events - a.events).map((tally) => ({ value: tally.label, events: tally.events }));
}

/** The family with the most distinct values in `pick`, if it exceeds `limit`. */
function worstFamily(families: readonly FamilyCounts[], pick: (family: FamilyCounts) => Map<string, Tally>, limit: number): FamilyCounts | undefined {
  const over = families.filter((family) => pick(family).size > limit);
  return over.sort((a, b) => pick(b).size - pick(a).size)[0];
}

const FAMILY_FALSE_POSITIVE =
  'Versions are ignored, so browser updates count once; a VPN or corporate proxy that rotates exit addresses, or a phone moving between networks of one provider, can still exceed the network limits.';

/**
 * "many-devices" and "many-networks" over the token's exchanges (sertft) in the 30 days before
 * `now`, an earlier token's left out: a rotation family exchanged from more than `deviceLimit` devices (product and system,
 * versions ignored), or more than `networkLimit` ASNs (events that carry one), or, unless every
 * event carried an ASN, more than `ipLimit` IP addresses. High; medium when the events are only probably the token's.
 */
export function familySpreadFindings(history: readonly TokenEvent[], now: Date, thresholds: FindingThresholds): Finding[] {
  const families = familyCounts(history, now);
  const findings: Finding[] = [];
  const devices = worstFamily(families, (family) => family.devices, thresholds.deviceLimit);
  if (devices) {
    findings.push({
      kind: 'many-devices',
      severity: severityFor('high', devices.probable),
      title: `One rotation family used from ${devices.devices.size} devices in ${FAMILY_WINDOW_DAYS} days`,
      why: `Auth0's detections flag a rotation family exchanged from more than ${thresholds.deviceLimit} user agents within ${FAMILY_WINDOW_DAYS} days: one login normally stays on one device.`,
      evidence: {
        type: 'counted', what: 'devices', limit: thresholds.deviceLimit, windowDays: FAMILY_WINDOW_DAYS,
        familyId: devices.familyId, eventCount: devices.eventCount, values: tallies(devices.devices),
      },
      action: FINDING_ACTIONS['revoke-token'],
      falsePositive: FAMILY_FALSE_POSITIVE,
      probable: devices.probable || undefined,
    });
  }
  const asns = worstFamily(families, (family) => family.asns, thresholds.networkLimit);
  // Many addresses within few providers is a phone moving between networks of one provider (the
  // false positive Auth0 names): addresses count only where the ASN is not known for every event.
  const ips = asns ? undefined : worstFamily(families.filter((family) => family.withAsn < family.eventCount), (family) => family.ips, thresholds.ipLimit);
  const networks = asns ?? ips;
  if (networks) {
    const what = asns ? 'networks (ASNs)' : 'IP addresses';
    const limit = asns ? thresholds.networkLimit : thresholds.ipLimit;
    const values = asns ? networks.asns : networks.ips;
    findings.push({
      kind: 'many-networks',
      severity: severityFor('high', networks.probable),
      title: `One rotation family used from ${values.size} ${asns ? 'networks' : 'IP addresses'} in ${FAMILY_WINDOW_DAYS} days`,
      why: `Auth0's detections flag a rotation family exchanged from more than ${limit} ${what} within ${FAMILY_WINDOW_DAYS} days: a stolen token is used from wherever the thief is.`,
      evidence: {
        type: 'counted', what, limit, windowDays: FAMILY_WINDOW_DAYS, familyId: networks.familyId, eventCount: networks.eventCount, values: tallies(values),
      },
      action: FINDING_ACTIONS['revoke-token'],
      falsePositive: FAMILY_FALSE_POSITIVE,
      probable: networks.probable || undefined,
    });
  }
  return findings;
}
