// Shapes of the Auth0 Management API objects this extension reads.
// They follow `management-api-v2.subset.json`. Auth0 objects allow additional properties, and
// any field may be absent, so every field is optional and unknown fields are kept (the index
// signatures), never dropped: the details view shows them too.

/** A date as Auth0 returns it: usually an ISO string; the schema also allows an object. */
export type Auth0Date = string | Record<string, unknown>;

export interface RefreshTokenDevice {
  initial_ip?: string | null;
  initial_asn?: string | null;
  initial_user_agent?: string | null;
  last_ip?: string | null;
  last_asn?: string | null;
  last_user_agent?: string | null;
  [unknownField: string]: unknown;
}

export interface RefreshTokenResourceServer {
  audience?: string;
  /** One space-separated string, not an array. */
  scopes?: string;
  [unknownField: string]: unknown;
}

export interface RefreshToken {
  id: string;
  user_id?: string;
  created_at?: Auth0Date | null;
  idle_expires_at?: Auth0Date | null;
  expires_at?: Auth0Date | null;
  last_exchanged_at?: Auth0Date | null;
  device?: RefreshTokenDevice | null;
  client_id?: string;
  /** Null on tokens issued before late 2023. */
  session_id?: string | null;
  rotating?: boolean;
  resource_servers?: RefreshTokenResourceServer[];
  refresh_token_metadata?: Record<string, unknown> | null;
  [unknownField: string]: unknown;
}

export interface RefreshTokenPage {
  tokens: RefreshToken[];
  /** Opaque forward-only cursor; absent or empty on the last page. */
  next?: string;
}

export interface UserIdentity {
  connection?: string;
  user_id?: string;
  provider?: string;
  isSocial?: boolean;
  [unknownField: string]: unknown;
}

export interface User {
  user_id: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  nickname?: string;
  username?: string;
  picture?: string;
  created_at?: Auth0Date;
  updated_at?: Auth0Date;
  last_login?: Auth0Date;
  last_ip?: string;
  logins_count?: number;
  blocked?: boolean;
  identities?: UserIdentity[];
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  [unknownField: string]: unknown;
}

export interface Session {
  id: string;
  user_id?: string;
  created_at?: Auth0Date;
  updated_at?: Auth0Date;
  authenticated_at?: Auth0Date;
  idle_expires_at?: Auth0Date;
  expires_at?: Auth0Date;
  last_interacted_at?: Auth0Date;
  device?: Record<string, unknown>;
  clients?: { client_id?: string }[];
  [unknownField: string]: unknown;
}

export interface SessionPage {
  sessions: Session[];
  next?: string;
}

export interface ClientSummary {
  client_id: string;
  name?: string;
  [unknownField: string]: unknown;
}

/** Auth0's error body. */
export interface Auth0ErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  errorCode?: string;
}
