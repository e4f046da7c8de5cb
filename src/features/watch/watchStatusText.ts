// The status line a person reads in the status bar and the feed's header ("Watching acme-prod · 6
// alerts · 3 s behind"). Its count is the alerts kept for the tenant (watchStores.ts' AlertStore):
// what the feed lists, Export writes and a reload keeps. The core's own status text counts what
// the running TenantWatch raised since it started (what the command line reports), which after a
// reload says 0 while the feed lists the kept alerts. No vscode import: tested in plain Node.
import { describeTailState } from './core/logTail';
import type { WatchStatus } from './core/tenantWatch';

/** "1 alert", "6 alerts", "1,000 alerts". */
export function alertCountText(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'alert' : 'alerts'}`;
}

/** "Watching acme-prod · 6 alerts · 3 s behind" for `status`, counting `kept` alerts. */
export function watchStatusText(status: Pick<WatchStatus, 'state' | 'behindMs' | 'error' | 'shortfall'>, label: string, kept: number): string {
  return `${status.state === 'stopped' ? 'Watched' : 'Watching'} ${label} · ${alertCountText(kept)} · ${describeTailState(status)}`;
}
