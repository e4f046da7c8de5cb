// The connected tenants: the `tenants` setting joined with each tenant's credentials from
// SecretStorage. Rebuilt when the setting, the listing settings or a credential changes.
import * as vscode from 'vscode';
import type { SecretStorageError } from '../credentials/secretStorageErrorLoader';
import { readTenantConnections, TenantConnection, type ConnectionHooks } from './tenantConnection';
import { TenantCredentialStore } from './tenantCredentials';
import { CONTEXT_KEYS, SETTINGS_SECTION } from '../contributions';
import { normalizeTenantSettings, type IgnoredTenantSetting } from './normalizeTenantSettings';
import { readListingSettings, readTenantSettings, writeTenantSettings, type TenantSetting } from './tenantSettings';

export interface RegistryHooks extends ConnectionHooks {
  /** What the tenants setting holds that was ignored, each note once until it goes away. */
  onIgnoredSettings?: (ignored: readonly IgnoredTenantSetting[]) => void;
  /** SecretStorage failed for a tenant (its message names the cause, never a secret), once per new failure. */
  onSecretStorageError?: (error: SecretStorageError) => void;
}

export class TenantRegistry implements vscode.Disposable {
  private connections: TenantConnection[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;
  /** Counts loads: one that finishes after a later one started must not overwrite it. */
  private generation = 0;
  private reportedNotes = new Set<string>();
  /**
   * By lower-cased domain: credentials entered whose save SecretStorage refused (no OS keyring);
   * the tenant's row says so until a save succeeds (the command flows, credentialPrompts.ts).
   */
  readonly unsaved = new Map<string, SecretStorageError>();

  /** Fires after the tenants, their credentials or the listing settings changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    readonly credentialStore: TenantCredentialStore,
    private readonly hooks: RegistryHooks,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTINGS_SECTION)) {
          void this.reload();
        }
      }),
      credentialStore.onDidChange(() => void this.reload()),
    );
  }

  async tenants(): Promise<TenantConnection[]> {
    if (!this.loading) {
      this.loading = this.load();
    }
    // A reload may start while we wait (a tenant added or removed): answer with the latest.
    let awaited: Promise<void> | undefined;
    while (awaited !== this.loading) {
      awaited = this.loading;
      await awaited;
    }
    return this.connections;
  }

  async find(domain: string): Promise<TenantConnection | undefined> {
    return (await this.tenants()).find((t) => t.domain.toLowerCase() === domain.toLowerCase());
  }

  /** `settings`: the list just written, which getConfiguration() may not reflect yet. */
  async reload(settings?: TenantSetting[]): Promise<void> {
    this.loading = this.load(settings);
    await this.loading;
    this.changed.fire();
  }

  private async load(written?: TenantSetting[]): Promise<void> {
    const generation = ++this.generation;
    const listing = readListingSettings();
    const { tenants: settings, ignored } = written ? normalizeTenantSettings(written) : readTenantSettings();
    // Each tenant's secret is read on its own: one that SecretStorage cannot read (no OS keyring)
    // is that tenant's row, not an empty tree.
    const fresh = await readTenantConnections(settings, this.credentialStore, { listing, hooks: this.hooks, unsaved: this.unsaved });
    if (generation !== this.generation) {
      return;
    }
    // A tenant whose setting, credentials and listing settings did not change keeps its
    // connection (and so its client, rate limiter and the tree's loaded rows): a change event
    // for something else, or one echoing our own write, must not reset the tree.
    const previous = new Map(this.connections.map((c) => [c.signature, c]));
    this.connections = fresh.map((connection) => {
      const kept = previous.get(connection.signature) ?? connection;
      if (kept === connection && connection.credentialError) {
        this.hooks.onSecretStorageError?.(connection.credentialError);
      }
      kept.settingNotes = ignored.filter((note) => note.domain === connection.domain).map((note) => note.message);
      return kept;
    });
    this.reportIgnored(ignored);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasTenants, settings.length > 0);
  }

  private reportIgnored(ignored: readonly IgnoredTenantSetting[]): void {
    const fresh = ignored.filter((note) => !this.reportedNotes.has(note.message));
    this.reportedNotes = new Set(ignored.map((note) => note.message));
    if (fresh.length > 0) {
      this.hooks.onIgnoredSettings?.(fresh);
    }
  }

  /**
   * Removes the tenant from settings, and its credentials from SecretStorage. When SecretStorage
   * cannot delete them the tenant is removed all the same (that is what was asked), and the
   * promise rejects with the SecretStorageError so the person learns a secret may be left.
   */
  async remove(domain: string): Promise<void> {
    this.unsaved.delete(domain.toLowerCase());
    const failure = await this.credentialStore.forget(domain).then(() => undefined, (error: unknown) => error);
    const tenants = (await this.tenants()).map((t) => t.setting).filter((t) => t.domain.toLowerCase() !== domain.toLowerCase());
    await writeTenantSettings(tenants);
    await this.reload(tenants);
    if (failure) {
      throw failure;
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
