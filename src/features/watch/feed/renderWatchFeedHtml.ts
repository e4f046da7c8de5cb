// The watch feed's document, as a pure function: data in, HTML out. No `vscode` import, so it is
// unit-tested in plain Node against the injection corpus. Every string of an alert but its kind,
// severity and action ids comes from Auth0's logs: each goes through `html` templates, which
// escape it (hidden characters made visible). The page's shell and its Content-Security-Policy
// are the webview kit's (src/webview/page.ts). Filters are <select>s whose option values are
// indexes the renderer chose; rows carry the same indexes as data-* attributes, so the script
// filters by comparing numbers and never builds markup.

import { html, joinHtml, type SafeHtml } from '../../../presentation/html';
import { formatAbsoluteTime, formatRelativeTime, parseAuth0Date } from '../../../presentation/time';
import { webviewHtml, type WebviewResources } from '../../../webview/page';
import { WATCH_ACTIONS, type WatchAlert, type WatchAlertKind, type WatchAlertSeverity } from '../core/watchAlert';

/** The words of each alert kind, as the feed's badge shows them. */
export const ALERT_KIND_LABELS: Readonly<Record<WatchAlertKind, string>> = {
  'revoked-token-used': 'Revoked token used',
  'reuse-detected': 'Reuse detected',
  'impossible-travel': 'Impossible travel',
  'tls-changed': 'Client changed under the same user agent',
  'watched-network': 'Watched network',
  'new-origin': 'New origin',
};

const SEVERITY_LABELS: Readonly<Record<WatchAlertSeverity, string>> = { high: 'High', medium: 'Medium', low: 'Low' };

export interface WatchFeedHtmlInput extends WebviewResources {
  tenantLabel: string;
  /** "Watching acme-prod · 2 alerts · 3 s behind". */
  statusText: string;
  running: boolean;
  /** What the watch is narrowed to, in words ("the users matched by the last hunt"); undefined: every user. */
  scope?: string;
  /** The alerts kept, oldest first (the feed shows them newest first); index i is the alert's key. */
  alerts: readonly WatchAlert[];
  /** Sentences for the person: a span retention dropped, a failure. */
  notices: readonly string[];
  now: Date;
  /**
   * The alert to bring into view (the notification's "Open"): its row is marked, and the page
   * scrolls to it and focuses it once per `request` (a number that grows with each Open), so a
   * later redraw does not pull the person back. Ignored when the alert is no longer kept.
   */
  focus?: { alertId: string; request: number };
}

/** Titles longer than this also get a <details> with the whole text (the row clamps a title to three lines). */
const LONG_TITLE = 160;

function userOf(alert: WatchAlert): string {
  return alert.event.userName ?? alert.event.userId ?? 'not recorded';
}

function applicationOf(alert: WatchAlert): string {
  return alert.event.clientName ?? alert.event.clientId ?? 'not recorded';
}

/** Distinct values in first-seen order, each with its index. */
function indexOf(values: readonly string[]): Map<string, number> {
  const indexes = new Map<string, number>();
  for (const value of values) {
    if (!indexes.has(value)) {
      indexes.set(value, indexes.size);
    }
  }
  return indexes;
}

function options(indexes: Map<string, number>, everyone: string): SafeHtml {
  const sorted = [...indexes].sort(([a], [b]) => a.localeCompare(b));
  return html`<option value="">${everyone}</option>${sorted.map(([label, index]) => html`<option value="${index}">${label}</option>`)}`;
}

function dateText(value: string | undefined, now: Date): SafeHtml {
  const date = parseAuth0Date(value);
  return date ? html`<span class="absolute">${formatAbsoluteTime(date)}</span> <span class="relative">${formatRelativeTime(date, now)}</span>` : html`<span class="missing">not recorded</span>`;
}

function evidence(alert: WatchAlert): SafeHtml {
  const rows = alert.evidence.rows.map(
    // Each cell's text in a div.cell, whose height the stylesheet bounds (a cell itself takes no max-height).
    (row) => html`<tr><th scope="row"><div class="cell">${row.label}</div></th><td><div class="cell">${row.before ?? html`<span class="missing">—</span>`}</div></td><td><div class="cell">${row.now ?? html`<span class="missing">—</span>`}</div></td></tr>`,
  );
  // A fixed layout with set column widths: an automatic one let a long unbroken value squeeze the other columns to a letter a line.
  return html`<table class="evidence"><colgroup><col class="evidence-label"><col class="evidence-before"><col class="evidence-now"></colgroup><thead><tr><th scope="col"></th><th scope="col">${alert.evidence.beforeHeading}</th><th scope="col">${alert.evidence.nowHeading}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The row's buttons, from `alert.actions` in a fixed order (what to look at first, what destroys
 * last): Open Tokens on every row with a user ('review-history' is that: the token's details and
 * History), Reveal User ('open-user'), Revoke Session and Its Tokens… ('revoke-session', when the
 * event names its session_id), Contain User… ('contain-user'). 'watch-network' is not offered: the
 * running watch cannot take a network to its watch list yet.
 */
function actionButtons(alert: WatchAlert, index: number): SafeHtml {
  const offered = new Set(alert.actions.map((action) => action.id));
  const sessionId = alert.event.sessionId;
  return joinHtml([
    html`<button type="button" data-action="open-tokens" data-index="${index}">Open Tokens</button>`,
    offered.has('open-user') ? html`<button type="button" class="secondary" data-action="reveal-user" data-index="${index}">Reveal User</button>` : undefined,
    offered.has('revoke-session') && sessionId !== undefined && sessionId !== '' ? html`<button type="button" class="danger" data-action="revoke-session" data-index="${index}">${WATCH_ACTIONS['revoke-session'].label}</button>` : undefined,
    offered.has('contain-user') ? html`<button type="button" class="danger" data-action="contain-user" data-index="${index}">Contain User…</button>` : undefined,
  ].filter((button): button is SafeHtml => button !== undefined), ' ');
}

function alertRow(alert: WatchAlert, index: number, users: Map<string, number>, applications: Map<string, number>, now: Date, focused: boolean): SafeHtml {
  const { event } = alert;
  const hasUser = event.userId !== undefined && event.userId !== '';
  const where = [event.ip, event.place].filter((part): part is string => part !== undefined && part !== '');
  // Found in the user's log read on first sight: it happened before the watch started (its why says so too).
  const foundInHistory = alert.fromHistory === true ? html` <span class="badge history" title="In the user's log read when the watch first saw them: before the watch started; the family is still in use">found in history</span>` : html``;
  return html`<li class="alert severity-${alert.severity}" data-index="${index}" data-severity="${alert.severity}" data-kind="${alert.kind}" data-user="${users.get(userOf(alert))}" data-application="${applications.get(applicationOf(alert))}"${alert.fromHistory === true ? html` data-from-history="true"` : html``}${focused ? html` data-focused="true"` : html``} tabindex="-1">
<div class="alert-head"><span class="badge severity">${SEVERITY_LABELS[alert.severity]}</span> <span class="badge kind">${ALERT_KIND_LABELS[alert.kind]}</span>${foundInHistory} <strong class="title" title="${alert.title}">${alert.title}</strong></div>
${alert.title.length > LONG_TITLE ? html`<details class="full-title"><summary>Show the whole title (${alert.title.length.toLocaleString('en-US')} characters)</summary><p>${alert.title}</p></details>` : html``}
<div class="alert-meta"><span class="field-label">User</span> <span class="user">${userOf(alert)}</span> · <span class="field-label">Application</span> <span class="application">${applicationOf(alert)}</span> · <span class="where">${where.length > 0 ? where.join(' · ') : 'address not recorded'}</span> · ${dateText(event.date, now)} <span class="event-type">${event.type ?? ''}</span></div>
<p class="why">${alert.why}</p>
${evidence(alert)}
<p class="false-positive"><span class="field-label">False positive:</span> ${alert.falsePositive}</p>
<div class="actions">${hasUser ? actionButtons(alert, index) : html`<span class="missing">no user recorded</span>`}</div>
</li>`;
}

/** The complete document of the feed: header, status, filters, the alerts newest first. */
export function renderWatchFeedHtml(input: WatchFeedHtmlInput): string {
  const users = indexOf(input.alerts.map(userOf));
  const applications = indexOf(input.alerts.map(applicationOf));
  const counts = { high: 0, medium: 0, low: 0 };
  input.alerts.forEach((alert) => (counts[alert.severity] += 1));
  const focusIndex = input.focus === undefined ? -1 : input.alerts.findIndex((alert) => alert.id === input.focus?.alertId);
  const rows = input.alerts.map((alert, index) => alertRow(alert, index, users, applications, input.now, index === focusIndex)).reverse();
  const body = html`<header>
<h1>Watch · ${input.tenantLabel}</h1>
<p class="scope">${input.scope === undefined ? 'Every refresh-token event of the tenant' : input.scope}</p>
<p class="status" data-field="status" role="status">${input.statusText}</p>
<div class="toolbar">
<label>Severity <select data-filter="severity"><option value="">All</option><option value="high">High (${counts.high})</option><option value="medium">Medium (${counts.medium})</option><option value="low">Low (${counts.low})</option></select></label>
<label>User <select data-filter="user">${options(users, 'All users')}</select></label>
<label>Application <select data-filter="application">${options(applications, 'All applications')}</select></label>
<button type="button" class="secondary" data-action="export">Export NDJSON…</button>
${input.running ? html`<button type="button" class="secondary" data-action="stop">Stop Watching</button>` : html``}
</div>
${input.notices.map((notice) => html`<p class="notice">${notice}</p>`)}
<p class="notice" data-field="notice" hidden></p>
</header>
${rows.length > 0 ? html`<ol class="alerts">${rows}</ol>` : html`<p class="empty">No alert yet. Refresh-token events are judged as they arrive.</p>`}
<p class="empty" data-field="filtered-empty" hidden>No alert matches the filters.</p>`;
  return webviewHtml(input, { title: html`Watch · ${input.tenantLabel}`, mainClass: 'watch-feed', mainAttributes: {
      'data-running': String(input.running),
      'data-focus-index': focusIndex >= 0 ? String(focusIndex) : undefined,
      'data-focus-request': focusIndex >= 0 ? String(input.focus?.request) : undefined,
    },
    body,
  });
}
