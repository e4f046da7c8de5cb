import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  connectEmulator, describeRows, extensionApi, loadAllRows, messageRows, removeAllTenants, startEmulator, tokenRows, userRow, type RunningEmulator,
} from './harness';

describe('Tree: tenants → users → refresh tokens', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 1 });
  });
  after(async () => {
    await removeAllTenants();
    await emulator?.close();
  });

  it('connects a tenant, keeping the token in secret storage and out of settings', async () => {
    const api = await extensionApi();
    await connectEmulator(emulator);
    const stored = await api.registry.credentialStore.read(emulator.domain);
    assert.deepStrictEqual(stored, { kind: 'token', token: emulator.token });
    const settings = JSON.stringify(vscode.workspace.getConfiguration('auth0TokenInspector'));
    assert.ok(settings.includes(emulator.domain), 'the tenant is in settings');
    assert.ok(!settings.includes(emulator.token), 'the token is not in settings');
  });

  it('lists the first page of users with a "Load more users" row naming the total', async () => {
    const api = await extensionApi();
    const [tenant] = await api.explorer.tenantRows();
    const children = await tenant.getChildren();
    const more = messageRows(children).find((m) => m.row.contextValue === 'loadMore');
    assert.ok(more, describeRows(children));
    assert.match(String(more.getTreeItem().label), /^Load more users… \(50 of \d+\)$/);
  });

  it('pages a 250-token user to exactly the emulator\'s tokens, in order', async () => {
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.many);
    const first = await user.getChildren();
    assert.strictEqual(tokenRows(first).length, 50);
    const all = await loadAllRows(user);
    const ids = tokenRows(all).map((row) => row.token.id);
    assert.deepStrictEqual(ids, emulator.refreshTokensOf(emulator.users.many).map((t) => t.id));
    assert.strictEqual(new Set(ids).size, 250);
    assert.strictEqual(messageRows(all).length, 0, `no trailing row once complete: ${describeRows(all)}`);
  });

  it('a user whose tokens fit one page (next on it, as a real tenant sends): no "Load more…", a count without "+", one request', async () => {
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.seven);
    const path = `/api/v2/users/${emulator.users.seven}/refresh-tokens`;
    const before = emulator.requests.filter((request) => request.path === path).length;
    const children = await user.getChildren();
    assert.strictEqual(tokenRows(children).length, 7);
    assert.strictEqual(messageRows(children).length, 0, `no trailing row: ${describeRows(children)}`);
    assert.match(String(user.getTreeItem().description), /^7 tokens · /);
    const sent = emulator.requests.filter((request) => request.path === path).slice(before);
    assert.strictEqual(sent.length, 1, 'one page request');
    assert.strictEqual(sent[0].query.include_totals, 'true');
  });

  it("a user with more pages: the count and \"Load more…\" name Auth0's total, and end with the list", async () => {
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.many);
    user.reset(); // an earlier test loaded every page: start over from the first
    const children = await user.getChildren();
    const more = messageRows(children).find((m) => m.row.contextValue === 'loadMore');
    assert.ok(more, describeRows(children));
    assert.strictEqual(String(more.getTreeItem().label), 'Load more… (50 of 250 loaded)');
    assert.match(String(user.getTreeItem().description), /^50 of 250 tokens · /);
    const all = await loadAllRows(user);
    assert.strictEqual(tokenRows(all).length, 250);
    assert.match(String(user.getTreeItem().description), /^250 tokens · /);
  });

  it('"List Refresh Tokens" offers no "Load more…" for a complete list, and names the total otherwise', async () => {
    const api = await extensionApi();
    await connectEmulator(emulator);
    const listed = async (userId: string) => {
      const shown = new Promise<void>((resolve) => {
        const subscription = api.listRefreshTokens.onDidShowTokens((tokens) => {
          if (tokens.length > 0) {
            subscription.dispose();
            resolve();
          }
        });
      });
      const run = vscode.commands.executeCommand('auth0TokenInspector.listRefreshTokens', emulator.domain, userId);
      await shown;
      const items = api.listRefreshTokens.shownItems.map((item) => item.label);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await run;
      return items;
    };
    const seven = await listed(emulator.users.seven);
    assert.strictEqual(seven.length, 7, seven.join(' | '));
    assert.ok(!seven.some((label) => /Load more/.test(label)), seven.join(' | '));
    const many = await listed(emulator.users.many);
    assert.strictEqual(many.length, 51);
    assert.strictEqual(many[50], '$(more) Load more… (50 of 250 loaded)');
  });

  it('labels token rows by application name and status', async () => {
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.seven);
    const rows = tokenRows(await user.getChildren());
    assert.strictEqual(rows.length, 7);
    for (const row of rows) {
      const item = row.getTreeItem();
      const expectedName = emulator.clientName(row.token.client_id!) ?? row.token.client_id;
      assert.strictEqual(item.label, expectedName);
      // The status, after the most severe finding when one flags the token (issue #11).
      assert.match(String(item.description), /^(⚠ [a-zA-Z' -]+ · )?(active|expired|idle-expired)/);
    }
  });

  it('says so when a user has no refresh tokens', async () => {
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.none);
    const children = await user.getChildren();
    assert.deepStrictEqual(children.map((c) => c.getTreeItem().label), ['No refresh tokens']);
  });
});
