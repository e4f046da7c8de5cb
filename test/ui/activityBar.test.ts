import * as assert from 'node:assert';
import { OpenWorkbench, openAuth0View, openWorkbench, screenshot } from './workbench';

describe('UI: the Auth0 view', function () {
  this.timeout(120_000);
  let workbench: OpenWorkbench;

  before(async () => {
    workbench = await openWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });

  it('opens from the activity bar', async () => {
    await openAuth0View(workbench.page);
    const title = await workbench.page.locator('#workbench\\.parts\\.sidebar .composite.title h2').innerText();
    assert.match(title, /Auth0/i);
    await screenshot(workbench.page, 'activity-bar-view');
  });
});
