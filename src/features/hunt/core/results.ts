// A hunt's matches as a person works through them: one row per refresh token (user,
// application, device in words, IP and ASN, created, last used, findings), grouped by user,
// sorted, filtered, and exported. Every text in a row came from Auth0 (attacker-controlled):
// the views escape it; the CSV export guards every cell with the presentation layer's formula
// guard, the same one the token export uses.

import type { RefreshToken } from '../../../auth0/types';
import { csvCell, deviceCell } from '../../../presentation/export';
import { deviceSide, valueAsText } from '../../../presentation/refreshTokenFacts';
import { parseAuth0Date } from '../../../presentation/time';
import type { HuntMatch } from './checkpoint';
import type { ApplicationNameOf } from './criteria';
import { parseIpAddress } from './network';

export interface HuntRow {
  tokenId: string;
  userId: string;
  /** The user's email, else name, else id: what a person recognises. */
  user: string;
  email?: string;
  clientId?: string;
  /** The application's name, else its client id, else "unknown application". */
  application: string;
  /** The last device in words: "Chrome 126 on macOS (desktop)". */
  device: string;
  ip?: string;
  asn?: string;
  initialDevice: string;
  initialIp?: string;
  initialAsn?: string;
  createdAt?: Date;
  lastUsedAt?: Date;
  sessionId?: string;
  findings: string[];
  /** What the row was made from: the JSON export writes the token exactly as Auth0 sent it. */
  match: HuntMatch;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** One row per match, in the order given. `applicationName` resolves client ids (GET /clients/{id}). */
export function huntRows(matches: readonly HuntMatch[], applicationName: ApplicationNameOf = () => undefined): HuntRow[] {
  return matches.map((match) => {
    const { token, user } = match;
    const clientId = text(token.client_id);
    const last = deviceSide(token, 'last');
    const initial = deviceSide(token, 'initial');
    const row: HuntRow = {
      tokenId: token.id,
      userId: user.userId,
      user: user.email ?? user.name ?? user.userId,
      application: (clientId && applicationName(clientId)) || clientId || 'unknown application',
      device: last.recorded ? last.device.summary : 'not recorded',
      initialDevice: initial.recorded ? initial.device.summary : 'not recorded',
      findings: [...match.findings],
      match,
    };
    const optional: Partial<HuntRow> = {
      email: user.email,
      clientId,
      ip: last.ip,
      asn: last.asn,
      initialIp: initial.ip,
      initialAsn: initial.asn,
      createdAt: parseAuth0Date(token.created_at),
      lastUsedAt: parseAuth0Date(token.last_exchanged_at),
      sessionId: text(token.session_id),
    };
    for (const [key, value] of Object.entries(optional)) {
      if (value !== undefined) {
        (row as unknown as Record<string, unknown>)[key] = value;
      }
    }
    return row;
  });
}

export interface UserGroup {
  userId: string;
  user: string;
  tokenCount: number;
  /** Distinct application names, sorted. */
  applications: string[];
  /** Rows with at least one finding. */
  withFindings: number;
  rows: HuntRow[];
}

/** Rows grouped by user: most tokens first, then by user; rows keep their order within a group. */
export function groupByUser(rows: readonly HuntRow[]): UserGroup[] {
  const groups = new Map<string, UserGroup>();
  for (const row of rows) {
    let group = groups.get(row.userId);
    if (!group) {
      group = { userId: row.userId, user: row.user, tokenCount: 0, applications: [], withFindings: 0, rows: [] };
      groups.set(row.userId, group);
    }
    group.rows.push(row);
    group.tokenCount++;
    if (row.findings.length > 0) {
      group.withFindings++;
    }
    if (!group.applications.includes(row.application)) {
      group.applications.push(row.application);
    }
  }
  const list = [...groups.values()];
  for (const group of list) {
    group.applications.sort(compareText);
  }
  return list.sort((a, b) => b.tokenCount - a.tokenCount || compareText(a.user, b.user));
}

export type RowSortKey = 'user' | 'application' | 'device' | 'ip' | 'asn' | 'created' | 'lastUsed' | 'findings';
export type SortDirection = 'ascending' | 'descending';

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
}

type SortValue = string | number | bigint | undefined;

const SORT_VALUE: Record<RowSortKey, (row: HuntRow) => SortValue> = {
  user: (row) => row.user,
  application: (row) => row.application,
  device: (row) => row.device,
  ip: (row) => {
    const parsed = row.ip === undefined ? undefined : parseIpAddress(row.ip);
    return parsed?.ok ? parsed.value.value : undefined;
  },
  asn: (row) => {
    const asn = row.asn === undefined ? Number.NaN : Number(row.asn.replace(/^as/i, ''));
    return Number.isFinite(asn) ? asn : undefined;
  },
  created: (row) => row.createdAt?.getTime(),
  lastUsed: (row) => row.lastUsedAt?.getTime(),
  findings: (row) => row.findings.length,
};

function compareValues(a: Exclude<SortValue, undefined>, b: Exclude<SortValue, undefined>): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return compareText(a, b);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A sorted copy. Stable (equal rows keep their order); rows without the value (no IP, no date,
 * an address that does not parse) come last in both directions. IPs sort by address, IPv4 first.
 */
export function sortRows(rows: readonly HuntRow[], key: RowSortKey, direction: SortDirection = 'ascending'): HuntRow[] {
  const valueOf = SORT_VALUE[key];
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) {
        return a.value === b.value ? a.index - b.index : a.value === undefined ? 1 : -1;
      }
      return sign * compareValues(a.value, b.value) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

export interface RowFilter {
  /** Case-insensitive text in the user, application, device, IP, ASN, findings or ids. */
  text?: string;
  /** Rows with this finding kind. */
  findingKind?: string;
  /** Rows with any finding (true) or none (false). */
  withFindings?: boolean;
  clientId?: string;
  userId?: string;
}

function searchableText(row: HuntRow): string {
  return [
    row.user, row.userId, row.email, row.application, row.clientId, row.device, row.initialDevice, row.ip, row.asn,
    row.initialIp, row.initialAsn, row.tokenId, row.sessionId, ...row.findings,
  ].filter((part) => part !== undefined).join('\n').toLowerCase();
}

/** The rows that pass every given part of `filter`, in their order. */
export function filterRows(rows: readonly HuntRow[], filter: RowFilter): HuntRow[] {
  const needle = filter.text?.trim().toLowerCase();
  return rows.filter((row) =>
    (!needle || searchableText(row).includes(needle)) &&
    (filter.findingKind === undefined || row.findings.includes(filter.findingKind)) &&
    (filter.withFindings === undefined || (row.findings.length > 0) === filter.withFindings) &&
    (filter.clientId === undefined || row.clientId === filter.clientId) &&
    (filter.userId === undefined || row.userId === filter.userId));
}

/** A date as exported: ISO when it parsed, else the value as Auth0 sent it. */
function exportedDate(date: Date | undefined, raw: unknown): string {
  if (date) {
    return date.toISOString();
  }
  return raw === undefined || raw === null ? '' : valueAsText(raw);
}

const COLUMNS: readonly { header: string; cell: (row: HuntRow) => unknown }[] = [
  { header: 'user_id', cell: (row) => row.userId },
  { header: 'user', cell: (row) => row.user },
  { header: 'token_id', cell: (row) => row.tokenId },
  { header: 'client_id', cell: (row) => row.clientId },
  { header: 'application', cell: (row) => row.application },
  { header: 'last_device', cell: (row) => deviceCell(deviceSide(row.match.token, 'last')) },
  { header: 'last_ip', cell: (row) => row.ip },
  { header: 'last_asn', cell: (row) => row.asn },
  { header: 'initial_device', cell: (row) => deviceCell(deviceSide(row.match.token, 'initial')) },
  { header: 'initial_ip', cell: (row) => row.initialIp },
  { header: 'initial_asn', cell: (row) => row.initialAsn },
  { header: 'created_at', cell: (row) => exportedDate(row.createdAt, row.match.token.created_at) },
  { header: 'last_exchanged_at', cell: (row) => exportedDate(row.lastUsedAt, row.match.token.last_exchanged_at) },
  { header: 'session_id', cell: (row) => row.sessionId },
  { header: 'findings', cell: (row) => row.findings.join('; ') },
];

/** One header row and one row per match, CRLF line ends (RFC 4180), every cell formula-guarded. */
export function rowsToCsv(rows: readonly HuntRow[]): string {
  const header = COLUMNS.map((column) => csvCell(column.header)).join(',');
  const lines = rows.map((row) => COLUMNS.map((column) => csvCell(column.cell(row))).join(','));
  return [header, ...lines].join('\r\n') + '\r\n';
}

export interface ExportedMatch {
  user: { user_id: string; email?: string; name?: string };
  application: { client_id?: string; name: string };
  findings: string[];
  /** As Auth0 returned it, every field kept. */
  token: RefreshToken;
}

/** The matches as JSON: the user, the application, the findings and the token exactly as Auth0 sent it. */
export function rowsToJson(rows: readonly HuntRow[]): string {
  const exported: ExportedMatch[] = rows.map((row) => ({
    user: { user_id: row.userId, ...(row.match.user.email ? { email: row.match.user.email } : {}), ...(row.match.user.name ? { name: row.match.user.name } : {}) },
    application: { ...(row.clientId ? { client_id: row.clientId } : {}), name: row.application },
    findings: row.findings,
    token: row.match.token,
  }));
  return `${JSON.stringify(exported, null, 2)}\n`;
}
