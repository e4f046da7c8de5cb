// A user's refresh tokens (checkpoint paging), single refresh tokens (get, delete, metadata),
// and the Early Access list and bulk revocation (GET /refresh-tokens, POST /refresh-tokens/revoke).
// Every revocation answers 202 at once, applies after the delete delay and logs an `srrt`.
import type { RefreshToken } from '../../../src/auth0/types';
import { decodeCursor, pageAfter, type Keyed } from '../cursor';
import { cursorPageBody } from '../cursorPaging';
import { errors, type EmulatorResponse } from '../errors';
import { booleanParam, integerParam, projectFields } from '../queryParams';
import type { ApiCall, HandlerContext } from './context';

/**
 * Validates `from`, `take` (1..100, default 50) and `include_totals`, and answers one page of
 * `items` under `listKey` in the shape of the tenant's cursor-paging profile (see cursorPaging.ts).
 */
export function checkpointListing<T extends Keyed, U>(
  items: readonly T[],
  query: Record<string, string>,
  ctx: HandlerContext,
  listKey: string,
  project: (item: T) => U,
): EmulatorResponse {
  const includeTotals = booleanParam(query, 'include_totals', false);
  if (!includeTotals.ok) {
    return includeTotals.response;
  }
  const result = checkpointPage(items, query);
  if (!result.ok) {
    return result.response;
  }
  const json = cursorPageBody(listKey, result.page, project, {
    includeTotals: includeTotals.value,
    profile: ctx.cursorPaging,
    firstPage: () => pageAfter(items, undefined, result.take),
  });
  return { status: 200, json };
}

/** Validates `from` and `take` (1..100, default 50) and returns one page of `items`. */
export function checkpointPage<T extends Keyed>(items: readonly T[], query: Record<string, string>) {
  const take = integerParam(query, 'take', { min: 1, max: 100, defaultValue: 50 });
  if (!take.ok) {
    return { ok: false as const, response: take.response };
  }
  let afterKey: number | undefined;
  if (query.from !== undefined && query.from !== '') {
    afterKey = decodeCursor(query.from);
    if (afterKey === undefined) {
      return { ok: false as const, response: errors.queryValidation('from', 'Invalid checkpoint cursor') };
    }
  }
  return { ok: true as const, page: pageAfter(items, afterKey, take.value), take: take.value };
}

export function listUserRefreshTokens({ params, query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const tokens = ctx.store.tokensOf(params.user_id);
  if (tokens === undefined) {
    return errors.userNotFound();
  }
  return checkpointListing(tokens, query, ctx, 'tokens', (keyed) => keyed.token);
}

/** 202 at once; the tokens that exist now are removed in the background. */
export function deleteUserRefreshTokens({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const tokens = ctx.store.tokensOf(params.user_id);
  if (tokens === undefined) {
    return errors.userNotFound();
  }
  const ids = tokens.map((keyed) => keyed.token.id);
  revokeLater(ids, ctx);
  return { status: 202 };
}

/** Revokes the tokens (that still exist then) once the delete delay has passed. */
function revokeLater(ids: readonly string[], ctx: HandlerContext): void {
  const { caller } = ctx;
  ctx.deferDeletion(() => ids.forEach((id) => ctx.store.revokeToken(id, caller)));
}

export function getRefreshToken({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const token = ctx.store.findToken(params.id);
  return token === undefined ? errors.refreshTokenNotFound() : { status: 200, json: token };
}

/**
 * 202 whether or not the token exists (the spec lists no 404 for this DELETE), and the token
 * stays visible until the deletion is applied: Auth0 is eventually consistent here.
 */
export function deleteRefreshToken({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  revokeLater([params.id], ctx);
  return { status: 202 };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const METADATA_MAX_KEYS = 25;
const METADATA_MAX_LENGTH = 255;
const METADATA_KEY = /^[A-Za-z0-9_-]+$/;

/** Auth0's limits on refresh_token_metadata (FACTS.md); the first problem found, if any. */
function metadataProblem(metadata: Record<string, unknown>): EmulatorResponse | undefined {
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_MAX_KEYS) {
    return errors.invalidBody(`Too many properties defined (${entries.length}), maximum ${METADATA_MAX_KEYS}`, 'refresh_token_metadata');
  }
  for (const [key, value] of entries) {
    if (key.length > METADATA_MAX_LENGTH || !METADATA_KEY.test(key)) {
      return errors.invalidBody(`Metadata keys use letters, digits, _ and - and at most ${METADATA_MAX_LENGTH} characters`, `refresh_token_metadata.${key.slice(0, 40)}`);
    }
    if (typeof value !== 'string') {
      return errors.invalidBody(`Expected type string but found type ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`, `refresh_token_metadata.${key}`);
    }
    if (value.length > METADATA_MAX_LENGTH) {
      return errors.invalidBody(`String is too long (${value.length} chars), maximum ${METADATA_MAX_LENGTH}`, `refresh_token_metadata.${key}`);
    }
  }
  return undefined;
}

/** PATCH /refresh-tokens/{id} `{refresh_token_metadata}`: replaces the whole object; `{}` or null clears it. */
export function patchRefreshToken({ params, body }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  if (!isPlainObject(body)) {
    return errors.invalidBody('Expected type object but found type ' + (body === undefined ? 'undefined' : Array.isArray(body) ? 'array' : typeof body));
  }
  const unknown = Object.keys(body).filter((key) => key !== 'refresh_token_metadata');
  if (unknown.length > 0) {
    return errors.invalidBody(`Additional properties not allowed: ${unknown.join(',')}`);
  }
  if (!('refresh_token_metadata' in body)) {
    return errors.invalidBody('Too few properties defined (0), minimum 1');
  }
  const metadata = body.refresh_token_metadata;
  if (metadata !== null && !isPlainObject(metadata)) {
    return errors.invalidBody(`Expected type object but found type ${Array.isArray(metadata) ? 'array' : typeof metadata}`, 'refresh_token_metadata');
  }
  const problem = metadata === null ? undefined : metadataProblem(metadata);
  if (problem !== undefined) {
    return problem;
  }
  const updated = ctx.store.replaceTokenMetadata(params.id, metadata === null ? null : { ...metadata });
  return updated === undefined ? errors.refreshTokenNotFound() : { status: 200, json: updated };
}

/** The Early Access list's cursor: the last returned credential id (the list is sorted by id). */
function encodeIdCursor(id: string): string {
  return Buffer.from(`ek1:${id}`, 'utf8').toString('base64url');
}

function decodeIdCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return undefined;
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith('ek1:') ? text.slice(4) : undefined;
}

function byCredentialId(a: RefreshToken, b: RefreshToken): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** GET /refresh-tokens?user_id=&client_id= (Early Access): `{refresh_tokens, next}`, sorted by credential id. */
export function listRefreshTokensEarlyAccess({ query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const userId = query.user_id;
  if (userId === undefined || userId === '') {
    return errors.badRequest("Missing required 'user_id' parameter.");
  }
  const take = integerParam(query, 'take', { min: 1, max: 100, defaultValue: 50 });
  if (!take.ok) {
    return take.response;
  }
  let after: string | undefined;
  if (query.from !== undefined && query.from !== '') {
    after = decodeIdCursor(query.from);
    if (after === undefined) {
      return errors.queryValidation('from', 'Invalid checkpoint cursor');
    }
  }
  const tokens = ctx.store.tokensOf(userId);
  if (tokens === undefined) {
    return errors.userNotFound();
  }
  const clientId = query.client_id;
  const matching = tokens
    .map((keyed) => keyed.token)
    .filter((token) => clientId === undefined || clientId === '' || token.client_id === clientId)
    .sort(byCredentialId);
  // 'repeating-cursor': every page is the first again, with the same `next` (see cursorPaging.ts).
  const repeating = ctx.cursorPaging === 'repeating-cursor';
  const start = after === undefined || repeating ? 0 : matching.findIndex((token) => token.id > after);
  const page = start === -1 ? [] : matching.slice(start, start + take.value);
  const projected: Partial<RefreshToken>[] = [];
  for (const token of page) {
    const result = projectFields(token, query);
    if (!result.ok) {
      return result.response;
    }
    projected.push(result.value);
  }
  const more = page.length > 0 && (repeating || (start !== -1 && start + take.value < matching.length));
  return { status: 200, json: { refresh_tokens: projected, ...(more ? { next: encodeIdCursor(page[page.length - 1].id) } : {}) } };
}

const MAX_REVOKE_IDS = 100;
const REVOKE_KEYS = new Set(['ids', 'user_id', 'client_id', 'audience']);

/**
 * POST /refresh-tokens/revoke (Early Access). Exactly one selection: `ids` (1..100), `user_id`,
 * `user_id`+`client_id`, or `user_id`+`client_id`+`audience`; `client_id` alone is refused.
 * The tokens selected now are revoked after the delete delay.
 */
export function revokeRefreshTokensEarlyAccess({ body }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  if (!isPlainObject(body)) {
    return errors.invalidBody('Expected type object but found type ' + (body === undefined ? 'undefined' : Array.isArray(body) ? 'array' : typeof body));
  }
  const unknown = Object.keys(body).filter((key) => !REVOKE_KEYS.has(key));
  if (unknown.length > 0) {
    return errors.invalidBody(`Additional properties not allowed: ${unknown.join(',')}`);
  }
  for (const key of ['user_id', 'client_id', 'audience'] as const) {
    if (key in body && (typeof body[key] !== 'string' || body[key] === '')) {
      return errors.invalidBody('Expected a non-empty string', key);
    }
  }
  const { ids, user_id: userId, client_id: clientId, audience } = body as { ids?: unknown; user_id?: string; client_id?: string; audience?: string };
  if (ids !== undefined) {
    if (userId !== undefined || clientId !== undefined || audience !== undefined) {
      return errors.invalidBody('ids cannot be combined with user_id, client_id or audience');
    }
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id !== '')) {
      return errors.invalidBody('Expected a non-empty array of refresh token ids', 'ids');
    }
    if (ids.length > MAX_REVOKE_IDS) {
      return errors.invalidBody(`Array is too long (${ids.length}), maximum ${MAX_REVOKE_IDS}`, 'ids');
    }
    revokeLater(ids as string[], ctx);
    return { status: 202 };
  }
  if (userId === undefined) {
    return errors.invalidBody(clientId === undefined && audience === undefined ? 'One of ids or user_id is required' : 'client_id and audience need user_id');
  }
  if (audience !== undefined && clientId === undefined) {
    return errors.invalidBody('audience needs client_id', 'audience');
  }
  const selected = (ctx.store.tokensOf(userId) ?? [])
    .map((keyed) => keyed.token)
    .filter((token) => clientId === undefined || token.client_id === clientId)
    .filter((token) => audience === undefined || (token.resource_servers ?? []).some((server) => server.audience === audience));
  revokeLater(selected.map((token) => token.id), ctx);
  return { status: 202 };
}
