// What a row (or a Quick Pick item, or a restored panel) offers to the commands that act on it:
// plain data plus the tenant's model, so a command never needs to know which view it came from.
import type { RefreshToken, User } from '../auth0/types';
import type { TenantModel } from '../model/tenantModel';
import type { TenantConnection } from './tenantConnection';

export interface TenantTarget {
  kind: 'tenant';
  connection: TenantConnection;
}

export interface UserTarget {
  kind: 'user';
  connection: TenantConnection;
  model: TenantModel;
  user: User;
  /** The user's refresh tokens loaded so far, in Auth0's order. */
  loadedTokens: readonly RefreshToken[];
}

export interface TokenTarget {
  kind: 'token';
  connection: TenantConnection;
  model: TenantModel;
  token: RefreshToken;
  /** How to name the token's user ("jane@example.com"), when known. */
  userLabel?: string;
  /** The user's refresh tokens as listed where the token was found (for findings that compare them). */
  userTokens?: readonly RefreshToken[];
}

export type NodeTarget = TenantTarget | UserTarget | TokenTarget;
