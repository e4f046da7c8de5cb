// The hunt, driven through the real workbench as a person does it: "Auth0: Hunt Refresh Tokens…"
// from the Command Palette, "Paste user IDs…", a CIDR range as the criterion, Start Hunt; then the
// results panel: grouped by user with counts, filtered, sorted, a user's tokens selected and
// revoked through the modal (rows say "pending", then "revoked"). Screenshots of the panel in a
// light and a dark theme go to test-results/ and, with UPDATE_DOCS_SCREENSHOTS=1, to docs/images/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { networkContains, parseCidr, parseIpAddress } from '../../src/features/hunt/core/network';
import { startEmulator, type RunningEmulator } from '../emulator';
import { repoRoot } from '../testbed/codeServer';
import { huntPastedUsers, runCommand, waitForHuntCompleted } from './huntSteps';
import {
  modalDialog, openTenantWorkbench, pasteTokenForTenant, resultsDir, screenshot, selectColorTheme, settleForScreenshot, waitForBackground,
  webviewContent, type TenantWorkbench,
} from './workbench';

const TENANT_LABEL = 'Demo tenant';
const CIDR = '203.0.113.0/24';
const SCREENSHOTS = ['hunt-results-light', 'hunt-results-dark'];

function inCidr(ip: unknown): boolean {
  const network = parseCidr(CIDR);
  const address = typeof ip === 'string' ? parseIpAddress(ip) : undefined;
  return network.ok && address?.ok === true && networkContains(network.value, address.value);
}

describe('UI: hunting refresh tokens and acting on the results', function () {
  this.timeout(180_000);
  this.bail(true);
  let emulator: RunningEmulator;
  let workbench: TenantWorkbench;
  let users: string[];

  before(async () => {
    emulator = await startEmulator({ seed: 1, deleteDelayMs: 1500 });
    users = emulator.fanOutUsers.slice(0, 12);
    workbench = await openTenantWorkbench({ tenantDomain: emulator.domain, tenantLabel: TENANT_LABEL, screenshots: SCREENSHOTS });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  it('runs a hunt from the Command Palette: pasted users, a CIDR range, Start Hunt; the results panel lists exactly the matches', async () => {
    const { page } = workbench;
    await pasteTokenForTenant(page, TENANT_LABEL, emulator.token);
    await huntPastedUsers(page, users, { field: 'IP, CIDR or ASN', value: CIDR });
    const root = await waitForHuntCompleted(workbench, 150_000);
    const expected = users.flatMap((userId) => emulator.refreshTokensOf(userId)).filter((token) => inCidr(token.device?.initial_ip) || inCidr(token.device?.last_ip));
    assert.ok(expected.length >= 5, `${expected.length} tokens in ${CIDR}`);
    const shown = await root.evaluate((main) => Array.from(main.querySelectorAll('tr.token')).map((row) => row.getAttribute('data-token-id')));
    assert.deepStrictEqual([...shown].sort(), expected.map((token) => token.id).sort());
    const groups = new Set(expected.map((token) => token.user_id));
    assert.strictEqual(await root.locator('tbody.group').count(), groups.size, 'one group per user');
    assert.match(await root.locator('[data-field="heading"]').innerText(), new RegExp(CIDR.replace(/[./]/g, '\\$&')));
    assert.match(await root.locator('[data-field="counts"]').innerText(), new RegExp(`^${expected.length} refresh tokens of ${groups.size} users$`));
  });

  it('filters and sorts in the page', async () => {
    const { page } = workbench;
    const { root } = webviewContent(page, 'main.hunt-results');
    const rows = root.locator('tr.token');
    const total = await rows.count();
    const first = emulator.refreshTokensOf(users[0]).find((token) => inCidr(token.device?.initial_ip) || inCidr(token.device?.last_ip))
      ?? users.flatMap((userId) => emulator.refreshTokensOf(userId)).find((token) => inCidr(token.device?.initial_ip) || inCidr(token.device?.last_ip))!;
    await root.locator('[data-field="filter"]').fill(first.id);
    await root.locator('tr.token:not([hidden])').first().waitFor();
    assert.strictEqual(await root.locator('tr.token:not([hidden])').count(), 1, 'one row has that token id');
    assert.match(await root.locator('[data-field="counts"]').innerText(), new RegExp(`^1 of ${total} shown$`));
    await root.locator('[data-field="filter"]').fill('');
    assert.strictEqual(await root.locator('tr.token:not([hidden])').count(), total);

    await root.locator('button[data-sort="created"]').click();
    await root.locator('th[data-column="created"][aria-sort="ascending"]').waitFor();
    const created = await root.evaluate((main) =>
      Array.from(main.querySelectorAll('tbody.group')).map((group) => Array.from(group.querySelectorAll('tr.token')).map((row) => Number(row.getAttribute('data-sort-created')))));
    for (const group of created) {
      assert.deepStrictEqual(group, [...group].sort((a, b) => a - b), 'rows of a user, oldest first');
    }
  });

  it('looks right in a light theme (screenshot)', async () => {
    const { page } = workbench;
    await runCommand(page, 'Notifications: Clear All Notifications');
    // The table wants the width: the side bar goes away for the pictures.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    const { root } = webviewContent(page, 'main.hunt-results');
    await waitForBackground(root, 'light');
    await settleForScreenshot(page);
    await screenshot(page, 'hunt-results-light');
  });

  it("revokes a user's tokens from the results: the modal's dry run names each, rows go pending, then revoked", async () => {
    const { page } = workbench;
    const { root } = webviewContent(page, 'main.hunt-results');
    const group = root.locator('tbody.group').first();
    const userId = (await group.getAttribute('data-user-id'))!;
    const ids = await group.evaluate((body) => Array.from(body.querySelectorAll('tr.token')).map((row) => row.getAttribute('data-token-id') ?? ''));
    await group.locator('input.select-group').check();
    assert.strictEqual(await root.locator('[data-field="selection"]').innerText(), `${ids.length} selected`);
    await root.locator('button[data-action="revoke-selected"]').click();

    const dialog = modalDialog(page);
    await dialog.waitFor();
    const text = await dialog.innerText();
    for (const id of ids) {
      assert.ok(text.includes(id), `the dry run names ${id}`);
    }
    assert.ok(text.includes(TENANT_LABEL));
    await dialog.locator('.monaco-button', { hasText: /^Revoke \d+ Refresh Tokens?$/ }).click();
    await root.locator(`tr.token[data-token-id="${ids[0]}"][data-state="pending"]`).waitFor();
    await root.locator(`tr.token[data-token-id="${ids[0]}"][data-state="revoked"]`).waitFor({ timeout: 30_000 });
    const left = emulator.refreshTokensOf(userId).map((token) => token.id);
    assert.ok(ids.every((id) => !left.includes(id)), 'Auth0 no longer has them');
    assert.strictEqual(left.length, 7 - ids.length, 'and only them');

    // Behind another tab and back (the page is loaded again): the rows still say revoked.
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor();
    await page.locator('.tabs-container .tab', { hasText: 'Hunt · ' }).click();
    for (const id of ids) {
      await root.locator(`tr.token[data-token-id="${id}"][data-state="revoked"]`).waitFor({ timeout: 15_000 });
    }
    await runCommand(page, 'View: Close Other Editors in Group');
  });

  it('follows a switch to a dark theme (screenshot), with no Content Security Policy violation', async () => {
    const { page } = workbench;
    await selectColorTheme(page, 'Default Dark Modern', 'dark');
    const { frame, root } = webviewContent(page, 'main.hunt-results');
    await frame.locator('body.vscode-dark').waitFor({ state: 'attached' });
    await waitForBackground(root, 'dark');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await settleForScreenshot(page);
    await screenshot(page, 'hunt-results-dark');
    assert.deepStrictEqual(workbench.cspViolations, [], 'the results page breaks no Content Security Policy rule');
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
      const docsImages = path.join(repoRoot, 'docs', 'images');
      fs.mkdirSync(docsImages, { recursive: true });
      for (const name of SCREENSHOTS) {
        fs.copyFileSync(path.join(resultsDir, `${name}.png`), path.join(docsImages, `${name}.png`));
      }
    }
  });
});
