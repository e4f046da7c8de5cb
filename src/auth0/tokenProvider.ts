// Where the client gets its Management API token. The client asks for a token per request,
// reports a token Auth0 refused (invalidate) and shows what it knows about the token (describe)
// so the UI can warn before a call fails. Providers never put a token in a message or log.
// The contract lives with the client that consumes it: credentials/ implements it, and auth0/
// never depends on credentials/.

export interface TokenInfo {
  source: 'static' | 'client-credentials';
  /** From the JWT `exp` claim or the token response's `expires_in`; absent when unknown. */
  expiresAt?: Date;
  /** Granted scopes; absent when unknown (an opaque token). */
  scopes?: string[];
  /** The application, for client credentials. */
  clientId?: string;
  /** A pasted token's `aud` claim: its Management API's URL names the tenant's canonical domain. */
  audiences?: string[];
}

export interface ManagementTokenProvider {
  /** A token to send now; may fetch or renew one. Rejects with a ManagementApiError. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Auth0 refused `token` (401): drop it so the next getToken renews if the provider can. */
  invalidate(token: string): void;
  describe(): TokenInfo;
}

/** The scopes in `required` that `info` shows the token lacks; none when its scopes are unknown. */
export function missingScopes(info: TokenInfo, required: readonly string[]): string[] {
  if (info.scopes === undefined) {
    return [];
  }
  const granted = new Set(info.scopes);
  return required.filter((scope) => !granted.has(scope));
}

/** The scopes the extension's features use, for early warnings. */
export const SCOPES = {
  readUsers: 'read:users',
  readRefreshTokens: 'read:refresh_tokens',
  deleteRefreshTokens: 'delete:refresh_tokens',
  readSessions: 'read:sessions',
  readClients: 'read:clients',
} as const;
