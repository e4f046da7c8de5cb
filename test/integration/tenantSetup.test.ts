// "Auth0: Check Tenant Setup…" in a real VS Code: run from the palette, the tenant row and the
// row that follows a scope or plan error; the report in its webview and copied as Markdown. One
// test for a fully set-up tenant and one for each ✗ the report can show.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TenantSetupResult } from '../../src/features/setup/setup.lazy';
import type { CheckStatus, SetupReport } from '../../src/features/setup/core/setupReport';
import { extensionLogFile, whenFileSays } from './vscodeFiles';
import { FULL_SCOPES } from '../emulator/auth';
import { getTestWindow } from './testWindow';
import { connectEmulator, describeRows, extensionApi, messageRows, removeAllTenants, startEmulator, tenantRow, tokenRows, userRow, type EmulatorOptions, type RunningEmulator } from './harness';

const CHECK = 'auth0TokenInspector.checkTenantSetup';

function statusOf(report: SetupReport | undefined, id: string): CheckStatus | undefined {
  return report?.checks.find((check) => check.id === id)?.status;
}

/** The ids of the checks with each status other than ✓. */
function notOk(report: SetupReport | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const check of report?.checks ?? []) {
    if (check.status !== 'ok') {
      (result[check.status] ??= []).push(check.id);
    }
  }
  return result;
}

/** The check's list item in the panel's document carries its status. */
function assertShown(result: TenantSetupResult, id: string, status: CheckStatus): void {
  assert.match(result.html, new RegExp(`<li class="check status-${status}" data-check="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" data-status="${status}">`), `${id} is shown as ${status}`);
}

describe('Check Tenant Setup', function () {
  this.timeout(120_000);
  const emulators: RunningEmulator[] = [];

  async function emulatorWith(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const emulator = await startEmulator({ seed: 7, rateLimit: 'production', ...options });
    emulators.push(emulator);
    return emulator;
  }

  async function check(...args: unknown[]): Promise<TenantSetupResult> {
    const result = await vscode.commands.executeCommand<TenantSetupResult | undefined>(CHECK, ...args);
    assert.ok(result, 'the command resolved with a result');
    return result;
  }

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllTenants();
    await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
  });

  it('a fully set-up tenant, from the palette: every check ✓ in the webview, copied as Markdown without the token', async () => {
    const emulator = await emulatorWith();
    await connectEmulator(emulator, { label: 'Set-up tenant' });
    const from = emulator.requests.length;
    const result = await check();
    assert.deepStrictEqual(notOk(result.report), {});
    assert.strictEqual(result.report?.requests, 7, 'seven probes');
    // The tree may be loading too: every request of the tenant in the meantime is a read.
    assert.ok(emulator.requests.slice(from).every((request) => request.method === 'GET' || (request.path === '/api/v2/refresh-tokens/revoke' && request.status === 400)), 'reads only');
    assert.match(result.html, /<main class="setup-report" data-status="ok" data-tenant-id="127\.0\.0\.1:\d+" data-render="\d+">/);
    assert.match(result.html, /<h1 data-field="heading">Tenant setup · Set-up tenant<\/h1>/);
    assert.match(result.html, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.match(result.html, /this tenant&#39;s 300 users ≈ 38 s/);

    await result.receive({ type: 'copy-markdown' });
    const copied = await vscode.env.clipboard.readText();
    assert.strictEqual(copied, result.markdown);
    assert.match(copied, /^# Auth0 tenant setup: Set-up tenant\n/);
    assert.match(copied, /^- \*\*Result:\*\* ✓ 19 · ⚠ 0 · ✗ 0$/m);
    assert.ok(!copied.includes(emulator.token) && !/eyJ[A-Za-z0-9_-]{8,}/.test(copied), 'no token in the copied report');
    // Each probe is in the output channel like any other request of the tenant, the write-shaped one included.
    const log = await whenFileSays(extensionLogFile(), (text) => /\[Set-up tenant\] POST \/api\/v2\/refresh-tokens\/revoke → 400 .* · setup check/.test(text));
    assert.match(log, /\[Set-up tenant\] GET \/api\/v2\/logs → 200 .* · setup check/);
    assert.ok(!log.includes(emulator.token), 'no token in the log');
    // Something the page does not send is ignored.
    await result.receive({ type: 'revoke' });
    await result.receive('copy-markdown');
  });

  it('from the tenant row: runs for that tenant among several', async () => {
    const first = await emulatorWith();
    const second = await emulatorWith({ earlyAccess: 'absent' });
    await connectEmulator(first, { label: 'First' });
    await connectEmulator(second, { label: 'Second' });
    const result = await check(await tenantRow(second.domain));
    assert.strictEqual(result.report?.tenant.domain, second.domain);
    assert.deepStrictEqual(notOk(result.report), { warning: ['endpoint:refresh-token-list', 'endpoint:bulk-revocation'] });
    assertShown(result, 'endpoint:bulk-revocation', 'warning');
    // "Check Again" on the page runs the check again for the same tenant (only the check reads GET /logs).
    const logProbes = () => second.requests.filter((request) => request.path === '/api/v2/logs').length;
    const before = logProbes();
    await result.receive({ type: 'run-again' });
    assert.strictEqual(logProbes(), before + 1);
    assert.strictEqual(first.requests.filter((request) => request.path === '/api/v2/logs').length, 0, 'the other tenant was not checked');
  });

  it('an open report says it is out of date once the tenant gets new credentials, and Check Again uses them', async () => {
    const emulator = await emulatorWith();
    await connectEmulator(emulator, { label: 'Changing', token: emulator.noRefreshTokenScopeToken });
    const result = await check(undefined, emulator.domain);
    assert.strictEqual(statusOf(result.report, 'feature:browse'), 'error');
    assert.doesNotMatch(result.currentHtml(), /data-field="notice"/);
    // A new token with every scope: the report on screen was made with the old one.
    await connectEmulator(emulator, { label: 'Changing' });
    assert.match(result.currentHtml(), /<div class="notice-banner" role="status" data-field="notice">The tenant&#39;s credentials or settings changed after this check: press Check Again to check with the current ones\.<\/div>/);
    await result.receive({ type: 'run-again' });
    assert.doesNotMatch(result.currentHtml(), /data-field="notice"/);
    assert.match(result.currentHtml(), /data-check="feature:browse" data-status="ok"/);
  });

  it('a report whose tenant was removed: Check Again says so instead of spinning; connecting it again checks it in the same panel', async () => {
    const emulator = await emulatorWith();
    await connectEmulator(emulator, { label: 'Removed' });
    const result = await check();
    assert.ok(result.report);
    await removeAllTenants();
    assert.match(result.currentHtml(), /data-field="notice">This tenant is no longer connected/);
    await result.receive({ type: 'run-again' });
    assert.deepStrictEqual(result.lastUpdate(), { type: 'error', message: `Tenant ${emulator.domain} is no longer connected: connect it again to check it.` });
    // As from the welcome view's link with no tenant: the command connects one (the prompts answered here), then checks it.
    const window = getTestWindow();
    const typed = [emulator.domain, 'Removed', emulator.token];
    window.onDidShowInputBox((box) => box.acceptValue(typed.shift()));
    window.onDidShowQuickPick((pick) => pick.acceptItem(pick.items[0]));
    const again: TenantSetupResult = await check();
    assert.deepStrictEqual(typed, [], 'domain, label and token were asked');
    assert.strictEqual(again.report?.tenant.domain, emulator.domain);
    assert.match(result.currentHtml(), /<main class="setup-report" data-status="ok"/, 'the first panel shows the new report');
    assert.doesNotMatch(result.currentHtml(), /data-field="notice"/);
  });

  it('✗ an expired token: credentials and expiry, from the tenant row', async () => {
    const emulator = await emulatorWith();
    const tenant = await connectEmulator(emulator, { token: emulator.expiredToken });
    const result = await check(tenant);
    assert.strictEqual(statusOf(result.report, 'credentials'), 'error');
    assert.strictEqual(statusOf(result.report, 'token-expiry'), 'error');
    assertShown(result, 'credentials', 'error');
    assert.match(result.html, /Auth0 refused the token: it has expired\./);
  });

  it('✗ rejected client credentials', async () => {
    const emulator = await emulatorWith();
    await vscode.commands.executeCommand('auth0TokenInspector.connectTenant', {
      domain: emulator.domain,
      label: 'Client credentials',
      clientId: emulator.clientId,
      clientSecret: 'not-the-secret-of-this-application',
    });
    const result = await check(undefined, emulator.domain);
    assert.strictEqual(statusOf(result.report, 'credentials'), 'error');
    assertShown(result, 'credentials', 'error');
    assert.match(result.html, /rejected the client id or secret of application <code>/);
    assert.ok(!result.html.includes('not-the-secret-of-this-application') && !result.markdown?.includes('not-the-secret-of-this-application'));
  });

  it('✗ a token without read:refresh_tokens: browsing, with the scope to add; offered by the error row', async () => {
    const emulator = await emulatorWith();
    const tenant = await connectEmulator(emulator, { token: emulator.noRefreshTokenScopeToken });
    // The tenant's own warning about the token's scopes is followed by the check, before any user is expanded.
    const tenantRows = messageRows(await tenant.getChildren());
    const warning = tenantRows.findIndex((row) => row.row.kind === 'warning' && /lacks read:refresh_tokens/.test(row.row.label));
    assert.ok(warning >= 0, `the tenant warns: ${tenantRows.map((row) => row.row.label).join(' | ')}`);
    assert.strictEqual(tenantRows[warning + 1]?.row.contextValue, 'message.checkSetup', 'the check follows the warning');
    assert.strictEqual(tenantRows.filter((row) => row.row.contextValue === 'message.checkSetup').length, 1, 'offered once');
    const user = await userRow(tenant, emulator.users.seven);
    const children = await user.getChildren();
    const offer = messageRows(children).find((row) => row.row.contextValue === 'message.checkSetup');
    assert.ok(offer, `a row offers the check after the error: ${describeRows(children)}`);
    assert.strictEqual(offer.getTreeItem().label, 'Check tenant setup…');
    assert.strictEqual(offer.row.command?.command, CHECK);
    const result = await vscode.commands.executeCommand<TenantSetupResult>(offer.row.command.command, ...(offer.row.command.arguments ?? []));
    assert.strictEqual(result.report?.tenant.domain, emulator.domain);
    assert.strictEqual(statusOf(result.report, 'feature:browse'), 'error');
    assert.deepStrictEqual(result.report?.checks.find((c) => c.id === 'feature:browse')?.missingScopes, ['read:refresh_tokens']);
    assertShown(result, 'feature:browse', 'error');
    assert.match(result.html, /<p data-field="missing-scopes">.*<code>read:refresh_tokens<\/code>/);
  });

  it("a details panel's missing-scope section offers the check for the panel's tenant", async () => {
    const emulator = await emulatorWith();
    const token = emulator.mintToken({ scopes: FULL_SCOPES.filter((scope) => scope !== 'read:logs' && scope !== 'read:logs_users') });
    const tenant = await connectEmulator(emulator, { label: 'Without logs', token });
    const row = tokenRows(await (await userRow(tenant, emulator.users.seven)).getChildren())[0];
    assert.ok(row, 'the user has a refresh token');
    await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    await tenant.connection.getModel()!.evidence.settled();
    const api = await extensionApi();
    const html = api.panels.openPanels().find((panel) => panel.tokenId === row.token.id)!.html;
    assert.match(html, /data-field="history-missing-scope"/);
    assert.match(html, /<button type="button" class="secondary" data-action="check-setup">Check Tenant Setup…<\/button>/);
    // Only the check asks for the Early Access list (GET /api/v2/refresh-tokens): the button ran it, for this tenant.
    const listProbes = () => emulator.requests.filter((request) => request.path === '/api/v2/refresh-tokens').length;
    const before = listProbes();
    await api.panels.receive(emulator.domain, row.token.id, { type: 'check-setup' });
    assert.strictEqual(listProbes(), before + 1);
  });

  it("a details panel does not offer to revoke a session the token visibly cannot revoke", async () => {
    const emulator = await emulatorWith();
    const token = emulator.mintToken({ scopes: FULL_SCOPES.filter((scope) => scope !== 'delete:sessions') });
    const tenant = await connectEmulator(emulator, { label: 'No delete:sessions', token });
    const rows = tokenRows(await (await userRow(tenant, emulator.users.seven)).getChildren());
    const live = new Set(emulator.sessionsOf(emulator.users.seven).map((session) => session.id));
    const row = rows.find((candidate) => typeof candidate.token.session_id === 'string' && live.has(candidate.token.session_id));
    assert.ok(row, 'a token bound to a session that still exists');
    await vscode.commands.executeCommand('auth0TokenInspector.showTokenDetails', row);
    await tenant.connection.getModel()!.evidence.settled();
    const api = await extensionApi();
    const html = api.panels.openPanels().find((panel) => panel.tokenId === row.token.id)!.html;
    assert.match(html, /data-action="revoke-session" disabled aria-describedby="session-revoke-needs">/);
    assert.match(html, /Revoking the session needs delete:sessions on the management token\./);
  });

  it('"Open Refresh Token by ID…" that Auth0 refuses for want of a scope names the cause and offers the check', async () => {
    const emulator = await emulatorWith();
    const tenant = await connectEmulator(emulator, { label: 'No token scope', token: emulator.mintToken({ scopes: FULL_SCOPES.filter((scope) => scope !== 'read:refresh_tokens') }) });
    const [token] = emulator.refreshTokensOf(emulator.users.seven);
    const window = getTestWindow();
    const shownBefore = window.shownMessages.length;
    window.onDidShowMessage((message) => message.kind === 'error' && message.selectItem('Check Tenant Setup'));
    const shownErrors = () => window.shownMessages.slice(shownBefore).filter((message) => message.kind === 'error');
    const logProbes = () => emulator.requests.filter((request) => request.path === '/api/v2/logs').length;
    const before = logProbes();
    const opened = await vscode.commands.executeCommand('auth0TokenInspector.openTokenById', tenant, token.id);
    assert.strictEqual(opened, undefined, 'no panel');
    const shown = shownErrors();
    assert.strictEqual(shown.length, 1);
    assert.match(shown[0].message, new RegExp(`^Cannot open refresh token ${token.id} on No token scope: .*read:refresh_tokens`));
    assert.strictEqual((shown[0].message.match(/read:refresh_tokens/g) ?? []).length, 1, 'the cause is said once');
    assert.ok(shown[0].items.includes('Check Tenant Setup'), 'the fix is offered');
    assert.strictEqual(logProbes(), before + 1, 'choosing it ran the check');
  });

  it('✗ a plan without the refresh-token endpoints; the tree\'s plan error row offers the check', async () => {
    const emulator = await emulatorWith({ plan: 'without-refresh-tokens' });
    const tenant = await connectEmulator(emulator);
    const user = await userRow(tenant, emulator.users.seven);
    const children = await user.getChildren();
    assert.ok(messageRows(children).some((row) => row.row.contextValue === 'message.checkSetup'), describeRows(children));
    const result = await check(tenant);
    assert.strictEqual(statusOf(result.report, 'endpoint:refresh-tokens'), 'error');
    assertShown(result, 'endpoint:refresh-tokens', 'error');
    assert.match(result.html, /Enterprise plans/);
  });

  it('✗ a clock five minutes or more off', async () => {
    const emulator = await emulatorWith({ clockOffsetSeconds: -900 });
    const tenant = await connectEmulator(emulator);
    const result = await check(tenant);
    assert.deepStrictEqual(notOk(result.report), { error: ['clock-skew'] });
    assertShown(result, 'clock-skew', 'error');
    assert.match(result.html, /This machine&#39;s clock is 15 min ahead of Auth0&#39;s/);
  });

  it('✗ an unreachable tenant', async () => {
    const emulator = await emulatorWith();
    await connectEmulator(emulator, { label: 'Gone' });
    await emulator.close();
    const result = await check(undefined, emulator.domain);
    assert.strictEqual(statusOf(result.report, 'credentials'), 'error');
    assertShown(result, 'credentials', 'error');
    assert.match(result.html, /The tenant could not be reached\./);
    assert.deepStrictEqual([...new Set(result.report?.checks.filter((c) => c.group === 'endpoints').map((c) => c.status))], ['unknown']);
  });

  it('a tenant without credentials: says what to do instead of a report', async () => {
    const emulator = await emulatorWith();
    await vscode.workspace.getConfiguration('auth0TokenInspector').update('tenants', [{ domain: emulator.domain, label: 'No credentials' }], vscode.ConfigurationTarget.Global);
    const result = await check(undefined, emulator.domain);
    assert.strictEqual(result.report, undefined);
    assert.match(result.html, /has no credentials yet/);
    assert.strictEqual(emulator.requests.length, 0, 'nothing was sent');
    // Once a token is set, the check that could not run runs in the same panel.
    await connectEmulator(emulator, { label: 'No credentials' });
    await result.settled();
    assert.match(result.currentHtml(), /<main class="setup-report" data-status="ok"/);
  });
});
