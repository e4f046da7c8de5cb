// Sessions agree with the refresh tokens' session_id, and the three ways to end them do what
// Auth0 documents: DELETE ends the session only, POST .../revoke also revokes its refresh tokens
// (and logs an srrt for each), DELETE /users/{id}/sessions ends all of a user's sessions.
import assert from 'node:assert/strict';
import type { LogEvent, RefreshToken, Session } from '../../../src/auth0/types';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, call, eventually } from './helpers';

/** A fan-out user with a session that has at least one refresh token bound to it. */
function sessionWithTokens(emulator: RunningEmulator, skip: readonly string[] = []): { userId: string; session: Session; bound: RefreshToken[] } {
  for (const userId of emulator.fanOutUsers) {
    if (skip.includes(userId)) {
      continue;
    }
    for (const session of emulator.sessionsOf(userId)) {
      const bound = emulator.refreshTokensOf(userId).filter((token) => token.session_id === session.id);
      if (bound.length > 0) {
        return { userId, session, bound };
      }
    }
  }
  throw new Error('no fan-out user has a session with refresh tokens');
}

describe('emulator sessions', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 12, deleteDelayMs: 0 });
  });
  after(() => emulator.close());

  it('lists sessions whose ids are the session_id of the user\'s tokens; tokens from before late 2023 have none, and so do some later ones', () => {
    const tokens = emulator.refreshTokensOf(emulator.users.many);
    const sessions = emulator.sessionsOf(emulator.users.many);
    const sessionIds = new Set(tokens.map((token) => token.session_id).filter((id): id is string => typeof id === 'string'));
    assert.ok(sessions.length > 10);
    for (const session of sessions) {
      assert.ok(sessionIds.has(session.id), `${session.id} belongs to a token`);
      assert.equal(session.user_id, emulator.users.many);
      const token = tokens.find((candidate) => candidate.session_id === session.id) as RefreshToken;
      assert.deepEqual(session.clients, [{ client_id: token.client_id }]);
    }
    const lateIn2023 = Date.parse('2023-11-01T00:00:00.000Z');
    for (const token of tokens.filter((candidate) => Date.parse(String(candidate.created_at)) < lateIn2023)) {
      assert.equal(token.session_id, null, `${token.id} created ${String(token.created_at)}`);
    }
    // Since then most tokens have a session, and some (a grant without a login session, as
    // recorded on tokens created in 2024) have none: a null session_id says nothing about the date.
    const since = tokens.filter((token) => Date.parse(String(token.created_at)) >= lateIn2023);
    const sessionless = since.filter((token) => token.session_id === null);
    assert.ok(sessionless.length > 0 && sessionless.length < since.length / 3, `${sessionless.length} of ${since.length} without a session`);
    assert.ok(tokens.some((token) => typeof token.session_id === 'string' && !sessions.some((session) => session.id === token.session_id)), 'some tokens outlived their session');
  });

  it('GET /sessions/{id} needs read:sessions and answers the same session as the listing', async () => {
    const [session] = emulator.sessionsOf(emulator.users.seven);
    const path = apiPath('/sessions/{id}', { id: session.id });
    assert.equal((await call(emulator, 'GET', path, { token: emulator.mintToken({ scopes: ['read:users'] }) })).status, 403);
    const found = await call(emulator, 'GET', path, { token: emulator.mintToken({ scopes: ['read:sessions'] }) });
    assert.equal(found.status, 200);
    assert.deepEqual(found.body, session);
  });

  it('DELETE /sessions/{id} ends the session only: its refresh tokens live on', async () => {
    const { userId, session, bound } = sessionWithTokens(emulator);
    const answered = await call(emulator, 'DELETE', apiPath('/sessions/{id}', { id: session.id }));
    assert.equal(answered.status, 202);
    await eventually(async () => (await call(emulator, 'GET', apiPath('/sessions/{id}', { id: session.id }))).status === 404, 5000, 'the session ends');
    const remaining = emulator.refreshTokensOf(userId).map((token) => token.id);
    for (const token of bound) {
      assert.ok(remaining.includes(token.id), `${token.id} lives on`);
    }
    assert.ok(!emulator.logsOf(userId).some((event) => event.type === 'srrt'), 'nothing was revoked');
  });

  it('POST /sessions/{id}/revoke needs delete:sessions AND delete:refresh_tokens', async () => {
    const { userId, session } = sessionWithTokens(emulator);
    const path = apiPath('/sessions/{id}/revoke', { id: session.id });
    const sessionsOnly = await call(emulator, 'POST', path, { token: emulator.mintToken({ scopes: ['delete:sessions'] }) });
    assert.equal(sessionsOnly.status, 403);
    assert.equal((sessionsOnly.body as { message: string }).message, 'Insufficient scope, expected: delete:refresh_tokens');
    const tokensOnly = await call(emulator, 'POST', path, { token: emulator.mintToken({ scopes: ['delete:refresh_tokens'] }) });
    assert.equal(tokensOnly.status, 403);
    assert.ok(emulator.sessionsOf(userId).some((candidate) => candidate.id === session.id), 'refused: nothing ended');
  });

  it('POST /sessions/{id}/revoke ends the session and revokes every token bound to it, after the delete delay, logging an srrt each', async () => {
    const { userId, session, bound } = sessionWithTokens(emulator);
    const others = emulator.refreshTokensOf(userId).filter((token) => token.session_id !== session.id);
    emulator.configure({ deleteDelayMs: 1500 }); // long enough to see the stale state on a busy machine
    try {
      const answered = await call(emulator, 'POST', apiPath('/sessions/{id}/revoke', { id: session.id }), {
        token: emulator.mintToken({ scopes: ['delete:sessions', 'delete:refresh_tokens'] }),
        headers: { 'user-agent': 'incident-response/1.0' },
      });
      assert.equal(answered.status, 202);
      assert.equal(answered.text, '');
      assert.ok(emulator.sessionsOf(userId).some((candidate) => candidate.id === session.id), 'still there right after the 202');
      await eventually(() => !emulator.sessionsOf(userId).some((candidate) => candidate.id === session.id), 5000, 'the session ends');
    } finally {
      emulator.configure({ deleteDelayMs: 0 });
    }
    const remaining = emulator.refreshTokensOf(userId).map((token) => token.id);
    assert.deepEqual(remaining, others.map((token) => token.id), 'exactly the bound tokens are gone');
    const revocations = emulator.logsOf(userId).filter((event: LogEvent) => event.type === 'srrt');
    assert.deepEqual(revocations.map((event) => event.details?.credential_id).sort(), bound.map((token) => token.id).sort());
    for (const event of revocations) {
      assert.equal(event.details?.refresh_token?.session_id, session.id);
      assert.equal(event.user_id, userId);
      assert.equal(event.user_agent, 'incident-response 1.0.0 / Other 0.0.0');
    }
    assert.equal((await call(emulator, 'POST', apiPath('/sessions/{id}/revoke', { id: session.id }))).status, 404, 'gone now');
  });

  it('DELETE /users/{user_id}/sessions ends every session of the user; the tokens live on', async () => {
    const { userId } = sessionWithTokens(emulator);
    const tokensBefore = emulator.refreshTokensOf(userId).map((token) => token.id);
    assert.ok(emulator.sessionsOf(userId).length > 0);
    assert.equal((await call(emulator, 'DELETE', apiPath('/users/{user_id}/sessions', { user_id: userId }), { token: emulator.readOnlyToken })).status, 403);
    assert.equal((await call(emulator, 'DELETE', apiPath('/users/{user_id}/sessions', { user_id: userId }))).status, 202);
    await eventually(() => emulator.sessionsOf(userId).length === 0, 5000, 'every session ends');
    assert.deepEqual(emulator.refreshTokensOf(userId).map((token) => token.id), tokensBefore);
  });
});
