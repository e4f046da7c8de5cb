import * as assert from 'node:assert/strict';
import {
  allUsersSource, describeUserSource, listUserSource, parseUserList, queryUserSource, userSourceFromDescriptor,
  type HuntUser, type UserSource,
} from '../../../../../src/features/hunt/core/userSources';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor, requestsUnder } from '../../../auth0/support';

async function collect(source: UserSource, signal = new AbortController().signal): Promise<HuntUser[]> {
  const users: HuntUser[] = [];
  for await (const user of source.users(signal)) {
    users.push(user);
  }
  return users;
}

describe('Hunt user sources', () => {
  describe('a pasted list or a file', () => {
    it('reads one id a line, skipping blanks, comments and a header, dropping duplicates', () => {
      const list = parseUserList('\uFEFFuser_id\r\nauth0|1\n\n# the attacker\'s targets\n  samlp|acme/corp|jane  \nauth0|1\rauth0|john smith\n');
      assert.deepEqual(list.users.map((user) => user.userId), ['auth0|1', 'samlp|acme/corp|jane', 'auth0|john smith']);
      assert.equal(list.duplicates, 1);
      assert.deepEqual(list.problems, []);
    });

    it("reads Auth0's users export (JSON lines), keeping email and name as labels", () => {
      const text = [
        '{"user_id":"auth0|1","email":"jane@example.com","name":"Jane","logins_count":4}',
        '',
        '{"user_id":"google-oauth2|2"}',
        '{"user_id":"auth0|1","email":"jane@example.com"}',
        '{"email":"nobody@example.com"}',
        '{"user_id": 7}',
        '{not json',
        'auth0|3',
      ].join('\n');
      const list = parseUserList(text);
      assert.deepEqual(list.users, [
        { userId: 'auth0|1', email: 'jane@example.com', name: 'Jane' },
        { userId: 'google-oauth2|2' },
        { userId: 'auth0|3' },
      ]);
      assert.equal(list.duplicates, 1);
      assert.deepEqual(list.problems, [
        { line: 5, message: 'the object has no user_id' },
        { line: 6, message: 'the object has no user_id' },
        { line: 7, message: 'not valid JSON' },
      ]);
    });

    it('reads a JSON array of ids or users', () => {
      const list = parseUserList(' [ "auth0|1", {"user_id": "auth0|2", "email": "b@example.com"}, "auth0|1", 5 ]');
      assert.deepEqual(list.users, [{ userId: 'auth0|1' }, { userId: 'auth0|2', email: 'b@example.com' }]);
      assert.equal(list.duplicates, 1);
      assert.deepEqual(list.problems, [{ line: 4, message: 'entry 4 has no user_id' }]);
      assert.deepEqual(parseUserList('[ "auth0|1", ').problems, [{ line: 1, message: 'the text starts like a JSON array but is not valid JSON' }]);
    });

    it('refuses ids with control characters or of absurd length', () => {
      const list = parseUserList(`auth0|ok\nauth0|bad\u0007bell\n${'a'.repeat(1025)}`);
      assert.deepEqual(list.users.map((user) => user.userId), ['auth0|ok']);
      assert.deepEqual(list.problems, [
        { line: 2, message: 'the id holds control characters' },
        { line: 3, message: 'the id is longer than 1024 characters' },
      ]);
    });

    it('is a source with a known total and a descriptor that rebuilds it', async () => {
      const source = listUserSource(parseUserList('auth0|1\nauth0|2').users, 'users.txt');
      assert.equal(source.total, 2);
      assert.equal(describeUserSource(source.descriptor), '2 users from users.txt');
      assert.deepEqual(await collect(source), [{ userId: 'auth0|1' }, { userId: 'auth0|2' }]);
      const rebuilt = userSourceFromDescriptor(JSON.parse(JSON.stringify(source.descriptor)), { client: { listUsers: () => Promise.reject(new Error('unused')) } });
      assert.deepEqual(await collect(rebuilt), [{ userId: 'auth0|1' }, { userId: 'auth0|2' }]);
    });
  });

  describe('all users (a users export)', () => {
    it('yields what the export yields, ids or users, skipping empty ids', async () => {
      async function* exported(): AsyncIterable<string | HuntUser> {
        yield 'auth0|1';
        yield { userId: 'auth0|2', email: 'two@example.com' };
        yield '';
      }
      const exporter: { total?: number } = {};
      const source = allUsersSource(() => exported(), () => exporter.total);
      assert.equal(source.total, undefined);
      exporter.total = 2;
      assert.equal(source.total, 2);
      assert.deepEqual(await collect(source), [{ userId: 'auth0|1' }, { userId: 'auth0|2', email: 'two@example.com' }]);
      assert.equal(describeUserSource(source.descriptor), 'all users of the tenant');
      assert.throws(() => userSourceFromDescriptor({ kind: 'all-users' }, { client: { listUsers: () => Promise.reject(new Error('unused')) } }), /needs a users export/);
    });
  });

  describe('a Lucene query, against the emulator', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ seed: 1, userCount: 1500 });
    });
    after(() => emulator.close());

    it('stops at the 1,000-result cap and says so', async () => {
      const { client } = clientFor(emulator);
      const before = requestsUnder(emulator, '/api/v2/users').length;
      const source = queryUserSource(client, '  email:*example* ');
      const users = await collect(source);
      assert.equal(users.length, 1000);
      assert.equal(new Set(users.map((user) => user.userId)).size, 1000);
      assert.ok(users.every((user) => typeof user.email === 'string'));
      assert.equal(source.total, 1000);
      assert.equal(
        source.truncated,
        'The query matches 1,500 users; Auth0 lists only the first 1,000, so only those were hunted. Narrow the query, or hunt across all users (a users export).',
      );
      const requests = requestsUnder(emulator, '/api/v2/users').slice(before);
      // Ten pages of 100, none past the cap (which Auth0 would answer with 400 invalid_paging).
      assert.deepEqual(requests.map((request) => request.query.page), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
      assert.ok(requests.every((request) => request.status === 200 && request.query.q === 'email:*example*' && request.query.search_engine === 'v3'));
      assert.equal(describeUserSource(source.descriptor), 'users matching email:*example*');
    });

    it('reads a small result in one page, with its total', async () => {
      const { client } = clientFor(emulator);
      const before = requestsUnder(emulator, '/api/v2/users').length;
      const source = queryUserSource(client, 'logins_count:5');
      const users = await collect(source);
      assert.equal(users.length, source.total);
      assert.ok(users.length > 0 && users.length < 100);
      assert.equal(source.truncated, undefined);
      assert.equal(requestsUnder(emulator, '/api/v2/users').length - before, 1);
    });

    it('passes a refused query on as the error', async () => {
      const { client } = clientFor(emulator);
      await assert.rejects(collect(queryUserSource(client, 'logins_count:[1 TO 5]')), { name: 'ManagementApiError', kind: 'bad-request' });
    });

    it('stops when cancelled', async () => {
      const { client } = clientFor(emulator);
      const controller = new AbortController();
      const source = queryUserSource(client, 'email:*example*');
      const seen: HuntUser[] = [];
      await assert.rejects(
        (async () => {
          for await (const user of source.users(controller.signal)) {
            seen.push(user);
            controller.abort();
          }
        })(),
        { kind: 'cancelled' },
      );
      assert.equal(seen.length, 100, 'the first page was read, the second was cancelled');
    });
  });
});
