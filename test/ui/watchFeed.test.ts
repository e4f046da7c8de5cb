// The watch, driven through the real workbench as a person does it: "Auth0: Watch Tenant…" from
// the Command Palette, "Every user"; the feed shows the stolen laptop's token alerted within
// seconds (the emulator's attacker story begins with the watch), the severity filter hides the
// others, and Stop ends the watch. Screenshots of the feed in a light and a dark theme go to
// test-results/ and, with UPDATE_DOCS_SCREENSHOTS=1, to docs/images/ (the README's).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator';
import { repoRoot } from '../testbed/codeServer';
import { runCommand, startWatch } from './huntSteps';
import { openTenantWorkbench, pasteTokenForTenant, resultsDir, screenshot, selectColorTheme, settleForScreenshot, waitForBackground, webviewContent, type TenantWorkbench } from './workbench';

const TENANT_LABEL = 'acme-prod';
const SCREENSHOTS = ['watch-feed-light', 'watch-feed-dark'];

describe('UI: watching a tenant', function () {
  this.timeout(180_000);
  this.bail(true);
  let emulator: RunningEmulator;
  let workbench: TenantWorkbench;

  before(async () => {
    emulator = await startEmulator({ seed: 1, liveLog: { storyStartsWithWatch: true, attackerEverySeconds: 2 } });
    workbench = await openTenantWorkbench({ tenantDomain: emulator.domain, tenantLabel: TENANT_LABEL, screenshots: SCREENSHOTS });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  it('starts from the Command Palette; the feed shows the attacker alerted within seconds', async () => {
    const { page } = workbench;
    await pasteTokenForTenant(page, TENANT_LABEL, emulator.token);
    await startWatch(page, 'Every user', '203.0.113.0/24');
    const { root } = webviewContent(page, 'main.watch-feed');
    await root.locator('li.alert.severity-high', { hasText: '203.0.113.200' }).first().waitFor({ timeout: 60_000 });
    // The watch list typed at the start: the attacker's network is a watched one.
    await root.locator('li.alert[data-kind="watched-network"]', { hasText: '203.0.113.200' }).first().waitFor({ timeout: 30_000 });
    assert.match(await root.locator('[data-field="status"]').innerText(), /^Watching acme-prod · \d+ alerts? · /);
    await page.locator('.statusbar-item', { hasText: /Watching acme-prod/ }).first().waitFor();
  });

  it('filters by severity in the page', async () => {
    const { page } = workbench;
    const { root } = webviewContent(page, 'main.watch-feed');
    await root.locator('select[data-filter="severity"]').selectOption('high');
    const severities = await root.evaluate((main) => Array.from(main.querySelectorAll('li.alert:not([hidden])')).map((row) => row.getAttribute('data-severity')));
    assert.ok(severities.length > 0 && severities.every((severity) => severity === 'high'), severities.join());
  });

  it('looks right in a light theme (screenshot)', async () => {
    const { page } = workbench;
    await runCommand(page, 'Auth0: Stop Watching Tenant'); // a still page for the pictures
    const { root } = webviewContent(page, 'main.watch-feed[data-running="false"]');
    await root.waitFor();
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await waitForBackground(root, 'light');
    await settleForScreenshot(page);
    await screenshot(page, 'watch-feed-light');
  });

  it('follows a switch to a dark theme (screenshot), with no Content Security Policy violation', async () => {
    const { page } = workbench;
    await selectColorTheme(page, 'Default Dark Modern', 'dark');
    const { frame, root } = webviewContent(page, 'main.watch-feed');
    await frame.locator('body.vscode-dark').waitFor({ state: 'attached' });
    await waitForBackground(root, 'dark');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await settleForScreenshot(page);
    await screenshot(page, 'watch-feed-dark');
    assert.deepStrictEqual(workbench.cspViolations, [], 'the feed breaks no Content Security Policy rule');
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
      const docsImages = path.join(repoRoot, 'docs', 'images');
      fs.mkdirSync(docsImages, { recursive: true });
      for (const name of SCREENSHOTS) {
        fs.copyFileSync(path.join(resultsDir, `${name}.png`), path.join(docsImages, `${name}.png`));
      }
    }
  });
});
