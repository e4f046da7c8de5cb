// Reads a Management API token's `exp` and `scope` claims without verifying its signature: only
// to warn early ("expires in 5 min", "lacks read:refresh_tokens"). Auth0 still decides on every
// request. Anything that is not a readable JWT (an opaque token) simply yields no claims.

export interface DecodedManagementToken {
  expiresAt?: Date;
  scopes?: string[];
  /** The `aud` claim; a token for another tenant shows a different audience. */
  audiences?: string[];
  issuer?: string;
}

export function decodeManagementToken(token: string): DecodedManagementToken {
  const payload = readJwtPayload(token);
  if (!payload) {
    return {};
  }
  const decoded: DecodedManagementToken = {};
  if (typeof payload.exp === 'number' && Number.isFinite(payload.exp)) {
    decoded.expiresAt = new Date(payload.exp * 1000);
  }
  // Management API tokens carry a space-separated `scope`; some tokens use an array instead.
  if (typeof payload.scope === 'string') {
    decoded.scopes = payload.scope.split(/\s+/).filter((scope) => scope.length > 0);
  } else if (Array.isArray(payload.scope) && payload.scope.every((scope) => typeof scope === 'string')) {
    decoded.scopes = [...(payload.scope as string[])];
  }
  if (typeof payload.aud === 'string') {
    decoded.audiences = [payload.aud];
  } else if (Array.isArray(payload.aud)) {
    decoded.audiences = payload.aud.filter((aud): aud is string => typeof aud === 'string');
  }
  if (typeof payload.iss === 'string') {
    decoded.issuer = payload.iss;
  }
  return decoded;
}

function readJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
