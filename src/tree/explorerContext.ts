// What the nodes need from the rest of the extension; the provider supplies it.
import type { ListingSettings } from '../tenants/tenantSettings';
import type { ExplorerNode } from './nodes/explorerNode';

export interface ExplorerContext {
  /** Redraws `node`'s row and children (the whole tree when undefined). */
  refresh(node?: ExplorerNode): void;
  listing(): ListingSettings;
  /** Tokens this extension revoked; Auth0 may still list them for a while. */
  readonly revokedTokenIds: Set<string>;
  now(): Date;
}
