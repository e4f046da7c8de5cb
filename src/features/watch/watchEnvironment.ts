// What the watch's controller is given by the extension's wiring (see register.ts).
import type * as vscode from 'vscode';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import type { ExplorerNode, ExplorerProvider } from '../explorer/types';
import type { HuntSession } from '../hunt/core/huntSession';
import type { IncidentResponse } from '../response/types';
import type { TokenCommands } from '../tokens/types';

export interface WatchEnvironment {
  registry: TenantRegistry;
  response: IncidentResponse;
  /** The tokens' confirm-and-revoke flows (a feed row's "Revoke Session and Its Tokens…"). */
  tokens: Pick<TokenCommands, 'revokeSession'>;
  explorer: ExplorerProvider;
  treeView: vscode.TreeView<ExplorerNode>;
  extensionUri: vscode.Uri;
  globalState: vscode.Memento;
  log: vscode.LogOutputChannel;
  /** The hunt run last in this window, if any (its matched users narrow a watch). */
  hunt(): Pick<HuntSession, 'tenant' | 'matches' | 'criteria'> | undefined;
}
