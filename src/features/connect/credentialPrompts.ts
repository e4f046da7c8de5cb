// The prompts and flows of connecting a tenant, setting its credentials, signing out and removing
// it, loaded on first use (connect.lazy.ts, through lazy.ts): activation only registers the
// commands (register.ts). Secrets go straight from a password input box into
// SecretStorage; nothing here logs or shows them. When SecretStorage fails (no OS keyring) the
// tenant, and everything typed but the secret, is kept, and a notification names VS Code's
// message and its fix.
import * as vscode from 'vscode';
import { customDomainWarning, looksLikeCustomDomain, otherManagementApiDomain } from '../../auth0/customDomain';
import { InvalidTenantDomainError, parseTenantDomain } from '../../auth0/tenantDomain';
import { SCOPES } from '../../auth0/tokenProvider';
import { StaticTokenProvider } from '../../credentials/staticTokenProvider';
import type { SecretStorageAftermath, SecretStorageError } from '../../credentials/secretStorageError.lazy';
import { isSecretStorageError } from '../../credentials/secretStorageErrorLoader';
import type { TenantCredentials } from '../../tenants/tenantCredentials';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import { writeTenantSettings, type TenantSetting } from '../../tenants/tenantSettings';

/** The scopes the tree needs to list users and their refresh tokens (as tenantConnection.ts REQUIRED_SCOPES). */
const LISTING_SCOPES = [SCOPES.readUsers, SCOPES.readRefreshTokens];

/** Why `value` cannot be a tenant domain (InvalidTenantDomainError's message), or undefined. */
export function domainProblem(value: string): string | undefined {
  try {
    parseTenantDomain(value);
    return undefined;
  } catch (error) {
    return error instanceof InvalidTenantDomainError ? error.message : String(error);
  }
}

/** The host a typed or pasted domain ("https://acme.eu.auth0.com/api/v2/") will use, shown before connecting. */
function domainValidation(value: string): string | vscode.InputBoxValidationMessage {
  const problem = domainProblem(value);
  if (problem !== undefined) {
    return problem;
  }
  const { domain } = parseTenantDomain(value);
  // A custom domain is allowed (a private cloud may look like one) but said before connecting.
  const custom = customDomainWarning(domain);
  return custom
    ? { message: custom, severity: vscode.InputBoxValidationSeverity.Warning }
    : { message: vscode.l10n.t('Will connect to {0}', domain), severity: vscode.InputBoxValidationSeverity.Info };
}

/** Why a pasted value cannot be a token (empty, spaces inside), in the provider's words. */
function tokenProblem(value: string): string | undefined {
  try {
    new StaticTokenProvider(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function askToken(domain: string): Promise<TenantCredentials | undefined> {
  const token = await vscode.window.showInputBox({
    title: vscode.l10n.t('Management API token for {0}', domain),
    prompt: vscode.l10n.t('Paste a token from the Auth0 Dashboard (Applications > APIs > Auth0 Management API > API Explorer). It needs read:users and read:refresh_tokens.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: tokenProblem,
  });
  return token ? { kind: 'token', token: token.trim() } : undefined;
}

/** `typedClientId`: the client ID entered before (a save that failed), offered again. */
export async function askClientCredentials(domain: string, typedClientId?: string): Promise<TenantCredentials | undefined> {
  const clientId = await vscode.window.showInputBox({
    value: typedClientId,
    title: vscode.l10n.t('Client credentials for {0} (1/2)', domain),
    prompt: vscode.l10n.t('Client ID of a machine-to-machine application authorised for the Auth0 Management API'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the client ID')),
  });
  if (!clientId) {
    return undefined;
  }
  const clientSecret = await vscode.window.showInputBox({
    title: vscode.l10n.t('Client credentials for {0} (2/2)', domain),
    prompt: vscode.l10n.t('Client secret (kept in VS Code secret storage)'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the client secret')),
  });
  return clientSecret ? { kind: 'client-credentials', clientId: clientId.trim(), clientSecret: clientSecret.trim() } : undefined;
}

/** Warns now, rather than on the first failed call, about an expired token or a missing scope. */
export function warnAboutToken(credentials: TenantCredentials): void {
  if (credentials.kind !== 'token') {
    return;
  }
  // The provider the client will use reads the token the same way (trimmed, "Bearer " dropped).
  const provider = new StaticTokenProvider(credentials.token);
  if (provider.isExpired()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This Management API token has already expired. Paste a fresh one.'));
  }
  const missing = provider.missingScopes(LISTING_SCOPES);
  if (missing.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This Management API token lacks {0}: listing refresh tokens will fail.', missing.join(', ')));
  }
}

/**
 * "Connect to Tenant…" asked step by step: domain (shown as the host it will use), a label,
 * then a pasted token or client credentials. Resolves with what to connect, or undefined when
 * the person stopped at any step.
 */
export async function askNewTenant(): Promise<{ setting: TenantSetting; credentials: TenantCredentials } | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect to an Auth0 tenant (1/3)'),
    prompt: vscode.l10n.t("Tenant domain: the tenant's canonical domain, e.g. acme.eu.auth0.com (a custom domain serves no Management API)"),
    placeHolder: 'acme.eu.auth0.com',
    ignoreFocusOut: true,
    validateInput: (value) => domainValidation(value.trim()),
  });
  if (!typed) {
    return undefined;
  }
  const domain = parseTenantDomain(typed.trim()).domain;
  const label = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect to an Auth0 tenant (2/3)'),
    prompt: vscode.l10n.t('A name for the tree, e.g. "prod" (optional)'),
    value: domain.trim(),
    ignoreFocusOut: true,
  });
  if (label === undefined) {
    return undefined;
  }
  const method = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Paste a Management API token'), detail: vscode.l10n.t('Quick; the token expires (24 h by default).'), method: 'token' as const },
      { label: vscode.l10n.t('Use client credentials'), detail: vscode.l10n.t('A machine-to-machine application; tokens are renewed automatically.'), method: 'client' as const },
    ],
    { title: vscode.l10n.t('Connect to an Auth0 tenant (3/3)'), ignoreFocusOut: true },
  );
  if (!method) {
    return undefined;
  }
  const credentials = method.method === 'token' ? await askToken(domain.trim()) : await askClientCredentials(domain.trim());
  if (!credentials) {
    return undefined;
  }
  warnAboutToken(credentials);
  const chosen = await offerTokenDomain(domain.trim(), credentials);
  const keptLabel = label.trim() && label.trim() !== domain.trim() ? label.trim() : undefined;
  return { setting: { domain: chosen, label: keptLabel }, credentials };
}

/**
 * A pasted token whose audience names another Management API domain (the canonical domain of a
 * tenant typed as its custom domain): offers that domain. Resolves with the domain to use.
 */
async function offerTokenDomain(domain: string, credentials: TenantCredentials): Promise<string> {
  if (credentials.kind !== 'token') {
    return domain;
  }
  const other = otherManagementApiDomain(domain, new StaticTokenProvider(credentials.token).describe().audiences);
  if (other === undefined) {
    return domain;
  }
  const use = vscode.l10n.t('Use {0}', other);
  const answer = await vscode.window.showWarningMessage(
    looksLikeCustomDomain(domain)
      ? vscode.l10n.t("This token was issued for {0}, the tenant's canonical domain: {1} looks like a custom domain, which serves no Management API.", other, domain)
      : vscode.l10n.t('This token was issued for {0}, not {1}: Auth0 will refuse it there.', other, domain),
    use,
    vscode.l10n.t('Keep {0}', domain),
  );
  return answer === use ? other : domain;
}

/** VS Code's command "Preferences: Configure Runtime Arguments" (opens argv.json). */
export const CONFIGURE_RUNTIME_ARGUMENTS = 'workbench.action.configureRuntimeArguments';
const TROUBLESHOOTING_GUIDE = 'https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues';

/**
 * Says that SecretStorage failed (no OS keyring): VS Code's message, what the command kept and
 * the fix, with buttons that open argv.json and VS Code's troubleshooting guide. Not awaited: the
 * notification stays until dismissed. The error holds no secret (secretStorageError.ts).
 */
function reportSecretStorageError(error: SecretStorageError, aftermath: SecretStorageAftermath): void {
  const configure = vscode.l10n.t('Configure Runtime Arguments');
  const guide = vscode.l10n.t('Troubleshooting Guide');
  void vscode.window.showErrorMessage(error.notice(aftermath), configure, guide).then((choice) => {
    if (choice === configure) {
      void vscode.commands.executeCommand(CONFIGURE_RUNTIME_ARGUMENTS);
    } else if (choice === guide) {
      void vscode.env.openExternal(vscode.Uri.parse(TROUBLESHOOTING_GUIDE));
    }
  });
}

/** For automation and tests: connect without prompts. */
export interface ConnectTenantArguments {
  domain: string;
  label?: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
}

/**
 * Runs `work`; when SecretStorage fails, says so (reportSecretStorageError) and resolves false.
 * `rethrow`: the command was called with arguments (automation, tests), whose caller gets the error.
 */
async function reportingSecretStorage(work: () => Promise<void>, aftermath: SecretStorageAftermath, rethrow = false): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (!isSecretStorageError(error)) {
      throw error;
    }
    reportSecretStorageError(error, aftermath);
    if (rethrow) {
      // Only a message crosses executeCommand: it names the cause, what was kept and the fix.
      throw new Error(error.notice(aftermath), { cause: error });
    }
    return false;
  }
}

/**
 * Saves credentials; a save that SecretStorage refuses is remembered for the tenant's row
 * (registry.unsaved, with the client ID typed) and rejects with its SecretStorageError.
 */
async function saveCredentials(registry: TenantRegistry, domain: string, credentials: TenantCredentials, written?: TenantSetting[]): Promise<void> {
  registry.unsaved.delete(domain.toLowerCase());
  try {
    await registry.credentialStore.write(domain, credentials);
  } catch (error) {
    if (isSecretStorageError(error)) {
      registry.unsaved.set(domain.toLowerCase(), error);
    }
    throw error;
  } finally {
    // `written`: the tenants just written, which getConfiguration() may not reflect yet.
    await registry.reload(written);
  }
}

/**
 * "Connect to Tenant…", with `args` (automation) or step by step. The tenant is written to
 * settings before its credentials are saved, so a save that SecretStorage refuses keeps the
 * tenant (its domain and label); only the secret is lost, and the row says so.
 */
export async function connectTenant(registry: TenantRegistry, args: unknown): Promise<void> {
  let chosen: { setting: TenantSetting; credentials: TenantCredentials | undefined } | undefined;
  const given = args as Partial<ConnectTenantArguments> | undefined;
  const automated = typeof given?.domain === 'string';
  if (given && typeof given.domain === 'string') {
    const problem = domainProblem(given.domain);
    if (problem) {
      throw new Error(problem);
    }
    chosen = {
      setting: { domain: parseTenantDomain(given.domain.trim()).domain, label: given.label },
      credentials: given.token
        ? { kind: 'token', token: given.token }
        : given.clientId && given.clientSecret
          ? { kind: 'client-credentials', clientId: given.clientId, clientSecret: given.clientSecret }
          : undefined,
    };
  } else {
    chosen = await askNewTenant();
  }
  if (!chosen) {
    return;
  }
  const { setting, credentials } = chosen;
  const tenants = [...(await registry.tenants()).map((t) => t.setting).filter((t) => t.domain.toLowerCase() !== setting.domain.toLowerCase()), setting];
  await writeTenantSettings(tenants);
  if (credentials) {
    await reportingSecretStorage(() => saveCredentials(registry, setting.domain, credentials, tenants), 'tenant-kept', automated);
  } else {
    await registry.reload(tenants);
  }
}

/** "Set Management API Token…" and "Use Client Credentials…" for `domain` (picked already): the tenant stays when the save fails. */
export async function setCredentials(registry: TenantRegistry, domain: string | undefined, kind: TenantCredentials['kind']): Promise<void> {
  // A client ID typed before a save that failed is offered again: only the secret was lost.
  const credentials = domain && (kind === 'token' ? await askToken(domain) : await askClientCredentials(domain, registry.unsaved.get(domain.toLowerCase())?.typedClientId));
  if (domain && credentials) {
    warnAboutToken(credentials);
    await reportingSecretStorage(() => saveCredentials(registry, domain, credentials), 'tenant-kept');
  }
}

/** "Sign Out of Tenant": forgets the credentials; says so, or why they may still be stored. */
export async function signOut(registry: TenantRegistry, domain: string | undefined): Promise<void> {
  if (!domain) {
    return;
  }
  registry.unsaved.delete(domain.toLowerCase());
  const forgotten = await reportingSecretStorage(() => registry.credentialStore.forget(domain).finally(() => registry.reload()), 'maybe-still-stored');
  if (forgotten) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of {0}: its credentials were removed from secret storage.', domain));
  }
}

/** "Remove Tenant": removed from settings even when SecretStorage cannot delete its credentials (then said). */
export async function removeTenant(registry: TenantRegistry, domain: string | undefined): Promise<void> {
  if (domain) {
    await reportingSecretStorage(() => registry.remove(domain), 'tenant-removed');
  }
}
