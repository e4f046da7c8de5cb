// Connecting tenants and managing their credentials. Secrets go straight from the (password)
// input box into SecretStorage; they are never logged, shown or put in settings.
import * as vscode from 'vscode';
import { InvalidTenantDomainError, parseTenantDomain } from '../auth0/tenantDomain';
import { StaticTokenProvider } from '../credentials/staticTokenProvider';
import { REQUIRED_SCOPES } from '../tenants/tenantConnection';
import type { TenantCredentials } from '../tenants/tenantCredentials';
import type { TenantRegistry } from '../tenants/tenantRegistry';
import { COMMANDS } from '../contributions';
import { pickTenant } from './tenantPicker';

/** For automation and tests: connect without prompts. */
export interface ConnectTenantArguments {
  domain: string;
  label?: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
}

function domainProblem(value: string): string | undefined {
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

async function askToken(domain: string): Promise<TenantCredentials | undefined> {
  const token = await vscode.window.showInputBox({
    title: vscode.l10n.t('Management API token for {0}', domain),
    prompt: vscode.l10n.t('Paste a token from the Auth0 Dashboard (Applications > APIs > Auth0 Management API > API Explorer). It needs read:users and read:refresh_tokens.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: tokenProblem,
  });
  return token ? { kind: 'token', token: token.trim() } : undefined;
}

async function askClientCredentials(domain: string): Promise<TenantCredentials | undefined> {
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
function warnAboutToken(credentials: TenantCredentials): void {
  if (credentials.kind !== 'token') {
    return;
  }
  // The provider the client will use reads the token the same way (trimmed, "Bearer " dropped).
  const provider = new StaticTokenProvider(credentials.token);
  if (provider.isExpired()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This Management API token has already expired. Paste a fresh one.'));
  }
  const missing = provider.missingScopes(REQUIRED_SCOPES);
  if (missing.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This Management API token lacks {0}: listing refresh tokens will fail.', missing.join(', ')));
  }
}

async function pickTenantDomain(registry: TenantRegistry, node: unknown): Promise<string | undefined> {
  return (await pickTenant(registry, node, { title: vscode.l10n.t('Choose a tenant') }))?.domain;
}

export function registerTenantCommands(registry: TenantRegistry): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.connectTenant, async (args?: ConnectTenantArguments) => {
      if (args && typeof args.domain === 'string') {
        const problem = domainProblem(args.domain);
        if (problem) {
          throw new Error(problem);
        }
        const credentials: TenantCredentials | undefined = args.token
          ? { kind: 'token', token: args.token }
          : args.clientId && args.clientSecret
            ? { kind: 'client-credentials', clientId: args.clientId, clientSecret: args.clientSecret }
            : undefined;
        await registry.connect({ domain: parseTenantDomain(args.domain.trim()).domain, label: args.label }, credentials);
        return;
      }
      const typed = await vscode.window.showInputBox({
        title: vscode.l10n.t('Connect to an Auth0 tenant (1/3)'),
        prompt: vscode.l10n.t('Tenant domain, e.g. acme.eu.auth0.com or your custom domain'),
        placeHolder: 'acme.eu.auth0.com',
        ignoreFocusOut: true,
        validateInput: (value) => domainValidation(value.trim()),
      });
      if (!typed) {
        return;
      }
      const domain = parseTenantDomain(typed.trim()).domain;
      const label = await vscode.window.showInputBox({
        title: vscode.l10n.t('Connect to an Auth0 tenant (2/3)'),
        prompt: vscode.l10n.t('A name for the tree, e.g. "prod" (optional)'),
        value: domain.trim(),
        ignoreFocusOut: true,
      });
      if (label === undefined) {
        return;
      }
      const method = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Paste a Management API token'), detail: vscode.l10n.t('Quick; the token expires (24 h by default).'), method: 'token' as const },
          { label: vscode.l10n.t('Use client credentials'), detail: vscode.l10n.t('A machine-to-machine application; tokens are renewed automatically.'), method: 'client' as const },
        ],
        { title: vscode.l10n.t('Connect to an Auth0 tenant (3/3)'), ignoreFocusOut: true },
      );
      if (!method) {
        return;
      }
      const credentials = method.method === 'token' ? await askToken(domain.trim()) : await askClientCredentials(domain.trim());
      if (!credentials) {
        return;
      }
      warnAboutToken(credentials);
      await registry.connect({ domain: domain.trim(), label: label.trim() && label.trim() !== domain.trim() ? label.trim() : undefined }, credentials);
    }),

    vscode.commands.registerCommand(COMMANDS.setManagementToken, async (node?: unknown) => {
      const domain = await pickTenantDomain(registry, node);
      const credentials = domain ? await askToken(domain) : undefined;
      if (domain && credentials) {
        warnAboutToken(credentials);
        await registry.setCredentials(domain, credentials);
      }
    }),

    vscode.commands.registerCommand(COMMANDS.useClientCredentials, async (node?: unknown) => {
      const domain = await pickTenantDomain(registry, node);
      const credentials = domain ? await askClientCredentials(domain) : undefined;
      if (domain && credentials) {
        await registry.setCredentials(domain, credentials);
      }
    }),

    vscode.commands.registerCommand(COMMANDS.signOut, async (node?: unknown) => {
      const domain = await pickTenantDomain(registry, node);
      if (domain) {
        await registry.signOut(domain);
        void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of {0}: its credentials were removed from secret storage.', domain));
      }
    }),

    vscode.commands.registerCommand(COMMANDS.removeTenant, async (node?: unknown) => {
      const domain = await pickTenantDomain(registry, node);
      if (domain) {
        await registry.remove(domain);
      }
    }),
  ];
}
