// What the nodes need from the view; the provider supplies it. State about tenants (what is
// revoked, application names) is not here: it lives in each tenant's model.
import type { ListingSettings } from '../../tenants/tenantSettings';
import type { ExplorerNode } from './nodes/explorerNode';

export interface ExplorerContext {
  /** Redraws `node`'s row and children (the whole tree when undefined). */
  redraw(node?: ExplorerNode): void;
  listing(): ListingSettings;
  now(): Date;
  /** "Flagged Only" (a view-title toggle): token rows without a finding are hidden. */
  flaggedOnly(): boolean;
  /** Whether the token was opened by id since "Flagged Only" was switched on: its row stays shown. */
  keptInView(domain: string, tokenId: string): boolean;
}
