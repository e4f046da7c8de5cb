// Bearer tokens, scopes, the plan without refresh-token endpoints, and POST /oauth/token.
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, call, clientCredentials, postToken } from './helpers';

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('emulator auth', () => {
  let emulator: RunningEmulator;
  let tokensPath: string;

  before(async () => {
    emulator = await startEmulator({ seed: 2, tokenTtlSeconds: 600 });
    tokensPath = apiPath('/users/{user_id}/refresh-tokens', { user_id: emulator.users.seven });
  });
  after(() => emulator.close());

  it('issues JWTs carrying exp, iat, scope, aud and sub like Auth0 Management API tokens', () => {
    const claims = claimsOf(emulator.token);
    assert.equal(claims.aud, `${emulator.url}/api/v2/`);
    assert.equal(claims.sub, `${emulator.clientId}@clients`);
    assert.equal(typeof claims.exp, 'number');
    assert.equal(typeof claims.iat, 'number');
    assert.match(String(claims.scope), /(^| )read:refresh_tokens( |$)/);
    assert.match(String(claims.scope), /(^| )delete:refresh_tokens( |$)/);
    // The ready-made token lasts a day; tokenTtlSeconds (600 here) only applies to /oauth/token.
    assert.ok(Math.abs((claims.exp as number) - (claims.iat as number) - 86_400) <= 1);
    assert.ok((claimsOf(emulator.expiredToken).exp as number) < Date.now() / 1000);
    assert.doesNotMatch(String(claimsOf(emulator.readOnlyToken).scope), /delete:/);
    assert.deepEqual(String(claimsOf(emulator.noRefreshTokenScopeToken).scope).split(' ').sort(), ['read:clients', 'read:users']);
  });

  it('answers 401 Invalid token without a token or with garbage', async () => {
    for (const token of [null, 'garbage', 'a.b.c', '']) {
      const result = await call(emulator, 'GET', tokensPath, { token });
      assert.equal(result.status, 401, String(token));
      assert.equal((result.body as { message: string }).message, 'Invalid token');
    }
  });

  it('answers 401 for an expired token with Auth0 message', async () => {
    const result = await call(emulator, 'GET', tokensPath, { token: emulator.expiredToken });
    assert.equal(result.status, 401);
    assert.equal((result.body as { message: string }).message, 'Expired token received for JSON Web Token validation');
    const minted = emulator.mintToken({ scopes: ['read:refresh_tokens'], expiresInSeconds: -1 });
    assert.equal((await call(emulator, 'GET', tokensPath, { token: minted })).status, 401);
  });

  it("answers 401 for another emulator's token (bad signature)", async () => {
    const other = await startEmulator({ seed: 2 });
    try {
      const result = await call(emulator, 'GET', tokensPath, { token: other.token });
      assert.equal(result.status, 401);
      assert.match((result.body as { message: string }).message, /signature/);
    } finally {
      await other.close();
    }
  });

  it('checks the scope each operation needs', async () => {
    const forbidden = await call(emulator, 'GET', tokensPath, { token: emulator.noRefreshTokenScopeToken });
    assert.equal(forbidden.status, 403);
    assert.deepEqual(forbidden.body, {
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: read:refresh_tokens',
      errorCode: 'insufficient_scope',
    });
    assert.equal((await call(emulator, 'GET', tokensPath, { token: emulator.readOnlyToken })).status, 200);
    assert.equal((await call(emulator, 'GET', '/api/v2/users', { token: emulator.noRefreshTokenScopeToken })).status, 200);
    const tokenId = emulator.refreshTokensOf(emulator.users.seven)[0].id;
    const deleteWithReadOnly = await call(emulator, 'DELETE', apiPath('/refresh-tokens/{id}', { id: tokenId }), { token: emulator.readOnlyToken });
    assert.equal(deleteWithReadOnly.status, 403);
    assert.match((deleteWithReadOnly.body as { message: string }).message, /delete:refresh_tokens/);
    const sessionsOnly = emulator.mintToken({ scopes: ['read:sessions'] });
    assert.equal((await call(emulator, 'GET', tokensPath, { token: sessionsOnly })).status, 403);
    assert.equal((await call(emulator, 'GET', apiPath('/users/{user_id}/sessions', { user_id: emulator.users.seven }), { token: sessionsOnly })).status, 200);
    assert.equal((await call(emulator, 'GET', apiPath('/clients/{id}', { id: emulator.clientId }), { token: sessionsOnly })).status, 403);
  });

  it('answers 403 on the refresh-token endpoints of a tenant whose plan lacks them', async () => {
    emulator.configure({ plan: 'without-refresh-tokens' });
    try {
      const tokenId = emulator.refreshTokensOf(emulator.users.seven)[0].id;
      for (const [method, path] of [
        ['GET', tokensPath],
        ['DELETE', tokensPath],
        ['GET', apiPath('/refresh-tokens/{id}', { id: tokenId })],
        ['DELETE', apiPath('/refresh-tokens/{id}', { id: tokenId })],
      ]) {
        assert.equal((await call(emulator, method, path)).status, 403, `${method} ${path}`);
      }
      assert.equal((await call(emulator, 'GET', '/api/v2/users')).status, 200);
    } finally {
      emulator.configure({ plan: 'enterprise' });
    }
    assert.equal(emulator.refreshTokensOf(emulator.users.seven).length, 7, 'nothing was deleted');
  });

  it('issues /oauth/token tokens that expire after tokenTtlSeconds', async () => {
    const shortLived = await startEmulator({ seed: 2, tokenTtlSeconds: 0 });
    try {
      const granted = (await postToken(shortLived, clientCredentials(shortLived))).body as { access_token: string; expires_in: number };
      assert.equal(granted.expires_in, 0);
      const path = apiPath('/users/{user_id}/refresh-tokens', { user_id: shortLived.users.seven });
      assert.equal((await call(shortLived, 'GET', path, { token: granted.access_token })).status, 401);
      assert.equal((await call(shortLived, 'GET', path)).status, 200, 'the ready-made token still works');
    } finally {
      await shortLived.close();
    }
  });

  it('grants a full-scope token for client credentials sent as JSON, form or HTTP Basic', async () => {
    const before = emulator.tokenRequests;
    for (const form of [false, true]) {
      const result = await postToken(emulator, clientCredentials(emulator), form);
      assert.equal(result.status, 200);
      const body = result.body as { access_token: string; expires_in: number; scope: string; token_type: string };
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 600);
      assert.equal(claimsOf(body.access_token).scope, body.scope);
      assert.equal((await call(emulator, 'GET', tokensPath, { token: body.access_token })).status, 200);
    }
    const { client_id, client_secret, ...rest } = clientCredentials(emulator);
    const basic = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}` },
      body: new URLSearchParams(rest).toString(),
    });
    assert.equal(basic.status, 200);
    assert.equal(emulator.tokenRequests, before + 3);
  });

  it('refuses a wrong secret with 401 access_denied, and a foreign audience with 403', async () => {
    const wrong = await postToken(emulator, { ...clientCredentials(emulator), client_secret: 'not-it' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { error: 'access_denied', error_description: 'Unauthorized' });
    const foreign = await postToken(emulator, { ...clientCredentials(emulator), audience: 'https://other.example/api/v2/' });
    assert.equal(foreign.status, 403);
    assert.equal((foreign.body as { error: string }).error, 'access_denied');
    const withoutAudience = clientCredentials(emulator);
    delete withoutAudience.audience;
    assert.equal((await postToken(emulator, withoutAudience)).status, 403);
  });

  it("records Management API request bodies for tests to check, never a token request's (it holds the client secret)", async () => {
    await postToken(emulator, clientCredentials(emulator));
    const tokenRequest = emulator.requests.filter((request) => request.path === '/oauth/token').at(-1);
    assert.equal(tokenRequest?.body, undefined);
    assert.ok(!JSON.stringify(emulator.requests).includes(emulator.clientSecret), 'the secret is nowhere in the record');
    const body = JSON.stringify({ refresh_token_metadata: null });
    const tokenId = emulator.refreshTokensOf(emulator.users.seven)[0].id;
    await call(emulator, 'PATCH', apiPath('/refresh-tokens/{id}', { id: tokenId }), { body, headers: { 'content-type': 'application/json' } });
    assert.equal(emulator.requests.at(-1)?.body, body);
  });
});
