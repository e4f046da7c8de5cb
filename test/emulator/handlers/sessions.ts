// Sessions: a user's list (the same checkpoint paging as refresh tokens), one session, and the
// ways to end them. DELETE ends a session only (its refresh tokens live on); POST .../revoke ends
// it AND revokes every refresh token bound to it. Both answer 202 and apply after the delete delay.
import { errors, type EmulatorResponse } from '../errors';
import type { ApiCall, HandlerContext } from './context';
import { checkpointListing } from './refreshTokens';

export function listUserSessions({ params, query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const sessions = ctx.store.sessionsOf(params.user_id);
  if (sessions === undefined) {
    return errors.userNotFound();
  }
  return checkpointListing(sessions, query, ctx, 'sessions', (keyed) => keyed.session);
}

export function getSession({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const session = ctx.store.findSession(params.id);
  return session === undefined ? errors.sessionNotFound() : { status: 200, json: session };
}

/** 202 whether or not the session exists (the spec lists no 404 for this DELETE). */
export function deleteSession({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const id = params.id;
  ctx.deferDeletion(() => ctx.store.removeSession(id));
  return { status: 202 };
}

export function revokeSession({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  if (ctx.store.findSession(params.id) === undefined) {
    return errors.sessionNotFound();
  }
  const { id } = params;
  const { caller } = ctx;
  ctx.deferDeletion(() => ctx.store.revokeSession(id, caller));
  return { status: 202 };
}

/** The sessions that exist now end in the background; the user's refresh tokens live on. */
export function deleteUserSessions({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const sessions = ctx.store.sessionsOf(params.user_id);
  if (sessions === undefined) {
    return errors.userNotFound();
  }
  const ids = sessions.map((keyed) => keyed.session.id);
  ctx.deferDeletion(() => ids.forEach((id) => ctx.store.removeSession(id)));
  return { status: 202 };
}
