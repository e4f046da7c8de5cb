// HS256 JWTs for Management API tokens. Real Auth0 signs with RS256; the emulator only needs
// tokens that a client can decode (exp, scope) exactly like a real one, and that it can verify.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ManagementTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  /** Space-separated, as Auth0 puts it in the `scope` claim. */
  scope: string;
  gty: string;
  azp: string;
}

export type TokenCheck =
  | { ok: true; claims: ManagementTokenClaims }
  | { ok: false; problem: 'malformed' | 'bad-signature' | 'expired' | 'bad-audience'; audience?: string };

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

function hmac(secret: Buffer, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function signJwt(claims: ManagementTokenClaims, secret: Buffer, keyId: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: keyId }));
  const payload = base64url(JSON.stringify(claims));
  const signature = hmac(secret, `${header}.${payload}`).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

export function verifyJwt(
  token: string,
  secret: Buffer,
  acceptedAudiences: readonly string[],
  nowSeconds: number,
): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return { ok: false, problem: 'malformed' };
  }
  const [header, payload, signature] = parts;
  let claims: ManagementTokenClaims;
  try {
    const decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (decodedHeader.alg !== 'HS256') {
      return { ok: false, problem: 'malformed' };
    }
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ManagementTokenClaims;
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const expected = hmac(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, problem: 'bad-signature' };
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) {
    return { ok: false, problem: 'expired' };
  }
  if (!acceptedAudiences.includes(claims.aud)) {
    return { ok: false, problem: 'bad-audience', audience: String(claims.aud) };
  }
  return { ok: true, claims };
}

export function scopesOf(claims: ManagementTokenClaims): Set<string> {
  return new Set(typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : []);
}
