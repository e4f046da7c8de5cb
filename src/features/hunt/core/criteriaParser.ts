// From what a person types into the hunt's form to HuntCriteria, with an error per field that
// says what is wrong ("Network: "203.0.113.7/24" has bits set after the first 24: did you mean
// 203.0.113.0/24?"). Nothing here calls Auth0: applications are resolved against a list the
// caller already has (names from GET /clients/{id}, or the tenant's list from GET /clients; a
// caller that meets a name it does not know loads the list and parses again).

import { compileCriteria, CriteriaError, type DateRange, type DeviceSideChoice, type HuntCriteria } from './criteria';
import { formatNetworkMatcher, parseNetworkMatcher } from './network';

/** The form's fields, as typed. Every field is optional; empty means "any". */
export interface CriteriaInput {
  /** Application names or client ids, separated by commas or lines; quote a name that holds a comma. */
  applications?: string;
  /** IPs, CIDR ranges and ASNs, separated by commas, spaces or lines. */
  network?: string;
  /** "initial", "last" or "either" (default). */
  deviceSide?: string;
  /** Text the raw user agent contains. */
  userAgent?: string;
  /** "Chrome", "Safari 17", "Acme". */
  product?: string;
  /** "iOS", "Windows", "Android 14". */
  os?: string;
  /** "2026-05-01..2026-05-31", "since 2026-05-01", "before 2026-06-01", "last 7 days", "7d", "2026-05-14". */
  created?: string;
  lastUsed?: string;
  /** Finding kinds, separated by commas. */
  findings?: string;
}

export type CriteriaField = keyof CriteriaInput;

export interface CriteriaFieldError {
  field: CriteriaField;
  /** A sentence naming the field and the problem. */
  message: string;
}

export interface KnownApplication {
  clientId: string;
  /** Absent when the application could not be read (deleted, or no read:clients). */
  name?: string;
}

export interface CriteriaParseContext {
  /** Epoch ms: "last 7 days" counts back from here. */
  now: number;
  /** The tenant's applications, to accept names as well as client ids. */
  applications?: readonly KnownApplication[];
  /**
   * Why `applications` holds only the names known so far, when the tenant's list could not be
   * loaded ("the token lacks read:clients (or read:client_summary) to list the tenant's
   * applications"): an unknown name's error says so.
   */
  unlistedReason?: string;
  /** The finding kinds the findings module knows; when given, others are refused. */
  findingKinds?: readonly string[];
}

export type CriteriaParseResult =
  | { ok: true; criteria: HuntCriteria }
  | { ok: false; errors: CriteriaFieldError[] };

const FIELD_LABEL: Record<CriteriaField, string> = {
  applications: 'Application',
  network: 'Network',
  deviceSide: 'Device',
  userAgent: 'User agent',
  product: 'Product',
  os: 'Operating system',
  created: 'Created',
  lastUsed: 'Last used',
  findings: 'Findings',
};

/** Long enough for any real header fragment; longer input is a paste accident. */
const MAX_TEXT = 512;
const DAY_MS = 86_400_000;
/** Auth0 client ids are 32 characters of letters and digits; an id of a deleted application is still accepted. */
const CLIENT_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** Splits on commas and line breaks; a double-quoted entry may hold commas ("Acme, Inc"). */
export function splitList(text: string, separators: RegExp = /[,\r\n]/): string[] {
  const entries: string[] = [];
  let current = '';
  let inQuotes = false;
  for (const character of text) {
    if (character === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && separators.test(character)) {
      entries.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  entries.push(current);
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

function isKnownApplication(entry: string, known: readonly KnownApplication[] | undefined): boolean {
  return (known ?? []).some((app) => app.clientId === entry || app.name?.toLowerCase() === entry.toLowerCase());
}

/**
 * The entries of an Applications field (as typed) that are neither a client id nor the name of
 * an application in `known`: names the caller has not resolved yet, so it should load the
 * tenant's application list and parse again. Pure; never throws.
 */
export function unknownApplicationNames(text: string, known: readonly KnownApplication[] | undefined): string[] {
  return splitList(text).filter((entry) => !isKnownApplication(entry, known) && !CLIENT_ID.test(entry));
}

function parseApplications(text: string, known: readonly KnownApplication[] | undefined, unlistedReason: string | undefined, errors: string[]): string[] {
  const ids: string[] = [];
  for (const entry of splitList(text)) {
    const byId = known?.find((app) => app.clientId === entry);
    if (byId) {
      ids.push(byId.clientId);
      continue;
    }
    const byName = (known ?? []).filter((app) => app.name !== undefined && app.name.toLowerCase() === entry.toLowerCase());
    if (byName.length === 1) {
      ids.push(byName[0].clientId);
    } else if (byName.length > 1) {
      errors.push(`"${entry}" names ${byName.length} applications (${byName.map((app) => app.clientId).join(', ')}); give the client id`);
    } else if (CLIENT_ID.test(entry)) {
      // A deleted application's tokens live on (FACTS.md): its id is still worth hunting for.
      ids.push(entry);
    } else if (unlistedReason) {
      errors.push(`no application is named "${entry}" among the names known so far; ${unlistedReason} — give its client id`);
    } else {
      errors.push(`no application is named "${entry}"; give its name as the Dashboard shows it, or its client id`);
    }
  }
  return [...new Set(ids)];
}

function parseNetworks(text: string, errors: string[]): string[] {
  const entries: string[] = [];
  // "AS 7922" is one entry, so a space followed by digits after "AS" is not a separator.
  for (const entry of text.replace(/\b(asn?)\s+(?=\d)/gi, '$1').split(/[\s,;]+/).filter((part) => part !== '')) {
    const parsed = parseNetworkMatcher(entry);
    if (parsed.ok) {
      entries.push(formatNetworkMatcher(parsed.value));
    } else {
      errors.push(parsed.error);
    }
  }
  return [...new Set(entries)];
}

function parseSide(text: string, errors: string[]): DeviceSideChoice {
  switch (text.trim().toLowerCase()) {
    case '':
    case 'either':
    case 'any':
    case 'both':
      return 'either';
    case 'initial':
    case 'first':
    case 'issued':
      return 'initial';
    case 'last':
    case 'latest':
      return 'last';
    default:
      errors.push(`"${text.trim()}" is not a device side; choose initial, last or either`);
      return 'either';
  }
}

interface Instant {
  time: number;
  /** A calendar day (YYYY-MM-DD): as the end of a range it includes the whole day. */
  wholeDay: boolean;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SPAN = /^(?:last\s+|past\s+)?(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)$/i;

function realDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

function parseInstant(text: string): { ok: true; instant: Instant } | { ok: false; error: string } {
  const trimmed = text.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) {
    if (!realDay(dateOnly[1], dateOnly[2], dateOnly[3])) {
      return { ok: false, error: `${trimmed} is not a day of the calendar` };
    }
    return { ok: true, instant: { time: Date.parse(`${trimmed}T00:00:00Z`), wholeDay: true } };
  }
  const dateTime = DATE_TIME.exec(trimmed);
  if (dateTime) {
    if (!realDay(dateTime[1], dateTime[2], dateTime[3]) || Number(dateTime[4]) > 23 || Number(dateTime[5]) > 59 || Number(dateTime[6] ?? 0) > 59) {
      return { ok: false, error: `${trimmed} is not a real date and time` };
    }
    if (dateTime[7] === undefined) {
      // Without a zone the same text is a different instant on every machine.
      return { ok: false, error: `${trimmed} has no time zone; add Z for UTC or an offset such as +02:00` };
    }
    const time = Date.parse(trimmed.replace(' ', 'T').replace(/\s+/g, ''));
    return Number.isFinite(time) ? { ok: true, instant: { time, wholeDay: false } } : { ok: false, error: `${trimmed} is not a date` };
  }
  return { ok: false, error: `"${trimmed}" is not a date; write 2026-05-14 or 2026-05-14T09:30Z` };
}

function spanMs(amount: number, unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('w')) {
    return amount * 7 * DAY_MS;
  }
  if (u.startsWith('d')) {
    return amount * DAY_MS;
  }
  if (u.startsWith('h')) {
    return amount * 3_600_000;
  }
  return amount * 60_000;
}

/**
 * Parses one date-range field into epoch ms (`from` inclusive, `to` exclusive); no range for an
 * empty field. Accepts "A..B", "A..", "..B" (a day as the end includes that day), "since A",
 * "after A", "until B" (inclusive), "before B" (exclusive), one day ("2026-05-14"), and spans back
 * from `now` ("last 7 days", "7d", "24h", "2 weeks", "30 min"). Dates are YYYY-MM-DD (UTC) or ISO
 * date-times with Z or an offset. Answers the reason when it is none of those; never throws.
 */
export function parseDateRange(text: string, now: number): { ok: true; range?: DateRange } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { ok: true };
  }
  const span = SPAN.exec(trimmed);
  if (span) {
    const amount = Number(span[1]);
    if (amount === 0) {
      return { ok: false, error: `"${trimmed}" is an empty span` };
    }
    return { ok: true, range: { from: now - spanMs(amount, span[2]) } };
  }
  let fromText: string | undefined;
  let toText: string | undefined;
  const keyword = /^(since|after|from|before|until)\s+(.+)$/i.exec(trimmed);
  if (trimmed.includes('..')) {
    const [left, right, ...rest] = trimmed.split('..');
    if (rest.length > 0) {
      return { ok: false, error: `"${trimmed}" has more than one ".."` };
    }
    fromText = left.trim() || undefined;
    toText = right.trim() || undefined;
    if (fromText === undefined && toText === undefined) {
      return { ok: false, error: '".." needs a date on at least one side' };
    }
  } else if (keyword) {
    const word = keyword[1].toLowerCase();
    if (word === 'before') {
      // "before 2026-06-01" excludes that day, so the bound is its start, not its end.
      const instant = parseInstant(keyword[2]);
      return instant.ok ? { ok: true, range: { to: instant.instant.time } } : instant;
    }
    if (word === 'until') {
      toText = keyword[2];
    } else {
      fromText = keyword[2];
    }
  } else {
    const single = parseInstant(trimmed);
    if (!single.ok) {
      return { ok: false, error: `${single.error}; a range is written 2026-05-01..2026-05-31, "since 2026-05-01" or "last 7 days"` };
    }
    if (!single.instant.wholeDay) {
      return { ok: false, error: `${trimmed} is one instant; give a range such as ${trimmed}..` };
    }
    return { ok: true, range: { from: single.instant.time, to: single.instant.time + DAY_MS } };
  }
  const range: DateRange = {};
  if (fromText !== undefined) {
    const from = parseInstant(fromText);
    if (!from.ok) {
      return from;
    }
    range.from = from.instant.time;
  }
  if (toText !== undefined) {
    const to = parseInstant(toText);
    if (!to.ok) {
      return to;
    }
    // A day as the end of a range includes that day: "..2026-05-31" covers all of May 31.
    range.to = to.instant.time + (to.instant.wholeDay ? DAY_MS : 0);
  }
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
    return { ok: false, error: `"${trimmed}" ends before it starts` };
  }
  return { ok: true, range };
}

function parseFindings(text: string, known: readonly string[] | undefined, errors: string[]): string[] {
  const kinds = splitList(text, /[,\s]/);
  if (known !== undefined) {
    for (const kind of kinds) {
      if (!known.includes(kind)) {
        errors.push(`"${kind}" is not a finding kind; known kinds: ${known.join(', ')}`);
      }
    }
  }
  return [...new Set(kinds)];
}

function boundedText(text: string | undefined, field: CriteriaField, errors: CriteriaFieldError[]): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) {
    return undefined;
  }
  if (trimmed.length > MAX_TEXT) {
    errors.push({ field, message: `${FIELD_LABEL[field]}: at most ${MAX_TEXT} characters` });
    return undefined;
  }
  return trimmed;
}

/**
 * Parses the hunt form. Answers the criteria, or every field's errors at once (each message
 * starts with the field's label). Does not throw.
 */
export function parseCriteria(input: CriteriaInput, context: CriteriaParseContext): CriteriaParseResult {
  const errors: CriteriaFieldError[] = [];
  const collect = <T>(field: CriteriaField, parse: (problems: string[]) => T): T => {
    const problems: string[] = [];
    const value = parse(problems);
    errors.push(...problems.map((problem) => ({ field, message: `${FIELD_LABEL[field]}: ${problem}` })));
    return value;
  };
  const criteria: HuntCriteria = { deviceSide: collect('deviceSide', (problems) => parseSide(input.deviceSide ?? '', problems)) };

  if (input.applications?.trim()) {
    criteria.applications = collect('applications', (problems) => parseApplications(input.applications ?? '', context.applications, context.unlistedReason, problems));
  }
  if (input.network?.trim()) {
    criteria.networks = collect('network', (problems) => parseNetworks(input.network ?? '', problems));
  }
  const userAgent = boundedText(input.userAgent, 'userAgent', errors);
  if (userAgent !== undefined) {
    criteria.userAgentContains = userAgent;
  }
  const product = boundedText(input.product, 'product', errors);
  if (product !== undefined) {
    criteria.product = product;
  }
  const os = boundedText(input.os, 'os', errors);
  if (os !== undefined) {
    criteria.os = os;
  }
  for (const field of ['created', 'lastUsed'] as const) {
    const parsed = parseDateRange(input[field] ?? '', context.now);
    if (!parsed.ok) {
      errors.push({ field, message: `${FIELD_LABEL[field]}: ${parsed.error}` });
    } else if (parsed.range) {
      criteria[field] = parsed.range;
    }
  }
  if (input.findings?.trim()) {
    criteria.findingKinds = collect('findings', (problems) => parseFindings(input.findings ?? '', context.findingKinds, problems));
  }
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  try {
    compileCriteria(criteria);
  } catch (error) {
    // The parser and the compiler agree by construction; this guards a future drift between them.
    if (error instanceof CriteriaError) {
      return { ok: false, errors: [{ field: 'network', message: error.message }] };
    }
    throw error;
  }
  return { ok: true, criteria };
}
