// The hunt and the incident response in the real VS Code, against the emulator: a hunt by
// application and by CIDR finds exactly the emulator's matching tokens; a hunt cancelled, then
// resumed from its checkpoint after a simulated reload, asks for no user twice; a hunt by an
// application's name on a fresh connection lists the tenant's applications to resolve it; Revoke Selected
// removes exactly the selected tokens with one audit line each; Contain User (from the results
// and from a finding in the details panel) leaves the user with no token, no session, blocked.
// Modals are answered by wrapping showWarningMessage, typed confirmations by wrapping showInputBox.
import * as assert from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { HuntResult } from '../../src/features/hunt/core/huntRunner';
import { networkContains, parseCidr, parseIpAddress } from '../../src/features/hunt/core/network';
import type { RefreshToken } from '../../src/auth0/types';
import type { TenantNode } from '../../src/features/explorer/nodes/tenantNode';
import { FULL_SCOPES } from '../emulator/auth';
import { getTestWindow } from './testWindow';
import { connectEmulator, extensionApi, removeAllTenants, startEmulator, tokenRows, until, userRow, type RunningEmulator } from './harness';

interface Answers {
  /** Modal prompts seen, with their detail. */
  modals: { message: string; detail?: string; buttons: string[] }[];
  inputs: vscode.InputBoxOptions[];
}

/**
 * Answers every modal warning with its first button and every input box with `typed` (a person typing the
 * tenant's name) while `action` runs, and says what the test window saw asked.
 */
async function answering<T>(typed: string | undefined, action: () => Promise<T>): Promise<{ value: T; answers: Answers }> {
  const window = getTestWindow();
  const [messagesBefore, inputsBefore] = [window.shownMessages.length, window.shownInputBoxes.length];
  const handlers = [window.onDidShowMessage((message) => message.kind === 'warning' && message.modal && message.selectItem(message.items[0])), window.onDidShowInputBox((box) => box.acceptValue(typed))];
  try {
    const value = await action();
    const modals = window.shownMessages.slice(messagesBefore).filter((message) => message.kind === 'warning' && message.modal);
    return {
      value,
      answers: {
        modals: modals.map((message) => ({ message: message.message, detail: message.detail, buttons: [...message.items] })),
        inputs: window.shownInputBoxes.slice(inputsBefore).map((box) => box.options),
      },
    };
  } finally {
    handlers.forEach((handler) => handler.dispose());
  }
}

function inCidr(ip: unknown, cidr: string): boolean {
  const network = parseCidr(cidr);
  const address = typeof ip === 'string' ? parseIpAddress(ip) : undefined;
  return network.ok && address?.ok === true && networkContains(network.value, address.value);
}

interface AuditLine {
  action: string;
  targets: string[];
  result: string;
  user_id?: string;
  tenant: string;
}

describe('Hunt and response', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let tenant: TenantNode;
  let users: string[];

  before(async () => {
    emulator = await startEmulator({ seed: 8, deleteDelayMs: 10 });
    api = await extensionApi();
    tenant = await connectEmulator(emulator, { label: 'Emulator' });
    await api.hunts.forgetEarlyAccess(emulator.domain);
    users = emulator.fanOutUsers.slice(0, 30);
  });

  after(async () => {
    api.hunts.forget();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await emulator?.close();
  });

  function hunt(criteria: Record<string, string>, ids = users): Thenable<HuntResult | undefined> {
    return vscode.commands.executeCommand<HuntResult | undefined>('auth0TokenInspector.huntRefreshTokens', tenant, { users: { kind: 'list', ids, label: 'fan-out users' }, criteria });
  }

  function tokensOf(ids: readonly string[]): RefreshToken[] {
    return ids.flatMap((userId) => emulator.refreshTokensOf(userId));
  }

  function shownTokenIds(): string[] {
    const html = api.hunts.results?.html ?? '';
    return [...html.matchAll(/<tr class="token" data-token-id="([^"]*)"/g)].map((match) => match[1]);
  }

  function auditLines(): AuditLine[] {
    let text: string;
    try {
      text = readFileSync(api.response.auditLogUri.fsPath, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as AuditLine);
  }

  it('by application: finds exactly the emulator\'s tokens of that application, and shows them in the results panel', async () => {
    const clientId = tokensOf(users)[0].client_id!;
    const result = await hunt({ applications: clientId });
    assert.strictEqual(result?.outcome, 'completed');
    const expected = tokensOf(users).filter((token) => token.client_id === clientId).map((token) => token.id).sort();
    assert.ok(expected.length > 5, `${expected.length} tokens of the application`);
    assert.deepStrictEqual(result.matches.map((match) => match.token.id).sort(), expected);
    assert.deepStrictEqual(shownTokenIds().sort(), expected, 'every match is a row of the results panel');
    const html = api.hunts.results?.html ?? '';
    assert.match(html, /Content-Security-Policy" content="default-src 'none';/);
    assert.match(html, /<script nonce="[^"]+" src="[^"]+huntResults\.js"><\/script>/);
    // Each page says it loaded (pageDrawer.ts), so a redraw never goes over a page still loading.
    await until(() => {
      const { drawn, loaded } = api.hunts.results!.page.renders;
      return drawn > 0 && loaded === drawn;
    }, 'the results page says it loaded its last render');
    // The tenant has the Early Access list: one request per user, filtered by Auth0.
    const early = emulator.requests.filter((request) => request.path === '/api/v2/refresh-tokens' && request.query.client_id === clientId);
    assert.strictEqual(early.length, users.length);
  });

  it('exports the results as CSV (a header, a line per match) and JSON (tokens as Auth0 sent them)', async () => {
    const session = api.hunts.current!;
    const folder = vscode.Uri.file(mkdtempSync(join(tmpdir(), 'hunt-export-')));
    const csv = await api.hunts.exportResults('csv', undefined, vscode.Uri.joinPath(folder, 'hunt.csv'));
    const lines = readFileSync(csv!.fsPath, 'utf8').trimEnd().split('\r\n');
    assert.strictEqual(lines[0].split(',')[0], 'user_id');
    assert.strictEqual(lines.length, session.matches.length + 1, 'a header and one line per match');
    const chosen = session.matches.slice(0, 2).map((match) => match.token.id);
    // The notification says when only the rows the filter shows were written.
    const window = getTestWindow();
    const shownBefore = window.shownMessages.length;
    window.onDidShowMessage((message) => message.kind === 'information' && message.close());
    const json = await api.hunts.exportResults('json', chosen, vscode.Uri.joinPath(folder, 'hunt.json'));
    const said = window.shownMessages.slice(shownBefore).filter((message) => message.kind === 'information').map((message) => message.message);
    assert.ok(session.matches.length > 2);
    assert.match(said[0] ?? '', new RegExp(`^Exported the 2 of ${session.matches.length} matched refresh tokens that the filter shows to `));
    const exported = JSON.parse(readFileSync(json!.fsPath, 'utf8')) as { token: RefreshToken }[];
    assert.deepStrictEqual(exported.map((entry) => entry.token), session.matches.slice(0, 2).map((match) => JSON.parse(JSON.stringify(match.token))));
  });

  it("by application NAME on a fresh connection: lists the tenant's applications once, then finds exactly that application's tokens", async () => {
    // A token of its own makes a new connection: its model has resolved no application name yet.
    tenant = await connectEmulator(emulator, { label: 'Emulator', token: emulator.mintToken({ scopes: [...FULL_SCOPES] }) });
    const model = (await api.registry.find(emulator.domain))?.getModel();
    assert.ok(model, 'the tenant is connected');
    // An application whose name this connection has not resolved yet (the visible tree may already
    // have named the applications of the rows it shows).
    const clientId = tokensOf(users).map((token) => token.client_id!).find((id) => emulator.clientName(id) !== undefined && model.client.knownClientName(id) === undefined);
    assert.ok(clientId, `an application not named yet: ${[...model.client.knownClientNames().values()].join(', ')}`);
    const name = emulator.clientName(clientId)!;
    const first = emulator.requests.length;
    const result = await hunt({ applications: name });
    assert.strictEqual(result?.outcome, 'completed');
    const expected = tokensOf(users).filter((token) => token.client_id === clientId).map((token) => token.id).sort();
    assert.ok(expected.length > 5, `${expected.length} tokens of ${name}`);
    assert.deepStrictEqual(result.matches.map((match) => match.token.id).sort(), expected);
    const lists = emulator.requests.slice(first).filter((request) => request.path === '/api/v2/clients');
    assert.deepStrictEqual(lists.map((request) => request.query), [{ fields: 'client_id,name', include_fields: 'true', include_totals: 'true', page: '0', per_page: '100' }]);
    assert.strictEqual(model.applicationName(clientId), name);
    assert.strictEqual(model.client.knownClientNames().size, emulator.applications().length, 'every application of the tenant is named now');
  });

  it('by a name the token may not list applications for: the error names the missing scope, no hunt starts, asked once', async () => {
    const limited = emulator.mintToken({ scopes: ['read:users', 'read:refresh_tokens'] });
    tenant = await connectEmulator(emulator, { label: 'Emulator', token: limited });
    const window = getTestWindow();
    const shownBefore = window.shownMessages.length;
    window.onDidShowMessage((message) => message.kind === 'error' && message.close());
    const errors: string[] = [];
    const errorsShown = () => window.shownMessages.slice(shownBefore).filter((message) => message.kind === 'error').map((message) => message.message);
    const first = emulator.requests.length;
    const previous = api.hunts.current;
    try {
      assert.strictEqual(await hunt({ applications: 'Acme Web' }), undefined);
      assert.strictEqual(await hunt({ applications: 'Acme Web' }), undefined);
    } finally {
      errors.push(...errorsShown());
    }
    const expected =
      'Application: no application is named "Acme Web" among the names known so far; the token lacks read:clients (or read:client_summary) to list the tenant\'s applications — give its client id';
    assert.deepStrictEqual(errors, [expected, expected]);
    assert.strictEqual(api.hunts.current, previous, 'no hunt started');
    const sent = emulator.requests.slice(first);
    assert.deepStrictEqual(sent.filter((request) => request.path === '/api/v2/clients').map((request) => request.status), [403], 'the refusal is remembered');
    assert.ok(!sent.some((request) => request.path.endsWith('/refresh-tokens')), 'no user was read');
    tenant = await connectEmulator(emulator, { label: 'Emulator' });
  });

  it('gives the hunt the share of the rate the setting says', async () => {
    const settings = vscode.workspace.getConfiguration('auth0TokenInspector');
    await settings.update('hunt.rateShare', 0.25, vscode.ConfigurationTarget.Global);
    try {
      await until(async () => (await api.registry.find(emulator.domain))?.getClient()?.limiter.backgroundShare === 0.25, 'the new share in the client');
    } finally {
      await settings.update('hunt.rateShare', undefined, vscode.ConfigurationTarget.Global);
    }
    await until(async () => (await api.registry.find(emulator.domain))?.getClient()?.limiter.backgroundShare === 0.5, 'the default share again');
    tenant = await connectEmulator(emulator, { label: 'Emulator' });
  });

  it('by CIDR: finds exactly the tokens first or last exchanged from the range', async () => {
    const cidr = '198.51.100.0/24';
    const result = await hunt({ network: cidr });
    const expected = tokensOf(users)
      .filter((token) => inCidr(token.device?.initial_ip, cidr) || inCidr(token.device?.last_ip, cidr))
      .map((token) => token.id)
      .sort();
    assert.ok(expected.length > 5, `${expected.length} tokens in the range`);
    assert.deepStrictEqual(result?.matches.map((match) => match.token.id).sort(), expected);
    assert.deepStrictEqual(shownTokenIds().sort(), expected);
  });

  it('cancelled, then resumed from its checkpoint after a reload: reads every user once, none twice', async () => {
    const ids = emulator.fanOutUsers.slice(0, 40);
    emulator.configure({ latencyMs: 50 });
    const first = emulator.requests.length;
    const previous = api.hunts.current;
    const running = hunt({}, ids);
    await until(() => api.hunts.current !== previous && (api.hunts.current?.progress.usersDone ?? 0) >= 6, 'six users read');
    api.hunts.current!.cancel();
    const cancelled = await running;
    assert.strictEqual(cancelled?.outcome, 'cancelled');
    const saved = await api.hunts.savedCheckpoint();
    assert.strictEqual(saved?.state, 'cancelled');
    assert.ok(saved.usersDone.length < ids.length, `stopped after ${saved.usersDone.length} users`);
    assert.strictEqual(saved.usersDone.length, cancelled.progress.usersDone, 'every user read is recorded as done');

    api.hunts.forget(); // what a reload leaves: only the checkpoint file
    emulator.configure({ latencyMs: 0 });
    const resumed = await api.hunts.resume();
    assert.strictEqual(resumed?.outcome, 'completed');
    const reads = new Map<string, number>();
    for (const request of emulator.requests.slice(first)) {
      const match = /^\/api\/v2\/users\/(.+)\/refresh-tokens$/.exec(request.path);
      if (match && request.method === 'GET') {
        reads.set(match[1], (reads.get(match[1]) ?? 0) + 1);
      }
    }
    assert.deepStrictEqual([...reads.keys()].sort(), [...ids].sort(), 'every user read');
    assert.deepStrictEqual([...reads].filter(([, count]) => count > 1), [], 'no user read twice');
    assert.strictEqual(resumed.matches.length, tokensOf(ids).length, 'no criteria: every token matches, the first run\'s included');
    assert.strictEqual(await api.hunts.savedCheckpoint(), undefined, 'a completed hunt leaves no checkpoint to resume');
  });

  it('Revoke Selected (no Early Access bulk endpoint): removes exactly the selected tokens, one audit line each', async () => {
    emulator.configure({ earlyAccess: 'absent' });
    await api.hunts.forgetEarlyAccess(emulator.domain);
    try {
      await revokeWithoutBulk();
    } finally {
      emulator.configure({ earlyAccess: 'present' });
      await api.hunts.forgetEarlyAccess(emulator.domain);
    }
  });

  async function revokeWithoutBulk(): Promise<void> {
    const ids = users.slice(0, 5);
    await hunt({}, ids);
    const session = api.hunts.current!;
    const selected = [session.matches[0], session.matches[3], session.matches[9]].map((match) => match.token.id);
    const before = auditLines().length;
    const { answers } = await answering(undefined, () => api.hunts.receive({ type: 'revoke-selected', tokenIds: selected }));
    assert.strictEqual(answers.modals.length, 1, 'one modal: the dry run');
    for (const id of selected) {
      assert.ok(answers.modals[0].detail?.includes(id), `the dry run names ${id}`);
    }
    assert.strictEqual(answers.inputs.length, 0, 'three tokens on a test tenant: no name to type');
    await session.settled();
    assert.deepStrictEqual(selected.map((id) => session.status(id).state), ['revoked', 'revoked', 'revoked']);
    const remaining = tokensOf(ids).map((token) => token.id);
    assert.strictEqual(remaining.length, ids.length * 7 - 3);
    assert.ok(selected.every((id) => !remaining.includes(id)), 'the selected tokens are gone, and only they');
    const lines = auditLines().slice(before);
    const accepted = lines.filter((line) => line.result === 'accepted' && line.action === 'revoke-refresh-token');
    assert.deepStrictEqual(accepted.map((line) => line.targets).sort(), selected.map((id) => [id]).sort(), 'one line per token');
    assert.ok(lines.every((line) => line.tenant === emulator.domain));
    assert.ok(!readFileSync(api.response.auditLogUri.fsPath, 'utf8').includes(emulator.token), 'no secret in the audit file');
  }

  it('Revoke Selected of more than 10 tokens asks for the tenant\'s name, then revokes them in one bulk call', async () => {
    const ids = users.slice(5, 8);
    await hunt({}, ids);
    const session = api.hunts.current!;
    const selected = session.matches.slice(0, 12).map((match) => match.token.id);
    const declined = await answering('not the name', () => api.hunts.revokeSelected(selected));
    assert.strictEqual(declined.value, undefined, 'a wrong name revokes nothing');
    assert.strictEqual(tokensOf(ids).length, 21);
    const before = auditLines().length;
    const { value: report, answers } = await answering('Emulator', () => api.hunts.revokeSelected(selected));
    assert.strictEqual(answers.inputs.length, 1);
    assert.match(answers.inputs[0].prompt ?? '', /Type Emulator/);
    assert.strictEqual(report?.usedBulk, true);
    await session.settled();
    assert.deepStrictEqual(tokensOf(ids).map((token) => token.id).filter((id) => selected.includes(id)), []);
    assert.strictEqual(tokensOf(ids).length, 21 - 12);
    const lines = auditLines().slice(before);
    assert.deepStrictEqual(lines.map((line) => line.action), ['revoke-refresh-tokens']);
    assert.deepStrictEqual([...lines[0].targets].sort(), [...selected].sort());
  });

  it('Contain User from the results: no refresh token, no session, blocked; an audit line per step', async () => {
    const userId = users[10];
    await hunt({}, [userId]);
    assert.ok(emulator.sessionsOf(userId).length > 0 && emulator.refreshTokensOf(userId).length > 0, 'the user has sessions and tokens');
    const before = auditLines().length;
    const { answers } = await answering(undefined, () => api.hunts.receive({ type: 'contain-user', userId }));
    assert.strictEqual(answers.modals.length, 1, 'one modal');
    assert.deepStrictEqual(answers.modals[0].buttons, ['Contain and Block', 'Contain']);
    assert.match(answers.modals[0].detail ?? '', /Block[\s\S]*End (all \d+ sessions|the one session)[\s\S]*Revoke all 7 refresh tokens/);
    await until(() => emulator.refreshTokensOf(userId).length === 0 && emulator.sessionsOf(userId).length === 0, 'the tokens and sessions gone');
    const user = (await (await fetch(`${emulator.url}/api/v2/users/${encodeURIComponent(userId)}`, { headers: { authorization: `Bearer ${emulator.token}` } })).json()) as { blocked?: boolean };
    assert.strictEqual(user.blocked, true);
    assert.deepStrictEqual(auditLines().slice(before).map((line) => [line.action, line.result, line.user_id]), [
      ['block-user', 'accepted', userId],
      ['revoke-user-sessions', 'accepted', userId],
      ['revoke-user-refresh-tokens', 'accepted', userId],
    ]);
    await until(() => api.hunts.current!.matches.every((match) => api.hunts.current!.status(match.token.id).state !== 'found'), 'the results show the tokens revoked');
  });

  it('Contain User from a finding in the details panel does the same', async () => {
    const userId = users[11];
    const [row] = tokenRows(await (await userRow(tenant, userId)).getChildren());
    await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    await answering(undefined, () => api.panels.receive(emulator.domain, row.token.id, { type: 'contain-user' }));
    await until(() => emulator.refreshTokensOf(userId).length === 0 && emulator.sessionsOf(userId).length === 0, 'the tokens and sessions gone');
    const user = (await (await fetch(`${emulator.url}/api/v2/users/${encodeURIComponent(userId)}`, { headers: { authorization: `Bearer ${emulator.token}` } })).json()) as { blocked?: boolean };
    assert.strictEqual(user.blocked, true);
  });

  it('Contain User names the missing scopes before doing anything', async () => {
    const userId = users[12];
    const limited = emulator.mintToken({ scopes: ['read:users', 'read:refresh_tokens', 'delete:refresh_tokens'] });
    const limitedTenant = await connectEmulator(emulator, { label: 'Emulator', token: limited });
    const row = await userRow(limitedTenant, userId);
    const window = getTestWindow();
    const shownBefore = window.shownMessages.length;
    window.onDidShowMessage((message) => message.kind === 'error' && message.close());
    const errors: string[] = [];
    const errorsShown = () => window.shownMessages.slice(shownBefore).filter((message) => message.kind === 'error').map((message) => message.message);
    const writes = () => emulator.requests.filter((request) => request.method !== 'GET').length;
    const writesBefore = writes();
    try {
      const { answers } = await answering(undefined, () => Promise.resolve(vscode.commands.executeCommand('auth0TokenInspector.containUser', row)));
      assert.strictEqual(answers.modals.length, 0, 'no modal: it cannot be done');
    } finally {
      errors.push(...errorsShown());
    }
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0], /delete:sessions/);
    assert.strictEqual(writes(), writesBefore, 'nothing was sent');
    assert.strictEqual(emulator.refreshTokensOf(userId).length, 7);
    tenant = await connectEmulator(emulator, { label: 'Emulator' });
  });

  it("Contain User's modal says how many refresh tokens it will revoke, past the first page (Auth0's total)", async () => {
    const row = await userRow(tenant, emulator.users.many);
    const details: string[] = [];
    getTestWindow().onDidShowMessage((message) => {
      if (message.modal) {
        details.push(message.detail ?? '');
        message.close(); // Cancel: nothing is contained
      }
    });
    await vscode.commands.executeCommand('auth0TokenInspector.containUser', row);
    assert.strictEqual(details.length, 1);
    assert.match(details[0], /Revoke all 250 refresh tokens/);
    assert.strictEqual(emulator.refreshTokensOf(emulator.users.many).length, 250, 'cancelled: nothing revoked');
  });

  it('Show Audit Log opens the NDJSON audit file', async () => {
    await vscode.commands.executeCommand('auth0TokenInspector.showAuditLog');
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.fsPath, api.response.auditLogUri.fsPath);
    assert.ok(editor.document.lineCount > 3);
  });
});
