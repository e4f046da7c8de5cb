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
  /**
   * Null when no session is linked: tokens issued before late 2023, and later tokens issued by a
   * grant without a login session (recorded: created in 2024, null). A null says nothing about the date.
   */
  session_id?: string | null;
  rotating?: boolean;
  resource_servers?: RefreshTokenResourceServer[];
  refresh_token_metadata?: Record<string, unknown> | null;
  [unknownField: string]: unknown;
}

export interface RefreshTokenPage {
  tokens: RefreshToken[];
  /**
   * Opaque forward-only cursor. A real tenant sends it on every non-empty page, the last one
   * included, so it never proves there is more: `total` does (see paging/cursorPager.ts).
   */
  next?: string;
  /** With include_totals=true: the tokens from this page's start on (the user's count on the first page). */
  total?: number;
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
  /** Where the session started and was last used (SessionDevice below). */
  device?: SessionDevice;
  clients?: { client_id?: string; [unknownField: string]: unknown }[];
  authentication?: { methods?: SessionAuthenticationMethod[]; [unknownField: string]: unknown };
  cookie?: { mode?: 'non-persistent' | 'persistent' | string; [unknownField: string]: unknown };
  session_metadata?: Record<string, unknown> | null;
  [unknownField: string]: unknown;
}

export interface SessionPage {
  sessions: Session[];
  /** As RefreshTokenPage.next: present on the last non-empty page too. */
  next?: string;
  /** With include_totals=true, as RefreshTokenPage.total. */
  total?: number;
}

/**
 * `device` of an Auth0 session (GET /api/v2/sessions/{id}): where it started and was last used.
 * A session's `id` is the `session_id` of the refresh tokens issued in it and the `sid` claim
 * of its ID tokens.
 */
export interface SessionDevice {
  initial_user_agent?: string;
  initial_ip?: string | null;
  /** Auth0 reports the ASN as a string, e.g. "7922". */
  initial_asn?: string;
  last_user_agent?: string;
  last_ip?: string | null;
  last_asn?: string;
  [unknownField: string]: unknown;
}

export interface SessionAuthenticationMethod {
  /** e.g. "pwd", "federated", "passkey", "mfa". */
  name?: string;
  timestamp?: Auth0Date | null;
  type?: string;
  [unknownField: string]: unknown;
}

export interface ClientSummary {
  client_id: string;
  name?: string;
  [unknownField: string]: unknown;
}

/** `GET /api/v2/refresh-tokens?user_id=` (Early Access): sorted by credential id. */
export interface RefreshTokenListPage {
  refresh_tokens: RefreshToken[];
  /** Opaque forward-only cursor (valid about 24 h); may be present on the last page too. */
  next?: string;
}

/**
 * Tenant log event types this extension reads (log-events.subset.json):
 * `seacft` code exchanged (a refresh token may be issued), `sertft` refresh token exchanged,
 * `fertft` exchange failed, `ferrt` rotating refresh token exchange failed (reuse detected),
 * `srrt` refresh token revoked, `sapi` Management API write, `api_limit` rate limit reached.
 */
export type LogEventType = 'seacft' | 'sertft' | 'fertft' | 'ferrt' | 'srrt' | 'sapi' | 'api_limit';

/** Where Auth0 placed the request's IP address (LogLocationInfo). */
export interface LogLocationInfo {
  /** ISO 3166-1 alpha-2, e.g. "US". */
  country_code?: string;
  country_code3?: string;
  country_name?: string;
  city_name?: string;
  latitude?: number;
  longitude?: number;
  /** IANA zone, e.g. "America/Los_Angeles". */
  time_zone?: string;
  continent_code?: string;
  [unknownField: string]: unknown;
}

export interface LogEventDetails {
  /** The rotation family of the refresh token (sertft, ferrt). */
  familyId?: string;
  tokenCounter?: number;
  /** ferrt: the newest counter of the family; a lower `tokenCounter` means a reused token. */
  latestCounter?: number;
  /** Links an exchange to the refresh tokens of one session (sertft, fertft, seacft, srrt). */
  refresh_token?: { session_id?: string; access?: 'online' | 'offline'; [unknownField: string]: unknown };
  /** srrt: the id of the revoked refresh token. */
  credential_id?: string;
  /** srrt carries the session at the top of `details` too. */
  session_id?: string;
  /** fertft: session_not_found, grant_revoked, invalid_token. */
  failure_reason?: string;
  [unknownField: string]: unknown;
}

/**
 * One tenant log event (GET /api/v2/logs, GET /api/v2/users/{id}/logs). `user_agent` is
 * Auth0's summary of the agent ("Chrome 120.0.0 / Mac OS X 10.15.7"), not the raw header.
 * Every string in it comes from the tenant's users and is attacker-controlled. A real tenant
 * sends null (or "") for many fields the published schema types as strings or objects
 * (recorded: `connection`, `hostname`, `audience`, `scope`, `user_id`, `client_name`,
 * `details`, `location_info`), so each may be null here.
 */
export interface LogEvent {
  log_id?: string;
  /** Usually an ISO string. */
  date?: Auth0Date;
  type?: LogEventType | string;
  description?: string | null;
  client_id?: string | null;
  client_name?: string | null;
  user_id?: string | null;
  user_name?: string | null;
  ip?: string | null;
  hostname?: string | null;
  user_agent?: string | null;
  audience?: string | null;
  scope?: string | string[] | null;
  connection?: string | null;
  connection_id?: string | null;
  tenant_name?: string;
  environment_name?: string;
  location_info?: LogLocationInfo | null;
  details?: LogEventDetails | null;
  /** TLS fingerprints of the client (log-events.subset.json: "Could be undefined"). */
  security_context?: { ja3?: string; ja4?: string; [unknownField: string]: unknown };
  [unknownField: string]: unknown;
}

/** `include_totals=true` on the log endpoints. */
export interface LogPage {
  start?: number;
  limit?: number;
  length?: number;
  total?: number;
  logs: LogEvent[];
}

/** A background job (GET /api/v2/jobs/{id}); a users export has `location` once `completed`. */
export interface Job {
  id: string;
  /** "users_export", "users_import", "verification_email". */
  type: string;
  /** "pending", "processing", "completed", "failed". */
  status: string;
  created_at?: string;
  connection_id?: string;
  connection?: string;
  format?: 'json' | 'csv';
  /** A signed URL on ANOTHER host: download it without the Management API token. */
  location?: string;
  percentage_done?: number;
  time_left_seconds?: number;
  status_details?: string;
  fields?: UsersExportField[];
  [unknownField: string]: unknown;
}

/** A column of a users export: `name` is the user attribute, `export_as` its heading. */
export interface UsersExportField {
  name: string;
  export_as?: string;
}

/** Auth0's error body. */
export interface Auth0ErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  errorCode?: string;
}
