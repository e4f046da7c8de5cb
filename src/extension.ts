// Entry point: wires the features together (each feature's register module, src/features/*/register.ts).
// Nothing else lives here; what a feature does beyond registering loads on first use (its lazy.ts).
import * as vscode from 'vscode';
import { COMMANDS } from './contributions';
import { registerTenantCommands } from './features/connect/register';
import { registerExplorer } from './features/explorer/register';
import { HuntCommands } from './features/hunt/register';
import type { HuntController } from './features/hunt/types';
import { registerResponse } from './features/response/register';
import type { IncidentResponse } from './features/response/types';
import { registerTenantSetupCommands } from './features/setup/register';
import { registerTokens } from './features/tokens/register';
import { registerWatch } from './features/watch/register';
import type { WatchController } from './features/watch/types';
import type { DetailsPanels, ListRefreshTokensCommand, TokenCommands } from './features/tokens/types';
import type { ExplorerProvider } from './features/explorer/types';
import { createExtensionLog, logBackgroundReading, logRequest, logRetry } from './logging/extensionLog';
import { TenantCredentialStore } from './tenants/tenantCredentials';
import { TenantRegistry } from './tenants/tenantRegistry';

/** What activate() returns: used by the integration tests to look at the real tree. */
export interface ExtensionApi {
  explorer: ExplorerProvider;
  registry: TenantRegistry;
  panels: DetailsPanels;
  tokenCommands: TokenCommands;
  listRefreshTokens: ListRefreshTokensCommand;
  /** The hunt, its results panel and its checkpoint (loads the hunt bundle). */
  hunts: HuntController;
  /** The watch, its feed and its stores (loads the watch bundle). */
  watches: WatchController;
  /** Contain User, and the audit file's location. */
  response: IncidentResponse;
  /** Where the extension keeps its only state (recent users of "List Refresh Tokens"). */
  globalState: vscode.Memento;
  /** Milliseconds activate() took. */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = createExtensionLog();
  const registry = new TenantRegistry(new TenantCredentialStore(context.secrets), {
    onRequest: (tenant) => (record) => logRequest(log, tenant.label, record),
    onRetry: (tenant) => (notice) => logRetry(log, tenant.label, notice),
    onBackground: (tenant) => (reading) => logBackgroundReading(log, tenant.label, reading),
    onIgnoredSettings: (ignored) => ignored.forEach((note) => log.warn(`Settings: ${note.message}`)),
    onSecretStorageError: (error) => log.warn(`Secret storage: ${error.message}`),
  });
  // Commands act on each tenant's model; the tree, the panels and the Quick Pick listen to it.
  const explorer = registerExplorer(registry);
  const responseEnvironment = { storageUri: context.globalStorageUri, log };
  const { response, disposables: responseCommands } = registerResponse(responseEnvironment);
  const tokens = registerTokens(context, { registry, explorer: explorer.explorer, treeView: explorer.treeView, response });
  const hunts = new HuntCommands({ ...responseEnvironment, registry, panels: tokens.panels, response, extensionUri: context.extensionUri, globalState: context.globalState });

  const watches = registerWatch({ ...responseEnvironment, registry, response, tokens: tokens.tokenCommands, explorer: explorer.explorer, treeView: explorer.treeView, extensionUri: context.extensionUri, globalState: context.globalState, hunt: () => hunts.loadedController?.current });

  context.subscriptions.push(
    log,
    registry,
    ...explorer.disposables,
    ...tokens.disposables,
    ...registerTenantCommands(registry),
    ...registerTenantSetupCommands(context, registry),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    ...responseCommands,
    ...hunts.register(),
    ...watches.disposables,
  );
  void hunts.offerResume();
  // Sets the welcome view's context key; the tree asks for tenants itself when shown.
  void registry.tenants();
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return {
    explorer: explorer.explorer,
    registry,
    panels: tokens.panels,
    tokenCommands: tokens.tokenCommands,
    get listRefreshTokens() {
      return tokens.listRefreshTokens();
    },
    get hunts() {
      return hunts.controller();
    },
    get watches() {
      return watches.controller();
    },
    response,
    globalState: context.globalState,
    activationMs,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
