// Connecting tenants and managing their credentials: the commands as activation registers them;
// their prompts (credentialPrompts.ts) are part of activation (2.8 KB: smaller than a bundle of their own). Secrets go
// straight from the (password) input box into SecretStorage; they are never logged, shown or put
// in settings.
import * as vscode from 'vscode';
import { parseTenantDomain } from '../../auth0/tenantDomain';
import type { TenantCredentials } from '../../tenants/tenantCredentials';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import { COMMANDS } from '../../contributions';
import * as prompts from './credentialPrompts';
import { pickTenant } from '../../workbench/tenantPicker';

/** For automation and tests: connect without prompts. */
export interface ConnectTenantArguments {
  domain: string;
  label?: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
}

async function pickTenantDomain(registry: TenantRegistry, node: unknown): Promise<string | undefined> {
  return (await pickTenant(registry, node, { title: vscode.l10n.t('Choose a tenant') }))?.domain;
}

export function registerTenantCommands(registry: TenantRegistry): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.connectTenant, async (args?: ConnectTenantArguments) => {
      if (args && typeof args.domain === 'string') {
        const problem = prompts.domainProblem(args.domain);
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
      const chosen = await prompts.askNewTenant();
      if (chosen) {
        await registry.connect(chosen.setting, chosen.credentials);
      }
    }),

    vscode.commands.registerCommand(COMMANDS.setManagementToken, async (node?: unknown) => {
      const domain = await pickTenantDomain(registry, node);
      const credentials = domain ? await prompts.askToken(domain) : undefined;
      if (domain && credentials) {
        prompts.warnAboutToken(credentials);
        await registry.setCredentials(domain, credentials);
      }
    }),

    vscode.commands.registerCommand(COMMANDS.useClientCredentials, async (node?: unknown) => {
      const domain = await pickTenantDomain(registry, node);
      const credentials = domain ? await prompts.askClientCredentials(domain) : undefined;
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
