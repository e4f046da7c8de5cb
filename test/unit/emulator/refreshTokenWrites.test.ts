// Refresh-token metadata (PATCH), the Early Access list and bulk revocation, and blocking a
// user: the body rules and limits Auth0 documents (FACTS.md), applied as Auth0 applies them.
import assert from 'node:assert/strict';
import type { LogEvent, RefreshToken, User } from '../../../src/auth0/types';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, call, eventually, json } from './helpers';

interface EarlyAccessPage {
  refresh_tokens: RefreshToken[];
  next?: string;
}

describe('emulator refresh-token writes and the Early Access endpoints', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 16, deleteDelayMs: 0 });
  });
  after(() => emulator.close());

  const patchMetadata = (id: string, body: unknown, token?: string) => call(emulator, 'PATCH', apiPath('/refresh-tokens/{id}', { id }), json(body, { token }));

  describe('PATCH /refresh-tokens/{id}', () => {
    it('replaces the whole metadata object; null and {} clear it; the change shows in every read', async () => {
      const [token] = emulator.refreshTokensOf(emulator.users.seven);
      const first = await patchMetadata(token.id, { refresh_token_metadata: { device_name: 'Laptop', owner: 'jane' } });
      assert.equal(first.status, 200);
      assert.deepEqual((first.body as RefreshToken).refresh_token_metadata, { device_name: 'Laptop', owner: 'jane' });
      const second = await patchMetadata(token.id, { refresh_token_metadata: { ticket: 'SUP-1' } });
      assert.deepEqual((second.body as RefreshToken).refresh_token_metadata, { ticket: 'SUP-1' }, 'replaced, not merged');
      const read = await call(emulator, 'GET', apiPath('/refresh-tokens/{id}', { id: token.id }));
      assert.deepEqual((read.body as RefreshToken).refresh_token_metadata, { ticket: 'SUP-1' });
      assert.equal((await patchMetadata(token.id, { refresh_token_metadata: null })).status, 200);
      assert.equal(emulator.refreshTokensOf(emulator.users.seven)[0].refresh_token_metadata, null);
      assert.deepEqual(((await patchMetadata(token.id, { refresh_token_metadata: {} })).body as RefreshToken).refresh_token_metadata, {});
    });

    it("enforces Auth0's limits: 25 keys, 255 characters, key characters, string values, no other property", async () => {
      const [token] = emulator.refreshTokensOf(emulator.users.one);
      const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key_${i}`, 'v']));
      const accepted: unknown[] = [keys(25), { ['k'.repeat(255)]: 'v'.repeat(255) }, { 'Device-Name_2': 'ok' }];
      for (const metadata of accepted) {
        assert.equal((await patchMetadata(token.id, { refresh_token_metadata: metadata })).status, 200, JSON.stringify(metadata).slice(0, 80));
      }
      const refused: unknown[] = [
        { refresh_token_metadata: keys(26) },
        { refresh_token_metadata: { ['k'.repeat(256)]: 'v' } },
        { refresh_token_metadata: { key: 'v'.repeat(256) } },
        { refresh_token_metadata: { 'device.name': 'v' } },
        { refresh_token_metadata: { 'dévice': 'v' } },
        { refresh_token_metadata: { count: 3 } },
        { refresh_token_metadata: ['a'] },
        { refresh_token_metadata: {}, rotating: false },
        {},
        ['refresh_token_metadata'],
      ];
      for (const body of refused) {
        const answer = await patchMetadata(token.id, body);
        assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
        assert.equal((answer.body as { errorCode: string }).errorCode, 'invalid_body');
      }
      assert.deepEqual(emulator.refreshTokensOf(emulator.users.one)[0].refresh_token_metadata, { 'Device-Name_2': 'ok' }, 'refused bodies change nothing');
    });

    it('needs update:refresh_tokens, and answers 404 for an unknown token', async () => {
      const [token] = emulator.refreshTokensOf(emulator.users.seven);
      assert.equal((await patchMetadata(token.id, { refresh_token_metadata: null }, emulator.readOnlyToken)).status, 403);
      assert.equal((await patchMetadata(token.id, { refresh_token_metadata: null }, emulator.mintToken({ scopes: ['update:refresh_tokens'] }))).status, 200);
      const missing = await patchMetadata('no-such-token', { refresh_token_metadata: null });
      assert.equal(missing.status, 404);
      assert.equal((missing.body as { errorCode: string }).errorCode, 'refresh_token_not_found');
    });
  });

  describe('GET /refresh-tokens (Early Access)', () => {
    const list = (query: Record<string, string>) => call(emulator, 'GET', '/api/v2/refresh-tokens', { query });

    it("pages a user's tokens sorted by credential id, with an opaque forward cursor", async () => {
      const userId = emulator.users.many;
      const expected = emulator.refreshTokensOf(userId).map((token) => token.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const seen: string[] = [];
      let from: string | undefined;
      let pages = 0;
      do {
        const answer = await list({ user_id: userId, take: '60', ...(from === undefined ? {} : { from }) });
        assert.equal(answer.status, 200);
        const page = answer.body as EarlyAccessPage;
        seen.push(...page.refresh_tokens.map((token) => token.id));
        from = page.next;
        pages++;
      } while (from !== undefined && pages < 20);
      assert.equal(pages, Math.ceil(expected.length / 60));
      assert.deepEqual(seen, expected);
      const defaults = (await list({ user_id: userId })).body as EarlyAccessPage;
      assert.equal(defaults.refresh_tokens.length, 50, 'take defaults to 50');
    });

    it('filters by client_id, and keeps or drops fields', async () => {
      const userId = emulator.users.many;
      const clientId = emulator.refreshTokensOf(userId)[0].client_id as string;
      const page = (await list({ user_id: userId, client_id: clientId, take: '100' })).body as EarlyAccessPage;
      const expected = emulator.refreshTokensOf(userId).filter((token) => token.client_id === clientId);
      assert.equal(page.refresh_tokens.length, Math.min(100, expected.length));
      assert.ok(page.refresh_tokens.every((token) => token.client_id === clientId));
      const slim = (await list({ user_id: userId, take: '2', fields: 'id,client_id', include_fields: 'true' })).body as EarlyAccessPage;
      assert.deepEqual(Object.keys(slim.refresh_tokens[0]).sort(), ['client_id', 'id']);
    });

    it('refuses a missing user_id, client_id alone, take outside 1..100 and a foreign cursor; 404 for an unknown user', async () => {
      for (const query of [{}, { client_id: emulator.clientId }, { user_id: emulator.users.seven, take: '101' }, { user_id: emulator.users.seven, take: '0' }, { user_id: emulator.users.seven, from: '!!' }] as Record<string, string>[]) {
        assert.equal((await list(query)).status, 400, JSON.stringify(query));
      }
      const missing = await list({ user_id: 'auth0|nobody' });
      assert.equal(missing.status, 404);
      assert.equal((missing.body as { errorCode: string }).errorCode, 'inexistent_user');
      assert.equal((await call(emulator, 'GET', '/api/v2/refresh-tokens', { query: { user_id: emulator.users.seven }, token: emulator.noRefreshTokenScopeToken })).status, 403);
    });
  });

  describe('POST /refresh-tokens/revoke (Early Access)', () => {
    const revoke = (body: unknown, token?: string) => call(emulator, 'POST', '/api/v2/refresh-tokens/revoke', json(body, { token }));
    const idsOf = (userId: string) => emulator.refreshTokensOf(userId).map((token) => token.id);

    it('revokes by ids (at most 100) after the delete delay, logging an srrt each', async () => {
      const userId = emulator.fanOutUsers[0];
      const [first, second, ...rest] = idsOf(userId);
      emulator.configure({ deleteDelayMs: 1500 }); // long enough to see the stale listing on a busy machine
      try {
        assert.equal((await revoke({ ids: [first, second, 'no-such-token'] })).status, 202);
        assert.deepEqual(idsOf(userId).slice(0, 2), [first, second], 'still listed right after the 202');
        await eventually(() => idsOf(userId).length === rest.length, 5000, 'the revocation applies');
      } finally {
        emulator.configure({ deleteDelayMs: 0 });
      }
      assert.deepEqual(idsOf(userId), rest);
      const logged = emulator.logsOf(userId).filter((event: LogEvent) => event.type === 'srrt').map((event) => event.details?.credential_id);
      assert.deepEqual(logged.sort(), [first, second].sort());
      assert.equal((await revoke({ ids: Array.from({ length: 101 }, (_, i) => `rt_${i}`) })).status, 400);
      assert.equal((await revoke({ ids: [] })).status, 400);
    });

    it('revokes by user_id, user_id+client_id and user_id+client_id+audience', async () => {
      const narrowest = emulator.fanOutUsers[10];
      const [target] = emulator.refreshTokensOf(narrowest);
      const audience = target.resource_servers?.[0]?.audience as string;
      const matching = emulator.refreshTokensOf(narrowest).filter(
        (token) => token.client_id === target.client_id && (token.resource_servers ?? []).some((server) => server.audience === audience),
      );
      assert.equal((await revoke({ user_id: narrowest, client_id: target.client_id, audience })).status, 202);
      await eventually(() => !idsOf(narrowest).includes(target.id), 5000, 'the audience revocation applies');
      assert.equal(idsOf(narrowest).length, 7 - matching.length);

      const byClient = emulator.fanOutUsers[11];
      const clientId = emulator.refreshTokensOf(byClient)[0].client_id as string;
      const others = emulator.refreshTokensOf(byClient).filter((token) => token.client_id !== clientId).map((token) => token.id);
      assert.equal((await revoke({ user_id: byClient, client_id: clientId })).status, 202);
      await eventually(() => idsOf(byClient).length === others.length, 5000, 'the application revocation applies');
      assert.deepEqual(idsOf(byClient), others);

      const everything = emulator.fanOutUsers[12];
      assert.equal((await revoke({ user_id: everything })).status, 202);
      await eventually(() => idsOf(everything).length === 0, 5000, 'the user revocation applies');
    });

    it('refuses client_id alone, audience without client_id, ids with anything else, unknown properties and no selection', async () => {
      const userId = emulator.fanOutUsers[13];
      const [id] = idsOf(userId);
      const refused: unknown[] = [
        { client_id: emulator.clientId },
        { client_id: emulator.clientId, audience: 'https://api.acme.example/' },
        { user_id: userId, audience: 'https://api.acme.example/' },
        { ids: [id], user_id: userId },
        { user_id: userId, scope: 'all' },
        { user_id: '' },
        {},
        [id],
      ];
      for (const body of refused) {
        const answer = await revoke(body);
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.equal((answer.body as { errorCode: string }).errorCode, 'invalid_body');
      }
      assert.equal((await revoke({ user_id: userId }, emulator.readOnlyToken)).status, 403);
      assert.equal(idsOf(userId).length, 7, 'nothing was revoked');
    });
  });

  describe('a tenant without the Early Access endpoints', () => {
    it('answers 404 (no errorCode) to the list and 403 to the bulk revocation, set at start or at runtime', async () => {
      const absent = await startEmulator({ seed: 16, earlyAccess: 'absent' });
      try {
        const listed = await call(absent, 'GET', '/api/v2/refresh-tokens', { query: { user_id: absent.users.seven } });
        assert.equal(listed.status, 404);
        assert.equal((listed.body as { errorCode?: string }).errorCode, undefined);
        const revoked = await call(absent, 'POST', '/api/v2/refresh-tokens/revoke', json({ user_id: absent.users.seven }, { token: absent.token }));
        assert.equal(revoked.status, 403);
        assert.equal((revoked.body as { errorCode: string }).errorCode, 'feature_not_enabled');
        assert.equal(absent.refreshTokensOf(absent.users.seven).length, 7);
        absent.configure({ earlyAccess: 'present' });
        assert.equal((await call(absent, 'GET', '/api/v2/refresh-tokens', { query: { user_id: absent.users.seven } })).status, 200);
      } finally {
        await absent.close();
      }
    });
  });

  describe('PATCH /users/{id}', () => {
    it('blocks a user (update:users), as GET /users and GET /users/{id} then show', async () => {
      const id = emulator.users.none;
      const path = apiPath('/users/{id}', { id });
      assert.equal((await call(emulator, 'PATCH', path, json({ blocked: true }, { token: emulator.readOnlyToken }))).status, 403);
      const answered = await call(emulator, 'PATCH', path, json({ blocked: true }, { token: emulator.mintToken({ scopes: ['update:users'] }) }));
      assert.equal(answered.status, 200);
      assert.equal((answered.body as User).blocked, true);
      assert.equal(((await call(emulator, 'GET', path)).body as User).blocked, true);
      const searched = (await call(emulator, 'GET', '/api/v2/users', { query: { q: `user_id:"${id}"`, search_engine: 'v3' } })).body as User[];
      assert.equal(searched[0].blocked, true);
      const unblocked = await call(emulator, 'PATCH', path, json({ blocked: false }));
      assert.equal((unblocked.body as User).blocked, false);
    });

    it('merges metadata, removes null fields, and refuses wrong types', async () => {
      const id = emulator.fanOutUsers[20];
      const path = apiPath('/users/{id}', { id });
      await call(emulator, 'PATCH', path, json({ app_metadata: { plan: 'pro', seats: 3 } }));
      const merged = await call(emulator, 'PATCH', path, json({ app_metadata: { seats: null, region: 'eu' }, nickname: null }));
      const user = merged.body as User;
      assert.equal(user.app_metadata?.plan, 'pro');
      assert.equal(user.app_metadata?.region, 'eu');
      assert.equal('seats' in (user.app_metadata ?? {}), false);
      assert.equal(user.nickname, undefined);
      for (const body of [{ blocked: 'true' }, { email: 42 }, { app_metadata: 'x' }, 'blocked']) {
        assert.equal((await call(emulator, 'PATCH', path, json(body))).status, 400, JSON.stringify(body));
      }
      assert.equal((await call(emulator, 'PATCH', path, { body: '{', headers: { 'content-type': 'application/json' } })).status, 400);
    });
  });
});
