// The Management API routes the emulator serves, with the scopes each one needs (any one of
// them, as Auth0 checks) and whether it belongs to the Enterprise-only refresh-token feature.
import type { EmulatorResponse } from './errors';
import type { ApiCall, HandlerContext } from './handlers/context';
import { getClient } from './handlers/clients';
import { deleteRefreshToken, deleteUserRefreshTokens, getRefreshToken, listUserRefreshTokens } from './handlers/refreshTokens';
import { listUserSessions } from './handlers/sessions';
import { getUser, listUsers, usersByEmail } from './handlers/users';

export interface Route {
  method: 'GET' | 'DELETE';
  /** Segments after /api/v2; ':name' matches one (decoded) segment. */
  pattern: readonly string[];
  anyOfScopes: readonly string[];
  refreshTokenFeature: boolean;
  handle(call: ApiCall, ctx: HandlerContext): EmulatorResponse;
}

const route = (
  method: Route['method'],
  path: string,
  anyOfScopes: readonly string[],
  handle: Route['handle'],
  refreshTokenFeature = false,
): Route => ({ method, pattern: path.split('/').filter(Boolean), anyOfScopes, handle, refreshTokenFeature });

export const ROUTES: readonly Route[] = [
  route('GET', 'users', ['read:users'], listUsers),
  route('GET', 'users/:id', ['read:users'], getUser),
  route('GET', 'users-by-email', ['read:users'], usersByEmail),
  route('GET', 'users/:user_id/refresh-tokens', ['read:refresh_tokens'], listUserRefreshTokens, true),
  route('DELETE', 'users/:user_id/refresh-tokens', ['delete:refresh_tokens'], deleteUserRefreshTokens, true),
  route('GET', 'refresh-tokens/:id', ['read:refresh_tokens'], getRefreshToken, true),
  route('DELETE', 'refresh-tokens/:id', ['delete:refresh_tokens'], deleteRefreshToken, true),
  route('GET', 'users/:user_id/sessions', ['read:sessions'], listUserSessions),
  route('GET', 'clients/:id', ['read:clients', 'read:client_summary'], getClient),
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
