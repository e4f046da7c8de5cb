import * as assert from 'node:assert';
import { createManagementClient } from '../../../src/auth0/managementClient';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { classifyUserQuery, findUsers, userSearchPager } from '../../../src/paging/userSearchPager';
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

    it('pages a Lucene search like the listing', async () => {
      const pager = userSearchPager(client(), 'email:*example*', 10);
      await pager.loadNext();
      assert.strictEqual(pager.items.length, 10);
      assert.ok(pager.hasMore);
    });
  });
});
