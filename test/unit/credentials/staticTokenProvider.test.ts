// A pasted token: served as is, described from its claims, never renewed.
import assert from 'node:assert/strict';
import { UnauthorizedError, isManagementApiError } from '../../../src/auth0/errors';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { SCOPES, missingScopes } from '../../../src/auth0/tokenProvider';
import { startEmulator, type RunningEmulator } from '../../emulator/index';

describe('StaticTokenProvider', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 32 });
  });
  after(() => emulator.close());

  it('serves the token as pasted, without surrounding whitespace or a "Bearer " prefix', async () => {
    assert.equal(await new StaticTokenProvider(`  ${emulator.token}\n`).getToken(), emulator.token);
    assert.equal(await new StaticTokenProvider(`Bearer ${emulator.token}`).getToken(), emulator.token);
  });

  it('describes expiry and scopes, and names the scopes it lacks', () => {
    const provider = new StaticTokenProvider(emulator.noRefreshTokenScopeToken);
    const info = provider.describe();
    assert.equal(info.source, 'static');
    assert.ok(info.expiresAt && info.expiresAt.getTime() > Date.now());
    assert.deepEqual(provider.missingScopes([SCOPES.readUsers, SCOPES.readRefreshTokens, SCOPES.deleteRefreshTokens]), [
      'read:refresh_tokens',
      'delete:refresh_tokens',
    ]);
    assert.equal(provider.isExpired(), false);
    assert.equal(new StaticTokenProvider(emulator.expiredToken).isExpired(), true);
  });

  it('assumes nothing is missing for an opaque token', () => {
    const provider = new StaticTokenProvider('opaque-token-value');
    assert.deepEqual(provider.describe(), { source: 'static', expiresAt: undefined, scopes: undefined });
    assert.deepEqual(provider.missingScopes(['read:users']), []);
    assert.deepEqual(missingScopes({ source: 'static', scopes: [] }, ['read:users']), ['read:users']);
  });

  it('refuses an empty token or one broken across lines, without echoing it', () => {
    assert.throws(() => new StaticTokenProvider('   '), (error: unknown) => error instanceof UnauthorizedError && /empty/.test(error.message));
    const broken = `${emulator.token.slice(0, 40)}\n${emulator.token.slice(40)}`;
    assert.throws(
      () => new StaticTokenProvider(broken),
      (error: unknown) => error instanceof UnauthorizedError && !error.message.includes(emulator.token.slice(0, 40)),
    );
  });

  it('rejects with a cancelled error when the signal has aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(new StaticTokenProvider(emulator.token).getToken(controller.signal), (error: unknown) => isManagementApiError(error, 'cancelled'));
  });
});
