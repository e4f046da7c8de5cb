// One revocation, three views: revoking a refresh token from the tree, from its details panel or
// from the "List Refresh Tokens" Quick Pick updates all three, because each view listens to the
// tenant's model instead of being told by the others.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { RefreshTokenNode } from '../../src/features/explorer/nodes/refreshTokenNode';
import type { UserNode } from '../../src/features/explorer/nodes/userNode';
import { confirmModals, connectEmulator, extensionApi, removeAllTenants, startEmulator, tokenRows, userRow, type RunningEmulator } from './harness';

describe('Revocation reaches every view through the tenant model', function () {
  this.timeout(90_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let user: UserNode;
  let rows: RefreshTokenNode[];
  let listing: Thenable<unknown>;

  before(async () => {
    emulator = await startEmulator({ seed: 6, deleteDelayMs: 10 });
    api = await extensionApi();
    const tenant = await connectEmulator(emulator);
    user = await userRow(tenant, emulator.users.seven);
    rows = tokenRows(await user.getChildren());
    assert.strictEqual(rows.length, 7);
    // Panels first: opening one takes the focus, which would close the Quick Pick.
    for (const row of rows.slice(0, 3)) {
      await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    }
    // The Quick Pick of the same user stays open through the three revocations.
    const shown = new Promise<void>((resolve) => {
      const subscription = api.listRefreshTokens.onDidShowTokens(() => {
        subscription.dispose();
        resolve();
      });
    });
    listing = vscode.commands.executeCommand('auth0TokenInspector.listRefreshTokens', emulator.domain, emulator.users.seven);
    await shown;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await listing;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await emulator?.close();
  });

  function assertRevokedEverywhere(tokenId: string): void {
    const treeRow = rows.find((row) => row.token.id === tokenId)!;
    assert.strictEqual(treeRow.getTreeItem().contextValue, 'refreshToken.revoked', 'the tree row');
    const panel = api.panels.openPanels().find((p) => p.tokenId === tokenId);
    assert.ok(panel?.html.includes('data-status="revoked"'), 'the details panel');
    const item = api.listRefreshTokens.shownItems.find((shown) => shown.tokenId === tokenId);
    assert.match(item?.description ?? '', /^revoked/i, 'the Quick Pick item');
  }

  function assertNotRevoked(tokenId: string): void {
    const treeRow = rows.find((row) => row.token.id === tokenId)!;
    assert.strictEqual(treeRow.getTreeItem().contextValue, 'refreshToken');
    assert.doesNotMatch(api.listRefreshTokens.shownItems.find((shown) => shown.tokenId === tokenId)?.description ?? '', /^revoked/i);
  }

  it('from the tree', async () => {
    const row = rows[0];
    assertNotRevoked(row.token.id);
    confirmModals();
    assert.strictEqual(await vscode.commands.executeCommand('auth0TokenInspector.revokeToken', row), true);
    assertRevokedEverywhere(row.token.id);
  });

  it('from the details panel', async () => {
    const row = rows[1];
    assertNotRevoked(row.token.id);
    confirmModals();
    await api.panels.receive(emulator.domain, row.token.id, { type: 'revoke-token' });
    assertRevokedEverywhere(row.token.id);
  });

  it('from the Quick Pick', async () => {
    const row = rows[2];
    assertNotRevoked(row.token.id);
    confirmModals();
    assert.strictEqual(await api.listRefreshTokens.revokeShownToken(row.token.id), true);
    assertRevokedEverywhere(row.token.id);
  });

  it('and once Auth0 has applied them, the user row reloads without the revoked tokens', async () => {
    await Promise.all([...api.tokenCommands.pendingReloads]);
    const ids = tokenRows(await user.getChildren()).map((row) => row.token.id);
    assert.deepStrictEqual(ids, emulator.refreshTokensOf(emulator.users.seven).map((token) => token.id));
    assert.strictEqual(ids.length, 4);
  });
});
