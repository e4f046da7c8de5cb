// A user's refresh tokens (checkpoint paging) and single refresh tokens.
import { decodeCursor, pageAfter, type Keyed } from '../cursor';
import { errors, type EmulatorResponse } from '../errors';
import { integerParam } from '../queryParams';
import type { ApiCall, HandlerContext } from './context';

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
  return { ok: true as const, page: pageAfter(items, afterKey, take.value) };
}

export function listUserRefreshTokens({ params, query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const tokens = ctx.store.tokensOf(params.user_id);
  if (tokens === undefined) {
    return errors.userNotFound();
  }
  const result = checkpointPage(tokens, query);
  if (!result.ok) {
    return result.response;
  }
  const { items, next } = result.page;
  return { status: 200, json: { tokens: items.map((keyed) => keyed.token), ...(next === undefined ? {} : { next }) } };
}

/** 202 at once; the tokens that exist now are removed in the background. */
export function deleteUserRefreshTokens({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const tokens = ctx.store.tokensOf(params.user_id);
  if (tokens === undefined) {
    return errors.userNotFound();
  }
  const ids = tokens.map((keyed) => keyed.token.id);
  ctx.deferDeletion(() => ids.forEach((id) => ctx.store.removeToken(id)));
  return { status: 202 };
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
  const id = params.id;
  ctx.deferDeletion(() => ctx.store.removeToken(id));
  return { status: 202 };
}
