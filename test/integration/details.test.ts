import * as assert from 'node:assert';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import { connectEmulator, extensionApi, removeAllTenants, startEmulator, tokenRows, userRow, type RunningEmulator } from './harness';

/** Records of RFC 4180 text: line breaks inside quoted cells do not end a record. */
function countCsvRecords(csv: string): number {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    if (csv[i] === '"') {
      quoted = !quoted;
    } else if (csv[i] === '\n' && !quoted) {
      records++;
    }
  }
  return csv.endsWith('\n') ? records : records + 1;
}

describe('Details panel and copy commands', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 2 });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await emulator?.close();
  });

  it('opens one panel per token, titled by application and id, and focuses it again', async () => {
    const api = await extensionApi();
    const tenant = await connectEmulator(emulator);
    const [row] = tokenRows(await (await userRow(tenant, emulator.users.seven)).getChildren());
    await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    const panels = api.panels.openPanels().filter((p) => p.tokenId === row.token.id);
    assert.strictEqual(panels.length, 1, 'the same token opens one panel');
    const appName = emulator.clientName(row.token.client_id!) ?? row.token.client_id!;
    assert.strictEqual(panels[0].title, `${appName} · ${row.token.id}`);
    const { html } = panels[0];
    assert.match(html, /Content-Security-Policy" content="default-src 'none';/);
    assert.ok(html.includes(`data-token-id="${row.token.id}"`));
    assert.ok(html.includes('Copy JSON') && html.includes('Copy ID') && html.includes('Revoke'));
  });

  it('copies the complete token JSON, the token id and the user id', async () => {
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.seven);
    const [row] = tokenRows(await user.getChildren());
    const original = emulator.refreshTokensOf(emulator.users.seven).find((t) => t.id === row.token.id);

    await vscode.commands.executeCommand('auth0TokenInspector.copyTokenJson', row);
    const copied = await vscode.env.clipboard.readText();
    assert.strictEqual(copied, JSON.stringify(row.token, null, 2));
    assert.deepStrictEqual(JSON.parse(copied), JSON.parse(JSON.stringify(original)));

    await vscode.commands.executeCommand('auth0TokenInspector.copyTokenId', row);
    assert.strictEqual(await vscode.env.clipboard.readText(), row.token.id);

    await vscode.commands.executeCommand('auth0TokenInspector.copyUserId', user);
    assert.strictEqual(await vscode.env.clipboard.readText(), emulator.users.seven);
  });

  it('"List Refresh Tokens" finds the user, lists the tokens and opens the chosen one', async () => {
    const api = await extensionApi();
    await connectEmulator(emulator);
    const shown = new Promise<readonly { id: string }[]>((resolve) => {
      const subscription = api.listRefreshTokens.onDidShowTokens((tokens) => {
        subscription.dispose();
        resolve(tokens);
      });
    });
    const run = vscode.commands.executeCommand('auth0TokenInspector.listRefreshTokens', emulator.domain, emulator.users.seven);
    const tokens = await shown;
    assert.deepStrictEqual(tokens.map((t) => t.id), emulator.refreshTokensOf(emulator.users.seven).map((t) => t.id));
    // As a person presses Enter on the first item of the Quick Pick.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await run;
    assert.ok(api.panels.openPanels().some((p) => p.tokenId === tokens[0].id), 'the chosen token is shown');
    const tenant = (await api.explorer.tenantRows()).find((t) => t.connection.domain === emulator.domain)!;
    assert.strictEqual(tenant.searchQuery, emulator.users.seven, 'the user is revealed in the tree');
  });

  it('exports all of a user\'s tokens to JSON and CSV', async () => {
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.many);
    const folder = vscode.Uri.file(tmpdir());
    const jsonUri = vscode.Uri.joinPath(folder, `export-${Date.now()}.json`);
    await vscode.commands.executeCommand('auth0TokenInspector.exportTokens', user, 'json', jsonUri);
    const exported = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(jsonUri)));
    assert.deepStrictEqual(exported.map((t: { id: string }) => t.id), emulator.refreshTokensOf(emulator.users.many).map((t) => t.id));
    const csvUri = vscode.Uri.joinPath(folder, `export-${Date.now()}.csv`);
    await vscode.commands.executeCommand('auth0TokenInspector.exportTokens', user, 'csv', csvUri);
    const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(csvUri));
    assert.strictEqual(countCsvRecords(csv), 251, 'a header and 250 rows');
    await vscode.workspace.fs.delete(jsonUri);
    await vscode.workspace.fs.delete(csvUri);
  });
});
