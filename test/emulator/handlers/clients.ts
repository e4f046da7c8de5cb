// GET /clients/{id} and GET /clients. The extension resolves one application's name with
// ?fields=name,client_id, and lists every application's name (to accept a name typed into the
// hunt's form) with ?fields=client_id,name&include_totals=true&per_page=100, page by page.
// Checkpoint paging (from/take, q) and the is_global/is_first_party/app_type filters of the
// list are not emulated: the extension does not send them.
import { clientResponse, type ClientRecord } from '../data/clients';
import { errors, type EmulatorResponse } from '../errors';
import { booleanParam, integerParam, projectFields, type Parsed } from '../queryParams';
import type { ApiCall, HandlerContext } from './context';

/** What a token with read:client_summary alone may read (the operations' OpenAPI descriptions). */
const SUMMARY_FIELDS = new Set(['client_id', 'app_type', 'name', 'description']);

export function getClient(call: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const client = ctx.store.client(call.params.id);
  if (client === undefined || client.deleted) {
    return errors.clientNotFound();
  }
  const readable = readableClient(client, call, ctx);
  return readable.ok ? { status: 200, json: readable.value } : readable.response;
}

/**
 * Offset paging as Auth0 does it: `page` from 0, `per_page` 0..100 (default 50); a bare array, or
 * with include_totals `{clients, start, limit, total}`. Deleted applications are not listed.
 */
export function listClients(call: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const page = integerParam(call.query, 'page', { min: 0, defaultValue: 0 });
  if (!page.ok) {
    return page.response;
  }
  const perPage = integerParam(call.query, 'per_page', { min: 0, max: 100, defaultValue: 50 });
  if (!perPage.ok) {
    return perPage.response;
  }
  const includeTotals = booleanParam(call.query, 'include_totals', false);
  if (!includeTotals.ok) {
    return includeTotals.response;
  }
  const listed = ctx.store.clients.filter((client) => !client.deleted);
  const start = page.value * perPage.value;
  const clients: Record<string, unknown>[] = [];
  for (const client of listed.slice(start, start + perPage.value)) {
    const readable = readableClient(client, call, ctx);
    if (!readable.ok) {
      return readable.response;
    }
    clients.push(readable.value);
  }
  if (!includeTotals.value) {
    return { status: 200, json: clients };
  }
  return { status: 200, json: { clients, start, limit: perPage.value, total: listed.length } };
}

/** The client as `fields`/`include_fields` project it; 403 when the token may read only the summary and more was asked. */
function readableClient(client: ClientRecord, { query, scopes }: ApiCall, ctx: HandlerContext): Parsed<Record<string, unknown>> {
  const projected = projectFields(clientResponse(client, ctx.tenantName), query);
  if (!projected.ok || scopes.has('read:clients') || scopes.has('read:client_keys')) {
    return projected;
  }
  const beyond = Object.keys(projected.value).filter((field) => !SUMMARY_FIELDS.has(field));
  return beyond.length === 0 ? projected : { ok: false, response: errors.fieldsNotReadable(beyond) };
}
