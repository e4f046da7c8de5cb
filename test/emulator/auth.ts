// Management API bearer tokens: minting (for the emulator's own tokens and POST /oauth/token)
// and checking them on every /api/v2 request, with Auth0's 401 and 403 bodies.
import { randomBytes } from 'node:crypto';
import { errors, type EmulatorResponse } from './errors';
import { scopesOf, signJwt, verifyJwt, type ManagementTokenClaims } from './jwt';

export const FULL_SCOPES = [
  'read:users',
  'update:users',
  'read:refresh_tokens',
  'delete:refresh_tokens',
  'update:refresh_tokens',
  'read:sessions',
  'delete:sessions',
  'read:logs',
  'read:logs_users',
  'read:clients',
] as const;
export const READ_ONLY_SCOPES = FULL_SCOPES.filter((scope) => scope.startsWith('read:'));
export const NO_REFRESH_TOKEN_SCOPES = ['read:users', 'read:clients'];

export type BearerCheck = { ok: true; claims: ManagementTokenClaims } | { ok: false; response: EmulatorResponse };

export class TokenAuthority {
  /** Per emulator: a token minted by one emulator is garbage to another. */
  private readonly secret = randomBytes(32);
  private readonly keyId = randomBytes(8).toString('hex');

  constructor(
    private readonly baseUrl: string,
    private readonly domain: string,
    private readonly clientId: string,
  ) {}

  get audience(): string {
    return `${this.baseUrl}/api/v2/`;
  }

  /** Audiences accepted on requests: the emulator's URL, or https://{domain}/api/v2/ as a client builds it for a real tenant. */
  get acceptedAudiences(): string[] {
    return [this.audience, `https://${this.domain}/api/v2/`];
  }

  mint(scopes: readonly string[], expiresInSeconds: number): string {
    const now = Math.floor(Date.now() / 1000);
    // An already-expired token was issued a day before it expired, as a stale real one would be.
    const iat = expiresInSeconds > 0 ? now : now + expiresInSeconds - 86_400;
    const claims: ManagementTokenClaims = {
      iss: `${this.baseUrl}/`,
      sub: `${this.clientId}@clients`,
      aud: this.audience,
      iat,
      exp: now + expiresInSeconds,
      scope: scopes.join(' '),
      gty: 'client-credentials',
      azp: this.clientId,
    };
    return signJwt(claims, this.secret, this.keyId);
  }

  /** A token about a user (an ID or access token of a login), for `clientId`; no Management API scope. */
  mintUserToken(userId: string, clientId: string, expiresInSeconds: number): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt({ iss: `${this.baseUrl}/`, sub: userId, aud: clientId, iat: now, exp: now + expiresInSeconds, scope: 'openid', gty: 'password', azp: clientId }, this.secret, this.keyId);
  }

  /** Checks `Authorization: Bearer <jwt>` and that it carries any one of `anyOfScopes`. */
  check(authorization: string | undefined, anyOfScopes: readonly string[]): BearerCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) {
      return { ok: false, response: errors.invalidToken() };
    }
    const result = verifyJwt(match[1], this.secret, this.acceptedAudiences, Math.floor(Date.now() / 1000));
    if (!result.ok) {
      switch (result.problem) {
        case 'expired':
          return { ok: false, response: errors.expiredToken() };
        case 'bad-signature':
          return { ok: false, response: errors.badSignature() };
        case 'bad-audience':
          return { ok: false, response: errors.badAudience(result.audience ?? '') };
        case 'malformed':
          return { ok: false, response: errors.invalidToken() };
      }
    }
    const granted = scopesOf(result.claims);
    if (!anyOfScopes.some((scope) => granted.has(scope))) {
      return { ok: false, response: errors.insufficientScope(anyOfScopes) };
    }
    return { ok: true, claims: result.claims };
  }
}
