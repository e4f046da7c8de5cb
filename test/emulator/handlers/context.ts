import type { CursorPagingProfile } from '../cursorPaging';
import type { TenantStore } from '../data/store';
import type { Caller } from '../data/logs';
import type { UsersExports } from '../exports';

/** What every Management API handler can use. */
export interface HandlerContext {
  store: TenantStore;
  /** The tenant name shown in client objects. */
  tenantName: string;
  /** Auth0 applies deletions and revocations in the background after answering 202: run `apply` later. */
  deferDeletion(apply: () => void): void;
  /** Who sent this request (its address and User-Agent), for the log events it causes. */
  caller: Caller;
  /** Days of log events the tenant keeps; older ones are not returned. */
  logRetentionDays: number;
  exports: UsersExports;
  /** How cursor listings answer (see cursorPaging.ts); 'auth0' is the recorded real shape. */
  cursorPaging: CursorPagingProfile;
}

export interface ApiCall {
  /** Decoded path parameters, e.g. { user_id: 'samlp|acme/corp|jane' }. */
  params: Record<string, string>;
  query: Record<string, string>;
  /** The parsed JSON body of a POST or PATCH; undefined when none was sent. */
  body?: unknown;
  /** The scopes of the caller's token (some operations answer less to fewer scopes). */
  scopes: ReadonlySet<string>;
}
