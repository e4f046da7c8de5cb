// What a feed row's "Open Tokens" does for each alert kind. Log events name no refresh-token id,
// so a token is found only by a match of the event's session_id (and client_id) with a token
// Auth0 lists now, and the note says it is a match by those fields. A revoked token is never
// "found" (it is not listed): the user's row is shown and the note says the token was revoked.
import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../../src/auth0/types';
import { planAlertOpen, type AlertOpenPlan } from '../../../../src/features/watch/alertTokens';
import { WATCH_ALERT_KINDS, type WatchAlertKind } from '../../../../src/features/watch/core/watchAlert';
import { sampleAlert } from './sampleAlerts';

const token = (id: string, sessionId: string | null, clientId = 'client-web'): RefreshToken => ({ id, user_id: 'auth0|user0', session_id: sessionId, client_id: clientId }) as RefreshToken;

const SAME = token('rt_same', 'ses_1');
const OTHER_SESSION = token('rt_other', 'ses_2');
const OTHER_CLIENT = token('rt_app', 'ses_1', 'client-mobile');
const SAME_TOO = token('rt_same_too', 'ses_1');

function plan(kind: WatchAlertKind, tokens: readonly RefreshToken[], event: Parameters<typeof sampleAlert>[2] = { sessionId: 'ses_1' }): AlertOpenPlan {
  return planAlertOpen(sampleAlert(kind, 0, event), tokens);
}

describe('planAlertOpen', () => {
  describe('a revoked token used: the user\'s row, and a note that the token was revoked (never a token found by its absence)', () => {
    const cases: [string, readonly RefreshToken[], RegExp][] = [
      ['no token listed', [], /^The refresh token presented .* was revoked, so Auth0 no longer lists it/],
      ['another token of the same session listed', [SAME], /1 token listed now shares its session_id and client_id: another token of the same login, not the revoked one/],
      ['only tokens of other sessions', [OTHER_SESSION], /was revoked, so Auth0 no longer lists it(?!.*shares)/],
    ];
    for (const [name, tokens, note] of cases) {
      it(name, () => {
        const result = plan('revoked-token-used', tokens);
        assert.equal(result.kind, 'reveal-user');
        assert.match(result.note, note);
        assert.match(result.note, /user0@example\.com's row is shown/);
      });
    }
  });

  const exchangeKinds = WATCH_ALERT_KINDS.filter((kind) => kind !== 'revoked-token-used');
  describe('every other kind: the one token matching by session_id and client_id opens, said to be a match by those fields', () => {
    for (const kind of exchangeKinds) {
      it(kind, () => {
        const result = plan(kind, [OTHER_SESSION, SAME, OTHER_CLIENT]);
        assert.deepEqual(result.kind === 'open-token' && result.token.id, 'rt_same');
        assert.match(result.note, /matches the event's session_id and client_id.*log events name no refresh-token id/);
      });
    }
  });

  const others: [string, WatchAlertKind, readonly RefreshToken[], Parameters<typeof sampleAlert>[2], AlertOpenPlan['kind'], RegExp][] = [
    ['several tokens match: choose among the user\'s tokens', 'new-origin', [SAME, SAME_TOO], { sessionId: 'ses_1' }, 'choose-token', /2 of user0@example\.com's tokens match the event's session_id and client_id/],
    ['none matches: the user\'s row, the token revoked or expired since', 'impossible-travel', [OTHER_SESSION, OTHER_CLIENT], { sessionId: 'ses_1' }, 'reveal-user', /No refresh token of user0@example\.com listed now has the event's session_id and client_id: revoked or expired since/],
    ['reuse detected, the family revoked: the user\'s row', 'reuse-detected', [], { sessionId: 'ses_1' }, 'reveal-user', /No refresh token .* listed now/],
    ['the event names no session: choose, nothing matched', 'tls-changed', [SAME], { sessionId: undefined }, 'choose-token', /names no session_id, so no token is matched to it/],
    ['the event names no application: matched by session_id alone, and said so', 'new-origin', [SAME], { sessionId: 'ses_1', clientId: undefined }, 'open-token', /matches the event's session_id \(/],
  ];
  describe('other cases', () => {
    for (const [name, kind, tokens, event, expected, note] of others) {
      it(name, () => {
        const result = plan(kind, tokens, event);
        assert.equal(result.kind, expected);
        assert.match(result.note, note);
      });
    }
  });
});
