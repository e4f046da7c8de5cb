// The Management API routes the emulator serves, with the scopes each one needs (any one of
// them, as Auth0 checks; or all of them for the few operations that need several) and the
// feature it belongs to: the refresh-token and session endpoints are missing from some plans,
// and the Early Access ones from tenants that were not given them.
import type { EmulatorResponse } from './errors';
import { errors } from './errors';
import type { ApiCall, HandlerContext } from './handlers/context';
import { getClient, listClients } from './handlers/clients';
import { createUsersExport, getJob } from './handlers/jobs';
import { getLog, listLogs, listUserLogs } from './handlers/logs';
import {
  deleteRefreshToken,
  deleteUserRefreshTokens,
  getRefreshToken,
  listRefreshTokensEarlyAccess,
  listUserRefreshTokens,
  patchRefreshToken,
  revokeRefreshTokensEarlyAccess,
} from './handlers/refreshTokens';
import { deleteSession, deleteUserSessions, getSession, listUserSessions, revokeSession } from './handlers/sessions';
import { getUser, listUsers, patchUser, usersByEmail } from './handlers/users';

export type RouteFeature = 'refresh-tokens' | 'sessions';

export interface Route {
  method: 'GET' | 'DELETE' | 'POST' | 'PATCH';
  /** Segments after /api/v2; ':name' matches one (decoded) segment. */
  pattern: readonly string[];
  anyOfScopes: readonly string[];
  /** Scopes the token must ALL carry, on top of one of anyOfScopes. */
  allOfScopes?: readonly string[];
  feature?: RouteFeature;
  /**
   * Early Access: what a tenant without it answers. The spec documents a 404 for the list (so
   * it answers like a route the tenant does not have) and only a 403 for the bulk revocation.
   */
  earlyAccessAbsent?: () => EmulatorResponse;
  handle(call: ApiCall, ctx: HandlerContext): EmulatorResponse;
}

const route = (
  method: Route['method'],
  path: string,
  anyOfScopes: readonly string[],
  handle: Route['handle'],
  extra: Pick<Route, 'allOfScopes' | 'feature' | 'earlyAccessAbsent'> = {},
): Route => ({ method, pattern: path.split('/').filter(Boolean), anyOfScopes, handle, ...extra });

const REFRESH_TOKENS = { feature: 'refresh-tokens' } as const;
const SESSIONS = { feature: 'sessions' } as const;
const LOG_SCOPES = ['read:logs', 'read:logs_users'];

export const ROUTES: readonly Route[] = [
  route('GET', 'users', ['read:users'], listUsers),
  route('GET', 'users/:id', ['read:users'], getUser),
  route('PATCH', 'users/:id', ['update:users'], patchUser),
  route('GET', 'users-by-email', ['read:users'], usersByEmail),
  route('GET', 'users/:user_id/refresh-tokens', ['read:refresh_tokens'], listUserRefreshTokens, REFRESH_TOKENS),
  route('DELETE', 'users/:user_id/refresh-tokens', ['delete:refresh_tokens'], deleteUserRefreshTokens, REFRESH_TOKENS),
  route('GET', 'refresh-tokens', ['read:refresh_tokens'], listRefreshTokensEarlyAccess, { ...REFRESH_TOKENS, earlyAccessAbsent: errors.routeNotFound }),
  route('POST', 'refresh-tokens/revoke', ['delete:refresh_tokens'], revokeRefreshTokensEarlyAccess, { ...REFRESH_TOKENS, earlyAccessAbsent: errors.featureNotEnabled }),
  route('GET', 'refresh-tokens/:id', ['read:refresh_tokens'], getRefreshToken, REFRESH_TOKENS),
  route('PATCH', 'refresh-tokens/:id', ['update:refresh_tokens'], patchRefreshToken, REFRESH_TOKENS),
  route('DELETE', 'refresh-tokens/:id', ['delete:refresh_tokens'], deleteRefreshToken, REFRESH_TOKENS),
  route('GET', 'users/:user_id/sessions', ['read:sessions'], listUserSessions, SESSIONS),
  route('DELETE', 'users/:user_id/sessions', ['delete:sessions'], deleteUserSessions, SESSIONS),
  route('GET', 'sessions/:id', ['read:sessions'], getSession, SESSIONS),
  route('DELETE', 'sessions/:id', ['delete:sessions'], deleteSession, SESSIONS),
  route('POST', 'sessions/:id/revoke', ['delete:sessions'], revokeSession, { ...SESSIONS, allOfScopes: ['delete:sessions', 'delete:refresh_tokens'] }),
  route('GET', 'users/:id/logs', LOG_SCOPES, listUserLogs),
  route('GET', 'logs', LOG_SCOPES, listLogs),
  route('GET', 'logs/:id', LOG_SCOPES, getLog),
  route('POST', 'jobs/users-exports', ['read:users'], createUsersExport),
  route('GET', 'jobs/:id', ['create:users', 'read:users'], getJob),
  route('GET', 'clients/:id', ['read:clients', 'read:client_summary'], getClient),
  // The scopes Auth0's 403 names for the list (read:client_credentials is not among them).
  route('GET', 'clients', ['read:clients', 'read:client_keys', 'read:client_summary'], listClients),
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** `segments` are the decoded segments after /api/v2. */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method || candidate.pattern.length !== segments.length) {
      continue;
    }
    const params: Record<string, string> = {};
    const matches = candidate.pattern.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = segments[i];
        return segments[i] !== '';
      }
      return part === segments[i];
    });
    if (matches) {
      return { route: candidate, params };
    }
  }
  return undefined;
}
