// The tokens feature as activation registers it: the details panels, the token commands (details,
// copy, revoke, export), "List Refresh Tokens" and "Open Refresh Token by ID…". The Quick Pick, the
// export and the details renderers load on first use (see lazy.ts).
import * as vscode from 'vscode';
import { COMMANDS } from '../../contributions';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import type { ExplorerNode, ExplorerProvider } from '../explorer/types';
import type { IncidentResponse } from '../response/types';
import { DetailsPanels } from './details/detailsPanels';
import { lazy } from './lazy';
import type { ListRefreshTokensCommand } from './listRefreshTokens';
import { registerTokenCommands, TokenCommands } from './tokenCommands';

export interface TokensFeature {
  tokenCommands: TokenCommands;
  panels: DetailsPanels;
  /** The Quick Pick of "List Refresh Tokens", made (and its bundle loaded) on first use. */
  listRefreshTokens(): ListRefreshTokensCommand;
  disposables: vscode.Disposable[];
}

interface TokensEnvironment {
  registry: TenantRegistry;
  explorer: ExplorerProvider;
  treeView: vscode.TreeView<ExplorerNode>;
  response: IncidentResponse;
}

export function registerTokens(context: vscode.ExtensionContext, { registry, explorer, treeView, response }: TokensEnvironment): TokensFeature {
  const tokenCommands = new TokenCommands(response);
  const panels = new DetailsPanels(context.extensionUri, registry, tokenCommands);
  // The Quick Pick flow is loaded on first use (the command, or a test reading the API).
  let quickPick: ListRefreshTokensCommand | undefined;
  const listRefreshTokens = () => {
    if (!quickPick) {
      quickPick = new (lazy().ListRefreshTokensCommand)(registry, explorer, treeView, panels, tokenCommands, context.globalState);
      context.subscriptions.push(quickPick);
    }
    return quickPick;
  };
  const disposables = [
    panels,
    vscode.commands.registerCommand(COMMANDS.listRefreshTokens, (tenantDomain?: string, userQuery?: string) => listRefreshTokens().run(tenantDomain, userQuery)),
    vscode.commands.registerCommand(COMMANDS.openTokenById, (node?: unknown, tokenId?: string) => lazy().openTokenById({ registry, explorer, treeView, panels }, node, tokenId)),
    ...registerTokenCommands(tokenCommands, panels, treeView),
  ];
  return { tokenCommands, panels, listRefreshTokens, disposables };
}
