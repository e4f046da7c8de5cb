// Hostile data in the hunt results panel, in the real workbench. The emulator's 'hostile' profile
// puts markup, script, command links, bidi overrides and 10,000-character strings into user names
// and emails, application names and every device field; two users have hostile ids; one more token
// carries corpus payloads in its device. A hunt over those users (a Lucene query typed into the
// form) shows every value as literal text: nothing runs (window.__pwned stays unset in every
// frame, no dialog), the page holds only its own stylesheet and script, and the Content Security
// Policy reports no violation.
import * as assert from 'node:assert';
import type { ConsoleMessage, Frame } from 'playwright-core';
import type { User } from '../../src/auth0/types';
import { revealHiddenCharacters } from '../../src/presentation/hiddenCharacters';
import { startEmulator, type RunningEmulator } from '../emulator';
import { HOSTILE_USER_IDS } from '../emulator/data/hostile';
import { decodeKey } from '../../src/features/hunt/results/protocol';
import { injectionPayloads } from '../unit/fixtures/injectionPayloads';
import { pickItem, runCommand, waitForHuntCompleted } from './huntSteps';
import { openWorkbench, pasteTokenForTenant, quickInput, screenshot, settleForScreenshot, type OpenWorkbench } from './workbench';

const TENANT_LABEL = 'Hostile hunt';

describe('UI: hostile data in the hunt results is shown, never run', function () {
  this.timeout(180_000);
  this.bail(true);
  let emulator: RunningEmulator;
  let workbench: OpenWorkbench;
  let users: User[];
  const dialogs: string[] = [];
  const cspViolations: string[] = [];

  before(async () => {
    emulator = await startEmulator({ seed: 1, dataProfile: 'hostile' });
    const seeded = emulator.refreshTokensOf(emulator.users.seven);
    emulator.addRefreshToken(emulator.users.seven, {
      client_id: seeded[0].client_id,
      device: {
        initial_user_agent: injectionPayloads.find((p) => p.name === '10,000 characters of breakouts')!.value,
        last_user_agent: injectionPayloads.find((p) => p.name === 'script element')!.value,
        initial_ip: '"><img src=x onerror=alert(1)>',
        last_ip: '203.0.113.9',
        initial_asn: '<script>alert(1)</script>',
        last_asn: '"><svg onload=alert(1)>',
      },
    });
    workbench = await openWorkbench({ env: { EXTENSIONS_GALLERY: '{}' }, userSettings: { 'auth0TokenInspector.tenants': [{ domain: emulator.domain, label: TENANT_LABEL }] } });
    const { page } = workbench;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    page.on('console', (message: ConsoleMessage) => {
      if (/Content Security Policy/i.test(message.text())) {
        cspViolations.push(message.text());
      }
    });
  });

  after(async () => {
    console.log(`[hunt hostile] CSP violations ${cspViolations.length}, dialogs ${dialogs.length}`);
    await workbench?.close();
    await emulator?.close();
  });

  it('hunts users with hostile names, ids, applications and devices; every value is literal text and nothing runs', async () => {
    const { page } = workbench;
    await pasteTokenForTenant(page, TENANT_LABEL, emulator.token);
    const listed = await fetch(`${emulator.url}/api/v2/users?page=0&per_page=8&include_totals=true`, { headers: { authorization: `Bearer ${emulator.token}` } });
    const ids = [...new Set([...((await listed.json()) as { users: User[] }).users.map((user) => user.user_id), emulator.users.seven, ...HOSTILE_USER_IDS])];
    const query = ids.map((id) => `user_id:"${id.replace(/["\\]/g, '\\$&')}"`).join(' OR ');
    const found = await fetch(`${emulator.url}/api/v2/users?q=${encodeURIComponent(query)}&search_engine=v3&per_page=100`, { headers: { authorization: `Bearer ${emulator.token}` } });
    users = (await found.json()) as User[];
    assert.strictEqual(users.length, ids.length, 'the query finds every chosen user');

    await runCommand(page, 'Auth0: Hunt Refresh Tokens…');
    await pickItem(page, 'Users matching a query…');
    await quickInput(page).fill(query);
    await quickInput(page).press('Enter');
    await pickItem(page, 'Start Hunt');
    const root = await waitForHuntCompleted(workbench, 150_000);

    const shown = await root.evaluate((main) => {
      const document = main.ownerDocument;
      return {
        groups: Array.from(document.querySelectorAll('tbody.group')).map((group) => ({
          userKey: group.getAttribute('data-user-key') ?? '',
          label: group.querySelector('.group-user')?.textContent ?? '',
        })),
        rows: Array.from(document.querySelectorAll('tr.token')).map((row) => ({
          tokenKey: row.getAttribute('data-token-key') ?? '',
          application: row.querySelector('td.application button')?.textContent ?? '',
          network: row.querySelector('td.network')?.textContent ?? '',
        })),
        activeElements: Array.from(document.querySelectorAll('script, style, link, img, svg, iframe, frame, object, embed, base, form, a[href], audio, video, math, meta[http-equiv="refresh"]'))
          .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.hasAttribute('nonce') ? '[nonce]' : ''}${(element.getAttribute('src') ?? element.getAttribute('href') ?? '').replace(/^.*\//, ' ')}`),
        handlerAttributes: Array.from(document.querySelectorAll('*')).flatMap((element) => Array.from(element.attributes).map((attribute) => attribute.name)).filter((name) => /^on/i.test(name)).length,
        styled: Array.from(document.querySelectorAll('[style]')).map((element) => element.tagName.toLowerCase()),
      };
    });

    const tokens = ids.flatMap((userId) => emulator.refreshTokensOf(userId));
    assert.deepStrictEqual(shown.rows.map((row) => decodeKey(row.tokenKey)).sort(), tokens.map((token) => token.id).sort(), 'every token of the users, once');
    let checked = 0;
    for (const group of shown.groups) {
      const userId = decodeKey(group.userKey);
      const user = users.find((candidate) => candidate.user_id === userId);
      assert.ok(user, `a group for ${userId}`);
      assert.strictEqual(group.label, revealHiddenCharacters(user.email ?? user.name ?? user.user_id), 'the user, literally');
      checked++;
    }
    for (const row of shown.rows) {
      const token = tokens.find((candidate) => candidate.id === decodeKey(row.tokenKey))!;
      const clientId = typeof token.client_id === 'string' && token.client_id !== '' ? token.client_id : undefined;
      const expected = (clientId && emulator.clientName(clientId)) || clientId || 'unknown application';
      assert.strictEqual(row.application, revealHiddenCharacters(expected), `the application of ${token.id}, literally`);
      checked++;
    }
    assert.ok(shown.rows.some((row) => row.network.includes('"><svg onload=alert(1)>')), 'a hostile ASN is text');
    assert.ok(checked > 20, `${checked} hostile values checked`);
    // VS Code adds its default styles and the acquireVsCodeApi script to every webview.
    assert.deepStrictEqual(shown.activeElements, ['style#_defaultStyles', 'script#_vscodeApiScript', 'link huntResults.css', 'script[nonce] huntResults.js']);
    assert.strictEqual(shown.handlerAttributes, 0);
    assert.deepStrictEqual(shown.styled, ['html']);

    const frames: Frame[] = page.frames();
    const pwned = await Promise.all(frames.map((frame) => frame.evaluate(() => (window as { __pwned?: unknown }).__pwned).catch(() => 'unreadable')));
    assert.deepStrictEqual(pwned.filter((value) => value !== undefined), [], `window.__pwned in ${frames.length} frames`);
    assert.deepStrictEqual(dialogs, [], 'no dialog opened');
    assert.strictEqual(cspViolations.length, 0, `CSP violations: ${cspViolations.map((text) => text.slice(0, 200)).join(' | ')}`);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await settleForScreenshot(page);
    await screenshot(page, 'hunt-results-hostile');
  });
});
