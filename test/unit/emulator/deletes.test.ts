// DELETEs answer 202 at once and apply after deleteDelayMs, as Auth0's background deletion does.
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, call, eventually, type TokenListPage } from './helpers';

describe('emulator deletions', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 6, deleteDelayMs: 1500 }) // long enough to observe the stale listing even on a busy machine;
  });
  after(() => emulator.close());

  const tokenIdsOf = async (userId: string) =>
    ((await call(emulator, 'GET', apiPath('/users/{user_id}/refresh-tokens', { user_id: userId }), { query: { take: '100' } })).body as TokenListPage).tokens.map(
      (token) => token.id,
    );

  it('DELETE /refresh-tokens/{id}: 202, still listed right after, gone once applied', async () => {
    const userId = emulator.fanOutUsers[3];
    const [victim, ...survivors] = await tokenIdsOf(userId);
    const answered = await call(emulator, 'DELETE', apiPath('/refresh-tokens/{id}', { id: victim }));
    assert.equal(answered.status, 202);
    assert.ok((await tokenIdsOf(userId)).includes(victim), 'eventually consistent: still listed');
    assert.equal((await call(emulator, 'GET', apiPath('/refresh-tokens/{id}', { id: victim }))).status, 200);
    await eventually(async () => !(await tokenIdsOf(userId)).includes(victim), 5000, 'the deletion applies');
    assert.deepEqual(await tokenIdsOf(userId), survivors);
    assert.equal((await call(emulator, 'GET', apiPath('/refresh-tokens/{id}', { id: victim }))).status, 404);
  });

  it('DELETE /users/{user_id}/refresh-tokens: 202, then every token that existed is gone', async () => {
    const userId = emulator.fanOutUsers[4];
    assert.equal((await call(emulator, 'DELETE', apiPath('/users/{user_id}/refresh-tokens', { user_id: userId }))).status, 202);
    assert.equal((await tokenIdsOf(userId)).length, 7);
    await eventually(async () => (await tokenIdsOf(userId)).length === 0, 5000, 'all tokens are deleted');
  });

  it('answers 202 for a token that does not exist', async () => {
    assert.equal((await call(emulator, 'DELETE', apiPath('/refresh-tokens/{id}', { id: 'no-such-token' }))).status, 202);
  });

  it('applies at once with deleteDelayMs 0 (configured at runtime)', async () => {
    emulator.configure({ deleteDelayMs: 0 });
    const userId = emulator.fanOutUsers[5];
    const [victim] = emulator.refreshTokensOf(userId);
    await call(emulator, 'DELETE', apiPath('/refresh-tokens/{id}', { id: victim.id }));
    await eventually(() => !emulator.refreshTokensOf(userId).some((token) => token.id === victim.id), 1000, 'the deletion applies');
  });

  it('removeRefreshToken and addRefreshToken act immediately', () => {
    const userId = emulator.users.one;
    const [only] = emulator.refreshTokensOf(userId);
    emulator.removeRefreshToken(only.id);
    assert.deepEqual(emulator.refreshTokensOf(userId), []);
    const issued = emulator.addRefreshToken(userId, { rotating: false, refresh_token_metadata: { device_name: 'Test rig' } });
    assert.equal(issued.user_id, userId);
    assert.equal(issued.rotating, false);
    assert.deepEqual(emulator.refreshTokensOf(userId), [issued]);
    assert.throws(() => emulator.addRefreshToken('auth0|nobody'), /no user/);
  });
});
