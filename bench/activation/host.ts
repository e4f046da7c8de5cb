// Workload 5, inside the real VS Code of the test bed: the extensionTestsPath module the
// launcher loads. It measures the extension's first activation in this VS Code start and the
// time to the tree's first user rows, then prints one line the benchmark parses:
//     BENCH_ACTIVATION_RESULT {...json...}
// The emulator runs in the benchmark's own process; its address arrives in BENCH_ACTIVATION_TARGET.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/features/explorer/nodes/explorerNode';
import { ACTIVATION_RESULT_MARKER, type Target } from '../protocol';
import type { ActivationStart } from '../results';

const EXTENSION_ID = 'auth0-token-inspector.auth0-token-inspector';

function contextValue(node: ExplorerNode): string {
  return String(node.getTreeItem().contextValue ?? '');
}

/** Tenant rows, then the bench tenant's children, as the tree view asks for them. */
async function firstUserRows(api: ExtensionApi, domain: string): Promise<number> {
  const tenants = await api.explorer.getChildren();
  const tenant = tenants.find((row) => getId(row) === `tenant:${domain}`);
  if (!tenant) {
    throw new Error(`no tenant row for ${domain}: ${tenants.map(getId).join(', ')}`);
  }
  const children = await api.explorer.getChildren(tenant);
  const users = children.filter((row) => contextValue(row) === 'user').length;
  if (users === 0) {
    throw new Error(`no user rows under ${domain}: ${children.map((row) => String(row.getTreeItem().label)).join(' | ')}`);
  }
  return users;
}

function getId(row: ExplorerNode): string {
  return String(row.getTreeItem().id ?? '');
}

export async function run(): Promise<void> {
  const target = JSON.parse(process.env.BENCH_ACTIVATION_TARGET ?? 'null') as Target | null;
  if (!target) {
    throw new Error('BENCH_ACTIVATION_TARGET is not set: run this through `npm run bench`');
  }
  const repeats = Number(process.env.BENCH_ACTIVATION_REPEATS ?? 5);
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not loaded in this VS Code`);
  }
  const wasActive = extension.isActive;

  const started = performance.now();
  const api = await extension.activate();
  const activated = performance.now();
  await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', { domain: target.domain, label: 'Bench', token: target.token });
  const connected = performance.now();
  const userRows = await firstUserRows(api, target.domain);
  const firstRows = performance.now();

  const refreshToFirstRowsMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    api.explorer.refresh();
    const before = performance.now();
    await firstUserRows(api, target.domain);
    refreshToFirstRowsMs.push(performance.now() - before);
  }
  await api.registry.remove(target.domain);

  // For scale, after every measurement so nothing above is warmed by them: what one round trip
  // to the workbench (setContext), one user-settings write and one bare fetch of the same first
  // users page cost in this VS Code, on this machine, right now.
  const timed = async (action: () => Thenable<unknown> | Promise<unknown>) => {
    const before = performance.now();
    await action();
    return performance.now() - before;
  };
  const setContextMs = await timed(() => vscode.commands.executeCommand('setContext', 'auth0TokenInspectorBench.probe', true));
  const settingsWriteMs = await timed(() => vscode.workspace.getConfiguration('editor').update('fontSize', 15, vscode.ConfigurationTarget.Global));
  await vscode.workspace.getConfiguration('editor').update('fontSize', undefined, vscode.ConfigurationTarget.Global);
  const bareFetchMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    bareFetchMs.push(
      await timed(async () => {
        const response = await fetch(`${target.url}/api/v2/users?per_page=50&include_totals=true`, { headers: { authorization: `Bearer ${target.token}` } });
        await response.json();
      }),
    );
  }

  const result: Omit<ActivationStart, 'launchMs' | 'userListings'> = {
    wasActive,
    hostActivateMs: activated - started,
    ownActivateMs: api.activationMs,
    connectMs: connected - activated,
    firstRowsMs: firstRows - connected,
    activationToFirstRowsMs: firstRows - started,
    refreshToFirstRowsMs,
    diagnostics: { setContextMs, settingsWriteMs, bareFetchMs },
    userRows,
    vscodeVersion: vscode.version,
    nodeVersion: process.version,
  };
  console.log(`${ACTIVATION_RESULT_MARKER} ${JSON.stringify(result)}`);
}
