// Reading exp and scope from a pasted token, without verifying it, for early warnings.
import assert from 'node:assert/strict';
import { decodeManagementToken } from '../../../src/credentials/decodeManagementToken';
import { startEmulator, type RunningEmulator } from '../../emulator/index';

function jwtWith(payload: unknown): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}

describe('decodeManagementToken', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 31 });
  });
  after(() => emulator.close());

  it('reads exp, scope, aud and iss from a Management API token', () => {
    const token = emulator.mintToken({ scopes: ['read:users', 'read:refresh_tokens'], expiresInSeconds: 600 });
    const decoded = decodeManagementToken(token);
    assert.deepEqual(decoded.scopes, ['read:users', 'read:refresh_tokens']);
    assert.ok(decoded.expiresAt instanceof Date);
    const secondsLeft = (decoded.expiresAt.getTime() - Date.now()) / 1000;
    assert.ok(secondsLeft > 590 && secondsLeft <= 600, String(secondsLeft));
    assert.deepEqual(decoded.audiences, [`${emulator.url}/api/v2/`]);
    assert.equal(decoded.issuer, `${emulator.url}/`);
  });

  it('reads an expired token as expired', () => {
    const decoded = decodeManagementToken(emulator.expiredToken);
    assert.ok(decoded.expiresAt && decoded.expiresAt.getTime() < Date.now());
  });

  it('accepts a scope array and an audience array', () => {
    const decoded = decodeManagementToken(jwtWith({ exp: 2_000_000_000, scope: ['read:users'], aud: ['a', 'b', 3] }));
    assert.deepEqual(decoded, { expiresAt: new Date(2_000_000_000_000), scopes: ['read:users'], audiences: ['a', 'b'] });
  });

  it('yields nothing for tokens it cannot read, without throwing', () => {
    for (const token of ['', 'opaque-token', 'a.b', 'a.b.c.d', 'x.!!!.y', jwtWith('a string'), jwtWith([1, 2]), 'eyJ.bm90IGpzb24.x']) {
      assert.deepEqual(decodeManagementToken(token), {}, token);
    }
    assert.deepEqual(decodeManagementToken(jwtWith({ exp: 'tomorrow', scope: 42 })), {});
  });
});
