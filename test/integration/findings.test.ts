// Findings in the real VS Code (issue #11): the emulator's demo stories seen as a person sees
// them. The stolen laptop token is flagged in the tree at once from its own fields, and more once
// the user's logs arrive; its details show findings, session and history; revoking its session
// revokes the tokens bound to it; "Flagged Only" hides the rest and says how many.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { RefreshTokenNode } from '../../src/features/explorer/nodes/refreshTokenNode';
import type { TenantNode } from '../../src/features/explorer/nodes/tenantNode';
import { confirmModals, connectEmulator, extensionApi, messageRows, removeAllTenants, startEmulator, tokenRows, userRow, type RunningEmulator } from './harness';

describe('Findings: the demo stories in the tree and the details panel', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let tenant: TenantNode;

  before(async () => {
    emulator = await startEmulator({ seed: 1, deleteDelayMs: 10 });
    tenant = await connectEmulator(emulator);
  });

  after(async () => {
    const api = await extensionApi();
    await api.explorer.setFlaggedOnly(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await emulator?.close();
  });

  /** The stolen laptop token's row: the web app's token whose last user agent is the script. */
  async function stolenRow(): Promise<RefreshTokenNode> {
    const user = await userRow(tenant, emulator.scenarios.stolenLaptop);
    const rows = tokenRows(await user.getChildren());
    const row = rows.find((r) => /python-requests/.test(String(r.token.device?.last_user_agent)));
    assert.ok(row, `the stolen token is listed: ${rows.map((r) => r.token.device?.last_user_agent).join(' | ')}`);
    return row;
  }

  it("flags the stolen token's row from its own fields, then from the user's logs", async () => {
    const row = await stolenRow();
    const firstKinds = new Set(row.target()!.model.analyzeUserTokens(emulator.scenarios.stolenLaptop, [row.token], new Date()).get(row.token.id)!.findings.map((f) => f.kind));
    assert.ok(firstKinds.has('device-changed') && firstKinds.has('network-changed'), [...firstKinds].join(', '));
    assert.match(String(row.getTreeItem().description), /^⚠ /);
    const model = tenant.connection.getModel()!;
    await model.evidence.settled();
    const flag = row.flag;
    assert.strictEqual(flag?.severity, 'high', `after the logs: ${flag?.kind}`);
    // The script exchanges the laptop's token from another country within minutes: impossible
    // travel outranks the family's many networks, which must be found as well.
    assert.strictEqual(flag!.kind, 'impossible-travel', flag?.kind);
    const afterLogs = row.target()!.model.analyzeUserTokens(emulator.scenarios.stolenLaptop, [row.token], new Date()).get(row.token.id)!.findings.map((f) => f.kind);
    assert.ok(afterLogs.includes('many-networks') || afterLogs.includes('many-devices'), afterLogs.join(', '));
    assert.match(String(row.getTreeItem().description), /^⚠ impossible travel · /);
    assert.match(String(row.resolveTooltip().value), /another device|another network/);
  });

  it("the user's row counts tokens and flagged ones", async () => {
    const user = await userRow(tenant, emulator.scenarios.stolenLaptop);
    await user.getChildren();
    await tenant.connection.getModel()!.evidence.settled();
    assert.match(String(user.getTreeItem().description), /^2 tokens · 1 flagged$/);
  });

  it('the details panel shows findings, the session and the history', async () => {
    const api = await extensionApi();
    const row = await stolenRow();
    await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    await tenant.connection.getModel()!.evidence.settled();
    const html = api.panels.openPanels().find((p) => p.tokenId === row.token.id)!.html;
    for (const section of ['findings', 'session', 'history']) {
      assert.ok(html.includes(`data-section="${section}"`), `the ${section} section`);
    }
    assert.ok(html.includes('data-finding-kind="many-networks"') || html.includes('data-finding-kind="many-devices"'), 'a family finding');
    assert.ok(html.includes('data-action="revoke-session"'), 'the session can be revoked');
    assert.ok((html.match(/data-event-type="sertft"/g) ?? []).length >= 4, 'the script\'s four exchanges are in the history');
    assert.ok(html.includes('<svg'), 'the timeline');
  });

  it("revoking the token's session revokes the tokens bound to it", async () => {
    const api = await extensionApi();
    const row = await stolenRow();
    const sessionId = row.token.session_id!;
    const bound = emulator.refreshTokensOf(emulator.scenarios.stolenLaptop).filter((t) => t.session_id === sessionId);
    assert.ok(bound.length >= 1);
    await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    const start = emulator.requests.length;
    confirmModals();
    await api.panels.receive(emulator.domain, row.token.id, { type: 'revoke-session' });
    await Promise.all([...api.tokenCommands.pendingReloads]);
    const posts = emulator.requests.slice(start).filter((r) => r.method === 'POST');
    assert.deepStrictEqual(posts.map((r) => r.segments), [['api', 'v2', 'sessions', sessionId, 'revoke']]);
    assert.deepStrictEqual(emulator.refreshTokensOf(emulator.scenarios.stolenLaptop).filter((t) => t.session_id === sessionId), [], 'no token of that session is left');
    assert.ok(emulator.refreshTokensOf(emulator.scenarios.stolenLaptop).length > 0, "the phone's token (another session) lives on");
  });

  it('"Flagged Only" hides tokens without findings and says how many', async () => {
    const user = await userRow(tenant, emulator.scenarios.browserUpdated);
    const all = tokenRows(await user.getChildren());
    await tenant.connection.getModel()!.evidence.settled();
    assert.ok(all.length > 0);
    assert.deepStrictEqual(all.filter((r) => r.flag).map((r) => r.flag!.kind), [], 'a browser update is not a finding');
    await vscode.commands.executeCommand('auth0TokenInspector.showFlaggedOnly');
    const filtered = await user.getChildren();
    assert.deepStrictEqual(tokenRows(filtered), []);
    const hidden = messageRows(filtered).find((m) => m.row.contextValue === 'message.hidden');
    assert.strictEqual(hidden?.row.label, all.length === 1 ? '1 unflagged token hidden' : `${all.length} unflagged tokens hidden`);
    await vscode.commands.executeCommand('auth0TokenInspector.showAllTokens');
    assert.strictEqual(tokenRows(await user.getChildren()).length, all.length);
  });

  it('"Open Refresh Token by ID…" under "Flagged Only" shows the opened token although it has no finding', async () => {
    const api = await extensionApi();
    const userId = emulator.scenarios.browserUpdated;
    const [opened, other] = emulator.refreshTokensOf(userId);
    await vscode.commands.executeCommand('auth0TokenInspector.showFlaggedOnly');
    try {
      await vscode.commands.executeCommand('auth0TokenInspector.openTokenById', tenant, opened.id);
      assert.ok(api.panels.openPanels().some((p) => p.tokenId === opened.id), 'its details are open');
      const user = (await tenant.getChildren()).find((c) => (c as { userId?: string }).userId === userId) as Awaited<ReturnType<typeof userRow>>;
      assert.ok(user, 'the command shows the user');
      await tenant.connection.getModel()!.evidence.settled();
      const children = await user.getChildren();
      assert.deepStrictEqual(tokenRows(children).map((r) => r.token.id), [opened.id], 'the opened token is shown, unflagged');
      assert.strictEqual(tokenRows(children)[0].flag, undefined);
      assert.strictEqual(messageRows(children).find((m) => m.row.contextValue === 'message.hidden')?.row.label, '1 unflagged token hidden', `${other.id} stays hidden`);
      // Switching the filter on again is asking for flagged tokens only: the opened one goes too.
      await vscode.commands.executeCommand('auth0TokenInspector.showFlaggedOnly');
      assert.deepStrictEqual(tokenRows(await user.getChildren()), []);
    } finally {
      await vscode.commands.executeCommand('auth0TokenInspector.showAllTokens');
    }
  });
});
