// The watch feed with the emulator's hostile profile, in the real workbench (issue 20: a new user's
// trial found one alert with a 10,114-character title about 6,000 px tall, and two 3,245 px tall
// whose evidence column was 29-34 px wide). Every row stays under 800 px, each evidence column is
// wide enough to read, and a notification's "Open" scrolls the feed to its alert and focuses it.
import * as assert from 'node:assert';
import { startEmulator, type RunningEmulator } from '../emulator';
import { startWatch } from './huntSteps';
import { openTenantWorkbench, pasteTokenForTenant, webviewContent, type TenantWorkbench } from './workbench';

const TENANT_LABEL = 'acme-hostile';
const MAX_ROW_HEIGHT_PX = 800;
const MIN_EVIDENCE_COLUMN_PX = 60;

describe('UI: the watch feed with hostile data', function () {
  this.timeout(180_000);
  this.bail(true);
  let emulator: RunningEmulator;
  let workbench: TenantWorkbench;

  before(async () => {
    emulator = await startEmulator({ seed: 1, dataProfile: 'hostile', liveLog: { storyStartsWithWatch: true, attackerEverySeconds: 2 } });
    workbench = await openTenantWorkbench({ tenantDomain: emulator.domain, tenantLabel: TENANT_LABEL });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  it('keeps every row under 800 px and every evidence column readable', async () => {
    const { page } = workbench;
    await pasteTokenForTenant(page, TENANT_LABEL, emulator.token);
    await startWatch(page, 'Every user');
    const { root } = webviewContent(page, 'main.watch-feed');
    await root.locator('li.alert.severity-high').first().waitFor({ timeout: 60_000 });
    // The hostile profile's 10,000-character strings reach a row (its application name in the meta
    // line, the why and the evidence; the trial saw one in a title, 10,114 characters).
    await root.locator('li.alert').filter({ hasText: /.{5000,}/s }).first().waitFor({ timeout: 90_000 });
    const rows = await root.evaluate((main) =>
      Array.from(main.querySelectorAll<HTMLElement>('li.alert')).map((row) => ({
        index: row.getAttribute('data-index'),
        titleLength: row.querySelector('.title')?.textContent?.length ?? 0,
        textLength: row.textContent?.length ?? 0,
        height: row.getBoundingClientRect().height,
        columns: Array.from(row.querySelectorAll('table.evidence tbody tr:first-child > *')).map((cell) => cell.getBoundingClientRect().width),
      })),
    );
    const report = rows.map((row) => `#${row.index} title ${row.titleLength} chars, row ${row.textLength}: ${Math.round(row.height)} px, columns ${row.columns.map(Math.round).join('/')} px`).join('; ');
    console.log(`      [watch feed, hostile] ${rows.length} rows; longest title ${Math.max(...rows.map((row) => row.titleLength))} chars; tallest ${Math.round(Math.max(...rows.map((row) => row.height)))} px`);
    assert.ok(rows.some((row) => row.textLength >= 5000), report);
    assert.deepStrictEqual(rows.filter((row) => row.height >= MAX_ROW_HEIGHT_PX).map((row) => row.index), [], report);
    assert.deepStrictEqual(rows.filter((row) => row.columns.some((width) => width < MIN_EVIDENCE_COLUMN_PX)).map((row) => row.index), [], report);
  });

  it('a notification\'s "Open" scrolls the feed to its alert, outlined and focused', async () => {
    const { page } = workbench;
    const toast = page.locator('.notification-toast', { hasText: `Watch ${TENANT_LABEL}` }).first();
    await toast.waitFor({ timeout: 60_000 });
    await toast.getByRole('button', { name: 'Open', exact: true }).click();
    const { root } = webviewContent(page, 'main.watch-feed[data-focus-index]');
    await root.waitFor();
    const focused = root.locator('li.alert[data-focused="true"]');
    await focused.waitFor();
    const state = await focused.evaluate((row) => {
      const box = row.getBoundingClientRect();
      return { active: row.ownerDocument.activeElement === row, inView: box.top < window.innerHeight && box.bottom > 0, outline: getComputedStyle(row).outlineStyle };
    });
    assert.deepStrictEqual(state, { active: true, inView: true, outline: 'solid' });
  });
});
