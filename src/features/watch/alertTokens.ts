// What a feed row's "Open Tokens" opens, for each alert kind. Auth0's log events name no refresh
// token id (FACTS: exchanges carry details.refresh_token.session_id and client_id), so a token is
// found only by matching the event's session_id (and client_id) against the tokens Auth0 lists
// now, and the note says that it is a match by those fields. A revoked token is not listed: it is
// never "found" by an absence; the user's row is shown instead, and the note says why. No vscode
// import: tested in plain Node.
import type { RefreshToken } from '../../auth0/types';
import { parseAuth0Date, formatAbsoluteTime } from '../../presentation/time';
import { addressAndPlace } from '../../presentation/valueList';
import type { WatchAlert } from './core/watchAlert';

export type AlertOpenPlan =
  /** The one listed token whose session_id (and client_id) match the event's: open its details (its History). */
  | { kind: 'open-token'; token: RefreshToken; note: string }
  /** Several match, or the event names no session: the user's tokens to choose from. */
  | { kind: 'choose-token'; note: string }
  /** No listed token is the event's (revoked, expired): the user's row in the Refresh Tokens view. */
  | { kind: 'reveal-user'; note: string };

function userText(alert: WatchAlert): string {
  return alert.event.userName ?? alert.event.userId ?? 'the user';
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/**
 * What "Open Tokens" does for `alert`, given the user's refresh tokens as Auth0 lists them now
 * (GET /api/v2/users/{id}/refresh-tokens). Never throws.
 */
export function planAlertOpen(alert: WatchAlert, tokens: readonly RefreshToken[]): AlertOpenPlan {
  const { sessionId, clientId } = alert.event;
  const user = userText(alert);
  const fields = clientId !== undefined ? 'session_id and client_id' : 'session_id';
  const matching = sessionId === undefined ? [] : tokens.filter((token) => token.session_id === sessionId && (clientId === undefined || token.client_id === clientId));
  if (alert.kind === 'revoked-token-used') {
    const date = parseAuth0Date(alert.event.date);
    const where = addressAndPlace(alert.event.ip, alert.event.place);
    const presented = `The refresh token presented${date ? ` at ${formatAbsoluteTime(date)}` : ''}${where ? ` from ${where}` : ''}`;
    const sibling = matching.length > 0 ? ` ${plural(matching.length, 'token', 'tokens')} listed now ${matching.length === 1 ? 'shares' : 'share'} its ${fields}: another token of the same login, not the revoked one.` : '';
    return { kind: 'reveal-user', note: `${presented} was revoked, so Auth0 no longer lists it and it has no details to open. ${user}'s row is shown.${sibling}` };
  }
  if (sessionId === undefined) {
    return { kind: 'choose-token', note: `The event names no session_id, so no token is matched to it: choose among ${user}'s tokens.` };
  }
  if (matching.length === 1) {
    return { kind: 'open-token', token: matching[0], note: `Opened the refresh token that matches the event's ${fields} (log events name no refresh-token id, so this is a match by those fields).` };
  }
  if (matching.length > 1) {
    return { kind: 'choose-token', note: `${matching.length.toLocaleString('en-US')} of ${user}'s tokens match the event's ${fields}: choose one (log events name no refresh-token id).` };
  }
  return { kind: 'reveal-user', note: `No refresh token of ${user} listed now has the event's ${fields}: revoked or expired since (reuse detection and Contain User revoke tokens). ${user}'s row is shown.` };
}
