// GET /users/{user_id}/sessions: the same checkpoint paging as refresh tokens.
import { errors, type EmulatorResponse } from '../errors';
import type { ApiCall, HandlerContext } from './context';
import { checkpointPage } from './refreshTokens';

export function listUserSessions({ params, query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const sessions = ctx.store.sessionsOf(params.user_id);
  if (sessions === undefined) {
    return errors.userNotFound();
  }
  const result = checkpointPage(sessions, query);
  if (!result.ok) {
    return result.response;
  }
  const { items, next } = result.page;
  return { status: 200, json: { sessions: items.map((keyed) => keyed.session), ...(next === undefined ? {} : { next }) } };
}
