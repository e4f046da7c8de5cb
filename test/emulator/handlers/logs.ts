// Tenant logs: a user's (GET /users/{id}/logs, page/per_page) and the tenant's (GET /logs, with
// `q` in the Lucene subset of lucene.ts, page/per_page or checkpoint `from`/`take`). Events older
// than the retention setting are not returned, as a tenant on a shorter plan would not have them.
import type { LogEvent } from '../../../src/auth0/types';
import { DAY_MS } from '../data/logs';
import { errors, type EmulatorResponse } from '../errors';
import { parseUserQuery, QuerySyntaxError, type UserPredicate } from '../lucene';
import { booleanParam, integerParam, projectFields, type Parsed } from '../queryParams';
import type { ApiCall, HandlerContext } from './context';

function retained(events: readonly LogEvent[], ctx: HandlerContext): LogEvent[] {
  const oldest = new Date(ctx.store.currentTime() - ctx.logRetentionDays * DAY_MS).toISOString();
  // Events are oldest first, with ISO dates that sort as strings.
  const first = events.findIndex((event) => String(event.date) >= oldest);
  return first === -1 ? [] : events.slice(first);
}

/** `sort=date:-1` (newest first, the default) or `date:1`. */
function dateOrder(query: Record<string, string>): Parsed<1 | -1> {
  const sort = query.sort;
  if (sort === undefined || sort === '') {
    return { ok: true, value: -1 };
  }
  const match = /^date:(1|-1)$/.exec(sort);
  if (!match) {
    return { ok: false, response: errors.queryValidation('sort', `String does not match pattern ^date:(1|-1)$: ${sort}`) };
  }
  return { ok: true, value: match[1] === '1' ? 1 : -1 };
}

interface OffsetPage {
  events: LogEvent[];
  start: number;
  perPage: number;
  total: number;
  includeTotals: boolean;
}

/** Events a page/per_page listing of logs can reach. */
const LOG_PAGING_WINDOW = 1000;

function offsetPage(events: LogEvent[], query: Record<string, string>, minPerPage: number): Parsed<OffsetPage> {
  const page = integerParam(query, 'page', { min: 0, defaultValue: 0 });
  if (!page.ok) {
    return page;
  }
  const perPage = integerParam(query, 'per_page', { min: minPerPage, max: 100, defaultValue: 50 });
  if (!perPage.ok) {
    return perPage;
  }
  const includeTotals = booleanParam(query, 'include_totals', false);
  if (!includeTotals.ok) {
    return includeTotals;
  }
  const order = dateOrder(query);
  if (!order.ok) {
    return order;
  }
  // Both log listings page through their first 1,000 events only (the OAS: "you may only
  // paginate through up to 1,000 search results"); Auth0 answers past that as it does for users.
  if ((page.value + 1) * perPage.value > LOG_PAGING_WINDOW) {
    return { ok: false, response: errors.invalidPaging() };
  }
  const ordered = order.value === 1 ? events : [...events].reverse();
  const start = page.value * perPage.value;
  return {
    ok: true,
    value: { events: ordered.slice(start, start + perPage.value), start, perPage: perPage.value, total: events.length, includeTotals: includeTotals.value },
  };
}

function offsetAnswer(page: OffsetPage, logs: unknown[]): EmulatorResponse {
  return page.includeTotals
    ? { status: 200, json: { start: page.start, limit: page.perPage, length: logs.length, total: page.total, logs } }
    : { status: 200, json: logs };
}

/** GET /users/{id}/logs: an unknown user has no events (200 []), as the spec lists no 404. */
export function listUserLogs({ params, query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const page = offsetPage(retained(ctx.store.logsOf(params.id), ctx), query, 1);
  return page.ok ? offsetAnswer(page.value, page.value.events) : page.response;
}

/** GET /logs. `q` (or the older `search`) filters; `from` switches to checkpoint paging, which ignores `q`. */
export function listLogs({ query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  if (query.from !== undefined && query.from !== '') {
    ctx.store.onTailRead?.(); // a watch is reading: the growing log's story may begin (liveLog.ts storyStartsWithWatch)
  }
  let predicate: UserPredicate = () => true;
  // Auth0 ignores `q` with `from` (checkpoint paging reads every event; a watch filters locally).
  const q = query.from !== undefined && query.from !== '' ? undefined : (query.q ?? query.search);
  // The one range this emulator knows: `date:[FROM TO *]` with FROM a full ISO date-time in UTC,
  // what a watch starting at a chosen time asks for. Other ranges stay refused by the Lucene subset.
  const dateRange = q === undefined ? null : /^\s*date:\[(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z) TO \*\]\s*$/.exec(q);
  if (dateRange) {
    const since = Date.parse(dateRange[1]);
    if (!Number.isFinite(since)) {
      return errors.badRequest(`Invalid query: ${dateRange[1]} is not a date`);
    }
    predicate = (event) => Date.parse(String(event.date)) >= since;
  } else if (q !== undefined && q.trim() !== '') {
    try {
      predicate = parseUserQuery(q);
    } catch (error) {
      if (error instanceof QuerySyntaxError) {
        return errors.badRequest(`Invalid query: ${error.message}`);
      }
      throw error;
    }
  }
  const events = retained(ctx.store.allLogs(), ctx).filter((event) => predicate(event));
  let selected: LogEvent[];
  let page: OffsetPage | undefined;
  if (query.from !== undefined && query.from !== '') {
    // Checkpoint paging: the events after the given log id, oldest first.
    const take = integerParam(query, 'take', { min: 1, max: 100, defaultValue: 50 });
    if (!take.ok) {
      return take.response;
    }
    const from = query.from;
    const start = events.findIndex((event) => String(event.log_id) > from);
    selected = start === -1 ? [] : events.slice(start, start + take.value);
  } else {
    const offset = offsetPage(events, query, 0);
    if (!offset.ok) {
      return offset.response;
    }
    page = offset.value;
    selected = page.events;
  }
  const logs: Partial<LogEvent>[] = [];
  for (const event of selected) {
    const projected = projectFields(event, query);
    if (!projected.ok) {
      return projected.response;
    }
    logs.push(projected.value);
  }
  return page === undefined ? { status: 200, json: logs } : offsetAnswer(page, logs);
}

export function getLog({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const event = retained(ctx.store.allLogs(), ctx).find((candidate) => candidate.log_id === params.id);
  return event === undefined ? errors.logNotFound() : { status: 200, json: event };
}
