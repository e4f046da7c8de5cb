// Findings as a person sees them (issue #11): the stolen laptop token of the demo flagged in the
// tree, the user's summary, then its details panel opening on the Findings, Session and History
// sections. Screenshots in a light and a dark theme go to test-results/ and, with
// UPDATE_DOCS_SCREENSHOTS=1, to docs/images/ for the README.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator';
import { repoRoot } from '../testbed/codeServer';
import {
  openTenantWorkbench, pasteTokenForTenant, resultsDir, screenshot, screenshotSideBar, searchUsers, selectColorTheme, settleForScreenshot, treeRows,
  waitForBackground, webviewContent, widenSideBar, type TenantWorkbench,
} from './workbench';

const TENANT_LABEL = 'Demo tenant';
const SCREENSHOTS = ['findings-tree-light', 'findings-details-light', 'findings-tree-dark', 'findings-details-dark'];

describe('UI: findings of a stolen refresh token', function () {
  this.timeout(120_000);
  this.bail(true);
  let emulator: RunningEmulator;
  let workbench: TenantWorkbench;

  before(async () => {
    emulator = await startEmulator({ seed: 1 });
    workbench = await openTenantWorkbench({ tenantDomain: emulator.domain, tenantLabel: TENANT_LABEL, screenshots: SCREENSHOTS });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  it('flags the stolen token in the tree and counts it on the user row', async () => {
    const { page } = workbench;
    await pasteTokenForTenant(page, TENANT_LABEL, emulator.token);
    await widenSideBar(page, 520);
    await searchUsers(page, emulator.scenarios.stolenLaptop);
    await treeRows(page, { level: 2, posinset: 2 }).click();
    // Its own fields flag it at once; the user's logs (fetched in the background) show its exchanges
    // from another country minutes apart: "impossible travel", above the family's many networks.
    const flagged = treeRows(page, { level: 3, hasText: '⚠ impossible travel' });
    await flagged.waitFor({ timeout: 30_000 });
    await treeRows(page, { level: 2, posinset: 2, hasText: '2 tokens · 1 flagged' }).waitFor();
    assert.match((await flagged.getAttribute('aria-label')) ?? '', /, ⚠ impossible travel · active · used /);
  });

  it('opens its details on the findings, the session and the history', async () => {
    const { page } = workbench;
    await treeRows(page, { level: 3, hasText: '⚠ impossible travel' }).click();
    const { root } = webviewContent(page, 'main.token-details');
    await root.locator('[data-section="findings"] [data-finding-kind="impossible-travel"]').first().waitFor();
    await root.locator('[data-section="findings"] [data-finding-kind="many-networks"]').first().waitFor();
    await root.locator('[data-section="session"]').waitFor();
    await root.locator('[data-section="history"] svg').waitFor();
    assert.ok((await root.locator('[data-section="history"] [data-event-type="sertft"]').count()) >= 8, 'the script\'s exchanges are listed');
    await page.locator('.monaco-workbench.vs').waitFor();
    await waitForBackground(root, 'light');
    await settleForScreenshot(page);
    await screenshotSideBar(page, 'findings-tree-light');
    await screenshot(page, 'findings-details-light');
  });

  it('looks right in a dark theme too (screenshots)', async () => {
    const { page } = workbench;
    await selectColorTheme(page, 'Default Dark Modern', 'dark');
    const { frame, root } = webviewContent(page, 'main.token-details');
    await frame.locator('body.vscode-dark').waitFor({ state: 'attached' });
    await waitForBackground(root, 'dark');
    await settleForScreenshot(page);
    await screenshotSideBar(page, 'findings-tree-dark');
    await screenshot(page, 'findings-details-dark');
    assert.deepStrictEqual(workbench.cspViolations, [], 'the details page breaks no Content Security Policy rule');
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
      const docsImages = path.join(repoRoot, 'docs', 'images');
      fs.mkdirSync(docsImages, { recursive: true });
      for (const name of SCREENSHOTS) {
        fs.copyFileSync(path.join(resultsDir, `${name}.png`), path.join(docsImages, `${name}.png`));
      }
    }
  });
});
