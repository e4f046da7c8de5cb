// Exports of a user's refresh tokens, for tickets and incident notes. CSV is what people open in a
// spreadsheet, so every cell is guarded against formula injection: a user agent or metadata value
// of "=HYPERLINK(...)" must arrive as text, not run. JSON is the complete record.

import type { RefreshToken } from '../auth0/types';
import {
  deviceSide, metadataEntries, resourceServerFacts, unknownFields, valueAsText, type DeviceSide,
} from './refreshTokenFacts';
import { tokenStatus } from './tokenStatus';

/**
 * What an export says about a finding (src/findings' `Finding` fits): declared here so that the
 * presentation layer does not depend on the analysis that uses it.
 */
export interface ExportedFinding {
  kind: string;
  severity: string;
  title: string;
}

/** Findings by token id, from the analysis; a token absent from the map has none listed. */
export type FindingsByToken = ReadonlyMap<string, readonly ExportedFinding[]>;

/** Application names by client id. */
export type AppNames = ReadonlyMap<string, string> | Readonly<Record<string, string | undefined>>;

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list,
 * plus the full-width forms some spreadsheets also accept).
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One cell: formula guard first (a leading "'" makes it text), then RFC 4180 quoting. */
export function csvCell(value: unknown): string {
  const text = valueAsText(value ?? '');
  const guarded = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function appNameFor(appNames: AppNames, clientId: string | undefined): string | undefined {
  if (!clientId) {
    return undefined;
  }
  return appNames instanceof Map ? appNames.get(clientId) : (appNames as Record<string, string | undefined>)[clientId];
}

/** A date as Auth0 sent it: ISO strings stay exact (a spreadsheet can parse them). */
function rawDate(value: unknown): string {
  return value === undefined || value === null ? '' : valueAsText(value);
}

/** The user agent in words, or an empty cell when none was recorded (never a made-up "No user agent recorded"). */
export function deviceCell(side: DeviceSide): string {
  return side.userAgent !== undefined ? side.device.summary : '';
}

/** What a row needs, worked out once per token. */
interface TokenRow {
  token: RefreshToken;
  appName?: string;
  status: string;
  initial: DeviceSide;
  last: DeviceSide;
}

const COLUMNS: readonly { header: string; cell: (row: TokenRow) => unknown }[] = [
  { header: 'id', cell: ({ token }) => token.id },
  { header: 'user_id', cell: ({ token }) => token.user_id },
  { header: 'client_id', cell: ({ token }) => token.client_id },
  { header: 'app_name', cell: ({ appName }) => appName },
  { header: 'status', cell: ({ status }) => status },
  { header: 'created_at', cell: ({ token }) => rawDate(token.created_at) },
  { header: 'last_exchanged_at', cell: ({ token }) => rawDate(token.last_exchanged_at) },
  { header: 'idle_expires_at', cell: ({ token }) => rawDate(token.idle_expires_at) },
  { header: 'expires_at', cell: ({ token }) => rawDate(token.expires_at) },
  { header: 'rotating', cell: ({ token }) => (typeof token.rotating === 'boolean' ? String(token.rotating) : '') },
  // Null and absent both leave the cell empty; the JSON export keeps which one Auth0 sent.
  { header: 'session_id', cell: ({ token }) => token.session_id ?? '' },
  { header: 'initial_device', cell: ({ initial }) => deviceCell(initial) },
  { header: 'initial_ip', cell: ({ initial }) => initial.ip },
  { header: 'initial_asn', cell: ({ initial }) => initial.asn },
  { header: 'initial_user_agent', cell: ({ initial }) => initial.userAgent },
  { header: 'last_device', cell: ({ last }) => deviceCell(last) },
  { header: 'last_ip', cell: ({ last }) => last.ip },
  { header: 'last_asn', cell: ({ last }) => last.asn },
  { header: 'last_user_agent', cell: ({ last }) => last.userAgent },
  {
    header: 'resource_servers',
    cell: ({ token }) => resourceServerFacts(token).map((server) => `${server.audience}: ${server.scopes.join(' ')}`).join('\n'),
  },
  { header: 'metadata', cell: ({ token }) => metadataEntries(token).map(([key, value]) => `${key}=${value}`).join('\n') },
  {
    header: 'other_fields',
    cell: ({ token }) => {
      const extra = unknownFields(token);
      return extra.length > 0 ? JSON.stringify(Object.fromEntries(extra)) : '';
    },
  },
];

function tokenRow(token: RefreshToken, appNames: AppNames, now: Date): TokenRow {
  return {
    token,
    appName: appNameFor(appNames, token.client_id),
    status: tokenStatus(token, now).kind,
    initial: deviceSide(token, 'initial'),
    last: deviceSide(token, 'last'),
  };
}

/** "high reuse-detected: Reuse detected: …", one finding a line. */
function findingsCell(findings: readonly ExportedFinding[] | undefined): string {
  return (findings ?? []).map((finding) => `${finding.severity} ${finding.kind}: ${finding.title}`).join('\n');
}

/**
 * One header row and one row per token, CRLF line ends (RFC 4180). `now` decides the status column.
 * With `findings`, a last `findings` column lists each token's findings, one a line; without it
 * the columns are unchanged. No byte-order mark: whoever writes the file adds one if a
 * spreadsheet needs it.
 */
export function tokensToCsv(tokens: readonly RefreshToken[], appNames: AppNames = {}, now: Date = new Date(), findings?: FindingsByToken): string {
  const headers = COLUMNS.map((column) => column.header);
  const header = (findings ? [...headers, 'findings'] : headers).map(csvCell).join(',');
  const rows = tokens.map((token) => {
    const row = tokenRow(token, appNames, now);
    const cells = COLUMNS.map((column) => column.cell(row));
    return (findings ? [...cells, findingsCell(findings.get(token.id))] : cells).map(csvCell).join(',');
  });
  return [header, ...rows].join('\r\n') + '\r\n';
}

/**
 * The tokens exactly as Auth0 returned them, every field kept, indented for reading. With
 * `findings`, each token also carries `inspector_findings: [{kind, severity, title}]`, a name
 * Auth0 does not use, so no field of the token is ever overwritten.
 */
export function tokensToJson(tokens: readonly RefreshToken[], findings?: FindingsByToken): string {
  const records = findings
    ? tokens.map((token) => ({
      ...token,
      inspector_findings: (findings.get(token.id) ?? []).map(({ kind, severity, title }) => ({ kind, severity, title })),
    }))
    : tokens;
  return `${JSON.stringify(records, null, 2)}\n`;
}
