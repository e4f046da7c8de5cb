// Opens the real workbench (code-server) in headless Chromium with this extension loaded in
// development mode, for UI tests that drive it as a person would.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Page } from 'playwright-core';
import { openBrowser, repoRoot, RunningCodeServer, startCodeServer, workbenchUrl, WorkbenchBrowser } from '../testbed/codeServer';

export const resultsDir = path.join(repoRoot, 'test-results');

export interface OpenWorkbench {
  page: Page;
  server: RunningCodeServer;
  browser: WorkbenchBrowser;
  folder: string;
  close(): Promise<void>;
}

export async function openWorkbench(
  options: { env?: NodeJS.ProcessEnv; colorScheme?: 'light' | 'dark'; userSettings?: Record<string, unknown> } = {},
): Promise<OpenWorkbench> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-inspector-ui-'));
  const server = await startCodeServer({ folder, env: options.env });
  if (options.userSettings) {
    const settingsFile = path.join(server.userDataDir, 'User', 'settings.json');
    const current = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    fs.writeFileSync(settingsFile, JSON.stringify({ ...current, ...options.userSettings }));
  }
  const browser = await openBrowser({ colorScheme: options.colorScheme });
  const { page } = browser;
  await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: repoRoot }));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  return {
    page,
    server,
    browser,
    folder,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens the extension's view container from the activity bar, as a person clicks it. */
export async function openAuth0View(page: Page): Promise<void> {
  await page.locator('.activitybar .action-item a[aria-label^="Auth0"]').click();
  // With a single view the pane header is hidden; the side bar's title names the container.
  await page.locator('#workbench\\.parts\\.sidebar .composite.title h2', { hasText: /Auth0/i }).waitFor({ state: 'visible' });
}
