// Entry point: wires the concerns together. Nothing else lives here.
import * as vscode from 'vscode';
import { commandFlows } from './features/tokens/lazy';
import type { ListRefreshTokensCommand } from './features/tokens/listRefreshTokens';
import { HuntCommands, IncidentResponse } from './features/hunt/register';
import type { HuntController } from './features/hunt/huntController';
import { registerTenantCommands } from './features/connect/register';
import { registerTenantSetupCommands } from './features/setup/register';
import { registerTokenCommands, TokenCommands } from './features/tokens/tokenCommands';
import { registerTreeCommands } from './features/explorer/register';
import { COMMANDS, VIEWS } from './contributions';
import { DetailsPanels } from './features/tokens/details/detailsPanels';
import { createExtensionLog, logRequest, logRetry } from './logging/extensionLog';
import { TenantCredentialStore } from './tenants/tenantCredentials';
import { TenantRegistry } from './tenants/tenantRegistry';
import { ExplorerProvider } from './features/explorer/explorerProvider';

/** What activate() returns: used by the integration tests to look at the real tree. */
export interface ExtensionApi {
  explorer: ExplorerProvider;
  registry: TenantRegistry;
  panels: DetailsPanels;
  tokenCommands: TokenCommands;
  listRefreshTokens: ListRefreshTokensCommand;
  /** The hunt, its results panel and its checkpoint (loads the hunt bundle). */
  hunts: HuntController;
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
    onIgnoredSettings: (ignored) => ignored.forEach((note) => log.warn(`Settings: ${note.message}`)),
  });
  const explorer = new ExplorerProvider(registry);
  const treeView = vscode.window.createTreeView(VIEWS.explorer, { treeDataProvider: explorer, showCollapseAll: true });
  // Commands act on each tenant's model; the tree, the panels and the Quick Pick listen to it.
  const response = new IncidentResponse({ storageUri: context.globalStorageUri, log });
  const tokenCommands = new TokenCommands(response);
  const panels = new DetailsPanels(context.extensionUri, registry, tokenCommands);
  const hunts = new HuntCommands({ ...response.environment, registry, panels, response, extensionUri: context.extensionUri, globalState: context.globalState });
  // The Quick Pick flow is loaded on first use (the command, or a test reading the API).
  let listRefreshTokens: ListRefreshTokensCommand | undefined;
  const listRefreshTokensCommand = () => {
    if (!listRefreshTokens) {
      listRefreshTokens = new (commandFlows().ListRefreshTokensCommand)(registry, explorer, treeView, panels, tokenCommands, context.globalState);
      context.subscriptions.push(listRefreshTokens);
    }
    return listRefreshTokens;
  };

  context.subscriptions.push(
    log,
    registry,
    explorer,
    treeView,
    panels,
    vscode.commands.registerCommand(COMMANDS.listRefreshTokens, (tenantDomain?: string, userQuery?: string) => listRefreshTokensCommand().run(tenantDomain, userQuery)),
    vscode.commands.registerCommand(COMMANDS.openTokenById, (node?: unknown, tokenId?: string) => commandFlows().openTokenById({ registry, explorer, treeView, panels }, node, tokenId)),
    ...registerTenantCommands(registry),
    ...registerTenantSetupCommands(context, registry),
    ...registerTreeCommands(registry, explorer, treeView),
    ...registerTokenCommands(tokenCommands, panels, treeView),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    ...hunts.register(),
  );
  void hunts.offerResume();
  // Sets the welcome view's context key; the tree asks for tenants itself when shown.
  void registry.tenants();
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return {
    explorer,
    registry,
    panels,
    tokenCommands,
    get listRefreshTokens() {
      return listRefreshTokensCommand();
    },
    get hunts() {
      return hunts.controller();
    },
    response,
    globalState: context.globalState,
    activationMs,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
