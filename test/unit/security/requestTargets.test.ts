// Requests that cannot be bent: every id reaches Auth0 as exactly one path segment and every
// query value arrives exactly as given, whatever characters it holds. The emulator splits the
// raw path on "/" and decodes each segment on its own, as Auth0 does, and records the result.
// auth0/managementClient.test.ts covers user ids on GET; this adds refresh-token ids (GET and,
// most importantly, DELETE), client ids, deleting all of a user's tokens, cursors and searches.
import assert from 'node:assert/strict';
import { isManagementApiError } from '../../../src/auth0/errors';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor, rejectionOf, until } from '../auth0/support';
import { HOSTILE_TOKEN_IDS } from './hostileIds';


describe('Security: ids and query values reach exactly the intended resource', () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({ seed: 17, deleteDelayMs: 0 });
  });
  afterEach(() => emulator.close());

  function last() {
    return emulator.requests[emulator.requests.length - 1];
  }

  it('GETs each hostile refresh-token id as one segment and gets that token back', async () => {
    const { client } = clientFor(emulator);
    const owner = emulator.users.seven;
    for (const id of HOSTILE_TOKEN_IDS) {
      emulator.addRefreshToken(owner, { id });
      const token = await client.getRefreshToken(id);
      assert.equal(token.id, id);
      assert.deepEqual(last().segments, ['api', 'v2', 'refresh-tokens', id]);
      assert.equal(last().status, 200, id);
    }
  });

  it('DELETEs exactly the token named, and nothing else, for each hostile id', async () => {
    const { client } = clientFor(emulator);
    const owner = emulator.users.seven;
    for (const id of HOSTILE_TOKEN_IDS) {
      emulator.addRefreshToken(owner, { id });
    }
    const everyUser = [emulator.users.one, emulator.users.seven, emulator.users.many, ...emulator.specialUsers];
    const before = new Map(everyUser.map((userId) => [userId, emulator.refreshTokensOf(userId).map((token) => token.id)]));
    for (const id of HOSTILE_TOKEN_IDS) {
      await client.deleteRefreshToken(id);
      assert.equal(last().method, 'DELETE');
      assert.deepEqual(last().segments, ['api', 'v2', 'refresh-tokens', id]);
    }
    // Auth0 (and the emulator) delete in the background after answering 202.
    await until(() => HOSTILE_TOKEN_IDS.every((id) => !emulator.refreshTokensOf(owner).some((token) => token.id === id)), 'the deletions');
    for (const userId of everyUser) {
      const expected = before.get(userId)!.filter((id) => !HOSTILE_TOKEN_IDS.includes(id));
      assert.deepEqual(emulator.refreshTokensOf(userId).map((token) => token.id), expected, `tokens left for ${userId}`);
    }
  });

  it("DELETEs all tokens of each special user, and only that user's", async () => {
    const { client } = clientFor(emulator);
    const bystanders = [emulator.users.one, emulator.users.seven, emulator.users.many];
    const counts = new Map(bystanders.map((userId) => [userId, emulator.refreshTokensOf(userId).length]));
    const specials = emulator.specialUsers;
    for (const [index, userId] of specials.entries()) {
      await client.deleteAllRefreshTokens(userId);
      assert.equal(last().method, 'DELETE');
      assert.deepEqual(last().segments, ['api', 'v2', 'users', userId, 'refresh-tokens']);
      assert.equal(last().status, 202, userId);
      await until(() => emulator.refreshTokensOf(userId).length === 0, `the deletion of ${userId}'s tokens`);
      for (const other of specials.slice(index + 1)) {
        assert.ok(emulator.refreshTokensOf(other).length > 0, `${other} still has its tokens`);
      }
    }
    for (const userId of bystanders) {
      assert.equal(emulator.refreshTokensOf(userId).length, counts.get(userId), userId);
    }
  });

  it("pages each special user's tokens with a cursor, reaching the same user on every page", async () => {
    const { client } = clientFor(emulator);
    for (const userId of emulator.specialUsers) {
      const first = await client.listRefreshTokens(userId, { take: 1 });
      assert.ok(first.next, userId);
      const second = await client.listRefreshTokens(userId, { take: 1, from: first.next });
      assert.deepEqual(last().segments, ['api', 'v2', 'users', userId, 'refresh-tokens']);
      assert.equal(last().query.from, first.next);
      assert.deepEqual(
        [...first.tokens, ...second.tokens].map((token) => token.id),
        emulator.refreshTokensOf(userId).slice(0, 2).map((token) => token.id),
      );
    }
  });

  it('looks up application names by a hostile client id as one segment', async () => {
    const { client } = clientFor(emulator);
    for (const clientId of ['../../users?x=<script>', 'a/b', 'c#d', 'e%2Ff', 'ü 日本']) {
      assert.equal(await client.getClientName(clientId), undefined);
      assert.deepEqual(last().segments, ['api', 'v2', 'clients', clientId]);
    }
  });

  it('sends a cursor and a search with query syntax in them exactly', async () => {
    const { client } = clientFor(emulator);
    const cursor = 'a+b&take=100#frag=1 %2F/';
    const error = await rejectionOf(client.listRefreshTokens(emulator.users.seven, { from: cursor, take: 5 }));
    assert.ok(isManagementApiError(error, 'bad-request'), String(error));
    assert.deepEqual(last().query, { from: cursor, take: '5', include_totals: 'true' }, 'the injected take=100 stayed inside the cursor');

    const q = 'name:"a&per_page=100" OR email:x#y+z';
    // Whether the emulator's Lucene subset accepts it does not matter: what arrived does.
    await client.listUsers({ q, perPage: 10 }).catch(() => undefined);
    assert.equal(last().query.q, q);
    assert.equal(last().query.per_page, '10');
  });
});
