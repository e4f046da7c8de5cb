import * as assert from 'node:assert';
import { createManagementClient } from '../../../src/auth0/managementClient';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { anyCaseEmailQuery, classifyUserQuery, findUsers, interpretUserQuery, searchUsers, userSearchPager } from '../../../src/paging/userSearchPager';
import { startEmulator, type RunningEmulator } from '../../emulator';

describe('User search', () => {
  it('tells user ids, emails and Lucene queries apart', () => {
    const cases: [string, string][] = [
      ['auth0|64f1c0ffee', 'user-id'],
      ['samlp|acme/corp|jane', 'user-id'],
      ['google-oauth2|1234567890', 'user-id'],
      // Ids may hold spaces, quotes and colons after the provider: still an exact look-up.
      ['auth0|john smith', 'user-id'],
      ['oidc|tenant:"x" y', 'user-id'],
      ['jane@example.com', 'email'],
      ['  jane+tag@example.com ', 'email'],
      ['email:"jane@example.com"', 'lucene'],
      ['name:Jane*', 'lucene'],
      ['jane', 'lucene'],
      ['user_id:"auth0|1"', 'lucene'],
    ];
    for (const [query, kind] of cases) {
      assert.strictEqual(classifyUserQuery(query), kind, query);
    }
  });

  it('takes the address out of the forms it is pasted in, and leaves everything else alone', () => {
    const cases: [typed: string, read: ReturnType<typeof interpretUserQuery>][] = [
      ['Jane Doe <Jane.Doe@Example.com>', { kind: 'email', email: 'Jane.Doe@Example.com' }],
      ['mailto:jane%2Btag%40example.com?cc=x@y.example', { kind: 'email', email: 'jane+tag@example.com' }],
      ['jane.doe@example.com.', { kind: 'email', email: 'jane.doe@example.com' }],
      ['mailto:%E0%A4%A', { kind: 'lucene', q: 'mailto:%E0%A4%A' }],
      ['"jane doe"', { kind: 'lucene', q: '"jane doe"' }],
      ['<jane>', { kind: 'lucene', q: '<jane>' }],
      ['email:"Jane.Doe@Example.com"', { kind: 'lucene', q: 'email:"Jane.Doe@Example.com"' }],
      ['\u200bsamlp|acme/corp|Jane.Doe@Example.com ', { kind: 'user-id', userId: 'samlp|acme/corp|Jane.Doe@Example.com' }],
    ];
    for (const [typed, read] of cases) {
      assert.deepStrictEqual(interpretUserQuery(typed), read, JSON.stringify(typed));
    }
    assert.strictEqual(anyCaseEmailQuery('a"b\\c@x.example'), 'email:"a\\"b\\\\c@x.example"');
  });

  describe('against the emulator', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ seed: 1 });
    });
    after(() => emulator.close());
    const client = () => createManagementClient({ domain: emulator.domain, tokenProvider: new StaticTokenProvider(emulator.token) });

    it('finds a user by id exactly, even with reserved characters', async () => {
      for (const id of [emulator.users.seven, ...emulator.specialUsers.filter((u) => classifyUserQuery(u) === 'user-id')]) {
        const users = await findUsers(client(), id);
        assert.deepStrictEqual(users.map((u) => u.user_id), [id]);
      }
    });

    it('answers an unknown id with no user rather than an error', async () => {
      assert.deepStrictEqual(await findUsers(client(), 'auth0|does-not-exist'), []);
    });

    it('finds a user by email', async () => {
      const [user] = await findUsers(client(), emulator.users.seven);
      assert.ok(user.email, 'the seeded user has an email');
      const byEmail = await findUsers(client(), user.email!);
      assert.ok(byEmail.some((u) => u.user_id === emulator.users.seven));
    });

    // Issue #10: Auth0's users-by-email is case-sensitive, and enterprise connections keep the
    // case the identity provider sent. The emulator seeds Jane.Doe@Example.com on a SAML
    // connection beside a database user jane.doe@example.com.
    const ENTERPRISE_JANE = 'samlp|acme/corp|Jane.Doe@Example.com';
    const requestsDuring = async <T>(run: () => Promise<T>) => {
      const before = emulator.requests.length;
      const result = await run();
      return { result, requests: emulator.requests.slice(before).map((r) => ({ path: r.path, query: r.query })) };
    };

    it('finds Jane.Doe@Example.com when jane.doe@example.com is typed', async () => {
      const { result: users, requests } = await requestsDuring(() => findUsers(client(), 'jane.doe@example.com'));
      assert.ok(
        users.some((u) => u.user_id === ENTERPRISE_JANE),
        `found ${JSON.stringify(users.map((u) => u.email))} with ${JSON.stringify(requests)}`,
      );
    });

    it('says the any-case route found her, after one exact look-up and one v3 search', async () => {
      const { result, requests } = await requestsDuring(() => searchUsers(client(), 'jane.doe@example.com'));
      assert.strictEqual(result.route, 'email-any-case');
      assert.deepStrictEqual(result.users.map((u) => u.email), ['jane.doe@example.com', 'Jane.Doe@Example.com'], 'the exact match first');
      assert.deepStrictEqual(
        requests.map((r) => [r.path, r.query.email ?? r.query.q, r.query.search_engine]).sort(),
        [
          ['/api/v2/users', 'email:"jane.doe@example.com"', 'v3'],
          ['/api/v2/users-by-email', 'jane.doe@example.com', undefined],
        ],
      );
    });

    it('says the exact route found an address that has no twin in another case', async () => {
      const [user] = await findUsers(client(), emulator.users.seven);
      const result = await searchUsers(client(), user.email!.toUpperCase());
      assert.deepStrictEqual([result.route, result.users.map((u) => u.user_id)], ['email-any-case', [emulator.users.seven]]);
      const exact = await searchUsers(client(), user.email!);
      assert.deepStrictEqual([exact.route, exact.users.map((u) => u.user_id)], ['email-exact', [emulator.users.seven]]);
    });

    it('names the route of an id, a Lucene query and an address nobody has', async () => {
      assert.strictEqual((await searchUsers(client(), emulator.users.seven)).route, 'user-id');
      assert.strictEqual((await searchUsers(client(), 'auth0|does-not-exist')).route, 'user-id');
      assert.strictEqual((await searchUsers(client(), 'name:Jane*')).route, 'lucene');
      assert.deepStrictEqual(await searchUsers(client(), 'nobody@nowhere.example'), { users: [], route: 'email-any-case' });
    });

    it('the search pager carries the route once its page has arrived', async () => {
      const pager = userSearchPager(client(), 'JANE.DOE@example.com', 50);
      assert.strictEqual(pager.route, undefined);
      await pager.loadNext();
      assert.strictEqual(pager.route, 'email-any-case');
      assert.strictEqual(pager.items.length, 2);
      assert.strictEqual(userSearchPager(client(), 'email:*example*', 10).route, 'lucene');
      assert.strictEqual(userSearchPager(client(), emulator.users.seven, 10).route, 'user-id');
    });

    // Characters that mean something to Lucene reach it as one quoted literal: a typed "*" is not
    // a wildcard (it would list hundreds of users), and a "\\" cannot escape the closing quote.
    const literalInLucene: [typed: string, q: string][] = [
      ['*@example.com', 'email:"*@example.com"'],
      ['jane.doe@example.co?', 'email:"jane.doe@example.co?"'],
      ['jane.doe@example.com\\', 'email:"jane.doe@example.com\\\\"'],
      ['jane\\doe@example.com', 'email:"jane\\\\doe@example.com"'],
      ['jane*doe@*', 'email:"jane*doe@*"'],
      ['(jane)@example.com', '(jane)@example.com'],
      ['jane.doe@example.com OR email:*', 'jane.doe@example.com OR email:*'],
    ];
    for (const [typed, q] of literalInLucene) {
      it(`sends ${JSON.stringify(typed)} to Lucene as ${q}`, async () => {
        const { result, requests } = await requestsDuring(() => searchUsers(client(), typed));
        const search = requests.find((r) => r.path === '/api/v2/users');
        assert.strictEqual(search?.query.q, q);
        if (q.startsWith('email:"')) {
          assert.deepStrictEqual([result.route, result.users], ['email-any-case', []]);
        }
      });
    }

    // What an administrator types or pastes for that address: each must find both accounts.
    const sameAddress: string[] = [
      'jane.doe@example.com',
      'JANE.DOE@EXAMPLE.COM',
      'jAnE.dOe@eXaMpLe.CoM',
      'Jane.Doe@Example.com',
      '  jane.doe@example.com  ',
      '\tJane.Doe@example.com\r\n',
      '\u00a0jane.doe@example.com\u200b',
      '\ufeffjane.doe@example.com',
      'jane.doe@example.com.',
      'Jane.Doe@Example.com.',
      'jane.doe@example.com,',
      'jane.doe@example.com;',
      'mailto:jane.doe@example.com',
      'MAILTO:Jane.Doe@Example.com',
      'mailto:jane.doe@example.com?subject=Refresh%20tokens',
      'mailto:jane.doe%40example.com',
      '<jane.doe@example.com>',
      '<mailto:Jane.Doe@Example.com>',
      'Jane Doe <jane.doe@example.com>',
      '"Doe, Jane" <Jane.Doe@Example.com>',
      'Jane Doe <mailto:jane.doe@example.com>',
      '"jane.doe@example.com"',
      "'Jane.Doe@Example.com'",
    ];
    for (const typed of sameAddress) {
      it(`finds both accounts of Jane from ${JSON.stringify(typed)}`, async () => {
        const { users, route } = await searchUsers(client(), typed);
        assert.deepStrictEqual(users.map((u) => u.email).sort(), ['Jane.Doe@Example.com', 'jane.doe@example.com'], JSON.stringify(typed));
        assert.ok(users.some((u) => u.user_id === ENTERPRISE_JANE));
        assert.strictEqual(route, 'email-any-case');
      });
    }

    it('pages a Lucene search like the listing', async () => {
      const pager = userSearchPager(client(), 'email:*example*', 10);
      await pager.loadNext();
      assert.strictEqual(pager.items.length, 10);
      assert.ok(pager.hasMore);
    });
  });
});
