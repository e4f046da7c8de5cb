// POST /oauth/token: the client credentials grant, and the password grant for the one test
// application (the live suite's stand-in writes need refresh tokens a login issued). Errors use
// the Authentication API's OAuth body ({error, error_description}), not the Management API's:
// Auth0 answers a wrong secret with 401 access_denied "Unauthorized".
import { FULL_SCOPES, type TokenAuthority } from '../auth';
import { randomBytes } from 'node:crypto';
import type { EmulatorResponse } from '../errors';

export interface OAuthTokenContext {
  authority: TokenAuthority;
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  /** The application that may use the password grant, and its one user. */
  passwordGrant?: PasswordGrantContext;
}

export interface PasswordGrantContext {
  clientId: string;
  clientSecret: string;
  /** The user id for a username (email) and password, or undefined when they do not match. */
  login(username: string, password: string): string | undefined;
  /** Appends a refresh token of the user for the application, as a login with offline_access does. */
  issueRefreshToken(userId: string, clientId: string): void;
}

const KNOWN_GRANT_TYPES = new Set([
  'authorization_code',
  'refresh_token',
  'password',
  'http://auth0.com/oauth/grant-type/password-realm',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:token-exchange',
]);

function oauthError(status: number, error: string, description: string): EmulatorResponse {
  return { status, json: { error, error_description: description } };
}

/** Reads a JSON or form body (Auth0 accepts both), falling back on whichever parses. */
export function parseTokenRequestBody(body: string, contentType: string | undefined): Record<string, string> | undefined {
  const asForm = () => Object.fromEntries(new URLSearchParams(body));
  const asJson = (): Record<string, string> | undefined => {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return undefined;
      }
      return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
    } catch {
      return undefined;
    }
  };
  if (contentType?.includes('application/json')) {
    return asJson();
  }
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return asForm();
  }
  return asJson() ?? asForm();
}

/** client_secret_basic: `Authorization: Basic base64(client_id:client_secret)`. */
function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) {
    return undefined;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

export function exchangeToken(
  body: string,
  contentType: string | undefined,
  authorization: string | undefined,
  ctx: OAuthTokenContext,
): EmulatorResponse {
  const params = parseTokenRequestBody(body, contentType);
  if (params === undefined) {
    return oauthError(400, 'invalid_request', 'The request body is not valid JSON or form data');
  }
  if (params.grant_type === undefined) {
    return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
  }
  if (params.grant_type === 'password' && ctx.passwordGrant !== undefined && params.client_id === ctx.passwordGrant.clientId) {
    return passwordGrant(params, ctx, ctx.passwordGrant);
  }
  if (params.grant_type !== 'client_credentials') {
    // A grant Auth0 knows but this M2M application may not use, versus one nobody knows.
    return KNOWN_GRANT_TYPES.has(params.grant_type)
      ? oauthError(403, 'unauthorized_client', `Grant type '${params.grant_type}' not allowed for the client.`)
      : oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${params.grant_type}`);
  }
  const basic = basicCredentials(authorization);
  const clientId = params.client_id ?? basic?.id;
  const clientSecret = params.client_secret ?? basic?.secret;
  if (clientId !== ctx.clientId || clientSecret !== ctx.clientSecret) {
    return oauthError(401, 'access_denied', 'Unauthorized');
  }
  if (params.audience === undefined || params.audience === '') {
    return oauthError(403, 'access_denied', 'No audience parameter was provided, and no default audience has been configured');
  }
  if (!ctx.authority.acceptedAudiences.includes(params.audience)) {
    return oauthError(403, 'access_denied', `Service not enabled within domain: ${params.audience}`);
  }
  const scope = FULL_SCOPES.join(' ');
  return {
    status: 200,
    json: { access_token: ctx.authority.mint(FULL_SCOPES, ctx.tokenTtlSeconds), scope, expires_in: ctx.tokenTtlSeconds, token_type: 'Bearer' },
  };
}

/**
 * The Resource Owner Password grant of the test application: the right secret, username and
 * password issue an access token, an ID token with `openid` and a refresh token with
 * `offline_access` (appended to the user's refresh tokens, as a real login would).
 */
function passwordGrant(params: Record<string, string>, ctx: OAuthTokenContext, grant: PasswordGrantContext): EmulatorResponse {
  if (params.client_secret !== grant.clientSecret) {
    return oauthError(401, 'access_denied', 'Unauthorized');
  }
  const userId = grant.login(params.username ?? '', params.password ?? '');
  if (userId === undefined) {
    return oauthError(403, 'invalid_grant', 'Wrong email or password.');
  }
  const scopes = (params.scope ?? '').split(/\s+/).filter((scope) => scope !== '');
  if (scopes.includes('offline_access')) {
    grant.issueRefreshToken(userId, grant.clientId);
  }
  return {
    status: 200,
    json: {
      access_token: ctx.authority.mintUserToken(userId, grant.clientId, ctx.tokenTtlSeconds),
      ...(scopes.includes('openid') ? { id_token: ctx.authority.mintUserToken(userId, grant.clientId, ctx.tokenTtlSeconds) } : {}),
      ...(scopes.includes('offline_access') ? { refresh_token: `v1.${randomBytes(32).toString('base64url')}` } : {}),
      scope: scopes.join(' '),
      expires_in: ctx.tokenTtlSeconds,
      token_type: 'Bearer',
    },
  };
}
