// Every kind of answer the emulator gives validates against the vendored Auth0 schemas, in the
// default and the hostile data profile.
import assert from 'node:assert/strict';
import { componentValidator, validateManagementError } from '../../contract/validate';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, assertMatchesSchema, call, clientCredentials, operation, postToken } from './helpers';

for (const dataProfile of ['default', 'hostile'] as const) {
  describe(`emulator contract (${dataProfile} profile)`, () => {
    let emulator: RunningEmulator;

    before(async () => {
      emulator = await startEmulator({ seed: 11, dataProfile, deleteDelayMs: 0 });
    });
    after(() => emulator.close());

    it('GET /users answers a bare array, or a totals object with include_totals', async () => {
      const bare = await operation(emulator, 'GET', '/users', {}, { query: { per_page: '100' } });
      assert.equal(bare.status, 200);
      assert.ok(Array.isArray(bare.body));
      assert.equal((bare.body as unknown[]).length, 100);
      for (const page of ['0', '1', '2']) {
        const totals = await operation(emulator, 'GET', '/users', {}, { query: { per_page: '100', page, include_totals: 'true' } });
        assert.equal((totals.body as { total: number }).total, 300);
      }
      const searched = await operation(emulator, 'GET', '/users', {}, { query: { q: 'email:*example*', search_engine: 'v3', fields: 'user_id,email', sort: 'email:1' } });
      assert.equal(searched.status, 200);
    });

    it('GET /users/{id} answers every user, including the ones with reserved characters', async () => {
      for (const id of [...emulator.specialUsers, ...Object.values(emulator.users)]) {
        const result = await operation(emulator, 'GET', '/users/{id}', { id });
        assert.equal(result.status, 200, id);
        assert.equal((result.body as { user_id: string }).user_id, id);
      }
    });

    it('GET /users-by-email answers an array of users', async () => {
      const user = (await call(emulator, 'GET', apiPath('/users/{id}', { id: emulator.users.one }))).body as { email?: string };
      const result = await operation(emulator, 'GET', '/users-by-email', {}, { query: { email: user.email ?? 'nobody@example.com' } });
      assert.equal(result.status, 200);
    });

    it("GET /users/{user_id}/refresh-tokens answers every user's first page", async () => {
      const listing = (await call(emulator, 'GET', '/api/v2/users', { query: { per_page: '100', fields: 'user_id' } })).body as { user_id: string }[];
      const userIds = [...new Set([...listing.map((user) => user.user_id), ...emulator.specialUsers, ...emulator.fanOutUsers, ...Object.values(emulator.users)])];
      for (const user_id of userIds) {
        const result = await operation(emulator, 'GET', '/users/{user_id}/refresh-tokens', { user_id }, { query: { take: '100' } });
        assert.equal(result.status, 200, user_id);
      }
    });

    it('every stored refresh token, all 5,000 of the huge user included, matches RefreshTokenResponseContent', () => {
      const validate = componentValidator('management', 'RefreshTokenResponseContent');
      for (const userId of [...Object.values(emulator.users), ...emulator.fanOutUsers, ...emulator.specialUsers]) {
        for (const token of emulator.refreshTokensOf(userId)) {
          const result = validate(token);
          assert.ok(result.valid, `${token.id}: ${result.errors}`);
        }
      }
    });

    it('GET and DELETE /refresh-tokens/{id} answer 200 and 202', async () => {
      const [first, second] = emulator.refreshTokensOf(emulator.users.many);
      const found = await operation(emulator, 'GET', '/refresh-tokens/{id}', { id: first.id });
      assert.equal(found.status, 200);
      assert.deepEqual(found.body, first);
      const deleted = await operation(emulator, 'DELETE', '/refresh-tokens/{id}', { id: second.id });
      assert.equal(deleted.status, 202);
      assert.equal(deleted.text, '');
    });

    it('DELETE /users/{user_id}/refresh-tokens answers 202, and 404 for an unknown user', async () => {
      const accepted = await operation(emulator, 'DELETE', '/users/{user_id}/refresh-tokens', { user_id: emulator.fanOutUsers[0] });
      assert.equal(accepted.status, 202);
      const missing = await operation(emulator, 'DELETE', '/users/{user_id}/refresh-tokens', { user_id: 'auth0|nobody' });
      assert.equal(missing.status, 404);
    });

    it('GET /users/{user_id}/sessions answers pages of sessions', async () => {
      for (const user_id of [emulator.users.seven, emulator.users.many, emulator.users.none]) {
        const result = await operation(emulator, 'GET', '/users/{user_id}/sessions', { user_id }, { query: { take: '100' } });
        assert.equal(result.status, 200);
      }
    });

    it('GET /clients/{id} answers every application a token names, or 404 for a deleted one', async () => {
      const clientIds = new Set(emulator.refreshTokensOf(emulator.users.huge).map((token) => token.client_id as string));
      let notFound = 0;
      for (const id of clientIds) {
        const full = await operation(emulator, 'GET', '/clients/{id}', { id });
        const named = await operation(emulator, 'GET', '/clients/{id}', { id }, { query: { fields: 'name,client_id', include_fields: 'true' } });
        assert.equal(full.status, named.status);
        if (named.status === 404) {
          notFound++;
        } else {
          assert.deepEqual(Object.keys(named.body as object).sort(), ['client_id', 'name']);
        }
      }
      // One application was deleted; hostile data also names a client_id that never existed.
      assert.equal(notFound, dataProfile === 'hostile' ? 2 : 1);
    });

    it('400 answers are Auth0 error bodies', async () => {
      const cases: [string, string, Record<string, string>, Record<string, string>][] = [
        ['/users', '', {}, { per_page: '101' }],
        ['/users', '', {}, { per_page: '100', page: '10' }],
        ['/users', '', {}, { q: 'email:"unterminated' }],
        ['/users', '', {}, { sort: 'email:up' }],
        ['/users', '', {}, { search_engine: 'v2' }],
        ['/users/{user_id}/refresh-tokens', 'user_id', { user_id: emulator.users.seven }, { take: '0' }],
        ['/users/{user_id}/refresh-tokens', 'user_id', { user_id: emulator.users.seven }, { take: '101' }],
        ['/users/{user_id}/refresh-tokens', 'user_id', { user_id: emulator.users.seven }, { take: 'ten' }],
        ['/users/{user_id}/refresh-tokens', 'user_id', { user_id: emulator.users.seven }, { from: '!!not-a-cursor' }],
      ];
      for (const [template, , params, query] of cases) {
        const result = await call(emulator, 'GET', apiPath(template, params), { query });
        assert.equal(result.status, 400, `${template} ${JSON.stringify(query)}`);
        const validation = validateManagementError(result.body, 400);
        assert.ok(validation.valid, validation.errors);
      }
    });

    it('401, 403 and 404 answers are Auth0 error bodies', async () => {
      const path = '/users/{user_id}/refresh-tokens';
      const params = { user_id: emulator.users.seven };
      for (const token of [null, 'garbage', emulator.expiredToken]) {
        const result = await operation(emulator, 'GET', path, params, { token });
        assert.equal(result.status, 401);
      }
      const forbidden = await operation(emulator, 'GET', path, params, { token: emulator.noRefreshTokenScopeToken });
      assert.equal(forbidden.status, 403);
      const readOnly = await operation(emulator, 'DELETE', '/refresh-tokens/{id}', { id: 'whatever' }, { token: emulator.readOnlyToken });
      assert.equal(readOnly.status, 403);
      assert.equal((await operation(emulator, 'GET', path, { user_id: 'auth0|nobody' })).status, 404);
      assert.equal((await operation(emulator, 'GET', '/users/{id}', { id: 'auth0|nobody' })).status, 404);
      assert.equal((await operation(emulator, 'GET', '/refresh-tokens/{id}', { id: 'nope' })).status, 404);
      assert.equal((await operation(emulator, 'GET', '/users/{user_id}/sessions', { user_id: 'auth0|nobody' })).status, 404);
      emulator.configure({ plan: 'without-refresh-tokens' });
      try {
        assert.equal((await operation(emulator, 'GET', path, params)).status, 403);
      } finally {
        emulator.configure({ plan: 'enterprise' });
      }
    });

    it('429, 500 and 503 answers are Auth0 error bodies', async () => {
      emulator.configure({ faults: { tooManyRequestsRate: 1 } });
      const limited = await operation(emulator, 'GET', '/users/{user_id}/refresh-tokens', { user_id: emulator.users.seven });
      assert.equal(limited.status, 429);
      emulator.configure({ faults: { unavailableRate: 1 } });
      const unavailable = await operation(emulator, 'GET', '/users', {});
      assert.equal(unavailable.status, 503);
      emulator.configure({ faults: { serverErrorRate: 1 } });
      const broken = await call(emulator, 'GET', apiPath('/users'));
      emulator.configure({ faults: {} });
      assert.equal(broken.status, 500);
      const validation = validateManagementError(broken.body, 500);
      assert.ok(validation.valid, validation.errors);
    });

    it('POST /oauth/token answers a token, and OAuth error bodies on failure', async () => {
      const granted = await postToken(emulator, clientCredentials(emulator));
      assert.equal(granted.status, 200);
      assertMatchesSchema('authentication', 'POST', '/oauth/token', granted);
      const failures: [Record<string, string>, number][] = [
        [{ ...clientCredentials(emulator), client_secret: 'wrong' }, 401],
        [{ ...clientCredentials(emulator), audience: 'https://elsewhere.example/api/v2/' }, 403],
        [{ ...clientCredentials(emulator), grant_type: 'password' }, 403],
        [{ ...clientCredentials(emulator), grant_type: 'made_up' }, 400],
      ];
      for (const [body, status] of failures) {
        const result = await postToken(emulator, body);
        assert.equal(result.status, status, JSON.stringify(body));
        assertMatchesSchema('authentication', 'POST', '/oauth/token', result);
      }
    });
  });
}
