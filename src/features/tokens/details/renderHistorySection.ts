// The History section of the details view: the token's log events newest first, with a small
// timeline above them. Auth0 keeps logs 1 day (free) to 30 days (Enterprise) and delivers them
// with some delay, so an empty history is normal and said so. Events tied to the token only by
// application and rotation family (the token has no session) carry a "probable" mark; the
// session's events from before the token was issued (an earlier token's) carry an "earlier" mark.

import { describeEvent, eventIp, eventPlace, eventUserAgent, olderUserEventsQuery, REFRESH_TOKEN_EVENT_TYPES, type TokenLogEvent } from '../../../findings/logEvents';
import type { TokenEvent } from '../../../findings/tokenEvents';
import { html, type HtmlValue, type SafeHtml } from '../../../presentation/html';
import { formatAbsoluteTime, formatRelativeTime } from '../../../presentation/time';
import { sectionHtml, valueHtml } from './renderDetailsSections';
import { eventDeviceHtml } from './renderEventDevice';
import { missingScopeButtons } from './renderSessionSection';
import { renderTimelineSvg } from './renderTimelineSvg';

export type HistorySectionInput =
  | {
    state: 'loaded';
    /** The token's events (from `eventsForToken`); shown newest first whatever their order. */
    events: readonly TokenEvent[];
    now: Date;
    /** More log pages remain: a "Load more" button is shown. */
    hasMore: boolean;
    /** The next page failed: its error stays shown beside the events loaded, with "Try again". */
    failure?: string;
    /**
     * Auth0 pages no further (the user log listing's 1,000-event cap): how older events are read,
     * with the tenant log search (`q`) for `userId`'s events before the oldest of `loaded` (the
     * user's events loaded, any order).
     */
    capped?: { userId: string; loaded: readonly TokenLogEvent[] };
  }
  /** The management token lacks every one of these scopes, any one of which would do (Auth0: read:logs or read:logs_users). */
  | { state: 'missing-scope'; scopes: readonly string[] }
  | { state: 'loading' }
  | { state: 'error'; message: string };

function rowClass(tokenEvent: TokenEvent): string {
  const classes = ['event'];
  if (tokenEvent.event.type === 'ferrt') {
    classes.push('event-reuse');
  } else if (tokenEvent.event.type === 'fertft') {
    classes.push('event-failure');
  }
  if (tokenEvent.probable) {
    classes.push('event-probable');
  }
  if (tokenEvent.earlier) {
    classes.push('event-earlier');
  }
  return classes.join(' ');
}

function newestFirst(events: readonly TokenEvent[]): TokenEvent[] {
  return [...events].sort((a, b) => (a.date && b.date ? b.date.getTime() - a.date.getTime() : a.date ? -1 : b.date ? 1 : 0));
}

function eventRow(tokenEvent: TokenEvent, now: Date): SafeHtml {
  const { event, date } = tokenEvent;
  const when = date
    ? html`<span class="value">${formatAbsoluteTime(date)}</span> <span class="relative">${formatRelativeTime(date, now)}</span>`
    : html`<span class="missing">date not recorded</span>`;
  const probable = tokenEvent.probable ? html` <span class="chip probable">probable</span>` : '';
  const earlier = tokenEvent.earlier ? html` <span class="chip earlier" title="Before this token was issued: an earlier token's event">earlier</span>` : '';
  const device = eventDeviceHtml(eventUserAgent(event));
  // Only Auth0's own type names become an attribute; anything else is "other".
  const type = REFRESH_TOKEN_EVENT_TYPES.has(event.type ?? '') ? event.type : 'other';
  return html`<tr class="${rowClass(tokenEvent)}" data-event-type="${type}"><td data-field="event-date">${when}</td><td data-field="event-description">${describeEvent(event)}${probable}${earlier}</td><td data-field="event-ip">${valueHtml(eventIp(event), { mono: true })}</td><td data-field="event-place">${valueHtml(eventPlace(event), { whenMissing: 'unknown' })}</td><td data-field="event-device">${device}</td></tr>`;
}

type LoadedInput = Extract<HistorySectionInput, { state: 'loaded' }>;

function loadMoreHtml(input: LoadedInput): HtmlValue {
  if (input.failure !== undefined) {
    // The retry asks for the page that failed; what was loaded stays.
    return [
      html`<div class="error-banner" role="alert" data-field="history-error">${input.failure}</div>`,
      html`<div class="section-actions"><button type="button" class="secondary" data-action="load-more-history">Try again</button></div>`,
    ];
  }
  if (input.capped) {
    return html`<p class="note" data-field="history-capped">Auth0 pages through only the newest 1,000 of a user's log events. Older events can be read by searching the tenant's logs, narrowed by date: Auth0 Dashboard &gt; Monitoring &gt; Logs, or <span class="mono">GET /api/v2/logs</span> with <span class="value mono">q=${olderUserEventsQuery(input.capped.userId, input.capped.loaded)}</span> (each search pages through 1,000 events too; a log stream keeps every event).</p>`;
  }
  return input.hasMore ? html`<div class="section-actions"><button type="button" class="secondary" data-action="load-more-history">Load more</button></div>` : '';
}

function loadedHtml(input: LoadedInput): HtmlValue {
  const { events, now, hasMore } = input;
  if (events.length === 0) {
    const empty = input.capped
      ? "No events for this token in the newest 1,000 of the user's log events."
      : hasMore
        ? 'No events for this token in the log entries loaded so far.'
        : 'No events for this token in the log retention window. That is normal: Auth0 keeps logs for 1 day (free) to 30 days (Enterprise), and they arrive with some delay.';
    return [html`<p class="empty" data-field="history-empty">${empty}</p>`, loadMoreHtml(input)];
  }
  const ordered = newestFirst(events);
  const probableNote = ordered.some((tokenEvent) => tokenEvent.probable)
    ? html`<p class="note" data-field="history-probable-note">This token has no session: events marked “probable” are tied to it only by application and rotation family.</p>`
    : '';
  const earlierNote = ordered.some((tokenEvent) => tokenEvent.earlier)
    ? html`<p class="note" data-field="history-earlier-note">Events marked “earlier” happened in this token's session before it was issued, or belong to a rotation family that began before then: they are an earlier token's, and the findings do not count them.</p>`
    : '';
  return [
    renderTimelineSvg(ordered, now) ?? '',
    probableNote,
    earlierNote,
    html`<table class="history" data-field="history"><thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">IP address</th><th scope="col">Location</th><th scope="col">Device</th></tr></thead><tbody>${ordered.map((tokenEvent) => eventRow(tokenEvent, now))}</tbody></table>`,
    loadMoreHtml(input),
  ];
}

/** The History section for each state of the user's logs. */
export function renderHistorySection(input: HistorySectionInput): SafeHtml {
  let content: HtmlValue;
  switch (input.state) {
    case 'loaded':
      content = loadedHtml(input);
      break;
    case 'missing-scope':
      content = html`<p class="empty" data-field="history-missing-scope">Showing this token's history needs the ${input.scopes.map((scope, index) => html`${index === 0 ? '' : index === input.scopes.length - 1 ? ' or ' : ', '}<span class="value mono">${scope}</span>`)} scope on the management token${input.scopes.length > 1 ? ' (either will do)' : ''}.</p>${missingScopeButtons()}`;
      break;
    case 'loading':
      content = html`<p class="loading" data-field="history-loading" role="status">Loading the user's log events…</p>`;
      break;
    case 'error':
      content = html`<div class="error-banner" role="alert" data-field="history-error">${input.message}</div>`;
      break;
  }
  return sectionHtml('history', 'History', content);
}
