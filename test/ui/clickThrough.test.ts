// A person's first session, driven through the real workbench: open the Auth0 view, paste a
// Management API token into the input box, search a user, expand their refresh tokens, load the
// next page, open one token's details. Screenshots of the tree and the details in a light and a
// dark theme go to test-results/ and, with UPDATE_DOCS_SCREENSHOTS=1, to docs/images/ for the README.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RefreshToken } from '../../src/auth0/types';
import { tokenStatus } from '../../src/presentation/tokenStatus';
import { startEmulator, type RunningEmulator } from '../emulator';
import { repoRoot } from '../testbed/codeServer';
import {
  openAuth0View, openTenantWorkbench, quickInput, resultsDir, screenshot, screenshotSideBar, selectColorTheme, settleForScreenshot, treeRows,
  viewTitleAction, waitForBackground, webviewContent, widenSideBar, type TenantWorkbench,
} from './workbench';

const TENANT_LABEL = 'Demo tenant';
const PAGE_SIZE = 50;
const SCREENSHOTS = ['tree-light', 'details-light', 'tree-dark', 'details-dark'];

describe('UI: from the activity bar to a refresh token’s details', function () {
  this.timeout(120_000);
  this.bail(true); // each step builds on the one before: stop at the first failure
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

  it('connects the configured tenant with a token pasted into a password input box', async () => {
    const { page } = workbench;
    await openAuth0View(page);
    await widenSideBar(page, 480); // room for the application names and statuses
    const tenant = treeRows(page, { level: 1, hasText: TENANT_LABEL });
    await tenant.waitFor();
    assert.match((await tenant.getAttribute('aria-label')) ?? '', /No credentials/);

    await treeRows(page, { level: 2, hasText: 'Set a Management API token…' }).click();
    // The token is masked while typed: it never shows in a screenshot or a recording.
    await page.locator('.quick-input-widget .quick-input-box input[type="password"]').waitFor();
    await quickInput(page).fill(emulator.token);
    await quickInput(page).press('Enter');

    // The first page of users: 50 user rows and "Load more users… (50 of 300)" as the 51st row.
    const firstUser = treeRows(page, { level: 2, posinset: 1, expanded: false });
    await firstUser.waitFor();
    assert.strictEqual(await firstUser.getAttribute('aria-setsize'), String(PAGE_SIZE + 1));
    assert.match((await tenant.getAttribute('aria-label')) ?? '', /Management API token/);
  });

  it('finds a user with the Search button and shows their first 50 refresh tokens', async () => {
    const { page } = workbench;
    await viewTitleAction(page, 'Search Users…').click();
    await quickInput(page).fill(emulator.users.many);
    await quickInput(page).press('Enter');

    // The search row, then exactly one user: the one searched for.
    await treeRows(page, { level: 2, posinset: 1, hasText: `Search: ${emulator.users.many}` }).waitFor();
    const user = treeRows(page, { level: 2, posinset: 2, setsize: 2, expanded: false });
    assert.match((await user.getAttribute('aria-label')) ?? '', new RegExp(escapeRegExp(emulator.users.many)));

    await user.click();
    await treeRows(page, { level: 2, posinset: 2, expanded: true }).waitFor();
    const firstToken = treeRows(page, { level: 3, posinset: 1 });
    await firstToken.waitFor();
    // 50 token rows and the "Load more…" row as the 51st: counted by the tree's own aria
    // attributes, since rows scrolled out of view are not in the DOM.
    assert.strictEqual(await firstToken.getAttribute('aria-setsize'), String(PAGE_SIZE + 1));
    const token = emulator.refreshTokensOf(emulator.users.many)[0];
    assert.match((await firstToken.getAttribute('aria-label')) ?? '', expectedRowLabel(token));

    // Keyboard End moves to the last row and scrolls it into view.
    await page.keyboard.press('End');
    const loadMore = treeRows(page, { level: 3, hasText: `Load more… (${PAGE_SIZE} of 250 loaded)` });
    await loadMore.waitFor();
    assert.strictEqual(await loadMore.getAttribute('aria-posinset'), String(PAGE_SIZE + 1));
    await assertTokenRowsAreTokens(PAGE_SIZE);
  });

  it('loads the next 50 with "Load more…", keeping the first 50', async () => {
    const { page } = workbench;
    await treeRows(page, { level: 3, hasText: `Load more… (${PAGE_SIZE} of 250 loaded)` }).click();
    // The 51st row, where "Load more…" was, is now the emulator's 51st token: the second page
    // follows the first.
    const tokens = emulator.refreshTokensOf(emulator.users.many);
    const row51 = treeRows(page, { level: 3, posinset: PAGE_SIZE + 1, setsize: 2 * PAGE_SIZE + 1 });
    assert.match((await row51.getAttribute('aria-label')) ?? '', expectedRowLabel(tokens[PAGE_SIZE]));
    await page.keyboard.press('End');
    const loadMore = treeRows(page, { level: 3, hasText: `Load more… (${2 * PAGE_SIZE} of 250 loaded)` });
    await loadMore.waitFor();
    assert.strictEqual(await loadMore.getAttribute('aria-posinset'), String(2 * PAGE_SIZE + 1));
    assert.match((await treeRows(page, { level: 3, posinset: 2 * PAGE_SIZE }).getAttribute('aria-label')) ?? '', expectedRowLabel(tokens[2 * PAGE_SIZE - 1]));
    await assertTokenRowsAreTokens(2 * PAGE_SIZE);

    await page.keyboard.press('Home');
    await treeRows(page, { level: 1, hasText: TENANT_LABEL }).waitFor();
  });

  it('opens the details of the clicked token in a webview', async () => {
    const { page } = workbench;
    const token = emulator.refreshTokensOf(emulator.users.many)[0];
    const app = appName(token);
    await treeRows(page, { level: 3, posinset: 1 }).click();

    const { root } = webviewContent(page, 'main.token-details');
    await root.waitFor();
    assert.strictEqual(await root.getAttribute('data-token-id'), token.id);
    const status = tokenStatus(token, new Date());
    assert.strictEqual(await root.locator('[data-field="status-label"]').innerText(), status.label);
    assert.strictEqual(await root.locator('[data-field="status-description"]').innerText(), status.detail);
    assert.strictEqual(await root.locator('[data-field="heading"]').innerText(), app);
    assert.strictEqual(await root.locator('[data-field="app_name"] .value').innerText(), app);
    assert.strictEqual(await root.locator('[data-field="id"] .value').innerText(), token.id);
    assert.strictEqual(await root.locator('[data-field="user_id"] .value').innerText(), emulator.users.many);
    // The JSON block is the token, complete: it parses back to what the emulator holds.
    const json = await root.locator('[data-field="json"]').innerText();
    assert.ok(json.includes(`"id": "${token.id}"`), 'the JSON block shows the token id');
    assert.deepStrictEqual(JSON.parse(json), token);
    // The editor tab is named after the application and the token.
    await page.locator('.tabs-container .tab', { hasText: `${app} · ${token.id}` }).waitFor();
  });

  it('looks right in a light theme (screenshots)', async () => {
    const { page } = workbench;
    const { root } = webviewContent(page, 'main.token-details');
    await page.locator('.monaco-workbench.vs').waitFor();
    await waitForBackground(root, 'light');
    await settleForScreenshot(page);
    await screenshotSideBar(page, 'tree-light');
    await screenshot(page, 'details-light');
  });

  it('follows a switch to a dark theme (screenshots)', async () => {
    const { page } = workbench;
    await selectColorTheme(page, 'Default Dark Modern', 'dark');
    const { frame, root } = webviewContent(page, 'main.token-details');
    await frame.locator('body.vscode-dark').waitFor({ state: 'attached' });
    await waitForBackground(root, 'dark');
    // The tree kept its state through the theme change: the user's 100 tokens are still there.
    await treeRows(page, { level: 3, posinset: 1, setsize: 2 * PAGE_SIZE + 1 }).waitFor();
    await settleForScreenshot(page);
    await screenshotSideBar(page, 'tree-dark');
    await screenshot(page, 'details-dark');

    assert.deepStrictEqual(workbench.cspViolations, [], 'the details page breaks no Content Security Policy rule');
    // The README shows these; a test run leaves tracked files alone unless asked to refresh them.
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
      const docsImages = path.join(repoRoot, 'docs', 'images');
      fs.mkdirSync(docsImages, { recursive: true });
      for (const name of SCREENSHOTS) {
        fs.copyFileSync(path.join(resultsDir, `${name}.png`), path.join(docsImages, `${name}.png`));
      }
    }
  });

  /**
   * "Partner Portal, active · used 4 y ago": the row's accessible name, from the emulator's data;
   * a flagged token's most severe finding comes first ("…, ⚠ long-lived · active · …", issue #11).
   */
  function expectedRowLabel(token: RefreshToken): RegExp {
    return new RegExp(`^${escapeRegExp(appName(token))}, (⚠ [a-zA-Z' -]+ · )?${escapeRegExp(tokenStatus(token, new Date()).description)}$`);
  }

  function appName(token: RefreshToken): string {
    const name = token.client_id ? emulator.clientName(token.client_id) : undefined;
    return name ?? token.client_id ?? 'Unknown application';
  }

  /** Every token row in the DOM (those on screen) is a token, numbered within 1..count. */
  async function assertTokenRowsAreTokens(count: number): Promise<void> {
    const rows = await treeRows(workbench.page, { level: 3 }).all();
    assert.ok(rows.length > 0, 'token rows are on screen');
    for (const row of rows) {
      const position = Number(await row.getAttribute('aria-posinset'));
      const label = (await row.getAttribute('aria-label')) ?? '';
      if (position <= count) {
        assert.doesNotMatch(label, /^(Load more|Loading)/, `row ${position} is a token`);
      } else {
        assert.strictEqual(position, count + 1, `row ${position} is the row after the ${count} tokens`);
      }
    }
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
