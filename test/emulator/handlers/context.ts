import type { TenantStore } from '../data/store';

/** What every Management API handler can use. */
export interface HandlerContext {
  store: TenantStore;
  /** The tenant name shown in client objects. */
  tenantName: string;
  /** Auth0 applies deletions in the background after answering 202: run `apply` later. */
  deferDeletion(apply: () => void): void;
}

export interface ApiCall {
  /** Decoded path parameters, e.g. { user_id: 'samlp|acme/corp|jane' }. */
  params: Record<string, string>;
  query: Record<string, string>;
}
