// Dates as Auth0 gives them and as people read them. Auth0 dates are ISO strings, but the schema
// also allows an object, and any date may be absent, so parsing never throws: it answers
// `undefined` and the callers say "unknown".

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30.44 * DAY;
const YEAR = 365.25 * DAY;

/**
 * ISO 8601 date-time as Auth0 writes it ("2026-11-26T14:03:07.123Z"). Deliberately strict:
 * `Date.parse` accepts almost anything ("x 1" is 2001-01-01), and a value that merely happens
 * to parse must not be shown as a real date.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Keys under which date objects seen in the wild carry their value (BSON, wrappers). */
const DATE_OBJECT_KEYS = ['$date', 'date', 'value', 'iso', 'time'];

/** Epoch numbers below this are seconds, above it milliseconds (1e11 s is the year 5138). */
const EPOCH_SECONDS_LIMIT = 1e11;

function validDate(date: Date): Date | undefined {
  return Number.isFinite(date.getTime()) ? date : undefined;
}

function parseDateString(text: string): Date | undefined {
  const trimmed = text.trim();
  return ISO_DATE_TIME.test(trimmed) ? validDate(new Date(trimmed)) : undefined;
}

function parseDateNumber(epoch: number): Date | undefined {
  if (!Number.isFinite(epoch)) {
    return undefined;
  }
  return validDate(new Date(Math.abs(epoch) < EPOCH_SECONDS_LIMIT ? epoch * SECOND : epoch));
}

/**
 * A date from an Auth0 field: an ISO string, a `Date`, epoch seconds or milliseconds, or an
 * object wrapping one of those (`{"$date": "..."}`). Anything else is `undefined`.
 */
export function parseAuth0Date(value: unknown): Date | undefined {
  return parseDateValue(value, 0);
}

function parseDateValue(value: unknown, depth: number): Date | undefined {
  if (typeof value === 'string') {
    return parseDateString(value);
  }
  if (typeof value === 'number') {
    return parseDateNumber(value);
  }
  if (value instanceof Date) {
    return validDate(value);
  }
  if (typeof value === 'object' && value !== null && depth < 2) {
    const record = value as Record<string, unknown>;
    for (const key of DATE_OBJECT_KEYS) {
      const parsed = parseDateValue(record[key], depth + 1);
      if (parsed) {
        return parsed;
      }
    }
  }
  return undefined;
}

function formatSpan(milliseconds: number): string | undefined {
  if (milliseconds < 45 * SECOND) {
    return undefined;
  }
  if (milliseconds < HOUR) {
    return `${Math.max(1, Math.round(milliseconds / MINUTE))} min`;
  }
  if (milliseconds < DAY) {
    return `${Math.round(milliseconds / HOUR)} h`;
  }
  if (milliseconds < 60 * DAY) {
    return `${Math.round(milliseconds / DAY)} d`;
  }
  const months = Math.round(milliseconds / MONTH);
  if (months < 24) {
    // Decided on the rounded count, so that just under two years reads "2 y", not "24 mo".
    return `${months} mo`;
  }
  return `${Math.round(milliseconds / YEAR)} y`;
}

/** "3 h ago", "in 4 d", "just now" (within 45 s either way). Rounded to the nearest unit. */
export function formatRelativeTime(date: Date, now: Date): string {
  const difference = date.getTime() - now.getTime();
  const span = formatSpan(Math.abs(difference));
  if (span === undefined) {
    return 'just now';
  }
  return difference < 0 ? `${span} ago` : `in ${span}`;
}

/** "2026-11-26 14:03 UTC": UTC so that a support engineer and a user compare the same thing. */
export function formatAbsoluteTime(date: Date): string {
  const pad = (part: number) => String(part).padStart(2, '0');
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** "2026-11-26 14:03 UTC (3 h ago)", or `undefined` when `value` is no date. */
export function formatDateWithRelative(value: unknown, now: Date): string | undefined {
  const date = parseAuth0Date(value);
  return date ? `${formatAbsoluteTime(date)} (${formatRelativeTime(date, now)})` : undefined;
}
