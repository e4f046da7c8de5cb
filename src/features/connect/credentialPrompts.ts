// The prompts of connecting a tenant and setting its credentials. They are part of activation:
// as a bundle of their own they shipped four times their size (the domain parser and errors again). Secrets go
// straight from a password input box to the caller, which puts them in SecretStorage; nothing
// here logs or shows them.
import * as vscode from 'vscode';
import { InvalidTenantDomainError, parseTenantDomain } from '../../auth0/tenantDomain';
import { SCOPES } from '../../auth0/tokenProvider';
import { StaticTokenProvider } from '../../credentials/staticTokenProvider';
import type { TenantCredentials } from '../../tenants/tenantCredentials';
import type { TenantSetting } from '../../tenants/tenantSettings';

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
  return domainProblem(value) ?? { message: vscode.l10n.t('Will connect to {0}', parseTenantDomain(value).domain), severity: vscode.InputBoxValidationSeverity.Info };
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

export async function askClientCredentials(domain: string): Promise<TenantCredentials | undefined> {
  const clientId = await vscode.window.showInputBox({
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
    prompt: vscode.l10n.t('Tenant domain, e.g. acme.eu.auth0.com or your custom domain'),
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
  return { setting: { domain: domain.trim(), label: label.trim() && label.trim() !== domain.trim() ? label.trim() : undefined }, credentials };
}
