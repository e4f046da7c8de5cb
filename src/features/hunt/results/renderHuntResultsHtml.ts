// The hunt results webview's document, as a pure function: data in, HTML out. No `vscode` import,
// so it is unit-tested in plain Node against the injection corpus. The panel supplies the webview
// kit's resources and wires the messages of protocol.ts; the page's shell and its security are the
// kit's (src/webview/page.ts), as for every panel. No inline styles or event handlers; every value
// goes through `html` templates, which escape it. Rows are hidden with the `hidden`
// attribute, sorted by moving rows, and every value the script sorts or filters by is an escaped
// data-* attribute: the script never builds markup. Ids travel as data-*-key (base64url): the
// escaped data-*-id shows hidden characters, so it is for people and tests, not for messages.

import type { MatchStatus } from '../core/huntSession';
import { FINDING_KIND_LABELS, type FindingKind } from '../../../findings/finding';
import type { HuntRow, UserGroup } from '../core/results';
import { parseIpAddress } from '../core/network';
import { html, joinHtml, type SafeHtml } from '../../../presentation/html';
import { webviewHtml, type WebviewResources } from '../../../webview/page';
import { encodeKey } from './protocol';
import { formatAbsoluteTime, formatRelativeTime } from '../../../presentation/time';

/** What the panel supplies (the webview kit's resources). */
export type HuntResultsResources = WebviewResources;

export interface HuntResultsHtmlInput extends HuntResultsResources {
  huntId: string;
  tenantLabel: string;
  /** What the hunt looks for, in words (describeCriteria). */
  heading: string;
  /** Which users (describeUserSource). */
  usersDescription: string;
  state: 'running' | 'completed' | 'cancelled' | 'stopped';
  /** "120 of 1,000 users · 14 tokens matched · about 3 min left". */
  progressText: string;
  /** Sentences for the person: the 1,000-result cap, why the hunt stopped, users that failed. */
  notices: readonly string[];
  /** The matches grouped by user (results.groupByUser). */
  groups: readonly UserGroup[];
  /** What has been done to each token. */
  statusOf(tokenId: string): MatchStatus;
  /** Where an IP address is, when the user's log events said so ("Berlin, Germany"). */
  locationOf?(userId: string, ip: string): string | undefined;
  now: Date;
  /** Rows rendered at most (default 2,000); the rest are in the exports. */
  maxRows?: number;
}

export const DEFAULT_MAX_ROWS = 2000;

/** The words a row's status shows. */
export const STATUS_LABELS: Readonly<Record<MatchStatus['state'], string>> = {
  found: '—',
  revoking: 'revoking…',
  pending: 'pending',
  revoked: 'revoked',
  failed: 'failed',
  skipped: 'skipped',
};

const STATUS_RANK: Readonly<Record<MatchStatus['state'], number>> = { found: 0, revoking: 1, pending: 2, revoked: 3, failed: 4, skipped: 5 };

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** IPv4 before IPv6, each by address; '' (sorted last) when absent or unreadable. */
function ipSortKey(ip: string | undefined): string {
  const parsed = ip === undefined ? undefined : parseIpAddress(ip);
  if (!parsed?.ok) {
    return '';
  }
  return `${parsed.value.version}:${parsed.value.value.toString(16).padStart(32, '0')}`;
}

/** What Auth0 did not record (issue 18 §2): unknown, never "never" (as the details panel and tooltips say). */
const NOT_RECORDED = html`<span class="missing">not recorded</span>`;

function dateCell(date: Date | undefined, now: Date): SafeHtml {
  if (!date) {
    return NOT_RECORDED;
  }
  return html`<span class="absolute">${formatAbsoluteTime(date)}</span> <span class="relative">${formatRelativeTime(date, now)}</span>`;
}

function findingLabel(kind: string): string {
  return Object.prototype.hasOwnProperty.call(FINDING_KIND_LABELS, kind) ? FINDING_KIND_LABELS[kind as FindingKind] : kind;
}

function searchText(row: HuntRow, location: string | undefined): string {
  return [
    row.user, row.userId, row.email, row.application, row.clientId, row.device, row.initialDevice, row.ip, row.asn, row.initialIp,
    row.initialAsn, row.tokenId, row.sessionId, location, ...row.findings, ...row.findings.map(findingLabel),
  ].filter((part): part is string => typeof part === 'string' && part !== '').join('\n').toLowerCase();
}

function tokenRow(row: HuntRow, input: HuntResultsHtmlInput): SafeHtml {
  const status = input.statusOf(row.tokenId);
  const location = row.ip === undefined ? undefined : input.locationOf?.(row.userId, row.ip);
  const network = joinHtml(
    [
      row.ip === undefined ? NOT_RECORDED : html`<span class="ip">${row.ip}</span>`,
      row.asn === undefined ? '' : html`<span class="muted">AS${row.asn.replace(/^as/i, '')}</span>`,
      location === undefined ? '' : html`<span class="muted">${location}</span>`,
    ].filter((part) => part !== ''),
    ' ',
  );
  const initial = row.initialDevice !== row.device ? html`<span class="muted">first: ${row.initialDevice}</span>` : '';
  const findings = row.findings.length === 0
    ? html`<span class="missing">none</span>`
    : joinHtml(row.findings.map((kind) => html`<span class="chip" data-finding="${kind}">${findingLabel(kind)}</span>`), ' ');
  const reason = html` <span class="muted" data-field="status-reason">${status.reason ?? ''}</span>`;
  const key = encodeKey(row.tokenId);
  return html`<tr class="token" data-token-id="${row.tokenId}" data-token-key="${key}" data-state="${status.state}" data-search="${searchText(row, location)}" data-sort-user="${row.user.toLowerCase()}" data-sort-application="${row.application.toLowerCase()}" data-sort-device="${row.device.toLowerCase()}" data-sort-ip="${ipSortKey(row.ip)}" data-sort-created="${row.createdAt?.getTime() ?? ''}" data-sort-last-used="${row.lastUsedAt?.getTime() ?? ''}" data-sort-findings="${row.findings.length}" data-sort-status="${STATUS_RANK[status.state]}">
<td class="select"><input type="checkbox" class="select-token" data-token-key="${key}" aria-label="Select this refresh token"></td>
<td class="user" title="${row.user}">${row.user}</td>
<td class="application"><button type="button" class="link" data-action="open-token" data-token-key="${key}" title="Open the refresh token's details">${row.application}</button></td>
<td class="device">${row.device}${initial}</td>
<td class="network">${network}</td>
<td class="date">${dateCell(row.createdAt, input.now)}</td>
<td class="date">${dateCell(row.lastUsedAt, input.now)}</td>
<td class="findings">${findings}</td>
<td class="status"><span data-field="status">${STATUS_LABELS[status.state]}</span>${reason}</td>
</tr>`;
}

function groupBody(group: UserGroup, rows: readonly HuntRow[], input: HuntResultsHtmlInput): SafeHtml {
  const counts = [
    count(group.tokenCount, 'refresh token'),
    count(group.applications.length, 'application'),
    group.withFindings === 0 ? 'no findings' : `${group.withFindings.toLocaleString('en-US')} with findings`,
  ].join(' · ');
  const id = group.user === group.userId ? '' : html` <span class="muted">${group.userId}</span>`;
  const key = encodeKey(group.userId);
  return html`<tbody class="group" data-user-id="${group.userId}" data-user-key="${key}">
<tr class="group-header"><th scope="colgroup" colspan="9"><input type="checkbox" class="select-group" data-user-key="${key}" aria-label="Select every refresh token of this user"> <span class="group-user">${group.user}</span>${id} <span class="group-counts" data-field="group-counts">${counts}</span> <button type="button" class="secondary" data-action="contain-user" data-user-key="${key}">Contain User…</button></th></tr>
${joinHtml(rows.map((row) => tokenRow(row, input)), '\n')}
</tbody>`;
}

const COLUMNS: readonly { key: string; label: string }[] = [
  { key: 'user', label: 'User' },
  { key: 'application', label: 'Application' },
  { key: 'device', label: 'Device' },
  { key: 'ip', label: 'IP · ASN · location' },
  { key: 'created', label: 'Created' },
  { key: 'lastUsed', label: 'Last used' },
  { key: 'findings', label: 'Findings' },
  { key: 'status', label: 'Status' },
];

/** The complete results document of one hunt. */
export function renderHuntResultsHtml(input: HuntResultsHtmlInput): string {
  const maxRows = Math.max(1, input.maxRows ?? DEFAULT_MAX_ROWS);
  const total = input.groups.reduce((sum, group) => sum + group.tokenCount, 0);
  let budget = maxRows;
  const bodies: SafeHtml[] = [];
  for (const group of input.groups) {
    if (budget <= 0) {
      break;
    }
    const rows = group.rows.slice(0, budget);
    budget -= rows.length;
    bodies.push(groupBody(group, rows, input));
  }
  const notices = [...input.notices];
  if (total > maxRows) {
    notices.push(`Showing the first ${maxRows.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} refresh tokens; the exports hold all of them.`);
  }
  const running = input.state === 'running';
  const summary = `${count(total, 'refresh token')} of ${count(input.groups.length, 'user')}`;
  const empty = total === 0 ? html`<p class="empty" data-field="empty">${running ? 'No matching refresh token yet.' : 'No refresh token matched.'}</p>` : '';
  const body = html`<header class="page-header">
<h1 data-field="heading">${input.heading}</h1>
<p class="subtitle">${input.usersDescription} · tenant ${input.tenantLabel}</p>
<p class="progress" data-field="progress" role="status" aria-live="polite">${input.progressText}</p>
${notices.length === 0 ? '' : html`<ul class="notices" data-field="notices">${notices.map((notice) => html`<li>${notice}</li>`)}</ul>`}
<div class="toolbar">
<input type="search" class="filter" data-field="filter" placeholder="Filter: user, application, device, IP, ASN, finding…" aria-label="Filter the results">
<span class="counts" data-field="counts" data-total="${summary}">${summary}</span>
<span class="selection" data-field="selection" role="status" aria-live="polite">none selected</span>
<button type="button" class="secondary" data-action="select-shown">Select Shown</button>
<button type="button" class="secondary" data-action="clear-selection">Clear Selection</button>
<button type="button" class="danger" data-action="revoke-selected" disabled>Revoke Selected…</button>
<button type="button" class="secondary" data-action="export-csv">Export CSV…</button>
<button type="button" class="secondary" data-action="export-json">Export JSON…</button>
${running ? html`<button type="button" class="secondary" data-action="cancel-hunt">Cancel Hunt</button>` : ''}
</div>
</header>
<p class="notice" data-field="notice" role="status" aria-live="polite"></p>
${empty}
<table class="results" data-field="results">
<thead><tr><th scope="col" class="select"><span class="visually-hidden">Select</span></th>${COLUMNS.map((column) => html`<th scope="col" aria-sort="none" data-column="${column.key}"><button type="button" class="sort" data-sort="${column.key}">${column.label}</button></th>`)}</tr></thead>
${joinHtml(bodies, '\n')}
</table>`;
  return webviewHtml(input, { title: html`Hunt results · ${input.tenantLabel}`, mainClass: 'hunt-results', mainAttributes: { 'data-hunt-id': input.huntId, 'data-state': input.state }, body });
}
