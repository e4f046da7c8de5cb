// Security, through the real extension in VS Code:
//  1. Secret hygiene: after using a pasted token and client credentials (and failing with an
//     expired token, 500s, and tenants that echo the credentials back in their errors), no
//     secret, nor any 16-character piece of one, is in anything the extension wrote or showed.
//  2. Each tenant's credentials reach that tenant's host only.
//  3. Ids with "/", "?", "#", "%", "..", "|", spaces and non-ASCII reach exactly the intended
//     user or token, including the DELETEs of a revocation.
//  4. Tenant domains that are not a bare host name are refused before any request.
// Assertions about secrets print only counts and where they were found, never a secret.
import * as assert from 'node:assert';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/features/explorer/nodes/explorerNode';
import type { TenantNode } from '../../src/features/explorer/nodes/tenantNode';
import type { UserNode } from '../../src/features/explorer/nodes/userNode';
import { SPECIAL_USER_IDS } from '../emulator/data/users';
import { HOSTILE_TOKEN_IDS } from '../unit/security/hostileIds';
import { extensionLogFile, filesUnder, userDataDir, whenFileSays } from './vscodeFiles';
import { countOccurrences, json, startRecordingServer, type RecordingServer, type SeenRequest } from '../unit/security/loopbackServers';
import { getTestWindow, type TestWindow } from './testWindow';
import {
  confirmModals, removeAllTenants,
  connectEmulator, describeRows, extensionApi, kindOf, messageRows, startEmulator, tenantRow, tokenRows, userRow,
  type RunningEmulator,
} from './harness';

const SECTION = 'auth0TokenInspector';

// ---------------------------------------------------------------------------------------------
// Finding secrets without printing them.

interface Secret {
  name: string;
  value: string;
}

interface Finding {
  sink: string;
  secret: string;
  /** Where in the secret the piece found starts; 0 with `whole` for the complete secret. */
  pieceAt: number;
  whole: boolean;
  count: number;
}

/** A leak of part of a secret counts too: every 16-character piece is looked for. */
const PIECE_LENGTH = 16;

function piecesOf(secret: Secret): { at: number; text: string }[] {
  // A JWT's header and claims are base64 of public facts (issuer, audience, scopes) that every
  // token of a tenant shares; its signature is what makes it a credential.
  const start = /^eyJ[\w-]*\.[\w-]*\.[\w-]+$/.test(secret.value) ? secret.value.lastIndexOf('.') + 1 : 0;
  const pieces: { at: number; text: string }[] = [];
  for (let at = start; at + PIECE_LENGTH <= secret.value.length; at++) {
    pieces.push({ at, text: secret.value.slice(at, at + PIECE_LENGTH) });
  }
  return pieces;
}

/** What the scans covered, for the summary line (and the README's counts). */
const scanned = { sinks: 0, characters: 0, findings: 0 };

/** Scans one place the extension wrote or showed, and counts it for the summary. */
function scan(sink: string, text: string, secrets: readonly Secret[]): Finding[] {
  scanned.sinks += 1;
  scanned.characters += text.length;
  return secretsIn(sink, text, secrets);
}

function secretsIn(sink: string, text: string, secrets: readonly Secret[]): Finding[] {
  const findings: Finding[] = [];
  for (const secret of secrets) {
    const whole = countOccurrences(text, secret.value);
    if (whole > 0) {
      findings.push({ sink, secret: secret.name, pieceAt: 0, whole: true, count: whole });
      continue;
    }
    for (const piece of piecesOf(secret)) {
      const count = countOccurrences(text, piece.text);
      if (count > 0) {
        findings.push({ sink, secret: secret.name, pieceAt: piece.at, whole: false, count });
        break;
      }
    }
  }
  return findings;
}

/** Fails with counts and locations only. */
function assertNoSecrets(findings: readonly Finding[]): void {
  scanned.findings += findings.length;
  const described = findings.map((f) => `${f.count}× ${f.whole ? 'whole' : `piece at ${f.pieceAt} of`} ${f.secret} in ${f.sink}`);
  assert.strictEqual(findings.length, 0, `secrets found: ${described.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// Everything the extension shows through the window API (recorded by the one test window,
// testWindow.ts), and the extension host's console. Tests and the extension share one `vscode`
// API object (same extension), so the test window sees the extension's calls; the suite checks
// that it saw some. A modal nobody answers is dismissed, as Escape would.
class ShownTextCapture {
  private recording: ReturnType<TestWindow['startRecording']> | undefined;
  private readonly restores: (() => void)[] = [];

  install(): void {
    const recording = getTestWindow().startRecording();
    this.recording = recording;
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level];
      this.restores.push(() => (console[level] = original));
      console[level] = (...args: unknown[]) => {
        for (const arg of args.map((value) => (value instanceof Error ? `${value.message}\n${value.stack}` : value))) {
          const text = typeof arg === 'string' ? arg : arg && typeof arg === 'object' ? (JSON.stringify(arg, (_key, inner) => (typeof inner === 'function' ? undefined : inner)) ?? '') : undefined;
          if (text !== undefined) {
            recording.entries.push({ where: `console.${level}`, text });
          }
        }
        original.apply(console, args);
      };
    }
  }

  restore(): void {
    this.recording?.stop();
    this.restores.splice(0).reverse().forEach((restore) => restore());
  }

  text(): string {
    return this.recording?.text() ?? '';
  }
}

function itemText(node: ExplorerNode): string {
  const item = node.getTreeItem();
  // Token and user tooltips are built on hover, as VS Code's resolveTreeItem asks for them.
  item.tooltip ??= node.resolveTooltip();
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : typeof item.tooltip === 'object' ? (item.tooltip as { value?: string }).value : item.tooltip;
  const label = typeof item.label === 'object' ? item.label.label : item.label;
  return [label, item.description, tooltip, item.id, item.accessibilityInformation?.label, item.contextValue, item.command?.title]
    .filter((part) => part !== undefined && part !== null && part !== true && part !== false)
    .join('\n');
}

/** Rows already loaded, without loading anything more. */
async function loadedRows(api: ExtensionApi): Promise<ExplorerNode[]> {
  const rows: ExplorerNode[] = [];
  for (const tenant of await api.explorer.tenantRows()) {
    rows.push(tenant);
    for (const child of await tenant.getChildren()) {
      rows.push(child);
      if (kindOf(child) === 'user' && (child as UserNode).loadedTokens.length > 0) {
        rows.push(...(await child.getChildren()));
      }
    }
  }
  return rows;
}

function settingsText(): string {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const inspected = ['tenants', 'tokensPageSize', 'usersPageSize', 'requestTimeoutSeconds', 'concurrency'].map((key) => configuration.inspect(key));
  return JSON.stringify({ configuration, inspected });
}

/** The Memento the extension was given as globalState (not on the API: see the report). */
function globalState(api: ExtensionApi): vscode.Memento {
  const state = api.globalState;
  assert.ok(state && typeof state.keys === 'function', 'the globalState Memento is reachable');
  return state;
}

// ---------------------------------------------------------------------------------------------

describe('Security: no secret is written or shown anywhere', function () {
  this.timeout(180_000);
  const capture = new ShownTextCapture();
  const servers: RunningEmulator[] = [];
  const echoes: RecordingServer[] = [];
  const exports: vscode.Uri[] = [];
  let api: ExtensionApi;
  let tokenTenant: RunningEmulator;
  let clientTenant: RunningEmulator;
  let expiredTenant: RunningEmulator;
  let failingTenant: RunningEmulator;
  let echoTokenTenant: RecordingServer;
  let echoClientTenant: RecordingServer;
  const echoToken = `opaque-mgmt-token-${randomBytes(24).toString('hex')}`;
  const echoClientSecret = `echo-client-secret-${randomBytes(24).toString('hex')}`;
  const domainPassword = `domain-password-${randomBytes(12).toString('hex')}`;
  const commandErrors: string[] = [];
  const clipboard: string[] = [];
  /** The tree's text after each step: a search replaces the rows shown before it. */
  const treeSnapshots: { step: string; rows: ExplorerNode[] }[] = [];
  const snapshot = async (step: string) => {
    treeSnapshots.push({ step, rows: await loadedRows(api) });
  };
  let secrets: Secret[] = [];

  /** Every credential the servers saw in an Authorization header, per server. */
  function bearersSeenBy(emulator: RunningEmulator): Set<string> {
    return new Set(emulator.requests.map((request) => request.authorization).filter((value): value is string => !!value).map((value) => value.replace(/^Bearer /, '')));
  }

  before(async () => {
    api = await extensionApi();
    await removeAllTenants();
    capture.install();
    [tokenTenant, clientTenant, expiredTenant, failingTenant] = await Promise.all([1, 2, 3, 4].map((seed) => startEmulator({ seed: 30 + seed, deleteDelayMs: 0 })));
    servers.push(tokenTenant, clientTenant, expiredTenant, failingTenant);
    failingTenant.configure({ faults: { serverErrorRate: 1 } });

    echoTokenTenant = await startRecordingServer('127.0.0.1', (request, response) => {
      const authorization = request.headers.authorization ?? '';
      const bearer = authorization.replace(/^Bearer /, '');
      if (request.url.startsWith('/api/v2/users?') && request.url.includes('q=')) {
        json(response, 400, { statusCode: 400, error: 'Bad Request', message: `Query refused for ${bearer} (${authorization})`, errorCode: 'invalid_query_string' });
      } else if (request.url.startsWith('/api/v2/refresh-tokens/')) {
        json(response, 403, { statusCode: 403, error: 'Forbidden', message: `Token ${bearer} may not read this`, errorCode: 'forbidden' });
      } else {
        json(response, 401, { statusCode: 401, error: 'Unauthorized', message: `Invalid token: ${authorization}`, errorCode: 'invalid_token' });
      }
    });
    echoClientTenant = await startRecordingServer('127.0.0.1', (request, response) => {
      if (request.url === '/oauth/token') {
        json(response, 401, { error: 'access_denied', error_description: `Unauthorized: you sent ${request.body}` });
      } else {
        json(response, 404, { statusCode: 404, error: 'Not Found', message: 'Not found' });
      }
    });
    echoes.push(echoTokenTenant, echoClientTenant);

    // Connect: a pasted token, client credentials, an expired token, a failing tenant, and two
    // tenants that echo whatever credentials they get.
    await connectEmulator(tokenTenant, { label: 'Secrets token' });
    await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', {
      domain: clientTenant.domain, label: 'Secrets client', clientId: clientTenant.clientId, clientSecret: clientTenant.clientSecret,
    });
    await connectEmulator(expiredTenant, { label: 'Secrets expired', token: expiredTenant.expiredToken });
    await connectEmulator(failingTenant, { label: 'Secrets failing' });
    await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', { domain: echoTokenTenant.domain, label: 'Echo token', token: echoToken });
    await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', {
      domain: echoClientTenant.domain, label: 'Echo client', clientId: 'echo-client', clientSecret: echoClientSecret,
    });
    try {
      await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', { domain: `admin:${domainPassword}@${tokenTenant.domain}`, token: tokenTenant.token });
    } catch (error) {
      commandErrors.push(error instanceof Error ? error.message : String(error));
    }

    // The failing tenant retries its 500s with backoff for several seconds: let it run alongside.
    const failing = (await tenantRow(failingTenant.domain)).getChildren();

    // The token tenant: tree, tooltips, details, copies, exports, the List Refresh Tokens command.
    const tokenTenantRow = await tenantRow(tokenTenant.domain);
    const seven = await userRow(tokenTenantRow, tokenTenant.users.seven);
    const sevenTokens = tokenRows(await seven.getChildren());
    assert.strictEqual(sevenTokens.length, 7, describeRows(await seven.getChildren()));
    await snapshot('token tenant, user with 7 tokens');
    for (const row of sevenTokens.slice(0, 2)) {
      await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    }
    await vscode.commands.executeCommand('auth0TokenInspector.copyTokenJson', sevenTokens[0]);
    clipboard.push(await vscode.env.clipboard.readText());
    await vscode.commands.executeCommand('auth0TokenInspector.copyTokenId', sevenTokens[0]);
    clipboard.push(await vscode.env.clipboard.readText());
    await vscode.commands.executeCommand('auth0TokenInspector.copyUserId', seven);
    clipboard.push(await vscode.env.clipboard.readText());
    const many = await userRow(tokenTenantRow, tokenTenant.users.many);
    for (const format of ['json', 'csv'] as const) {
      const uri = vscode.Uri.file(path.join(os.tmpdir(), `secrets-export-${process.pid}-${Date.now()}.${format}`));
      exports.push(uri);
      await vscode.commands.executeCommand('auth0TokenInspector.exportTokens', many, format, uri);
    }
    const shown = new Promise<void>((resolve) => {
      const subscription = api.listRefreshTokens.onDidShowTokens(() => {
        subscription.dispose();
        resolve();
      });
    });
    const listing = vscode.commands.executeCommand('auth0TokenInspector.listRefreshTokens', tokenTenant.domain, tokenTenant.users.seven);
    await shown;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await listing;
    // A details panel restored for a token that no longer exists: the error page.
    const restored = vscode.window.createWebviewPanel('auth0TokenInspector.tokenDetails', 'Refresh token', vscode.ViewColumn.Active, { enableScripts: true });
    await api.panels.deserializeWebviewPanel(restored, { tokenId: 'rt_gone', tenantId: tokenTenant.domain });

    // Client credentials: tree, details, export.
    const clientSeven = await userRow(await tenantRow(clientTenant.domain), clientTenant.users.seven);
    const [clientToken] = tokenRows(await clientSeven.getChildren());
    await snapshot('client-credentials tenant, user with 7 tokens');
    await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', clientToken);
    const clientExport = vscode.Uri.file(path.join(os.tmpdir(), `secrets-export-client-${process.pid}-${Date.now()}.json`));
    exports.push(clientExport);
    await vscode.commands.executeCommand('auth0TokenInspector.exportTokens', clientSeven, 'json', clientExport);

    // Error paths: an expired token, 500s, and echoed credentials (401, 400, 403, token endpoint).
    await (await tenantRow(expiredTenant.domain)).getChildren();
    const echoTokenRow = await tenantRow(echoTokenTenant.domain);
    await echoTokenRow.getChildren();
    await vscode.commands.executeCommand('auth0TokenInspector.searchUsers', echoTokenRow, 'name:"x"');
    await echoTokenRow.getChildren();
    await (await tenantRow(echoClientTenant.domain)).getChildren();
    for (const domain of [echoTokenTenant.domain, echoClientTenant.domain]) {
      const panel = vscode.window.createWebviewPanel('auth0TokenInspector.tokenDetails', 'Refresh token', vscode.ViewColumn.Active, { enableScripts: true });
      await api.panels.deserializeWebviewPanel(panel, { tokenId: 'rt_echo', tenantId: domain });
    }
    await failing;
    await snapshot('after the error paths');

    const issued = [...bearersSeenBy(clientTenant)];
    assert.ok(issued.length > 0, 'the client-credentials tenant was called with an issued token');
    secrets = [
      { name: 'pasted token', value: tokenTenant.token },
      { name: 'expired token', value: expiredTenant.expiredToken },
      { name: 'failing tenant token', value: failingTenant.token },
      { name: 'client secret', value: clientTenant.clientSecret },
      ...issued.map((value, index) => ({ name: `issued token ${index + 1}`, value })),
      { name: 'echoed token', value: echoToken },
      { name: 'echoed client secret', value: echoClientSecret },
      { name: 'password in a domain', value: domainPassword },
    ];
  });

  after(async () => {
    capture.restore();
    console.log(
      `[security] ${secrets.length} secrets (and every ${PIECE_LENGTH}-character piece of them) looked for in ${scanned.sinks} places, ` +
        `${scanned.characters.toLocaleString('en-US')} characters: ${scanned.findings} found`,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await Promise.all([...servers.map((s) => s.close()), ...echoes.map((s) => s.close())]);
    for (const uri of exports) {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  it('saw what the extension showed: notifications, progress, the failures as rows', () => {
    const shown = capture.text();
    assert.match(shown, /Exported 250 refresh tokens to/, 'the export notification was captured');
    assert.match(shown, /Copied the refresh token JSON/, 'the status bar message was captured');
    assert.match(shown, /Exporting refresh tokens of/, 'the progress title was captured');
    const rows = treeSnapshots[treeSnapshots.length - 1].rows.map(itemText).join('\n');
    // The echoing client-credentials tenant refuses them at /oauth/token: a row names the credentials.
    for (const label of ['Management API token expired', 'Auth0 server error (500)', 'Client credentials rejected']) {
      assert.ok(rows.includes(label), `a "${label}" row: ${rows.length} characters of rows`);
    }
    assert.match(rows, /\[redacted\]/, 'the echoed credentials were replaced in the error rows');
    assert.strictEqual(commandErrors.length, 1, 'the domain with a password was refused');
  });

  it('the scan finds a secret, or a 16-character piece of one, when it is there (control)', () => {
    for (const secret of secrets) {
      const piece = secret.value.slice(-PIECE_LENGTH - 3, -3);
      assert.strictEqual(secretsIn('control', `before ${secret.value} after`, [secret]).length, 1, `${secret.name}: whole`);
      assert.strictEqual(secretsIn('control', `before ${piece} after`, [secret]).length, 1, `${secret.name}: a piece`);
      assert.strictEqual(secretsIn('control', `before ${piece.slice(1)} after`, [secret]).length, 0, `${secret.name}: 15 characters are not a finding`);
    }
  });

  it('the log file: found, non-empty, records the requests, holds no secret', async function () {
    this.timeout(30_000); // the file is written asynchronously; the wait below ends on a change event
    const file = extensionLogFile();
    // Ask for something new and wait until it is in the file: VS Code writes logs asynchronously.
    const marker = `[Secrets token] GET /api/v2/users/${encodeURIComponent(tokenTenant.users.one)} →`;
    const tenant = await tenantRow(tokenTenant.domain);
    await (await userRow(tenant, tokenTenant.users.one)).getChildren();
    const text = await whenFileSays(file, (content) => content.includes(marker));
    assert.ok(text.length > 1000, `the log has ${text.length} characters`);
    assert.match(text, /\[Secrets client\] POST \/oauth\/token → 200/);
    assert.match(text, /\[Echo token\] GET \/api\/v2\/users → 401/);
    assertNoSecrets(scan(`log file ${path.basename(file)}`, text, secrets));
  });

  it('every file VS Code keeps in its user data folder (logs, settings, state, caches)', () => {
    const files = filesUnder(userDataDir()).filter((file) => fs.statSync(file).size < 50 * 1024 * 1024);
    assert.ok(files.some((file) => file.endsWith(path.join('User', 'settings.json'))), `settings.json among ${files.length} files`);
    const findings = files.flatMap((file) => scan(path.relative(userDataDir(), file), fs.readFileSync(file, 'latin1'), secrets));
    assertNoSecrets(findings);
  });

  it('settings: the tenants are there, their credentials are not', () => {
    const text = settingsText();
    assert.ok(text.includes(tokenTenant.domain) && text.includes(clientTenant.domain), 'the tenants are in settings');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const files = folder ? filesUnder(path.join(folder, '.vscode')) : [];
    assertNoSecrets([...scan('settings', text, secrets), ...files.flatMap((file) => scan(file, fs.readFileSync(file, 'utf8'), secrets))]);
  });

  it('global state: the recent users are there, no secret', () => {
    const state = globalState(api);
    const keys = state.keys();
    assert.ok(keys.includes('auth0TokenInspector.recentUsers'), `keys: ${keys.join(', ')}`);
    const text = JSON.stringify(keys.map((key) => [key, state.get(key)]));
    assert.ok(text.includes(tokenTenant.users.seven));
    assertNoSecrets(scan('globalState', text, secrets));
  });

  it("the webviews' HTML and titles: details of both tenants, and the error pages", () => {
    const panels = api.panels.openPanels();
    assert.ok(panels.length >= 6, `${panels.length} panels open`);
    assert.ok(panels.some((panel) => panel.html.includes('Refresh token rt_gone was not found')), 'the not-found error page');
    assert.ok(panels.some((panel) => panel.html.includes('[redacted]')), 'an error page with an echoed credential replaced');
    assertNoSecrets(panels.flatMap((panel, index) => scan(`webview ${index + 1}`, `${panel.title}\n${panel.html}`, secrets)));
  });

  it('the tree: labels, descriptions, tooltips and error rows of every row shown', () => {
    const rows = treeSnapshots.flatMap((snapshot) => snapshot.rows.map((row) => ({ step: snapshot.step, row })));
    assert.ok(rows.length > 20, `${rows.length} rows`);
    assertNoSecrets(rows.flatMap(({ step, row }) => scan(`${step}: row ${kindOf(row)}`, itemText(row), secrets)));
  });

  it('notifications, status bar, progress, console and command errors', () => {
    assertNoSecrets([...scan('shown text', capture.text(), secrets), ...scan('command errors', commandErrors.join('\n'), secrets)]);
  });

  it('the exported files and the clipboard', async () => {
    const findings: Finding[] = [];
    for (const uri of exports) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.ok(text.length > 1000, `${path.basename(uri.fsPath)} has content`);
      findings.push(...scan(path.basename(uri.fsPath), text, secrets));
    }
    assert.strictEqual(clipboard.length, 3);
    findings.push(...scan('clipboard', clipboard.join('\n'), secrets));
    assertNoSecrets(findings);
  });

  it("each tenant's credentials reached that tenant's host only", () => {
    const expected: [string, RunningEmulator, string[]][] = [
      ['token tenant', tokenTenant, [tokenTenant.token]],
      ['expired tenant', expiredTenant, [expiredTenant.expiredToken]],
      ['failing tenant', failingTenant, [failingTenant.token]],
    ];
    for (const [name, emulator, own] of expected) {
      assert.deepStrictEqual([...bearersSeenBy(emulator)], own, `${name} was sent only its own token`);
    }
    const ownBy = new Map<unknown, string[]>([
      [tokenTenant, [tokenTenant.token]],
      [clientTenant, [clientTenant.clientSecret, ...bearersSeenBy(clientTenant)]],
      [expiredTenant, [expiredTenant.expiredToken]],
      [failingTenant, [failingTenant.token]],
      [echoTokenTenant, [echoToken]],
      [echoClientTenant, [echoClientSecret]],
    ]);
    const seenBy = (server: RunningEmulator | RecordingServer): string =>
      'tokenRequests' in server
        ? JSON.stringify(server.requests)
        : JSON.stringify((server.requests as SeenRequest[]).map((request) => [request.url, request.headers, request.body]));
    const findings: Finding[] = [];
    for (const [server, own] of ownBy) {
      const foreign = secrets.filter((secret) => !own.includes(secret.value));
      findings.push(...scan(`requests received by ${(server as { domain: string }).domain}`, seenBy(server as RunningEmulator | RecordingServer), foreign));
    }
    assertNoSecrets(findings);
    assert.ok(echoTokenTenant.requests.every((request) => request.headers.authorization === `Bearer ${echoToken}`));
    assert.ok(echoClientTenant.requests.some((request) => request.body.includes(echoClientSecret)), 'the echo tenant was posted its own secret');
  });
});

// ---------------------------------------------------------------------------------------------

describe('Security: ids reach exactly the intended user or token', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let tenant: TenantNode;

  before(async () => {
    await removeAllTenants();
    emulator = await startEmulator({ seed: 44, deleteDelayMs: 0 });
    tenant = await connectEmulator(emulator, { label: 'Ids' });
  });
  // Modal confirmations ("Revoke…?") answered with their first button, as a person would.
  beforeEach(() => confirmModals());
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await emulator?.close();
  });

  function userRequestsSince(index: number) {
    return emulator.requests.slice(index).filter((request) => request.segments[2] === 'users');
  }

  for (const userId of SPECIAL_USER_IDS) {
    it(`finds ${JSON.stringify(userId)} by its id and lists exactly its tokens`, async () => {
      const start = emulator.requests.length;
      const user = await userRow(tenant, userId);
      const rows = tokenRows(await user.getChildren());
      assert.deepStrictEqual(rows.map((row) => row.token.id), emulator.refreshTokensOf(userId).map((token) => token.id));
      const sent = userRequestsSince(start);
      assert.ok(sent.some((request) => request.segments.length === 4 && request.segments[3] === userId), 'looked up by id (GET /users/{id})');
      assert.ok(sent.some((request) => request.segments[4] === 'refresh-tokens' && request.segments[3] === userId), 'listed its tokens');
      for (const request of sent.filter((r) => r.segments.length > 3)) {
        assert.deepStrictEqual(request.segments.slice(3, 4), [userId], `${request.method} reached ${request.segments.length} segments`);
      }
    });
  }

  it('lists tokens with hostile ids exactly, restores their details by id, and revokes exactly the one chosen', async () => {
    const api = await extensionApi();
    const owner = emulator.specialUsers[4];
    for (const id of HOSTILE_TOKEN_IDS) {
      emulator.addRefreshToken(owner, { id });
    }
    const user = await userRow(tenant, owner);
    // The row was loaded by the test above; Refresh reloads it, as a person would.
    await vscode.commands.executeCommand('auth0TokenInspector.refresh', user);
    const rows = tokenRows(await user.getChildren());
    assert.deepStrictEqual(rows.map((row) => row.token.id), emulator.refreshTokensOf(owner).map((token) => token.id));

    for (const id of HOSTILE_TOKEN_IDS) {
      const start = emulator.requests.length;
      const panel = vscode.window.createWebviewPanel('auth0TokenInspector.tokenDetails', 'Refresh token', vscode.ViewColumn.Active, { enableScripts: true });
      await api.panels.deserializeWebviewPanel(panel, { tokenId: id, tenantId: emulator.domain });
      const lookups = emulator.requests.slice(start).filter((request) => request.segments[2] === 'refresh-tokens');
      assert.deepStrictEqual(lookups.map((request) => request.segments), [['api', 'v2', 'refresh-tokens', id]]);
      const restored = api.panels.openPanels().find((candidate) => candidate.tokenId === id);
      assert.ok(restored && !restored.html.includes('data-status="error"'), `the details of ${JSON.stringify(id)} are shown`);
    }

    const everyone = [owner, ...emulator.specialUsers.filter((id) => id !== owner), emulator.users.seven];
    const before = new Map(everyone.map((id) => [id, emulator.refreshTokensOf(id).map((token) => token.id)]));
    const victim = rows.find((row) => row.token.id === HOSTILE_TOKEN_IDS[0])!;
    const start = emulator.requests.length;
    assert.strictEqual(await vscode.commands.executeCommand('auth0TokenInspector.revokeToken', victim), true);
    await Promise.all([...api.tokenCommands.pendingReloads]);
    const deletes = emulator.requests.slice(start).filter((request) => request.method === 'DELETE');
    assert.deepStrictEqual(deletes.map((request) => request.segments), [['api', 'v2', 'refresh-tokens', HOSTILE_TOKEN_IDS[0]]]);
    for (const id of everyone) {
      const expected = before.get(id)!.filter((tokenId) => tokenId !== HOSTILE_TOKEN_IDS[0]);
      assert.deepStrictEqual(emulator.refreshTokensOf(id).map((token) => token.id), expected, `the tokens of ${id}`);
    }
  });

  it("revoking all tokens of a user whose id climbs ('../../admin') deletes that user's only", async () => {
    const api = await extensionApi();
    const climber = SPECIAL_USER_IDS.find((id) => id.includes('../'))!;
    const others = [...emulator.specialUsers.filter((id) => id !== climber), emulator.users.seven, emulator.users.one];
    const counts = new Map(others.map((id) => [id, emulator.refreshTokensOf(id).length]));
    const user = await userRow(tenant, climber);
    await user.getChildren();
    const start = emulator.requests.length;
    assert.strictEqual(await vscode.commands.executeCommand('auth0TokenInspector.revokeAllTokens', user), true);
    await Promise.all([...api.tokenCommands.pendingReloads]);
    const deletes = emulator.requests.slice(start).filter((request) => request.method === 'DELETE');
    assert.deepStrictEqual(deletes.map((request) => request.segments), [['api', 'v2', 'users', climber, 'refresh-tokens']]);
    assert.deepStrictEqual(emulator.refreshTokensOf(climber), []);
    for (const id of others) {
      assert.strictEqual(emulator.refreshTokensOf(id).length, counts.get(id), id);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('Security: tenant domains that are not a bare host name are refused before any request', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  /** What the bad domains point at; nothing else talks to it, so any connection came from them. */
  let target: RecordingServer;

  before(async () => {
    await removeAllTenants();
    emulator = await startEmulator({ seed: 45 });
    target = await startRecordingServer('127.0.0.1', (_request, response) => json(response, 200, { users: [], total: 0, start: 0, limit: 50, length: 0 }));
    await connectEmulator(emulator, { label: 'Good' });
  });
  after(async () => {
    await removeAllTenants();
    await Promise.all([emulator?.close(), target?.close()]);
  });

  const cases: [name: string, domain: (host: string) => string, reason: RegExp][] = [
    ['a path', () => 'x.auth0.com/evil', /contains a path or query/],
    ['a path after a reachable host', (host) => `${host}/evil`, /contains a path or query/],
    ['a user name', () => 'user@host', /must not contain a user name or password/],
    ['a user name before a reachable host', (host) => `user@${host}`, /must not contain a user name or password/],
    // Was 'https://x': issue #10 accepts an https URL with an empty path as its host.
    ['a scheme', () => 'http://x', /includes a scheme/],
    ['a scheme before a reachable host', (host) => `http://${host}`, /includes a scheme/],
    ['an https URL of a reachable loopback host (it would be downgraded to http)', (host) => `https://${host}/api/v2/`, /includes a scheme/],
    ['a port on a public host', () => 'x.auth0.com:4444', /has a port/],
    ['nothing', () => '', /is empty/],
    ['only spaces', () => '   ', /contains spaces/],
    ['spaces inside', () => 'acme .auth0.com', /contains spaces/],
    ['a space after a reachable host', (host) => `${host} `, /contains spaces/],
  ];

  for (const [name, domainFor, reason] of cases) {
    it(`refuses ${name} with a clear message, leaving settings and secrets unchanged`, async () => {
      const api = await extensionApi();
      const domain = domainFor(target.domain);
      const settingsBefore = JSON.stringify(vscode.workspace.getConfiguration(SECTION).inspect('tenants'));
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('auth0TokenInspector.connectTenant', { domain, label: 'Bad', token: emulator.token })),
        (error: Error) => {
          assert.match(error.message, reason);
          assert.match(error.message, /Enter only the host name/);
          assert.strictEqual(countOccurrences(error.message, emulator.token), 0, 'token occurrences in the message');
          return true;
        },
      );
      assert.strictEqual(JSON.stringify(vscode.workspace.getConfiguration(SECTION).inspect('tenants')), settingsBefore, 'settings unchanged');
      assert.strictEqual(await api.registry.credentialStore.read(domain), undefined, 'nothing stored for it');
      assert.deepStrictEqual((await api.registry.tenants()).map((t) => t.domain), [emulator.domain]);
      assert.strictEqual(target.connections, 0, 'connections to the host the domain names');
    });
  }

  it('a bad domain written into settings by hand becomes an "Invalid tenant domain" row, with no request', async () => {
    const api = await extensionApi();
    const domain = `${target.domain}/api/v2/users?x=`;
    await api.registry.credentialStore.write(domain, { kind: 'token', token: emulator.token });
    const tenants = vscode.workspace.getConfiguration(SECTION).get<unknown[]>('tenants', []);
    await vscode.workspace.getConfiguration(SECTION).update('tenants', [...tenants, { domain, label: 'Hand-edited' }], vscode.ConfigurationTarget.Global);
    await api.registry.reload();
    try {
      const row = await tenantRow(domain);
      const children = await row.getChildren();
      const message = messageRows(children).find((m) => m.row.label === 'Invalid tenant domain');
      assert.ok(message, describeRows(children));
      assert.match(String(message.row.tooltip), /contains a path or query/);
      assert.strictEqual(target.connections, 0, 'connections to the host the domain names');
    } finally {
      await api.registry.remove(domain);
    }
  });

  it('the host the bad domains name is reachable: a good domain for it is connected and called', async () => {
    await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', { domain: target.domain, label: 'Target', token: emulator.token });
    await (await tenantRow(target.domain)).getChildren();
    assert.ok(target.requests.some((request) => request.headers.authorization === `Bearer ${emulator.token}`), 'the control request arrived');
  });
});
