// The connected tenants: the `tenants` setting joined with each tenant's credentials from
// SecretStorage. Rebuilt when the setting, the listing settings or a credential changes.
import * as vscode from 'vscode';
import { TenantConnection, type ConnectionHooks } from './tenantConnection';
import { TenantCredentialStore, type TenantCredentials } from './tenantCredentials';
import { CONTEXT_KEYS, SETTINGS_SECTION } from '../contributions';
import { normalizeTenantSettings, type IgnoredTenantSetting } from './normalizeTenantSettings';
import { readListingSettings, readTenantSettings, writeTenantSettings, type TenantSetting } from './tenantSettings';

export interface RegistryHooks extends ConnectionHooks {
  /** What the tenants setting holds that was ignored, each note once until it goes away. */
  onIgnoredSettings?: (ignored: readonly IgnoredTenantSetting[]) => void;
}

export class TenantRegistry implements vscode.Disposable {
  private connections: TenantConnection[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;
  /** Counts loads: one that finishes after a later one started must not overwrite it. */
  private generation = 0;
  private reportedNotes = new Set<string>();

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
    const credentials = await Promise.all(settings.map((s) => this.credentialStore.read(s.domain)));
    if (generation !== this.generation) {
      return;
    }
    // A tenant whose setting, credentials and listing settings did not change keeps its
    // connection (and so its client, rate limiter and the tree's loaded rows): a change event
    // for something else, or one echoing our own write, must not reset the tree.
    const previous = new Map(this.connections.map((c) => [c.signature, c]));
    this.connections = settings.map((setting, i) => {
      const fresh = new TenantConnection(setting, credentials[i], listing, this.hooks);
      const connection = previous.get(fresh.signature) ?? fresh;
      connection.settingNotes = ignored.filter((note) => note.domain === setting.domain).map((note) => note.message);
      return connection;
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

  /** Adds (or relabels) a tenant and stores its credentials. */
  async connect(setting: TenantSetting, credentials: TenantCredentials | undefined): Promise<void> {
    if (credentials) {
      await this.credentialStore.write(setting.domain, credentials);
    }
    const tenants = [...(await this.tenants()).map((t) => t.setting).filter((t) => t.domain.toLowerCase() !== setting.domain.toLowerCase()), setting];
    await writeTenantSettings(tenants);
    await this.reload(tenants);
  }

  async setCredentials(domain: string, credentials: TenantCredentials): Promise<void> {
    await this.credentialStore.write(domain, credentials);
    await this.reload();
  }

  async signOut(domain: string): Promise<void> {
    await this.credentialStore.forget(domain);
    await this.reload();
  }

  async remove(domain: string): Promise<void> {
    await this.credentialStore.forget(domain);
    const tenants = (await this.tenants()).map((t) => t.setting).filter((t) => t.domain.toLowerCase() !== domain.toLowerCase());
    await writeTenantSettings(tenants);
    await this.reload(tenants);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
