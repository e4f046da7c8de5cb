// Steps of the hunt and the watch as a person takes them in the real workbench: the Command
// Palette, the forms' Quick Picks and input boxes.
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { extensionOutputTail, openCommandPalette, quickInput, resultsDir, webviewContent, type OpenWorkbench } from './workbench';

/** Runs a command from the Command Palette, as a person types it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openCommandPalette(page);
  await quickInput(page).fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

/** Clicks the Quick Pick item whose text has `text`. */
export async function pickItem(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().click();
}

/**
 * "Auth0: Watch Tenant…" from the palette: whose events (`whose`, an item of the first pick), the
 * watch list typed into its input box (`networks`, empty for none), then "From now".
 */
export async function startWatch(page: Page, whose: string, networks = ''): Promise<void> {
  await runCommand(page, 'Auth0: Watch Tenant…');
  await pickItem(page, whose);
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'networks to alert on' }).waitFor();
  await quickInput(page).fill(networks);
  await quickInput(page).press('Enter');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'from when?' }).waitFor();
  await pickItem(page, 'From now');
}

/** Hunts the users `ids` (pasted) with one criterion typed into the form, then Start Hunt. */
export async function huntPastedUsers(page: Page, ids: readonly string[], criterion?: { field: string; value: string }): Promise<void> {
  await runCommand(page, 'Auth0: Hunt Refresh Tokens…');
  await pickItem(page, 'Paste user IDs…');
  await quickInput(page).fill(ids.join(', '));
  await quickInput(page).press('Enter');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Start Hunt' }).waitFor();
  if (criterion) {
    await pickItem(page, criterion.field);
    await quickInput(page).fill(criterion.value);
    await quickInput(page).press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: criterion.value }).first().waitFor();
  }
  await pickItem(page, 'Start Hunt');
}

/**
 * Resolves with the results page once the hunt shown in it has completed. `timeoutMs` is a guard,
 * not a limit: a hunt of a dozen users takes seconds alone. On a timeout it fails with what a
 * person would look at to see where the hunt stood: the page's state and progress line, the
 * editor tabs, the webview frames, the end of the extension's output channel, and a screenshot.
 */
export async function waitForHuntCompleted(workbench: OpenWorkbench, timeoutMs: number): Promise<Locator> {
  const { page } = workbench;
  const { root, frame } = webviewContent(page, 'main.hunt-results[data-state="completed"]');
  try {
    await root.waitFor({ timeout: timeoutMs });
    return root;
  } catch (error) {
    const results = frame.locator('main.hunt-results');
    const state = await results.getAttribute('data-state', { timeout: 2_000 }).catch(() => 'no results page');
    const text = await results.innerText({ timeout: 2_000 }).catch(() => '');
    const tabs = await page.locator('.tabs-container .tab').allInnerTexts().catch(() => []);
    const frames = await page.locator('iframe.webview').evaluateAll((nodes) => nodes.map((node) => `${node.className} (${(node as HTMLElement).offsetWidth}×${(node as HTMLElement).offsetHeight})`)).catch(() => []);
    const inner = await page.frameLocator('iframe.webview.ready').locator('iframe').evaluateAll((nodes) =>
      nodes.map((node) => {
        const frameNode = node as HTMLIFrameElement;
        const main = frameNode.contentDocument?.querySelector('main');
        return `#${frameNode.id || '(no id)'} ${frameNode.style.visibility || 'visible'} page ${main ? `${main.getAttribute('data-state')} (render ${main.getAttribute('data-render')})` : 'none'}`;
      })).catch((reason: unknown) => [`unreadable: ${String(reason)}`]);
    await page.screenshot({ path: path.join(resultsDir, 'hunt-results-timeout.png') }).catch(() => undefined);
    throw new Error([
      error instanceof Error ? error.message : String(error),
      `results page: data-state ${state}; text: ${text.slice(0, 400)}`,
      `editor tabs: ${tabs.join(' | ') || 'none'}; webview frames: ${frames.join(', ') || 'none'}; inside: ${inner.join(', ') || 'none'}`,
      `the browser console ends:\n${workbench.recentConsole.join('\n')}`,
      `the output channel ends:\n${extensionOutputTail(workbench, 40)}`,
      `screenshot: ${path.join(resultsDir, 'hunt-results-timeout.png')}`,
    ].join('\n'), { cause: error });
  }
}
