// Revoking a refresh token from its details panel, as a person does: Revoke…, read the modal
// confirmation (it names the user, the application and the tenant), confirm; the panel says
// "Revoked" at once, and the user's list reloads without the token once Auth0 has applied it.
import * as assert from 'node:assert';
import { startEmulator, type RunningEmulator } from '../emulator';
import { modalDialog, openWorkbench, pasteTokenForTenant, searchUsers, treeRows, webviewContent, type OpenWorkbench } from './workbench';

const TENANT_LABEL = 'Revocation tenant';

describe('UI: revoking a refresh token', function () {
  this.timeout(120_000);
  this.bail(true);
  let emulator: RunningEmulator;
  let workbench: OpenWorkbench;

  before(async () => {
    // Auth0 deletes in the background: the emulator applies a DELETE a moment after its 202.
    emulator = await startEmulator({ seed: 4, deleteDelayMs: 1500 });
    workbench = await openWorkbench({ userSettings: { 'auth0TokenInspector.tenants': [{ domain: emulator.domain, label: TENANT_LABEL }] } });
  });
  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  it('asks first, naming the user, the application and the tenant; Cancel keeps the token', async () => {
    const { page } = workbench;
    await pasteTokenForTenant(page, TENANT_LABEL, emulator.token);
    await searchUsers(page, emulator.users.seven);
    await treeRows(page, { level: 2, posinset: 2 }).click();
    await treeRows(page, { level: 3, posinset: 1, setsize: 7 }).click();
    const { root } = webviewContent(page, 'main.token-details');
    await root.waitFor();

    await root.locator('.toolbar button[data-action="revoke-token"]').click();
    const dialog = modalDialog(page);
    await dialog.waitFor();
    const token = emulator.refreshTokensOf(emulator.users.seven)[0];
    const app = emulator.clientName(token.client_id!) ?? token.client_id!;
    const text = await dialog.innerText();
    for (const expected of [app, TENANT_LABEL, 'Revoke the refresh token']) {
      assert.ok(text.includes(expected), `the confirmation names ${expected}`);
    }
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.strictEqual(emulator.refreshTokensOf(emulator.users.seven).length, 7, 'nothing was revoked');
    assert.ok(!emulator.requests.some((r) => r.method === 'DELETE'), 'no DELETE was sent');
  });

  it('revokes on confirmation: the panel and the row say so, and the list reloads without it', async () => {
    const { page } = workbench;
    const token = emulator.refreshTokensOf(emulator.users.seven)[0];
    const { root } = webviewContent(page, 'main.token-details');
    await root.locator('.toolbar button[data-action="revoke-token"]').click();
    await modalDialog(page).locator('.monaco-button', { hasText: /^Revoke$/ }).click();

    await root.locator('[data-field="status-label"]', { hasText: 'Revoked' }).waitFor();
    // Until Auth0 applies the delete (1.5 s here), the row stays, marked revoked.
    await treeRows(page, { level: 3, posinset: 1, setsize: 7, hasText: /revoked/i }).waitFor();
    assert.ok(emulator.requests.some((r) => r.method === 'DELETE' && r.segments.at(-1) === token.id), 'DELETE /refresh-tokens/{id} was sent');
    // Once Auth0 no longer returns the token, the user's list reloads with the other six.
    await treeRows(page, { level: 3, posinset: 1, setsize: 6 }).waitFor({ timeout: 30_000 });
    const labels = await treeRows(page, { level: 3 }).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
    assert.strictEqual(labels.length, 6);
    assert.ok(!emulator.refreshTokensOf(emulator.users.seven).some((t) => t.id === token.id), 'the emulator applied the delete');
  });
});
