// Setting a panel's html one load at a time. In the real workbench an html set while the page
// before it was still loading stayed hidden for good: the hunt had completed, the page said
// "running" (seen in CI and under load; test/ui/huntSteps.ts waitForHuntCompleted prints the
// frames). A draw therefore waits until the drawn page said it loaded, then draws the newest state
// once; a page that never says so is drawn over after the patience. Driven by a fake clock.
import * as assert from 'node:assert/strict';
import type { WebviewResources } from '../../../src/webview/page';
import { isPageLoadedMessage, PageDrawer, PAGE_LOAD_PATIENCE_MS } from '../../../src/webview/pageDrawer';
import { FakeTimers } from './fakeTimers';

/** A webview that records every html set on it. */
class RecordingWebview {
  readonly sets: string[] = [];
  get html(): string {
    return this.sets.at(-1) ?? '';
  }
  set html(value: string) {
    this.sets.push(value);
  }
}

function resources(render: number): WebviewResources {
  return { render, nonce: `nonce-${render}`, cspSource: 'vscode-resource:', styleUri: 'page.css', scriptUri: 'page.js' };
}

/** A page that says which render it is and what state it was drawn from. */
const page = (state: string) => (r: WebviewResources) => `render ${r.render}: ${state}`;

function setup(): { webview: RecordingWebview; timers: FakeTimers; drawer: PageDrawer } {
  const webview = new RecordingWebview();
  const timers = new FakeTimers();
  return { webview, timers, drawer: new PageDrawer(webview, resources, timers) };
}

describe('PageDrawer: one page load at a time', () => {
  it('draws the first page at once, as render 1', () => {
    const { webview, drawer } = setup();
    drawer.draw(page('running'));
    assert.deepEqual(webview.sets, ['render 1: running']);
  });

  it('does not set html while the drawn page loads; once it said so, draws the newest state once', () => {
    const { webview, drawer } = setup();
    drawer.draw(page('running'));
    drawer.draw(page('10 of 12 users'));
    drawer.draw(page('completed'));
    assert.deepEqual(webview.sets, ['render 1: running'], 'nothing set over a page still loading');
    assert.equal(drawer.html, 'render 2: completed', 'what the page will show, for tests');
    assert.equal(drawer.receive({ type: 'page-loaded', render: 1 }), true);
    assert.deepEqual(webview.sets, ['render 1: running', 'render 2: completed'], 'the newest state, once');
  });

  it('renders a waiting draw when it is set, not when it was asked for', () => {
    const { webview, drawer } = setup();
    let state = 'running';
    drawer.draw(page(state));
    drawer.draw((r) => `render ${r.render}: ${state}`);
    state = 'completed';
    drawer.receive({ type: 'page-loaded', render: 1 });
    assert.equal(webview.html, 'render 2: completed');
  });

  it('draws at once over a page that has loaded', () => {
    const { webview, drawer } = setup();
    drawer.draw(page('a'));
    drawer.receive({ type: 'page-loaded', render: 1 });
    drawer.draw(page('b'));
    assert.deepEqual(webview.sets, ['render 1: a', 'render 2: b']);
  });

  it('an older page saying it loaded (late, or shown again) does not let a draw go over the newer one loading', () => {
    const { webview, drawer } = setup();
    drawer.draw(page('a'));
    drawer.receive({ type: 'page-loaded', render: 1 });
    drawer.draw(page('b'));
    drawer.draw(page('c'));
    drawer.receive({ type: 'page-loaded', render: 1 });
    assert.deepEqual(webview.sets, ['render 1: a', 'render 2: b']);
    drawer.receive({ type: 'page-loaded', render: 2 });
    assert.deepEqual(webview.sets, ['render 1: a', 'render 2: b', 'render 3: c']);
  });

  it('a render number never drawn counts as the drawn one at most', () => {
    const { webview, drawer } = setup();
    drawer.draw(page('a'));
    drawer.receive({ type: 'page-loaded', render: 99 });
    drawer.draw(page('b'));
    drawer.draw(page('c'));
    assert.deepEqual(webview.sets, ['render 1: a', 'render 2: b'], 'render 2 is loading: c waits');
  });

  it('a page that never says it loaded (hidden, or its script failed) is drawn over after the patience, by the clock', () => {
    const { webview, timers, drawer } = setup();
    drawer.draw(page('a'));
    timers.advanceTo(1_000);
    drawer.draw(page('b'));
    timers.advanceTo(PAGE_LOAD_PATIENCE_MS - 1);
    assert.deepEqual(webview.sets, ['render 1: a'], 'still waiting');
    timers.advanceTo(PAGE_LOAD_PATIENCE_MS);
    assert.deepEqual(webview.sets, ['render 1: a', 'render 2: b']);
    assert.equal(timers.scheduled, 0);
    timers.advanceTo(PAGE_LOAD_PATIENCE_MS * 2 + 1);
    drawer.draw(page('c'));
    assert.deepEqual(webview.sets, ['render 1: a', 'render 2: b', 'render 3: c'], 'past the patience, a draw goes at once');
  });

  it('a page that said it loaded in time cancels the patience timer', () => {
    const { webview, timers, drawer } = setup();
    drawer.draw(page('a'));
    drawer.draw(page('b'));
    assert.equal(timers.scheduled, 1);
    drawer.receive({ type: 'page-loaded', render: 1 });
    assert.equal(timers.scheduled, 0);
    timers.advanceTo(PAGE_LOAD_PATIENCE_MS * 3);
    assert.deepEqual(webview.sets, ['render 1: a', 'render 2: b']);
  });

  it('draws nothing once disposed, and leaves no timer', () => {
    const { webview, timers, drawer } = setup();
    drawer.draw(page('a'));
    drawer.draw(page('b'));
    drawer.dispose();
    timers.advanceTo(PAGE_LOAD_PATIENCE_MS * 2);
    drawer.draw(page('c'));
    drawer.receive({ type: 'page-loaded', render: 1 });
    assert.deepEqual(webview.sets, ['render 1: a']);
    assert.equal(timers.scheduled, 0);
  });

  it('takes only its own message; the page protocol gets the rest', () => {
    const { drawer } = setup();
    for (const message of [{ type: 'page-loaded' }, { type: 'page-loaded', render: '1' }, { type: 'page-loaded', render: 1.5 }, { type: 'copy-id' }, null, 'page-loaded']) {
      assert.equal(isPageLoadedMessage(message), false, JSON.stringify(message));
      assert.equal(drawer.receive(message), false);
    }
    assert.equal(isPageLoadedMessage({ type: 'page-loaded', render: 3 }), true);
  });
});
