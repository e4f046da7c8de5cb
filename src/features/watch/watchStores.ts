// The watch's state in the extension's global state (a Memento), so a reload keeps it: the
// checkpoint (through the core's WatchCheckpointStore, so the watch resumes where it stopped:
// no event judged twice, none skipped inside retention), the alerts the feed shows (the newest
// MAX_FEED_ALERTS, deduplicated by id, since a page in flight at a crash is read again), and the
// watch that was running (so activation resumes it). Keys are per tenant (lower-cased domain).
import { parseWatchCheckpoint, type WatchCheckpoint, type WatchCheckpointStore } from './core/watchCheckpoint';
import { WATCH_ALERT_KINDS, type WatchAlert } from './core/watchAlert';
import { MAX_FEED_ALERTS } from './feed/protocol';

/** The part of vscode.Memento the stores use (no vscode import: the stores are tested in plain Node too). */
export interface StateMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const PREFIX = 'auth0TokenInspector.watch';
const key = (kind: string, tenant: string) => `${PREFIX}.${kind}:${tenant.toLowerCase()}`;

/** What the last watch was narrowed to, kept to resume it after a reload. */
export interface RunningWatch {
  tenant: string;
  userIds?: string[];
  clientIds?: string[];
  scope?: string;
  /** The watch list: addresses, CIDR ranges and ASNs as formatNetworkMatcher writes them ("203.0.113.0/24", "AS7922"). */
  networks?: string[];
}

export const RUNNING_WATCH_KEY = `${PREFIX}.running`;

/**
 * The checkpoint in global state. `beforeSave(tenant)` runs first (the controller writes the
 * tenant's new alerts there), so a checkpoint is never ahead of the alerts kept: a crash between
 * the two repeats a page, it never loses an alert.
 */
export function mementoCheckpointStore(memento: StateMemento, beforeSave: (tenant: string) => Promise<void> = async () => undefined): WatchCheckpointStore {
  return {
    async load(tenant) {
      const value = memento.get<unknown>(key('checkpoint', tenant));
      return value === undefined ? undefined : parseWatchCheckpoint(value, `The watch checkpoint of ${tenant}`, 'Run "Auth0: Watch Tenant…" to start a watch from now: it replaces the damaged checkpoint.');
    },
    async save(checkpoint: WatchCheckpoint) {
      await beforeSave(checkpoint.tenant);
      await memento.update(key('checkpoint', checkpoint.tenant), checkpoint);
    },
  };
}

/**
 * The alerts kept for a tenant, oldest first. Writing them serialises all of them (up to
 * MAX_FEED_ALERTS, about 1.5 MB), so save() writes only when one was added since the last write,
 * and the controller calls it once per page, before the checkpoint (mementoCheckpointStore).
 */
export class AlertStore {
  private readonly alerts: WatchAlert[];
  private readonly ids: Set<string>;
  private unsaved = false;

  constructor(private readonly memento: StateMemento, readonly tenant: string) {
    const saved = memento.get<unknown>(key('alerts', tenant));
    this.alerts = Array.isArray(saved) ? saved.filter(isStoredAlert).slice(-MAX_FEED_ALERTS) : [];
    this.ids = new Set(this.alerts.map((alert) => alert.id));
  }

  all(): readonly WatchAlert[] {
    return this.alerts;
  }

  /** Adds `alert` unless one with its id is kept (a repeated page); false for a repeat. */
  add(alert: WatchAlert): boolean {
    if (this.ids.has(alert.id)) {
      return false;
    }
    this.ids.add(alert.id);
    this.alerts.push(alert);
    this.unsaved = true;
    while (this.alerts.length > MAX_FEED_ALERTS) {
      this.ids.delete(this.alerts.shift()?.id ?? '');
    }
    return true;
  }

  /** Writes the alerts to global state, if one was added since the last write. */
  async save(): Promise<void> {
    if (!this.unsaved) {
      return;
    }
    this.unsaved = false;
    await this.memento.update(key('alerts', this.tenant), this.alerts);
  }

  /** One JSON alert a line, as the command line writes them. */
  toNdjson(): string {
    return this.alerts.map((alert) => `${JSON.stringify(alert)}\n`).join('');
  }
}

function isStoredAlert(value: unknown): value is WatchAlert {
  const alert = value as Partial<WatchAlert> | null;
  return (
    typeof alert === 'object' && alert !== null && typeof alert.id === 'string' && typeof alert.kind === 'string' && (WATCH_ALERT_KINDS as readonly string[]).includes(alert.kind) &&
    (alert.severity === 'high' || alert.severity === 'medium' || alert.severity === 'low') && typeof alert.title === 'string' &&
    typeof alert.event === 'object' && alert.event !== null && typeof alert.evidence === 'object' && alert.evidence !== null && Array.isArray(alert.evidence.rows) &&
    Array.isArray(alert.actions)
  );
}
