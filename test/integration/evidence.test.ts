// Issue 18: evidence that arrives late is read again (Refresh on a user row, the details panel's
// Refresh), and the person can lift the background bound (Judge All Refresh Tokens of User).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { RefreshToken } from '../../src/auth0/types';
import type { TenantNode } from '../../src/features/explorer/nodes/tenantNode';
import type { UserNode } from '../../src/features/explorer/nodes/userNode';
import { connectEmulator, extensionApi, messageRows, removeAllTenants, startEmulator, tokenRows, userRow, type RunningEmulator } from './harness';

const SESSIONS_PER_USER = 20;

/** A `ferrt` (reuse detected) of `token`'s rotation family, written late by Auth0. */
function lateFerrt(emulator: RunningEmulator, token: RefreshToken) {
  return emulator.addLogEvent(token.user_id!, {
    type: 'ferrt',
    date: new Date().toISOString(),
    description: 'Unsuccessful Refresh Token exchange, reuse detected',
    client_id: token.client_id,
    user_id: token.user_id,
    ip: '203.0.113.9',
    details: { refresh_token: { id: token.id, session_id: token.session_id } },
  } as never);
}

function requestsTo(emulator: RunningEmulator, prefix: string): number {
  return emulator.requests.filter((request) => request.path.startsWith(prefix)).length;
}

async function settled(tenant: TenantNode): Promise<void> {
  await tenant.connection.getModel()!.evidence.settled();
}

/** A token of the user whose session the evidence read and Auth0 still has. */
function tokenWithLiveSession(tenant: TenantNode, emulator: RunningEmulator, user: UserNode): RefreshToken {
  const known = tenant.connection.getModel()!.evidence.knownSessions();
  const live = new Set(emulator.sessionsOf(user.userId).map((session) => session.id));
  const token = user.loadedTokens.find((t) => typeof t.session_id === 'string' && live.has(t.session_id) && known.has(t.session_id) && known.get(t.session_id) !== 'gone');
  assert.ok(token, 'a listed token whose session was read and lives');
  return token;
}

describe('Evidence read again and Judge All (issue 18)', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await emulator?.close();
  });

  it('Refresh on a user row reads the log events and sessions again: a late ferrt and an ended session show', async () => {
    emulator = await startEmulator({ seed: 2 });
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.seven);
    await user.getChildren();
    await settled(tenant);
    const evidence = tenant.connection.getModel()!.evidence;
    const token = tokenWithLiveSession(tenant, emulator, user);
    const logReads = requestsTo(emulator, `/api/v2/users/${user.userId}/logs`);
    const sessionReads = requestsTo(emulator, `/api/v2/sessions/${token.session_id}`);
    const ferrt = lateFerrt(emulator, token);
    emulator.endSession(token.session_id!);

    // Expanding again without Refresh: what was read (less than 5 minutes ago) stays.
    await user.getChildren();
    await settled(tenant);
    assert.ok(!evidence.history(user.userId)!.events.some((event) => event.log_id === ferrt.log_id), 'not read again without Refresh');

    await vscode.commands.executeCommand('auth0TokenInspector.refresh', user);
    const again = await userRow(tenant, emulator.users.seven);
    await again.getChildren();
    await settled(tenant);
    assert.ok(requestsTo(emulator, `/api/v2/users/${user.userId}/logs`) > logReads, 'the log events read again');
    assert.ok(requestsTo(emulator, `/api/v2/sessions/${token.session_id}`) > sessionReads, 'the session read again');
    assert.ok(evidence.history(user.userId)!.events.some((event) => event.log_id === ferrt.log_id), 'the late ferrt shows');
    assert.strictEqual(evidence.knownSessions().get(token.session_id!), 'gone', 'the ended session shows as ended');
  });

  it("the details panel's Refresh reads the token, its session and the log events again", async () => {
    emulator = await startEmulator({ seed: 2 });
    const api = await extensionApi();
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.seven);
    const rows = tokenRows(await user.getChildren());
    await settled(tenant);
    const token = tokenWithLiveSession(tenant, emulator, user);
    const row = rows.find((r) => r.token.id === token.id)!;
    await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    await settled(tenant);
    const html = () => api.panels.openPanels().find((panel) => panel.tokenId === token.id)!.html;
    const reuses = (text: string) => text.split('event-reuse').length - 1;
    const before = html();
    assert.ok(!before.includes('session-ended'), 'the session is live when opened');
    const reads = {
      token: requestsTo(emulator, `/api/v2/refresh-tokens/${token.id}`),
      session: requestsTo(emulator, `/api/v2/sessions/${token.session_id}`),
      logs: requestsTo(emulator, `/api/v2/users/${user.userId}/logs`),
    };
    lateFerrt(emulator, token);
    emulator.endSession(token.session_id!);

    await api.panels.receive(emulator.domain, token.id, { type: 'refresh' });
    await settled(tenant);
    assert.ok(requestsTo(emulator, `/api/v2/refresh-tokens/${token.id}`) > reads.token, 'the token read again');
    assert.ok(requestsTo(emulator, `/api/v2/sessions/${token.session_id}`) > reads.session, 'its session read again');
    assert.ok(requestsTo(emulator, `/api/v2/users/${user.userId}/logs`) > reads.logs, 'the log events read again');
    const after = html();
    assert.ok(after.includes('session-ended'), 'the panel says the session ended');
    assert.ok(reuses(after) > reuses(before), `the late ferrt is in History (${reuses(before)} → ${reuses(after)} reuse events)`);
  });

  it('Judge All Refresh Tokens of User reads past the bound for the 1,234-token stand-in user', async () => {
    emulator = await startEmulator({ seed: 18, standInTokens: 1234 });
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.many);
    const sessionReads = () => requestsTo(emulator, '/api/v2/sessions/');
    // Load more, as a person does, until the row says the evidence stopped at the bound.
    let children = await user.getChildren();
    await settled(tenant);
    for (let page = 0; !String(user.getTreeItem().description ?? '').includes('Judge All'); page++) {
      const more = messageRows(children).find((m) => m.row.contextValue === 'loadMore');
      assert.ok(more && page < 30, `stopped at the bound before the listing ended: ${String(user.getTreeItem().description)}`);
      await vscode.commands.executeCommand(more.row.command!.command, ...(more.row.command!.arguments ?? []));
      children = await user.getChildren();
      await settled(tenant);
    }
    const description = String(user.getTreeItem().description);
    // Judged: live tokens whose session was read (20), shares a read session, or has none.
    assert.match(description, /findings for \d+ of \d+ live tokens: Judge All…/);
    assert.strictEqual(sessionReads(), SESSIONS_PER_USER, 'the background stopped at the bound');

    await vscode.commands.executeCommand('auth0TokenInspector.judgeAllTokens', user);
    await settled(tenant);
    const live = Number(/of (\d+) live/.exec(description)![1]);
    assert.ok(sessionReads() > SESSIONS_PER_USER, `${sessionReads()} session reads after Judge All`);
    assert.ok(sessionReads() <= live, `${sessionReads()} session reads, at most one per live token listed (${live})`);
    assert.ok(!String(user.getTreeItem().description).includes('Judge All'), `the row no longer says it stopped: ${String(user.getTreeItem().description)}`);
  });
});
