// GET /users (offset paging, the 1,000-result window, search, sort, fields), users-by-email,
// and user ids that must travel as one percent-encoded path segment.
import assert from 'node:assert/strict';
import type { User } from '../../../src/auth0/types';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { parseUserQuery } from '../../emulator/lucene';
import { apiPath, call } from './helpers';

describe('emulator users', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 3, userCount: 1200 });
  });
  after(() => emulator.close());

  const listUsers = (query: Record<string, string>) => call(emulator, 'GET', '/api/v2/users', { query });

  it('pages with page (0-based) and per_page, and reports the real total', async () => {
    const first = (await listUsers({ per_page: '10', page: '0', include_totals: 'true' })).body as { start: number; limit: number; length: number; total: number; users: User[] };
    assert.deepEqual([first.start, first.limit, first.length, first.total], [0, 10, 10, 1200]);
    const second = (await listUsers({ per_page: '10', page: '1', include_totals: 'true' })).body as { start: number; users: User[] };
    assert.equal(second.start, 10);
    const ids = new Set([...first.users, ...second.users].map((user) => user.user_id));
    assert.equal(ids.size, 20);
    const bare = (await listUsers({ per_page: '5' })).body as User[];
    assert.deepEqual(bare.map((user) => user.user_id), first.users.slice(0, 5).map((user) => user.user_id));
  });

  it('refuses per_page over 100', async () => {
    const result = await listUsers({ per_page: '101' });
    assert.equal(result.status, 400);
    assert.match((result.body as { message: string }).message, /per_page/);
    assert.equal((await listUsers({ per_page: '100' })).status, 200);
  });

  it('only pages through the first 1,000 results, and says so like Auth0', async () => {
    const last = await listUsers({ per_page: '100', page: '9', include_totals: 'true' });
    assert.equal(last.status, 200);
    assert.equal((last.body as { total: number }).total, 1200);
    for (const [page, perPage] of [['10', '100'], ['20', '50'], ['1000', '1']]) {
      const result = await listUsers({ page, per_page: perPage });
      assert.equal(result.status, 400, `page ${page} per_page ${perPage}`);
      assert.deepEqual(result.body, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation',
        errorCode: 'invalid_paging',
      });
    }
    assert.equal((await listUsers({ page: '999', per_page: '1' })).status, 200);
  });

  it('searches with q (Lucene subset) and sorts', async () => {
    const exact = (await listUsers({ q: `user_id:"${emulator.users.seven}"`, search_engine: 'v3' })).body as User[];
    assert.deepEqual(exact.map((user) => user.user_id), [emulator.users.seven]);
    const prefix = (await listUsers({ q: 'email:jane*', per_page: '100' })).body as User[];
    assert.ok(prefix.length > 0);
    assert.ok(prefix.every((user) => user.email?.toLowerCase().startsWith('jane')));
    const byName = (await listUsers({ q: 'name:Jane*', per_page: '100' })).body as User[];
    assert.ok(byName.every((user) => user.name?.startsWith('Jane')));
    const bare = (await listUsers({ q: 'jane', per_page: '100' })).body as User[];
    assert.ok(bare.length >= byName.length);
    const sorted = (await listUsers({ sort: 'email:-1', per_page: '50' })).body as User[];
    const emails = sorted.map((user) => user.email ?? '');
    assert.deepEqual(emails, [...emails].sort((a, b) => b.localeCompare(a)));
    assert.equal((await listUsers({ search_engine: 'v1' })).status, 400);
    assert.equal((await listUsers({ q: '(email:x' })).status, 400);
  });

  it('keeps or drops the fields listed in fields', async () => {
    const kept = (await listUsers({ fields: 'user_id,email', per_page: '3' })).body as object[];
    assert.ok(kept.every((user) => Object.keys(user).sort().join() === 'email,user_id'));
    const dropped = (await listUsers({ fields: 'identities', include_fields: 'false', per_page: '3' })).body as object[];
    assert.ok(dropped.every((user) => !('identities' in user) && 'user_id' in user));
  });

  it('finds users by email case-sensitively', async () => {
    const lower = (await call(emulator, 'GET', '/api/v2/users-by-email', { query: { email: 'jane.doe@example.com' } })).body as User[];
    const mixed = (await call(emulator, 'GET', '/api/v2/users-by-email', { query: { email: 'Jane.Doe@Example.com' } })).body as User[];
    assert.equal(lower.length, 1);
    assert.equal(mixed.length, 1);
    assert.notEqual(lower[0].user_id, mixed[0].user_id);
    assert.deepEqual((await call(emulator, 'GET', '/api/v2/users-by-email', { query: { email: 'JANE.DOE@EXAMPLE.COM' } })).body, []);
  });

  it('seeds an enterprise-connection user whose email keeps its identity provider\'s case, found in any case only by Lucene', async () => {
    const mixed = (await call(emulator, 'GET', '/api/v2/users-by-email', { query: { email: 'Jane.Doe@Example.com' } })).body as User[];
    assert.equal(mixed.length, 1);
    assert.deepEqual(
      mixed[0].identities?.map((identity) => [identity.provider, identity.connection, identity.isSocial]),
      [['samlp', 'acme-corp-saml', false]],
    );
    const anyCase = (await listUsers({ q: 'email:"jane.doe@example.com"', search_engine: 'v3', per_page: '100' })).body as User[];
    assert.deepEqual(anyCase.map((user) => user.email).sort(), ['Jane.Doe@Example.com', 'jane.doe@example.com']);
    assert.ok(anyCase.some((user) => user.user_id === mixed[0].user_id));
  });

  it('decodes each path segment on its own: ids with / ? # % .. spaces and non-ASCII are one segment', async () => {
    const ids = [...emulator.specialUsers, emulator.users.seven];
    for (const char of ['|', '/', '@', '+', '?', '#', '%', '..', ' ']) {
      assert.ok(ids.some((id) => id.includes(char)), `a special id contains ${JSON.stringify(char)}`);
    }
    assert.ok(ids.some((id) => /[^\p{ASCII}]/u.test(id)), 'a special id is non-ASCII');
    for (const id of ids) {
      const result = await call(emulator, 'GET', apiPath('/users/{user_id}/refresh-tokens', { user_id: id }));
      assert.equal(result.status, 200, id);
      const recorded = emulator.requests.at(-1);
      assert.deepEqual(recorded?.segments, ['api', 'v2', 'users', id, 'refresh-tokens']);
      assert.equal(recorded?.path, `/api/v2/users/${id}/refresh-tokens`);
    }
  });

  it('does not find a user whose id was sent with a raw slash', async () => {
    const unencoded = await call(emulator, 'GET', `/api/v2/users/${emulator.users.seven.replace(/\|/g, '%7C')}/refresh-tokens`);
    assert.equal(unencoded.status, 404);
    const badEscape = await call(emulator, 'GET', '/api/v2/users/auth0%7C100%-sure/refresh-tokens');
    assert.equal(badEscape.status, 400);
  });
});

describe('lucene subset', () => {
  const jane = { user_id: 'samlp|acme/corp|jane', email: 'Jane.Doe@acme.example', name: 'Jane Doe', identities: [{ connection: 'acme-corp-saml' }], logins_count: 5 };
  const john = { user_id: 'auth0|1', email: 'john@example.com', name: 'John Smith', identities: [{ connection: 'Username-Password-Authentication' }] };
  const matches = (q: string) => [jane, john].filter(parseUserQuery(q)).map((user) => user.user_id);

  it('matches fields exactly, by wildcard, by bare words and with boolean operators', () => {
    assert.deepEqual(matches('email:"jane.doe@acme.example"'), [jane.user_id]);
    assert.deepEqual(matches('email:j*'), [jane.user_id, john.user_id]);
    assert.deepEqual(matches('email:*@example.com'), [john.user_id]);
    assert.deepEqual(matches('identities.connection:"acme-corp-saml"'), [jane.user_id]);
    assert.deepEqual(matches('doe'), [jane.user_id]);
    assert.deepEqual(matches('jane OR smith'), [jane.user_id, john.user_id]);
    assert.deepEqual(matches('name:j* AND NOT email:john*'), [jane.user_id]);
    assert.deepEqual(matches('-name:john*'), [jane.user_id]);
    assert.deepEqual(matches('logins_count:5'), [jane.user_id]);
    assert.deepEqual(matches('_exists_:logins_count'), [jane.user_id]);
    assert.deepEqual(matches(`user_id:"${jane.user_id}"`), [jane.user_id]);
  });

  it('refuses syntax it does not support', () => {
    for (const q of ['email:"open', '(a', 'a)', 'name:[a TO b]', 'jane~', 'AND']) {
      assert.throws(() => parseUserQuery(q), Error, q);
    }
  });
});

describe('lucene subset: which fields compare case-insensitively (Auth0 search v3)', () => {
  const jane = {
    user_id: 'samlp|acme/corp|jane',
    email: 'Jane.Doe@Acme.example',
    name: 'Jane Doe',
    given_name: 'Jane',
    family_name: 'Doe',
    nickname: 'Jane.Doe',
    identities: [{ connection: 'acme-corp-saml' }],
    app_metadata: { plan: 'Pro', roles: ['Admin'] },
    user_metadata: { locale: 'en-US' },
  };
  // email, name, given_name, family_name and nickname ignore case; everything else is exact.
  const cases: [query: string, matches: boolean][] = [
    ['email:"jane.doe@acme.example"', true],
    ['email:"JANE.DOE@ACME.EXAMPLE"', true],
    ['email:JANE.DOE@acme.EXAMPLE', true],
    ['email:JANE*', true],
    ['email:*@ACME.example', true],
    ['name:"jane doe"', true],
    ['name:JANE*', true],
    ['given_name:JANE', true],
    ['family_name:dOE', true],
    ['nickname:"jane.doe"', true],
    ['JANE', true],
    ['"JANE DOE"', true],
    ['app_metadata.plan:"Pro"', true],
    ['app_metadata.plan:"pro"', false],
    ['app_metadata.plan:PRO', false],
    ['app_metadata.plan:P*', true],
    ['app_metadata.plan:p*', false],
    ['app_metadata.roles:"admin"', false],
    ['app_metadata.roles:"Admin"', true],
    ['user_metadata.locale:"en-US"', true],
    ['user_metadata.locale:"en-us"', false],
    ['user_id:"samlp|acme/corp|jane"', true],
    ['user_id:"SAMLP|acme/corp|jane"', false],
    ['user_id:SAMLP*', false],
    ['identities.connection:"acme-corp-saml"', true],
    ['identities.connection:"ACME-CORP-SAML"', false],
  ];
  for (const [query, expected] of cases) {
    it(`${query} ${expected ? 'matches' : 'does not match'}`, () => {
      assert.equal(parseUserQuery(query)(jane), expected);
    });
  }
});
