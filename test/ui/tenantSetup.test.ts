// "Auth0: Check Tenant Setup…" as a person runs it: from the Command Palette on a connected
// tenant whose token lacks the session scopes and whose plan lacks the Early Access endpoints; the
// report in its webview, copied as Markdown with the page's button, screenshotted in a light and a
// dark theme (test-results/, and docs/images/ with UPDATE_DOCS_SCREENSHOTS=1 for the README).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator';
import { FULL_SCOPES } from '../emulator/auth';
import { repoRoot } from '../testbed/codeServer';
import {
  openCommandPalette, openTenantWorkbench, pasteTokenForTenant, quickInput, resultsDir, screenshot, selectColorTheme, settleForScreenshot, waitForBackground, webviewContent, type TenantWorkbench,
} from './workbench';

const TENANT_LABEL = 'Acme staging';
const SCREENSHOTS = ['setup-report-light', 'setup-report-dark'];

describe('UI: Check Tenant Setup', function () {
  this.timeout(120_000);
  this.bail(true);
  let emulator: RunningEmulator;
  let workbench: TenantWorkbench;

  before(async () => {
    emulator = await startEmulator({ seed: 1, rateLimit: 'production', earlyAccess: 'absent', logRetentionDays: 3 });
    workbench = await openTenantWorkbench({ tenantDomain: emulator.domain, tenantLabel: TENANT_LABEL, screenshots: SCREENSHOTS });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  it('runs from the Command Palette and shows the report with its warnings', async () => {
    const { page } = workbench;
    const scopes = FULL_SCOPES.filter((scope) => scope !== 'read:sessions' && scope !== 'delete:sessions');
    await pasteTokenForTenant(page, TENANT_LABEL, emulator.mintToken({ scopes }));
    await openCommandPalette(page);
    await quickInput(page).fill('>Auth0: Check Tenant Setup');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Auth0: Check Tenant Setup…' }).first().click();

    const { root } = webviewContent(page, 'main.setup-report[data-status="warning"]');
    await root.waitFor();
    assert.strictEqual(await root.locator('[data-field="heading"]').innerText(), `Tenant setup · ${TENANT_LABEL}`);
    assert.strictEqual(await root.locator('[data-check="feature:sessions"]').getAttribute('data-status'), 'warning');
    assert.strictEqual(await root.locator('[data-check="endpoint:bulk-revocation"]').getAttribute('data-status'), 'warning');
    assert.strictEqual(await root.locator('[data-check="log-retention"]').getAttribute('data-status'), 'warning');
    assert.strictEqual(await root.locator('[data-check="endpoint:refresh-tokens"]').getAttribute('data-status'), 'ok');
    assert.match(await root.locator('[data-field="missing-scopes"]').innerText(), /read:sessions and delete:sessions/);
    await page.locator('.tabs-container .tab', { hasText: `Tenant setup · ${TENANT_LABEL}` }).waitFor();
  });

  it('copies the report as Markdown with the page\'s button', async () => {
    const { page } = workbench;
    const { root } = webviewContent(page, 'main.setup-report');
    await root.locator('button[data-action="copy-markdown"]').click();
    await root.locator('[data-field="action-feedback"]', { hasText: 'Copied as Markdown.' }).waitFor();
  });

  it('looks right in a light and a dark theme (screenshots), breaking no CSP rule', async () => {
    const { page } = workbench;
    const { frame, root } = webviewContent(page, 'main.setup-report');
    await waitForBackground(root, 'light');
    await settleForScreenshot(page);
    await screenshot(page, 'setup-report-light');

    await selectColorTheme(page, 'Default Dark Modern', 'dark');
    await frame.locator('body.vscode-dark').waitFor({ state: 'attached' });
    await waitForBackground(root, 'dark');
    await settleForScreenshot(page);
    await screenshot(page, 'setup-report-dark');

    assert.deepStrictEqual(workbench.cspViolations, [], 'the report breaks no Content Security Policy rule');
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
      const docsImages = path.join(repoRoot, 'docs', 'images');
      fs.mkdirSync(docsImages, { recursive: true });
      for (const name of SCREENSHOTS) {
        fs.copyFileSync(path.join(resultsDir, `${name}.png`), path.join(docsImages, `${name}.png`));
      }
    }
  });
});
