// Every kind of answer the emulator gives validates against the vendored Auth0 schemas, in the
// default and the hostile data profile.
import assert from 'node:assert/strict';
import { componentValidator, validateLogEvent, validateManagementError } from '../../contract/validate';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, assertMatchesSchema, call, clientCredentials, eventually, json, operation, postToken } from './helpers';

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

    it('GET /users/{user_id}/refresh-tokens and /sessions in the real shape: include_totals, next on the last page, the empty page after', async () => {
      for (const template of ['/users/{user_id}/refresh-tokens', '/users/{user_id}/sessions']) {
        for (const user_id of [emulator.users.seven, emulator.users.many, emulator.users.none]) {
          let from: string | undefined;
          let pages = 0;
          do {
            const result = await operation(emulator, 'GET', template, { user_id }, { query: { take: '100', include_totals: 'true', ...(from === undefined ? {} : { from }) } });
            assert.equal(result.status, 200, user_id);
            assert.equal(typeof (result.body as { total?: unknown }).total, 'number', 'total with include_totals');
            from = (result.body as { next?: string }).next;
            pages++;
          } while (from !== undefined && pages < 100);
        }
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

    it('GET /clients answers a bare array, or {clients, start, limit, total} with include_totals; never the deleted application', async () => {
      const listed = emulator.applications();
      const bare = await operation(emulator, 'GET', '/clients', {});
      assert.equal(bare.status, 200);
      assert.deepEqual(
        (bare.body as { client_id: string }[]).map((client) => client.client_id),
        listed.map((client) => client.client_id),
      );
      const named = await operation(emulator, 'GET', '/clients', {}, { query: { fields: 'client_id,name', include_fields: 'true', include_totals: 'true', per_page: '100', page: '0' } });
      assert.equal(named.status, 200);
      assert.deepEqual(named.body, { clients: listed, start: 0, limit: 100, total: listed.length });
      const withoutNames = await operation(emulator, 'GET', '/clients', {}, { query: { fields: 'name,callbacks', include_fields: 'false', per_page: '1' } });
      assert.equal(withoutNames.status, 200);
      const [first] = withoutNames.body as Record<string, unknown>[];
      assert.equal(first.client_id, listed[0].client_id);
      assert.ok(!('name' in first) && !('callbacks' in first) && 'grant_types' in first);
    });

    it('GET /clients: read:client_summary reads client_id, app_type, name and description only; no client scope is a 403', async () => {
      const summary = emulator.mintToken({ scopes: ['read:client_summary'] });
      const names = await operation(emulator, 'GET', '/clients', {}, { token: summary, query: { fields: 'client_id,name,app_type,description', include_totals: 'true' } });
      assert.equal(names.status, 200);
      const everything = await operation(emulator, 'GET', '/clients', {}, { token: summary });
      assert.equal(everything.status, 403);
      assert.equal((everything.body as { errorCode: string }).errorCode, 'insufficient_scope');
      const oneClient = await operation(emulator, 'GET', '/clients/{id}', { id: emulator.applications()[0].client_id }, { token: summary });
      assert.equal(oneClient.status, 403, 'the same rule for one application');
      const keys = await operation(emulator, 'GET', '/clients', {}, { token: emulator.mintToken({ scopes: ['read:client_keys'] }) });
      assert.equal(keys.status, 200);
      const none = await operation(emulator, 'GET', '/clients', {}, { token: emulator.mintToken({ scopes: ['read:users', 'read:refresh_tokens'] }) });
      assert.equal(none.status, 403);
      assert.equal((none.body as { message: string }).message, 'Insufficient scope, expected any of: read:clients,read:client_keys,read:client_summary');
    });

    it('400 answers are Auth0 error bodies', async () => {
      const cases: [string, string, Record<string, string>, Record<string, string>][] = [
        ['/users', '', {}, { per_page: '101' }],
        ['/users', '', {}, { per_page: '100', page: '10' }],
        ['/users', '', {}, { q: 'email:"unterminated' }],
        ['/users', '', {}, { sort: 'email:up' }],
        ['/users', '', {}, { search_engine: 'v2' }],
        ['/clients', '', {}, { per_page: '101' }],
        ['/clients', '', {}, { page: '-1' }],
        ['/clients', '', {}, { include_totals: 'yes' }],
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

    it('every stored session of the named, fan-out, special and scenario users matches SessionResponseContent', () => {
      const validate = componentValidator('management', 'SessionResponseContent');
      for (const userId of [...Object.values(emulator.users), ...emulator.fanOutUsers, ...emulator.specialUsers, ...Object.values(emulator.scenarios)]) {
        for (const session of emulator.sessionsOf(userId)) {
          const result = validate(session);
          assert.ok(result.valid, `${session.id}: ${result.errors}`);
        }
      }
    });

    it('GET /sessions/{id} answers each session, and 404 for one that is gone', async () => {
      for (const userId of [emulator.users.seven, ...Object.values(emulator.scenarios)]) {
        for (const session of emulator.sessionsOf(userId)) {
          const found = await operation(emulator, 'GET', '/sessions/{id}', { id: session.id });
          assert.equal(found.status, 200);
          assert.deepEqual(found.body, session);
        }
      }
      const outlived = emulator.refreshTokensOf(emulator.scenarios.outlivedSession).find((token) => !emulator.sessionsOf(emulator.scenarios.outlivedSession).some((s) => s.id === token.session_id));
      assert.ok(outlived?.session_id);
      assert.equal((await operation(emulator, 'GET', '/sessions/{id}', { id: outlived.session_id })).status, 404);
    });

    it('DELETE /sessions/{id}, POST /sessions/{id}/revoke and DELETE /users/{user_id}/sessions answer 202 (404 where documented)', async () => {
      const [first, second] = emulator.fanOutUsers.filter((id) => emulator.sessionsOf(id).length > 0);
      const [session] = emulator.sessionsOf(first);
      assert.equal((await operation(emulator, 'DELETE', '/sessions/{id}', { id: session.id })).status, 202);
      assert.equal((await operation(emulator, 'DELETE', '/sessions/{id}', { id: 'no-such-session' })).status, 202);
      const [revoked] = emulator.sessionsOf(second);
      assert.equal((await operation(emulator, 'POST', '/sessions/{id}/revoke', { id: revoked.id })).status, 202);
      assert.equal((await operation(emulator, 'POST', '/sessions/{id}/revoke', { id: 'no-such-session' })).status, 404);
      assert.equal((await operation(emulator, 'DELETE', '/users/{user_id}/sessions', { user_id: emulator.fanOutUsers[2] })).status, 202);
      assert.equal((await operation(emulator, 'DELETE', '/users/{user_id}/sessions', { user_id: 'auth0|nobody' })).status, 404);
    });

    it('GET /users/{id}/logs answers arrays and totals pages, and every event matches its log event schema', async () => {
      const users = [...Object.values(emulator.scenarios), emulator.users.seven, emulator.users.many, emulator.users.none, ...emulator.specialUsers];
      let seen = 0;
      for (const id of users) {
        const bare = await operation(emulator, 'GET', '/users/{id}/logs', { id }, { query: { per_page: '100' } });
        assert.equal(bare.status, 200);
        const totals = await operation(emulator, 'GET', '/users/{id}/logs', { id }, { query: { per_page: '5', page: '1', include_totals: 'true', sort: 'date:1' } });
        assert.equal(totals.status, 200);
        for (const event of bare.body as unknown[]) {
          const result = validateLogEvent(event);
          assert.ok(result.valid, `${id}: ${result.errors}\n${JSON.stringify(event).slice(0, 300)}`);
          seen++;
        }
      }
      assert.ok(seen > 50, `${seen} events checked`);
      assert.equal((await operation(emulator, 'GET', '/users/{id}/logs', { id: 'auth0|nobody' })).status, 200);
    });

    it("every log event of the tenant (GET /logs' source) matches its log event schema", () => {
      let seen = 0;
      for (const id of [...Object.values(emulator.users), ...emulator.fanOutUsers, ...Object.values(emulator.scenarios)]) {
        for (const event of emulator.logsOf(id)) {
          const result = validateLogEvent(event);
          assert.ok(result.valid, `${id}: ${result.errors}`);
          seen++;
        }
      }
      assert.ok(seen > 1000, `${seen} events checked`);
    });

    it('GET /logs answers pages, searches and checkpoints; GET /logs/{id} answers one event or 404', async () => {
      const page = await operation(emulator, 'GET', '/logs', {}, { query: { per_page: '100', include_totals: 'true' } });
      assert.equal(page.status, 200);
      const searched = await operation(emulator, 'GET', '/logs', {}, { query: { q: `type:sertft AND user_id:"${emulator.scenarios.stolenLaptop}"`, per_page: '100' } });
      assert.equal(searched.status, 200);
      const [first] = searched.body as { log_id: string }[];
      const checkpoint = await operation(emulator, 'GET', '/logs', {}, { query: { from: first.log_id, take: '10' } });
      assert.equal(checkpoint.status, 200);
      assert.equal((await operation(emulator, 'GET', '/logs/{id}', { id: first.log_id })).status, 200);
      assert.equal((await operation(emulator, 'GET', '/logs/{id}', { id: '900nope' })).status, 404);
      const bad = await operation(emulator, 'GET', '/logs', {}, { query: { q: 'date:[2024 TO *]' } });
      assert.equal(bad.status, 400);
    });

    it('PATCH /refresh-tokens/{id} answers the updated token, 400 for broken metadata and 404 for an unknown token', async () => {
      const [token] = emulator.refreshTokensOf(emulator.fanOutUsers[6]);
      const updated = await operation(emulator, 'PATCH', '/refresh-tokens/{id}', { id: token.id }, json({ refresh_token_metadata: { device_name: 'Work laptop' } }));
      assert.equal(updated.status, 200);
      const tooMany = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, 'v']));
      assert.equal((await operation(emulator, 'PATCH', '/refresh-tokens/{id}', { id: token.id }, json({ refresh_token_metadata: tooMany }))).status, 400);
      assert.equal((await operation(emulator, 'PATCH', '/refresh-tokens/{id}', { id: token.id }, { body: '{not json', headers: { 'content-type': 'application/json' } })).status, 400);
      assert.equal((await operation(emulator, 'PATCH', '/refresh-tokens/{id}', { id: 'nope' }, json({ refresh_token_metadata: null }))).status, 404);
    });

    it('GET /refresh-tokens (Early Access) answers pages, 400 without user_id, 404 for an unknown user, 404 when the tenant lacks it', async () => {
      for (const user_id of [emulator.users.seven, emulator.users.many, ...Object.values(emulator.scenarios)]) {
        const result = await operation(emulator, 'GET', '/refresh-tokens', {}, { query: { user_id, take: '100' } });
        assert.equal(result.status, 200);
      }
      assert.equal((await operation(emulator, 'GET', '/refresh-tokens', {}, { query: {} })).status, 400);
      assert.equal((await operation(emulator, 'GET', '/refresh-tokens', {}, { query: { user_id: 'auth0|nobody' } })).status, 404);
      emulator.configure({ earlyAccess: 'absent' });
      try {
        assert.equal((await operation(emulator, 'GET', '/refresh-tokens', {}, { query: { user_id: emulator.users.seven } })).status, 404);
      } finally {
        emulator.configure({ earlyAccess: 'present' });
      }
    });

    it('POST /refresh-tokens/revoke (Early Access) answers 202, 400 for a selection Auth0 refuses, 403 when the tenant lacks it', async () => {
      const user_id = emulator.fanOutUsers[7];
      assert.equal((await operation(emulator, 'POST', '/refresh-tokens/revoke', {}, json({ user_id }))).status, 202);
      assert.equal((await operation(emulator, 'POST', '/refresh-tokens/revoke', {}, json({ client_id: emulator.clientId }))).status, 400);
      assert.equal((await operation(emulator, 'POST', '/refresh-tokens/revoke', {}, json({}))).status, 400);
      emulator.configure({ earlyAccess: 'absent' });
      try {
        assert.equal((await operation(emulator, 'POST', '/refresh-tokens/revoke', {}, json({ user_id }))).status, 403);
      } finally {
        emulator.configure({ earlyAccess: 'present' });
      }
    });

    it('PATCH /users/{id} answers the updated user, 400 for a wrong type and 404 for an unknown user', async () => {
      const id = emulator.fanOutUsers[8];
      const blocked = await operation(emulator, 'PATCH', '/users/{id}', { id }, json({ blocked: true }));
      assert.equal(blocked.status, 200);
      assert.equal((await operation(emulator, 'PATCH', '/users/{id}', { id }, json({ blocked: 'yes' }))).status, 400);
      assert.equal((await operation(emulator, 'PATCH', '/users/{id}', { id: 'auth0|nobody' }, json({ blocked: true }))).status, 404);
    });

    it('POST /jobs/users-exports and GET /jobs/{id} answer jobs (pending, then completed), 400 and 404', async () => {
      const created = await operation(emulator, 'POST', '/jobs/users-exports', {}, json({ format: 'json' }));
      assert.equal(created.status, 200);
      const id = (created.body as { id: string }).id;
      const first = await operation(emulator, 'GET', '/jobs/{id}', { id });
      assert.equal((first.body as { status: string }).status, 'pending');
      await eventually(async () => ((await operation(emulator, 'GET', '/jobs/{id}', { id })).body as { status: string }).status === 'completed', 10_000, 'the export completes');
      assert.equal((await operation(emulator, 'POST', '/jobs/users-exports', {}, json({ format: 'xml' }))).status, 400);
      assert.equal((await operation(emulator, 'GET', '/jobs/{id}', { id: 'job_nope' })).status, 404);
    });

    it("a job's location is a new signed link at each look; a POST beyond the concurrent jobs answers Auth0's 429 without rate-limit headers", async () => {
      const created = await operation(emulator, 'POST', '/jobs/users-exports', {}, json({ format: 'json' }));
      const id = (created.body as { id: string }).id;
      const look = async () => (await operation(emulator, 'GET', '/jobs/{id}', { id })).body as { status: string; location?: string };
      await eventually(async () => (await look()).status === 'completed', 10_000, 'the export completes');
      const [first, second] = [(await look()).location, (await look()).location];
      assert.ok(first && second && first !== second, 'each look signs a new link');
      assert.match(first, /X-Amz-Expires=60&/);
      assert.equal((await fetch(first)).status, 200);
      emulator.configure({ otherActiveJobs: 2 });
      try {
        const refused = await operation(emulator, 'POST', '/jobs/users-exports', {}, json({ format: 'json' }));
        assert.equal(refused.status, 429);
        assert.deepEqual(refused.body, {
          statusCode: 429,
          error: 'Too Many Requests',
          message: 'There are 2 active export users jobs, please wait until they finish',
          errorCode: 'too_many_requests',
        });
        assert.deepEqual(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].map((name) => refused.headers.get(name)), [null, null, null]);
      } finally {
        emulator.configure({ otherActiveJobs: 0 });
      }
    });

    it('a plan without refresh-token and session endpoints answers 403 on every one of them', async () => {
      const session = emulator.sessionsOf(emulator.users.seven)[0];
      emulator.configure({ plan: 'without-refresh-tokens-and-sessions' });
      try {
        const user_id = emulator.users.seven;
        const answers = [
          await operation(emulator, 'GET', '/users/{user_id}/sessions', { user_id }),
          await operation(emulator, 'DELETE', '/users/{user_id}/sessions', { user_id }),
          await operation(emulator, 'GET', '/sessions/{id}', { id: session.id }),
          await operation(emulator, 'DELETE', '/sessions/{id}', { id: session.id }),
          await operation(emulator, 'POST', '/sessions/{id}/revoke', { id: session.id }),
          await operation(emulator, 'GET', '/users/{user_id}/refresh-tokens', { user_id }),
          await operation(emulator, 'GET', '/refresh-tokens', {}, { query: { user_id } }),
          await operation(emulator, 'POST', '/refresh-tokens/revoke', {}, json({ user_id })),
        ];
        assert.deepEqual(answers.map((answer) => answer.status), answers.map(() => 403));
      } finally {
        emulator.configure({ plan: 'enterprise' });
      }
      assert.ok(emulator.sessionsOf(emulator.users.seven).some((s) => s.id === session.id), 'nothing was deleted while refused');
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

describe('emulator contract (raw user agents in logs)', () => {
  it('every log event matches its log event schema when some carry the raw User-Agent header', async () => {
    const emulator = await startEmulator({ seed: 11, logUserAgents: 'mixed' });
    try {
      let seen = 0;
      for (const id of [emulator.users.seven, emulator.users.many, ...Object.values(emulator.scenarios)]) {
        const bare = await operation(emulator, 'GET', '/users/{id}/logs', { id }, { query: { per_page: '100' } });
        assert.equal(bare.status, 200);
        for (const event of bare.body as { user_agent?: string }[]) {
          const result = validateLogEvent(event);
          assert.ok(result.valid, `${id}: ${result.errors}`);
          seen += event.user_agent?.startsWith('Mozilla/') ? 1 : 0;
        }
      }
      assert.ok(seen > 5, `${seen} events with a raw header checked`);
    } finally {
      await emulator.close();
    }
  });
});

