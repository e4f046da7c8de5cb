// One connected tenant: its setting, its credentials (from SecretStorage) and the Management
// API client built from them. The client is built once per credentials and settings, so all of
// a tenant's requests share one rate limiter and concurrency cap.
import { createManagementClient, type ManagementClient } from '../auth0/managementClient';
import type { RequestListener, RetryListener } from '../auth0/requestLog';
import { InvalidTenantDomainError, parseTenantDomain, type TenantEndpoint } from '../auth0/tenantDomain';
import { otherManagementApiDomain, tokenDomainMismatch } from '../auth0/customDomain';
import { ClientCredentialsTokenProvider } from '../credentials/clientCredentialsTokenProvider';
import { StaticTokenProvider } from '../credentials/staticTokenProvider';
import { missingScopes, SCOPES, type ManagementTokenProvider } from '../auth0/tokenProvider';
import { resolveThresholds } from '../findings/thresholds';
import { TenantModel } from '../model/tenantModel';
import type { BackgroundReading } from '../model/tokenEvidence';
import type { ListingSettings, TenantSetting } from './tenantSettings';
import type { CredentialState, TenantCredentialStore, TenantCredentials } from './tenantCredentials';
import type { SecretStorageError } from '../credentials/secretStorageErrorLoader';

/** The scopes the tree needs to list users and their refresh tokens. */
export const REQUIRED_SCOPES = [SCOPES.readUsers, SCOPES.readRefreshTokens];

export interface ConnectionHooks {
  onRequest: (tenant: TenantConnection) => RequestListener;
  onRetry: (tenant: TenantConnection) => RetryListener;
  /** What the tenant's model reads in the background for the findings (the output channel says it). */
  onBackground?: (tenant: TenantConnection) => (reading: BackgroundReading) => void;
}

export class TenantConnection {
  readonly endpoint: TenantEndpoint | undefined;
  /** Why the domain in settings cannot be used, when it cannot. */
  readonly domainError: string | undefined;
  private model: TenantModel | undefined;
  private tokenProvider: ManagementTokenProvider | undefined;
  /** What the tenants setting wrote about this tenant that was ignored (normalizeTenantSettings), one line each. */
  settingNotes: readonly string[] = [];

  constructor(
    readonly setting: TenantSetting,
    readonly credentials: TenantCredentials | undefined,
    private readonly listing: ListingSettings,
    private readonly hooks: ConnectionHooks,
    /**
     * Why the tenant has no credentials, when SecretStorage failed: they cannot be read, or the
     * last ones entered could not be saved. Never holds a secret.
     */
    readonly credentialError?: SecretStorageError,
  ) {
    try {
      this.endpoint = parseTenantDomain(setting.domain);
    } catch (error) {
      this.domainError = error instanceof InvalidTenantDomainError ? error.message : String(error);
    }
  }

  /** Equal for two connections built from the same setting, credentials and listing settings. */
  get signature(): string {
    const error = this.credentialError && [this.credentialError.operation, this.credentialError.reason];
    return JSON.stringify([this.setting.domain.toLowerCase(), this.setting.label, this.credentials, this.listing, error]);
  }

  get domain(): string {
    return this.setting.domain;
  }

  get label(): string {
    return this.setting.label ?? this.setting.domain;
  }

  get hasCredentials(): boolean {
    return this.credentials !== undefined;
  }

  /** The client, or undefined while the tenant has no credentials or an unusable domain. */
  getClient(): ManagementClient | undefined {
    return this.getModel()?.client;
  }

  /**
   * The tenant's model (its client, application names, revocations), made once per connection;
   * undefined while the tenant has no credentials or an unusable domain.
   */
  getModel(): TenantModel | undefined {
    if (!this.model && this.endpoint && this.credentials) {
      this.tokenProvider =
        this.credentials.kind === 'token'
          ? new StaticTokenProvider(this.credentials.token)
          : new ClientCredentialsTokenProvider({
              domain: this.endpoint,
              clientId: this.credentials.clientId,
              clientSecret: this.credentials.clientSecret,
              timeoutMs: this.listing.requestTimeoutMs,
              onRequest: this.hooks.onRequest(this),
            });
      const client = createManagementClient({
        domain: this.endpoint,
        tokenProvider: this.tokenProvider,
        timeoutMs: this.listing.requestTimeoutMs,
        concurrency: this.listing.concurrency,
        backgroundShare: this.listing.backgroundShare,
        onRequest: this.hooks.onRequest(this),
        onRetry: this.hooks.onRetry(this),
      });
      this.model = new TenantModel(client, { thresholds: resolveThresholds(this.listing.thresholds) });
      const onBackground = this.hooks.onBackground?.(this);
      if (onBackground) {
        this.model.evidence.onDidChangeBackground(onBackground);
      }
    }
    return this.model;
  }

  /**
   * The token provider of the model's client (made with the model), so the setup check reuses
   * the tenant's token instead of asking Auth0 for another; undefined while there is no model.
   */
  getTokenProvider(): ManagementTokenProvider | undefined {
    this.getModel();
    return this.tokenProvider;
  }

  /**
   * Why this tenant cannot be used, in a sentence for a message (the cause and the fix), when its
   * credentials cannot be read or could not be saved; undefined otherwise.
   */
  get credentialProblem(): string | undefined {
    return this.credentialError && `${this.credentialError.message} ${this.credentialError.fix}`;
  }

  /** Where this tenant's requests are reported (the output channel), for requests made outside its client. */
  requestListener(): RequestListener {
    return this.hooks.onRequest(this);
  }

  /** Per request, ms, from the requestTimeoutSeconds setting. */
  get requestTimeoutMs(): number {
    return this.listing.requestTimeoutMs;
  }

  /**
   * The Management API token's granted scopes (a client-credentials token is fetched first if none
   * is cached); undefined when they cannot be read (an opaque token) or the tenant has no client.
   * Rejects with the token provider's ManagementApiError.
   */
  async grantedScopes(signal?: AbortSignal): Promise<string[] | undefined> {
    if (!this.getClient() || !this.tokenProvider) {
      return undefined;
    }
    await this.tokenProvider.getToken(signal);
    return this.tokenProvider.describe().scopes;
  }

  /**
   * Problems visible before any request: a pasted token that has expired or lacks a scope the
   * tree needs. Client credentials are renewed as needed, so they have none.
   */
  credentialWarnings(now: Date): string[] {
    if (this.credentials?.kind !== 'token') {
      return [];
    }
    this.getClient();
    const info = this.tokenProvider?.describe();
    if (!info) {
      return [];
    }
    const warnings: string[] = [];
    if (info.expiresAt && info.expiresAt.getTime() <= now.getTime()) {
      warnings.push(`The Management API token expired at ${info.expiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC.`);
    }
    // A Management API token names its API in `aud`: another domain is the one to use (a custom
    // domain serves no Management API; a token of another tenant is refused).
    const domain = this.setting.domain.trim().toLowerCase();
    const issuedFor = otherManagementApiDomain(domain, info.audiences);
    if (issuedFor !== undefined) {
      warnings.push(`The Management API token was issued for ${issuedFor}, not ${domain}: ${tokenDomainMismatch(domain, issuedFor)}`);
    }
    const missing = missingScopes(info, REQUIRED_SCOPES);
    if (missing.length > 0) {
      warnings.push(`The Management API token lacks ${missing.join(' and ')}.`);
    }
    return warnings;
  }
}

/**
 * Each tenant of `settings` joined with its credentials from `store`, read one tenant at a time
 * so that a secret that cannot be read (no OS keyring, a D-Bus error) is that tenant's
 * credentialError and the others connect as usual. `unsaved`: by lower-cased domain, the save
 * that failed since (shown when SecretStorage holds nothing for the tenant). Never rejects.
 */
export async function readTenantConnections(
  settings: readonly TenantSetting[],
  store: Pick<TenantCredentialStore, 'state'>,
  options: { listing: ListingSettings; hooks: ConnectionHooks; unsaved?: ReadonlyMap<string, SecretStorageError> },
): Promise<TenantConnection[]> {
  const states: CredentialState[] = await Promise.all(settings.map((setting) => store.state(setting.domain)));
  return settings.map((setting, i) => {
    const state = states[i];
    const unsaved = options.unsaved?.get(setting.domain.toLowerCase());
    const credentials = state.kind === 'stored' ? state.credentials : undefined;
    const error = state.kind === 'unreadable' ? state.error : state.kind === 'none' ? unsaved : undefined;
    return new TenantConnection(setting, credentials, options.listing, options.hooks, error);
  });
}
