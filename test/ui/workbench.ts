// Opens the real workbench (code-server) in headless Chromium with this extension loaded in
// development mode, for UI tests that drive it as a person would.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';
import { openBrowser, repoRoot, RunningCodeServer, startCodeServer, workbenchUrl, WorkbenchBrowser } from '../testbed/codeServer';

export const resultsDir = path.join(repoRoot, 'test-results');

export interface OpenWorkbench {
  page: Page;
  server: RunningCodeServer;
  browser: WorkbenchBrowser;
  folder: string;
  /** The browser console's last 30 messages, every frame's, for a failure's diagnostics. */
  recentConsole: string[];
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
  const recentConsole: string[] = [];
  page.on('console', (message) => {
    recentConsole.push(`${message.type()}: ${message.text().slice(0, 300)}`);
    recentConsole.splice(0, recentConsole.length - 30);
  });
  await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: repoRoot }));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  return {
    page,
    server,
    browser,
    folder,
    recentConsole,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A workbench whose one configured tenant is `tenantDomain`, with what its console said about the CSP. */
export interface TenantWorkbench extends OpenWorkbench {
  /** Every console message about a Content Security Policy violation, in order. */
  cspViolations: string[];
}

/**
 * Opens the workbench in the light theme with one tenant configured (no credentials yet: the test
 * pastes them as a person would), records Content Security Policy violations from the console,
 * and removes the named screenshots left by an earlier run, so a missing one cannot pass as new.
 */
export async function openTenantWorkbench(options: { tenantDomain: string; tenantLabel: string; screenshots?: readonly string[] }): Promise<TenantWorkbench> {
  const workbench = await openWorkbench({
    colorScheme: 'light',
    userSettings: {
      'auth0TokenInspector.tenants': [{ domain: options.tenantDomain, label: options.tenantLabel }],
      'workbench.colorTheme': 'Default Light Modern',
    },
  });
  const cspViolations: string[] = [];
  workbench.page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      cspViolations.push(message.text());
    }
  });
  for (const name of options.screenshots ?? []) {
    fs.rmSync(path.join(resultsDir, `${name}.png`), { force: true });
  }
  return { ...workbench, cspViolations };
}

/**
 * The last `lines` lines of the extension's output channel ("Auth0 Token Inspector"), read from the
 * file VS Code keeps it in under the user data folder's logs; a sentence when there is none yet.
 */
export function extensionOutputTail(workbench: Pick<OpenWorkbench, 'server'>, lines: number): string {
  const found: string[] = [];
  const visit = (folder: string) => {
    for (const entry of fs.existsSync(folder) ? fs.readdirSync(folder, { withFileTypes: true }) : []) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        visit(full);
      } else if (entry.name === 'Auth0 Token Inspector.log') {
        found.push(full);
      }
    }
  };
  visit(path.join(workbench.server.userDataDir, 'logs'));
  const newest = found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  return newest === undefined ? '(no output channel log yet)' : fs.readFileSync(newest, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
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

/** The side bar, where the Auth0 view lives. */
export function sideBar(page: Page): Locator {
  return page.locator('#workbench\\.parts\\.sidebar');
}

/**
 * Rows of the side bar's tree. The tree is virtualised: only rows on screen are in the DOM, but
 * each carries aria-level (depth, 1 = tenant), aria-posinset and aria-setsize (its position
 * among its siblings and how many siblings it has), so counts need not scroll.
 */
export function treeRows(
  page: Page,
  options: { level?: number; posinset?: number; setsize?: number; expanded?: boolean; hasText?: string | RegExp } = {},
): Locator {
  const attributes = [
    options.level === undefined ? '' : `[aria-level="${options.level}"]`,
    options.posinset === undefined ? '' : `[aria-posinset="${options.posinset}"]`,
    options.setsize === undefined ? '' : `[aria-setsize="${options.setsize}"]`,
    options.expanded === undefined ? '' : `[aria-expanded="${options.expanded}"]`,
  ].join('');
  const rows = sideBar(page).locator(`.monaco-list-row[role="treeitem"]${attributes}`);
  return options.hasText === undefined ? rows : rows.filter({ hasText: options.hasText });
}

/** A button of the view's title bar, by its tooltip ("Search Users…"). */
export function viewTitleAction(page: Page, label: string): Locator {
  return sideBar(page).locator(`.composite.title .action-label[aria-label="${label}"]`);
}

/** The input of the open input box or Quick Pick. */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-box input');
}

/** Drags the sash between the side bar and the editor, as a person widens the side bar. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await sideBar(page).boundingBox();
  if (!box) {
    throw new Error('the side bar is not visible');
  }
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((min) => (document.getElementById('workbench.parts.sidebar')?.offsetWidth ?? 0) >= min, width - 10);
}

/**
 * Opens the Command Palette with F1. A key pressed while the focus sits in a webview whose page is
 * being replaced goes to a document on its way out and is lost: F1 again (at most twice more)
 * until the palette's input shows.
 */
export async function openCommandPalette(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await page.keyboard.press('F1');
    try {
      await quickInput(page).waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
    }
  }
}

/** Picks a colour theme through "Preferences: Color Theme", the way a person switches themes. */
export async function selectColorTheme(page: Page, theme: string, kind: 'light' | 'dark'): Promise<void> {
  await openCommandPalette(page);
  await quickInput(page).fill('>Preferences: Color Theme');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().click();
  await quickInput(page).fill(theme);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${theme}"]`).click();
  await page.locator(`.monaco-workbench.${kind === 'dark' ? 'vs-dark' : 'vs'}`).waitFor({ state: 'visible' });
}

/**
 * The page of the open webview panel (one at a time) and `selector` in it. The panel's HTML sits
 * two frames deep: the workbench's `iframe.webview` hosts the `#active-frame` with the extension's
 * page. Frame locators re-resolve, so this survives the panel replacing its HTML.
 */
export function webviewContent(page: Page, selector: string): { frame: FrameLocator; root: Locator } {
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  return { frame, root: frame.locator(selector) };
}

/**
 * Brings the window to a still state for a screenshot: the pointer where it shows no hover, no
 * tooltip, no progress bar in the side bar, no "Activating Extensions…" in the status bar.
 */
export async function settleForScreenshot(page: Page): Promise<void> {
  const bar = await page.locator('.part.activitybar').boundingBox();
  if (bar) {
    await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
  }
  const gone = (locator: Locator) => locator.filter({ visible: true }).first().waitFor({ state: 'hidden' });
  await gone(page.locator('.workbench-hover-container'));
  await gone(sideBar(page).locator('.monaco-progress-container.active'));
  await gone(page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: 'Activating Extensions' }));
}

/** Saves a screenshot of the activity bar and side bar only: the tree, at a readable size. */
export async function screenshotSideBar(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  const box = await sideBar(page).boundingBox();
  if (!box) {
    throw new Error('the side bar is not visible');
  }
  await page.screenshot({ path: file, clip: { x: 0, y: box.y, width: box.x + box.width, height: box.height } });
  return file;
}

/**
 * Resolves once the page's background (under `element`, in its own frame) is dark or light, i.e.
 * once the theme's colours, not just its class names, have reached that document. Checked every
 * animation frame; fails after `timeoutMs`.
 */
export async function waitForBackground(element: Locator, kind: 'light' | 'dark', timeoutMs = 15_000): Promise<void> {
  await element.evaluate(
    (node, { kind, timeoutMs }) =>
      new Promise<void>((resolve, reject) => {
        const deadline = performance.now() + timeoutMs;
        const check = () => {
          const channels = (getComputedStyle(node.ownerDocument.body).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
          const [r = 0, g = 0, b = 0] = channels;
          const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          if (channels.length >= 3 && (kind === 'dark' ? luminance < 0.5 : luminance >= 0.5)) {
            resolve();
          } else if (performance.now() > deadline) {
            reject(new Error(`background is ${getComputedStyle(node.ownerDocument.body).backgroundColor}, not ${kind}`));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      }),
    { kind, timeoutMs },
  );
}

/**
 * Connects the tenant configured in user settings as a person does: opens the view, clicks
 * "Set a Management API token…" under it, pastes the token into the password box, Enter.
 */
export async function pasteTokenForTenant(page: Page, tenantLabel: string, token: string): Promise<void> {
  await openAuth0View(page);
  await treeRows(page, { level: 1, hasText: tenantLabel }).waitFor();
  await treeRows(page, { level: 2, hasText: 'Set a Management API token…' }).click();
  await page.locator('.quick-input-widget .quick-input-box input[type="password"]').waitFor();
  await quickInput(page).fill(token);
  await quickInput(page).press('Enter');
  await treeRows(page, { level: 2, posinset: 1, expanded: false }).waitFor();
}

/** Searches the tenant's users with the view's Search button. */
export async function searchUsers(page: Page, query: string): Promise<void> {
  await viewTitleAction(page, 'Search Users…').click();
  await quickInput(page).fill(query);
  await quickInput(page).press('Enter');
  await treeRows(page, { level: 2, posinset: 1, hasText: `Search: ${query}` }).waitFor();
}

/** The open modal dialog (VS Code's own, drawn in the workbench). */
export function modalDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}
