// Steps of the hunt as a person takes them in the real workbench: the Command Palette, the form's
// Quick Picks and input boxes.
import type { Page } from 'playwright-core';
import { quickInput } from './workbench';

/** Runs a command from the Command Palette, as a person types it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

/** Clicks the Quick Pick item whose text has `text`. */
export async function pickItem(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().click();
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

