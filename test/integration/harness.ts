// Helpers for integration suites: the extension's real API, an emulator per suite, and walking
// the real tree the way VS Code does (getChildren on the provider).
import * as vscode from 'vscode';
import { getTestWindow } from './testWindow';
import type { ExtensionApi } from '../../src/extension';
// Types only: the extension runs from its esbuild bundle, so its classes are not the ones tsc
// compiled for the tests and `instanceof` cannot work. Rows are told apart by contextValue.
import type { ExplorerNode } from '../../src/features/explorer/nodes/explorerNode';
import type { MessageNode } from '../../src/features/explorer/nodes/messageNode';
import type { RefreshTokenNode } from '../../src/features/explorer/nodes/refreshTokenNode';
import type { TenantNode } from '../../src/features/explorer/nodes/tenantNode';
import type { UserNode } from '../../src/features/explorer/nodes/userNode';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator';

export const EXTENSION_ID = 'auth0-token-inspector.auth0-token-inspector';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in the test host`);
  }
  return extension.activate();
}

export { startEmulator, type EmulatorOptions, type RunningEmulator };

/**
 * Polls `condition` (state the extension host or the emulator changes; never a fixed sleep as
 * synchronisation) until it holds; fails naming `what` after `timeoutMs`, a guard, not a limit.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`${typeof what === 'string' ? what : what()} did not happen within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Connects the emulator as a tenant through the real command; returns its tenant row. */
export async function connectEmulator(emulator: RunningEmulator, options: { label?: string; token?: string } = {}): Promise<TenantNode> {
  await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', {
    domain: emulator.domain,
    label: options.label ?? 'Emulator',
    token: options.token ?? emulator.token,
  });
  return tenantRow(emulator.domain);
}

export async function tenantRow(domain: string): Promise<TenantNode> {
  const api = await extensionApi();
  const rows = await api.explorer.tenantRows();
  const row = rows.find((r) => r.connection.domain === domain);
  if (!row) {
    throw new Error(`no tenant row for ${domain}`);
  }
  return row;
}

/**
 * Disconnects every tenant with one settings change, then forgets their credentials. Removing
 * them one at a time would make the visible tree reload the others after each removal; if their
 * emulators are closed next, those reloads retry with backoff and keep the tree busy.
 */
export async function removeAllTenants(): Promise<void> {
  const api = await extensionApi();
  const tenants = await api.registry.tenants();
  await vscode.workspace.getConfiguration('auth0TokenInspector').update('tenants', [], vscode.ConfigurationTarget.Global);
  await api.registry.reload([]);
  for (const tenant of tenants) {
    await api.registry.credentialStore.forget(tenant.domain);
  }
}

/** The user's row, found through the real search command. */
export async function userRow(tenant: TenantNode, userId: string): Promise<UserNode> {
  await vscode.commands.executeCommand('auth0TokenInspector.searchUsers', tenant, userId);
  const children = await tenant.getChildren();
  const row = children.find((c): c is UserNode => kindOf(c) === 'user' && (c as UserNode).userId === userId);
  if (!row) {
    throw new Error(`user ${userId} not found under ${tenant.connection.domain}: ${describeRows(children)}`);
  }
  return row;
}

export function kindOf(node: ExplorerNode): string {
  return String(node.getTreeItem().contextValue ?? '');
}

export function tokenRows(children: ExplorerNode[]): RefreshTokenNode[] {
  return children.filter((c): c is RefreshTokenNode => kindOf(c).startsWith('refreshToken'));
}

export function messageRows(children: ExplorerNode[]): MessageNode[] {
  return children.filter((c): c is MessageNode => kindOf(c).startsWith('message') || kindOf(c) === 'loadMore' || kindOf(c) === 'search');
}

export function describeRows(children: ExplorerNode[]): string {
  return children.map((c) => `${c.getTreeItem().label}`).join(' | ');
}

/** Clicks "Load more" (the real command) until the user's listing ends; returns all rows. */
export async function loadAllRows(user: UserNode): Promise<ExplorerNode[]> {
  let children = await user.getChildren();
  for (let guard = 0; guard < 1000; guard++) {
    const more = messageRows(children).find((m) => m.row.contextValue === 'loadMore');
    if (!more) {
      return children;
    }
    await vscode.commands.executeCommand(more.row.command!.command, ...(more.row.command!.arguments ?? []));
    children = await user.getChildren();
  }
  throw new Error('the listing did not end');
}

/** Answers every modal of this test with its first button, as a person clicking it would (see testWindow.ts). */
export function confirmModals(): vscode.Disposable {
  return getTestWindow().onDidShowMessage((message) => message.modal && message.selectItem(message.items[0]));
}

// The one test window, installed for the whole run; each test's answers end with the test.
afterEach(() => getTestWindow().resetHandlers());
