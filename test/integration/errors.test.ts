// Each failure ends in a row that names the cause and offers the fix, with no spinner left and
// the rows already loaded kept.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/features/explorer/nodes/explorerNode';
import {
  connectEmulator, describeRows, tenantRow, kindOf, messageRows, removeAllTenants, startEmulator, tokenRows, userRow, type EmulatorOptions, type RunningEmulator,
} from './harness';

function errorRow(children: ExplorerNode[]) {
  const rows = messageRows(children).filter((m) => kindOf(m) === 'message.error');
  assert.strictEqual(rows.length, 1, `one error row: ${describeRows(children)}`);
  assert.ok(!messageRows(children).some((m) => m.row.kind === 'loading'), 'no spinner is left');
  return rows[0];
}

describe('Failures become rows that name the cause', function () {
  this.timeout(120_000);
  const emulators: RunningEmulator[] = [];

  async function emulatorWith(options: EmulatorOptions): Promise<RunningEmulator> {
    const emulator = await startEmulator({ seed: 3, ...options });
    emulators.push(emulator);
    return emulator;
  }

  afterEach(async () => {
    await removeAllTenants();
    await Promise.all(emulators.splice(0).map((e) => e.close()));
  });
  after(async () => {
    await vscode.workspace.getConfiguration('auth0TokenInspector').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('401 expired token: says so and offers to set a new token', async () => {
    const emulator = await emulatorWith({});
    const tenant = await connectEmulator(emulator, { token: emulator.expiredToken });
    const children = await tenant.getChildren();
    const warning = messageRows(children).find((m) => m.row.kind === 'warning');
    assert.ok(warning && /expired/.test(String(warning.getTreeItem().label)), `an early warning: ${describeRows(children)}`);
    const row = errorRow(children);
    assert.strictEqual(row.getTreeItem().label, 'Management API token expired');
    assert.strictEqual(row.row.command?.command, 'auth0TokenInspector.setManagementToken');
  });

  it('rejected client credentials: offers to enter client credentials again', async () => {
    const emulator = await emulatorWith({});
    await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', {
      domain: emulator.domain,
      label: 'Client credentials',
      clientId: emulator.clientId,
      clientSecret: 'not-the-secret-of-this-application',
    });
    const tenant = await tenantRow(emulator.domain);
    const row = errorRow(await tenant.getChildren());
    assert.strictEqual(row.getTreeItem().label, 'Client credentials rejected');
    assert.strictEqual(row.row.command?.command, 'auth0TokenInspector.useClientCredentials');
  });

  it('403 insufficient scope: names the missing scope', async () => {
    const emulator = await emulatorWith({});
    const tenant = await connectEmulator(emulator, { token: emulator.noRefreshTokenScopeToken });
    const user = await userRow(tenant, emulator.users.seven);
    const row = errorRow(await user.getChildren());
    assert.strictEqual(row.getTreeItem().label, 'Token lacks read:refresh_tokens');
    assert.match(String(row.row.tooltip), /read:refresh_tokens/);
    assert.strictEqual(row.row.command?.command, 'auth0TokenInspector.setManagementToken');
  });

  it('a plan without the refresh-token endpoints: says so', async () => {
    const emulator = await emulatorWith({ plan: 'without-refresh-tokens' });
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.seven);
    const row = errorRow(await user.getChildren());
    assert.strictEqual(row.getTreeItem().label, "Tenant's plan has no refresh-token API");
  });

  it('500s on a "Load more": keeps the loaded rows, offers a retry that continues without duplicates', async () => {
    const emulator = await emulatorWith({});
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.many);
    const first = await user.getChildren();
    assert.strictEqual(tokenRows(first).length, 50);
    emulator.configure({ faults: { serverErrorRate: 1, onlyPaths: /refresh-tokens/ } });
    const more = messageRows(first).find((m) => m.row.contextValue === 'loadMore')!;
    await vscode.commands.executeCommand(more.row.command!.command, ...more.row.command!.arguments!);
    const failed = await user.getChildren();
    assert.strictEqual(tokenRows(failed).length, 50, 'the rows already shown stay');
    const row = errorRow(failed);
    assert.strictEqual(row.getTreeItem().label, 'Auth0 server error (500)');
    assert.match(String(row.getTreeItem().description), /click to retry · 50 kept/);

    emulator.configure({ faults: {} });
    await vscode.commands.executeCommand(row.row.command!.command, ...row.row.command!.arguments!);
    const retried = await user.getChildren();
    const ids = tokenRows(retried).map((r) => r.token.id);
    assert.deepStrictEqual(ids, emulator.refreshTokensOf(emulator.users.many).slice(0, 100).map((t) => t.id));
  });

  it('a 429 storm: ends in a rate-limit row after bounded retries', async () => {
    const emulator = await emulatorWith({ faults: { tooManyRequestsRate: 1, onlyPaths: /refresh-tokens/ } });
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.seven);
    const row = errorRow(await user.getChildren());
    assert.strictEqual(row.getTreeItem().label, 'Rate limited by Auth0');
    const attempts = emulator.requests.filter((r) => r.path.endsWith('/refresh-tokens')).length;
    assert.ok(attempts > 1 && attempts <= 6, `retried a bounded number of times (${attempts})`);
  });

  it('a tenant that does not answer: times out into a row', async () => {
    await vscode.workspace.getConfiguration('auth0TokenInspector').update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    const emulator = await emulatorWith({});
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.seven);
    emulator.configure({ faults: { hangRate: 1, onlyPaths: /refresh-tokens/ } });
    const row = errorRow(await user.getChildren());
    assert.strictEqual(row.getTreeItem().label, 'Tenant did not answer in time');
  });
});
