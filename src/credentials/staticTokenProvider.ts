// A token pasted from the Auth0 Dashboard's API Explorer. It cannot be renewed: when Auth0
// refuses it, the person has to paste a new one (or switch to client credentials).

import { cancelledError } from '../auth0/cancellation';
import { UnauthorizedError } from '../auth0/errors';
import { decodeManagementToken, type DecodedManagementToken } from './decodeManagementToken';
import { missingScopes, type ManagementTokenProvider, type TokenInfo } from '../auth0/tokenProvider';

/** Header-safe token characters: visible ASCII, no spaces. */
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

export class StaticTokenProvider implements ManagementTokenProvider {
  private readonly token: string;
  private readonly claims: DecodedManagementToken;

  /** Accepts the token with surrounding whitespace or a "Bearer " prefix, as people paste it. */
  constructor(pasted: string) {
    const token = pasted.trim().replace(/^bearer\s+/i, '');
    if (!TOKEN_CHARACTERS.test(token)) {
      // fetch would refuse it as a header value, with the value in its message.
      throw new UnauthorizedError(
        'invalid',
        token.length === 0
          ? 'The Management API token is empty. Paste the token from the API Explorer tab of the Auth0 Management API.'
          : 'The Management API token contains spaces or characters a token cannot have. Paste it again, in one piece.',
      );
    }
    this.token = token;
    this.claims = decodeManagementToken(token);
  }

  getToken(signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) {
      return Promise.reject(cancelledError());
    }
    return Promise.resolve(this.token);
  }

  /** Nothing to renew: the client reports the 401 to the person instead. */
  invalidate(): void {}

  describe(): TokenInfo {
    return { source: 'static', expiresAt: this.claims.expiresAt, scopes: this.claims.scopes, ...(this.claims.audiences ? { audiences: this.claims.audiences } : {}) };
  }

  /** The scopes in `required` the token's `scope` claim lacks; none when it has no readable claim. */
  missingScopes(required: readonly string[]): string[] {
    return missingScopes(this.describe(), required);
  }

  /** Whether the `exp` claim has passed; false when the token has none. */
  isExpired(now: Date = new Date()): boolean {
    return this.claims.expiresAt !== undefined && this.claims.expiresAt.getTime() <= now.getTime();
  }
}
