// What a refresh token says, in the words every view uses: the tooltip, the details webview and
// the CSV export all read a token through these helpers, so they never disagree on what a
// missing date or a null session means.

import type { RefreshToken, RefreshTokenResourceServer } from '../auth0/types';
import { formatAbsoluteTime, formatRelativeTime, parseAuth0Date } from './time';
import type { UserAgentDescription } from './userAgent.lazy';
import { describeUserAgent } from './userAgentLoader';

export type TokenDateField = 'created_at' | 'last_exchanged_at' | 'idle_expires_at' | 'expires_at';

export interface DateFact {
  field: TokenDateField;
  /** "Created", "Last used", "Idle expiry", "Expires". */
  label: string;
  /** Absent when the field is missing or unreadable. */
  date?: Date;
  /** "2026-11-26 14:03 UTC". */
  absolute?: string;
  /** "3 h ago", "in 4 d". */
  relative?: string;
  /** What to show instead of a date: "not recorded", "unreadable date". */
  fallback?: string;
  /** The value as it came, when it was there but is no date. */
  unreadable?: string;
}

/** What an expiry that Auth0 sent as null (or not at all) is called everywhere. */
export const NO_EXPIRY_RECORDED = 'none recorded';

const DATE_FIELDS: readonly { field: TokenDateField; label: string; whenMissing: string }[] = [
  { field: 'created_at', label: 'Created', whenMissing: 'not recorded' },
  { field: 'last_exchanged_at', label: 'Last used', whenMissing: 'not recorded' },
  // A null or absent expiry is what Auth0 lists, not proof that the token never expires.
  { field: 'idle_expires_at', label: 'Idle expiry', whenMissing: NO_EXPIRY_RECORDED },
  { field: 'expires_at', label: 'Expires', whenMissing: NO_EXPIRY_RECORDED },
];

/** A value of any JSON type as one line of text: strings as they are, the rest as JSON. */
export function valueAsText(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value === undefined) {
    return '';
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The four dates of a token, in reading order, with their absolute and relative forms. */
export function dateFacts(token: RefreshToken, now: Date): DateFact[] {
  return DATE_FIELDS.map(({ field, label, whenMissing }) => {
    const value = token[field];
    const date = parseAuth0Date(value);
    if (date) {
      return { field, label, date, absolute: formatAbsoluteTime(date), relative: formatRelativeTime(date, now) };
    }
    const missing = value === undefined || value === null || value === '';
    return missing ? { field, label, fallback: whenMissing } : { field, label, fallback: 'unreadable date', unreadable: valueAsText(value) };
  });
}

/** "2026-11-26 14:03 UTC (3 h ago)", "not recorded", "unreadable date: {...}". */
export function dateFactText(fact: DateFact): string {
  if (fact.absolute) {
    return `${fact.absolute} (${fact.relative})`;
  }
  return fact.unreadable === undefined ? (fact.fallback ?? '') : `${fact.fallback}: ${fact.unreadable}`;
}

export interface DeviceSide {
  /** False when Auth0 recorded neither an address, an ASN nor a user agent for this side. */
  recorded: boolean;
  ip?: string;
  asn?: string;
  userAgent?: string;
  /** The user agent in words. */
  device: UserAgentDescription;
}

function optionalText(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : valueAsText(value);
}

/** Where the token was first issued (`initial`) or last exchanged (`last`). */
export function deviceSide(token: RefreshToken, side: 'initial' | 'last'): DeviceSide {
  const device = hasDeviceRecord(token) ? (token.device as Record<string, unknown>) : {};
  const userAgent = optionalText(device[`${side}_user_agent`]);
  const ip = optionalText(device[`${side}_ip`]);
  const asn = optionalText(device[`${side}_asn`]);
  return { recorded: userAgent !== undefined || ip !== undefined || asn !== undefined, ip, asn, userAgent, device: describeUserAgent(userAgent) };
}

/** Whether Auth0 sent a `device` object at all (real tenants often do not). */
export function hasDeviceRecord(token: RefreshToken): boolean {
  return token.device !== null && typeof token.device === 'object' && !Array.isArray(token.device);
}

/**
 * True only when both sides recorded a user agent and an address and they are equal (the ASN
 * too, when recorded): two sides that recorded nothing are unknown, not "the same".
 */
export function sameDevice(first: DeviceSide, last: DeviceSide): boolean {
  const bothRecorded = first.userAgent !== undefined && last.userAgent !== undefined && first.ip !== undefined && last.ip !== undefined;
  return bothRecorded && first.userAgent === last.userAgent && first.ip === last.ip && first.asn === last.asn;
}

/** "Chrome 126 on macOS (desktop) · IP 203.0.113.7 · ASN 64500"; "not recorded" when nothing was. */
export function deviceSideText(side: DeviceSide): string {
  if (!side.recorded) {
    return 'not recorded';
  }
  const parts = [side.device.summary];
  if (side.ip) {
    parts.push(`IP ${side.ip}`);
  }
  if (side.asn) {
    parts.push(`ASN ${side.asn}`);
  }
  return parts.join(' · ');
}

/**
 * What a null `session_id` means, in one place: no session is linked. Auth0 sends null for tokens
 * issued before late 2023 AND for later tokens issued by a grant without a login session (the
 * password grant, recorded on tokens created in 2024), so it says nothing about the token's age.
 */
export const NO_SESSION_LINKED = 'none linked (issued before late 2023, or by a grant without a login session)';

/** The session id; {@link NO_SESSION_LINKED} for null; "not recorded" when Auth0 sent no `session_id`. */
export function sessionText(token: RefreshToken): string {
  const id = optionalText(token.session_id);
  if (id !== undefined) {
    return id;
  }
  return token.session_id === null ? NO_SESSION_LINKED : 'not recorded';
}

export interface ResourceServerFact {
  audience: string;
  /** Auth0 sends the scopes as one space-separated string. */
  scopes: string[];
}

export function scopeList(resourceServer: RefreshTokenResourceServer): string[] {
  const scopes = resourceServer.scopes;
  return typeof scopes === 'string' ? scopes.split(/\s+/).filter((scope) => scope !== '') : [];
}

export function resourceServerFacts(token: RefreshToken): ResourceServerFact[] {
  const servers = Array.isArray(token.resource_servers) ? token.resource_servers : [];
  return servers.map((server) => ({ audience: optionalText(server?.audience) ?? '(no audience)', scopes: scopeList(server ?? {}) }));
}

/** The fields this version knows how to show; anything else is shown as it came. */
const KNOWN_TOKEN_FIELDS: ReadonlySet<string> = new Set([
  'id', 'user_id', 'created_at', 'idle_expires_at', 'expires_at', 'last_exchanged_at', 'device',
  'client_id', 'session_id', 'rotating', 'resource_servers', 'refresh_token_metadata',
]);

const KNOWN_DEVICE_FIELDS: ReadonlySet<string> = new Set([
  'initial_ip', 'initial_asn', 'initial_user_agent', 'last_ip', 'last_asn', 'last_user_agent',
]);

/** Fields Auth0 added after this version was written, as `[path, value]`: "device.os" too. */
export function unknownFields(token: RefreshToken): [string, unknown][] {
  const topLevel = Object.entries(token).filter(([key]) => !KNOWN_TOKEN_FIELDS.has(key));
  const device = token.device && typeof token.device === 'object' ? token.device : {};
  const inDevice = Object.entries(device)
    .filter(([key]) => !KNOWN_DEVICE_FIELDS.has(key))
    .map(([key, value]): [string, unknown] => [`device.${key}`, value]);
  return [...topLevel, ...inDevice];
}

/** Metadata as `[key, text]` pairs; Auth0 allows only strings, but show whatever came. */
export function metadataEntries(token: RefreshToken): [string, string][] {
  const metadata = token.refresh_token_metadata;
  if (!metadata || typeof metadata !== 'object') {
    return [];
  }
  return Object.entries(metadata).map(([key, value]) => [key, valueAsText(value)]);
}

/** "yes", "no", or "not reported". */
export function rotatingText(token: RefreshToken): string {
  return token.rotating === true ? 'yes' : token.rotating === false ? 'no' : 'not reported';
}
