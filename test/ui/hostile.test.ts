// Hostile data in the real workbench. The emulator's 'hostile' profile puts markup, script,
// Markdown command links, bidi overrides, 10,000-character strings, emoji and null or missing
// fields into every field users and applications control; one more token carries all 88
// payloads of the unit tests' injection corpus. The tenant comes from user settings (with a
// hostile label), the token is pasted into the password box, and then the tree, its hovers and
// the details webview are read as a person sees them.
//
// Nothing may run: window.__pwned (set by every hostile-profile payload) stays unset in the
// page and in every frame, no dialog opens (the corpus payloads call alert), nothing is fetched
// from any host but code-server's, and the webview reports no Content Security Policy violation.
import * as assert from 'node:assert';
import * as path from 'node:path';
import type { ConsoleMessage, Frame, Locator, Request } from 'playwright-core';
import type { RefreshToken, User } from '../../src/auth0/types';
import { revealHiddenCharacters } from '../../src/presentation/hiddenCharacters';
import { safeLabel } from '../../src/presentation/plainText';
import { startEmulator, type RunningEmulator } from '../emulator';
import { repoRoot } from '../testbed/codeServer';
import { injectionPayloads } from '../unit/fixtures/injectionPayloads';
import {
  openCommandPalette, openWorkbench, pasteTokenForTenant, screenshot, searchUsers, settleForScreenshot, treeRows, webviewContent, widenSideBar,
  type OpenWorkbench,
} from './workbench';

const TENANT_LABEL = '<img src=x onerror=window.__pwned=1> Hostile \u202Etnanet';

/** What the webview shows for a value: hidden characters named, line ends as HTML parses them. */
function shownInHtml(value: string): string {
  return revealHiddenCharacters(value).replace(/\r\n?/g, '\n');
}

/** What a hover shows for a value: hidden characters named, one line, at most 300 code points. */
function shownInHover(value: string): string {
  const characters = Array.from(value);
  const cut = characters.length > 300 ? `${characters.slice(0, 299).join('')}… (${characters.length.toLocaleString('en-US')} characters)` : value;
  return revealHiddenCharacters(cut).replace(/\s+/g, ' ').trim();
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('UI: hostile data is shown, never run', function () {
  this.timeout(180_000);
  this.bail(true); // each step builds on the one before
  let emulator: RunningEmulator;
  let workbench: OpenWorkbench;
  let user: User;
  let tokens: RefreshToken[];
  let corpusToken: RefreshToken;
  const dialogs: string[] = [];
  const foreignRequests: string[] = [];
  /** The extension's own webview resources, and whether the service worker answered them. */
  const webviewResources: { file: string; fromServiceWorker: boolean }[] = [];
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  let payloadsShown = 0;
  /** CSP violations before the deliberate one of the last test. */
  let cspViolationsFromData = 0;

  before(async () => {
    emulator = await startEmulator({ seed: 1, dataProfile: 'hostile' });
    const response = await fetch(`${emulator.url}/api/v2/users/${encodeURIComponent(emulator.users.seven)}`, {
      headers: { authorization: `Bearer ${emulator.token}` },
    });
    user = (await response.json()) as User;
    const seeded = emulator.refreshTokensOf(emulator.users.seven);
    // One more token with every corpus payload as a metadata value, 10,000-character user agents,
    // and null or missing fields; its application is one with a hostile name.
    corpusToken = emulator.addRefreshToken(emulator.users.seven, {
      client_id: seeded[0].client_id,
      session_id: null,
      last_exchanged_at: null,
      idle_expires_at: null,
      expires_at: undefined,
      device: {
        initial_user_agent: injectionPayloads.find((p) => p.name === '10,000 characters of breakouts')!.value,
        last_user_agent: injectionPayloads.find((p) => p.name === '10,000 characters')!.value,
        initial_ip: '"><img src=x onerror=alert(1)>',
        last_ip: null,
        initial_asn: '<script>alert(1)</script>',
      },
      refresh_token_metadata: Object.fromEntries(injectionPayloads.map((payload, index) => [`${String(index + 1).padStart(2, '0')} ${payload.name}`, payload.value])),
      x_corpus: injectionPayloads.map((payload) => payload.value),
    });
    tokens = emulator.refreshTokensOf(emulator.users.seven);

    workbench = await openWorkbench({
      // No extension gallery (code-server's default is open-vsx.org, which the workbench queries
      // on its own): then any request to another host can only have come from the data.
      env: { EXTENSIONS_GALLERY: '{}' },
      userSettings: { 'auth0TokenInspector.tenants': [{ domain: emulator.domain, label: TENANT_LABEL }] },
    });
    const { page, server } = workbench;
    const origin = new URL(server.url).host;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    // The webview loads the extension's own stylesheet and script from VS Code's resource host
    // (*.vscode-resource.vscode-cdn.net); the webview's service worker answers those from
    // code-server, so they never leave the machine. Anything else not for code-server is a leak.
    const mediaFolder = `${path.join(repoRoot, 'media')}/`;
    const isWebviewResource = (url: URL) =>
      url.protocol === 'https:' && url.host.endsWith('.vscode-resource.vscode-cdn.net') && decodeURIComponent(url.pathname).startsWith(mediaFolder);
    const onRequest = (address: string) => {
      const url = new URL(address);
      if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.host !== origin && !isWebviewResource(url)) {
        foreignRequests.push(`${url.protocol}//${url.host}`);
      }
      if (/\/x$|evil\.example|attacker\.example/.test(url.pathname + url.host)) {
        foreignRequests.push(`payload-shaped request ${url.protocol}//${url.host}${url.pathname.slice(0, 40)}`);
      }
    };
    workbench.browser.context.on('request', (request: Request) => onRequest(request.url()));
    workbench.browser.context.on('response', (response) => {
      const url = new URL(response.url());
      if (isWebviewResource(url)) {
        webviewResources.push({ file: path.basename(url.pathname), fromServiceWorker: response.fromServiceWorker() });
      }
    });
    page.on('websocket', (socket) => onRequest(socket.url()));
    page.on('console', (message: ConsoleMessage) => {
      if (/Content Security Policy/i.test(message.text())) {
        cspViolations.push(message.text());
      }
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    console.log(
      `[hostile] ${payloadsShown} hostile values checked as literal text in the real browser; ` +
        `executed: ${dialogs.length} dialogs, __pwned unset; foreign requests ${foreignRequests.length}; CSP violations ${cspViolationsFromData}`,
    );
    await workbench?.close();
    await emulator?.close();
  });

  async function labelOf(row: Locator): Promise<string> {
    return (await row.locator('.label-name').first().textContent()) ?? '';
  }

  /** Hovers `row` and returns the hover's text and how many links and images it holds. */
  async function hoverOf(row: Locator): Promise<{ text: string; links: number; images: number }> {
    const { page } = workbench;
    await settleForScreenshot(page);
    await row.hover();
    const hover = page.locator('.workbench-hover-container').filter({ visible: true }).first();
    await hover.waitFor();
    const result = await hover.evaluate((element) => ({
      text: element.textContent ?? '',
      links: element.querySelectorAll('a[href], a[data-href]').length,
      images: element.querySelectorAll('img, svg image, iframe, object, embed').length,
    }));
    await settleForScreenshot(page);
    return result;
  }

  async function assertNothingRan(): Promise<void> {
    const { page } = workbench;
    const frames: Frame[] = page.frames();
    const pwned = await Promise.all(frames.map((frame) => frame.evaluate(() => (window as { __pwned?: unknown }).__pwned).catch(() => 'unreadable')));
    assert.deepStrictEqual(pwned.filter((value) => value !== undefined), [], `window.__pwned in ${frames.length} frames`);
    assert.deepStrictEqual(dialogs, [], 'dialogs opened');
    assert.deepStrictEqual([...new Set(foreignRequests)], [], 'requests to hosts other than code-server');
    assert.ok(webviewResources.every((resource) => resource.fromServiceWorker), `webview resources answered locally: ${JSON.stringify(webviewResources)}`);
    assert.strictEqual(cspViolations.length, 0, `CSP violations: ${cspViolations.map((text) => text.slice(0, 200)).join(' | ')}`);
  }

  it('connects the tenant from user settings with a pasted token; hostile names are plain text in the tree', async () => {
    const { page } = workbench;
    await pasteTokenForTenant(page, safeLabel(TENANT_LABEL), emulator.token);
    await widenSideBar(page, 520);
    assert.strictEqual(await labelOf(treeRows(page, { level: 1 }).first()), safeLabel(TENANT_LABEL));
    payloadsShown += 1;

    // The first page of users, as the tree shows it: each label is the value as text.
    const response = await fetch(`${emulator.url}/api/v2/users?page=0&per_page=50&include_totals=true`, { headers: { authorization: `Bearer ${emulator.token}` } });
    const firstPage = ((await response.json()) as { users: User[] }).users;
    for (let position = 1; position <= 12; position++) {
      const listed = firstPage[position - 1];
      const row = treeRows(page, { level: 2, posinset: position });
      assert.strictEqual(await labelOf(row), safeLabel(listed.email ?? listed.name ?? listed.user_id), `user row ${position}`);
      payloadsShown += 1;
    }
    await assertNothingRan();
  });

  it("shows the user's and tokens' hostile names literally in rows and hovers", async () => {
    const { page } = workbench;
    await searchUsers(page, emulator.users.seven);
    const userRow = treeRows(page, { level: 2, posinset: 2 });
    assert.strictEqual(await labelOf(userRow), safeLabel(user.email ?? user.name ?? user.user_id));
    const userHover = await hoverOf(userRow);
    const name = String(user.name || user.nickname || user.username || user.email || user.user_id);
    assert.ok(collapse(userHover.text).includes(shownInHover(name)), `the user's hover shows ${JSON.stringify(shownInHover(name).slice(0, 60))}`);
    assert.deepStrictEqual({ links: userHover.links, images: userHover.images }, { links: 0, images: 0 }, "the user's hover has no link or image");
    payloadsShown += 2;

    await userRow.click();
    await treeRows(page, { level: 3, posinset: 1 }).waitFor();
    const hovered = new Set<string>();
    for (const [index, token] of tokens.entries()) {
      const row = treeRows(page, { level: 3, posinset: index + 1 });
      const appName = emulator.clientName(token.client_id!) ?? token.client_id!;
      assert.strictEqual(await labelOf(row), safeLabel(appName), `token row ${index + 1}`);
      payloadsShown += 1;
      if (!hovered.has(appName)) {
        hovered.add(appName);
        const hover = await hoverOf(row);
        assert.ok(collapse(hover.text).includes(shownInHover(appName)), `the hover of row ${index + 1} shows its application literally`);
        assert.deepStrictEqual({ links: hover.links, images: hover.images }, { links: 0, images: 0 }, `the hover of row ${index + 1}`);
        payloadsShown += 1;
      }
    }
    assert.ok(hovered.size >= 4, `${hovered.size} distinct hostile application names hovered`);
    await assertNothingRan();
  });

  it('opens the details of the token carrying the whole corpus: every payload is text, nothing runs, nothing overflows', async () => {
    const { page } = workbench;
    await treeRows(page, { level: 3, posinset: tokens.length }).click();
    const { root } = webviewContent(page, 'main.token-details');
    await root.waitFor();
    assert.strictEqual(await root.getAttribute('data-token-id'), corpusToken.id);

    const page$ = await root.evaluate((main) => {
      const document = main.ownerDocument;
      const text = (selector: string) => document.querySelector(selector)?.textContent ?? null;
      const metadata = Array.from(document.querySelectorAll('[data-field="metadata"] tr')).map((row) => [
        row.querySelector('th')?.textContent ?? '',
        row.querySelector('td')?.textContent ?? '',
      ]);
      const attributes = Array.from(document.querySelectorAll('*')).flatMap((element) => Array.from(element.attributes).map((attribute) => attribute.name));
      const longBoxes = Array.from(document.querySelectorAll<HTMLElement>('.value.long')).map((box) => ({
        overflowsSideways: box.scrollWidth > box.clientWidth + 1,
        scrollsInside: box.scrollHeight > box.clientHeight + 1,
        height: box.clientHeight,
      }));
      return {
        heading: text('[data-field="heading"]'),
        initialUserAgent: text('[data-field="initial_user_agent"]'),
        lastUserAgent: text('[data-field="last_user_agent"]'),
        initialIp: text('[data-field="initial_ip"]'),
        lastIp: text('[data-field="last_ip"]'),
        metadata,
        // Everything that can run, load or restyle, by tag and id or source file.
        activeElements: Array.from(document.querySelectorAll('script, style, link, img, svg, iframe, frame, object, embed, base, form, a[href], audio, video, math, meta[http-equiv="refresh"]'))
          .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.hasAttribute('nonce') ? '[nonce]' : ''}${element.getAttribute('data-field') ? `[${element.getAttribute('data-field')}]` : ''}` +
            `${(element.getAttribute('src') ?? element.getAttribute('href') ?? '').replace(/^.*\//, ' ')}`),
        handlerAttributes: attributes.filter((name) => /^on/i.test(name)).length,
        styled: Array.from(document.querySelectorAll('[style]')).map((element) => element.tagName.toLowerCase()),
        layout: {
          mainOverflow: main.scrollWidth - main.clientWidth,
          documentOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          viewport: document.documentElement.clientWidth,
        },
        longBoxes,
      };
    });

    assert.strictEqual(page$.heading, emulator.clientName(corpusToken.client_id!), 'the application name, literally');
    assert.strictEqual(page$.initialUserAgent, shownInHtml(corpusToken.device!.initial_user_agent!), '10,000 characters of breakouts, literally');
    assert.strictEqual(page$.lastUserAgent, corpusToken.device!.last_user_agent, '10,000 characters, complete');
    assert.strictEqual(page$.initialIp, corpusToken.device!.initial_ip);
    assert.match(page$.lastIp ?? '', /not recorded/, 'a null field says so');
    const shownMetadata = new Map(page$.metadata.map(([key, value]) => [key, value]));
    for (const [index, payload] of injectionPayloads.entries()) {
      const key = `${String(index + 1).padStart(2, '0')} ${payload.name}`;
      assert.strictEqual(shownMetadata.get(key), shownInHtml(payload.value), `${payload.name}: shown as text`);
      payloadsShown += 1;
    }
    // VS Code adds its default styles and the acquireVsCodeApi script to every webview.
    // The History section's timeline is the renderer's own inline SVG, there when the token has events.
    assert.deepStrictEqual(
      page$.activeElements.filter((element) => element !== 'svg[history-timeline]'),
      ['style#_defaultStyles', 'script#_vscodeApiScript', 'link details.css', 'script[nonce] details.js'],
      'only VS Code’s and the page’s own',
    );
    assert.strictEqual(page$.handlerAttributes, 0, 'event handler attributes');
    // VS Code puts the theme's colours on <html style="--vscode-…">; nothing else has a style.
    assert.deepStrictEqual(page$.styled, ['html'], 'elements with an inline style');
    assert.ok(page$.layout.viewport > 300, `the webview is ${page$.layout.viewport} px wide`);
    assert.ok(page$.layout.mainOverflow <= 1, `main overflows sideways by ${page$.layout.mainOverflow} px`);
    assert.ok(page$.layout.documentOverflow <= 1, `the document overflows sideways by ${page$.layout.documentOverflow} px`);
    assert.ok(page$.longBoxes.length >= 3, `${page$.longBoxes.length} long values in boxes`);
    assert.ok(page$.longBoxes.every((box) => !box.overflowsSideways), 'long values wrap inside their box');
    assert.ok(page$.longBoxes.some((box) => box.scrollsInside), 'a 10,000-character value scrolls inside its box');
    await settleForScreenshot(page);
    await screenshot(page, 'hostile-details');
    await assertNothingRan();
    cspViolationsFromData = cspViolations.length;
  });

  it('the checks above can fail: an inline script injected into the webview is blocked and reported', async () => {
    const { page } = workbench;
    const { root } = webviewContent(page, 'main.token-details');
    const reported = page.waitForEvent('console', { predicate: (message) => /Content Security Policy/i.test(message.text()) });
    await root.evaluate((main) => {
      const script = main.ownerDocument.createElement('script');
      script.textContent = 'window.__pwned = "csp-probe";';
      main.ownerDocument.body.append(script);
    });
    await reported;
    assert.ok(cspViolations.length >= 1, 'the console listener counted the violation');
    assert.strictEqual(await root.evaluate(() => (window as { __pwned?: unknown }).__pwned), undefined, 'the injected script did not run');
    // And the sentinel check notices the global in the webview's frame when it is set there.
    await root.evaluate(() => ((window as { __pwned?: unknown }).__pwned = 'control'));
    await assert.rejects(assertNothingRan(), /window\.__pwned/);
    await root.evaluate(() => delete (window as { __pwned?: unknown }).__pwned);
    // Typing in the Quick Input still works: the workbench is usable after everything above.
    await openCommandPalette(page);
    await page.keyboard.press('Escape');
    assert.deepStrictEqual(pageErrors.filter((message) => /__pwned|alert/.test(message)), [], 'no payload surfaced as a page error');
  });
});
