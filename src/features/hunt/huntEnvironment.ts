// What the hunt's controller is given by the extension's wiring (see register.ts).
import type * as vscode from 'vscode';
import type { TenantRegistry } from '../../tenants/tenantRegistry';
import type { IncidentResponse, ResponseEnvironment } from '../response/types';
import type { DetailsPanels } from '../tokens/types';

/** What the hunt flows need: the tenants, the details panels, Revoke Selected, storage for the checkpoint. */
export interface HuntEnvironment extends ResponseEnvironment {
  registry: TenantRegistry;
  panels: DetailsPanels;
  response: IncidentResponse;
  extensionUri: vscode.Uri;
  globalState: vscode.Memento;
}
