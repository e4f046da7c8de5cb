// The watch feed's document, as a browser would get it: the kit's CSP and the one nonce'd script,
// every value from Auth0 escaped (each corpus payload in every string of two alerts and the tenant
// label, the scope, the status and the notices), and what each alert kind shows.
import * as assert from 'node:assert/strict';
import { renderWatchFeedHtml, ALERT_KIND_LABELS, type WatchFeedHtmlInput } from '../../../../../src/features/watch/feed/renderWatchFeedHtml';
import { attribute, readTags, textContent } from '../../tokens/details/htmlTags';
import { injectionPayloads, RAW_HIDDEN_CHARACTER } from '../../../fixtures/injectionPayloads';
import { harmlessTwin, SAMPLE_NOW } from '../../../fixtures/payloadTokens';
import { ALL_KINDS, hostileAlert, sampleAlert } from '../sampleAlerts';

const RESOURCES = {
  nonce: 'bm9uY2Utdm9yLXRlc3Q',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/watchFeed.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/watchFeed.js',
};
const EXPECTED_CSP = `default-src 'none'; img-src ${RESOURCES.cspSource} data:; style-src ${RESOURCES.cspSource}; script-src 'nonce-${RESOURCES.nonce}'; font-src ${RESOURCES.cspSource};`;

function input(overrides: Partial<WatchFeedHtmlInput> = {}): WatchFeedHtmlInput {
  return { ...RESOURCES, tenantLabel: 'acme-prod', statusText: 'Watching acme-prod · 2 alerts · 3 s behind', running: true, alerts: [], notices: [], now: SAMPLE_NOW, ...overrides };
}

function hostileInput(value: string): WatchFeedHtmlInput {
  return input({ tenantLabel: value, statusText: value, scope: value, notices: [value], alerts: [hostileAlert(value, 0), { ...hostileAlert(value, 1), severity: 'low', kind: 'new-origin' }] });
}

const ACTIVE = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'img', 'image', 'video', 'audio', 'source', 'link', 'meta', 'base', 'form', 'input', 'textarea', 'template', 'noscript', 'applet', 'portal', 'a']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'srcset', 'poster', 'background', 'data', 'xlink:href', 'ping']);

function assertSafeDocument(markup: string): void {
  const { tags, strayOpenings } = readTags(markup);
  assert.deepEqual(strayOpenings, [], 'every "<" in the output starts one of our tags');
  const opening = tags.filter((tag) => !tag.closing);
  const active = opening.filter((tag) => ACTIVE.has(tag.name));
  assert.deepEqual(active.map((tag) => tag.name), ['meta', 'meta', 'meta', 'link', 'script'], 'only the shell\'s meta, stylesheet and script');
  assert.equal(attribute(active[1], 'content'), EXPECTED_CSP);
  assert.deepEqual(active[3].attributes, [['rel', 'stylesheet'], ['href', RESOURCES.styleUri]]);
  assert.deepEqual(active[4].attributes, [['nonce', RESOURCES.nonce], ['src', RESOURCES.scriptUri]]);
  assert.doesNotMatch(markup, /unsafe-inline|unsafe-eval/);
  for (const tag of opening) {
    for (const [name, value] of tag.attributes) {
      assert.doesNotMatch(name, /^on/i, `no event handler attribute (<${tag.name} ${name}>)`);
      assert.notEqual(name, 'style', `no inline style (<${tag.name}>)`);
      if (URL_ATTRIBUTES.has(name)) {
        assert.ok([RESOURCES.styleUri, RESOURCES.scriptUri].includes(value), `only our URLs (<${tag.name} ${name}="${value}">)`);
      }
    }
  }
}

/** Every tag with its attributes; values that carry data (titles, option labels) reduced to their names. */
function skeleton(markup: string): string[] {
  return readTags(markup).tags.map((tag) => `${tag.closing ? '/' : ''}${tag.name} ${tag.attributes.map(([name, value]) => (name === 'title' ? name : `${name}=${JSON.stringify(value)}`)).join(' ')}`.trim());
}

describe('renderWatchFeedHtml with injection payloads', () => {
  for (const payload of injectionPayloads) {
    describe(payload.name, () => {
      const markup = renderWatchFeedHtml(hostileInput(payload.value));

      it('has only the shell\'s script, stylesheet and CSP, and no handler, inline style or foreign URL', () => {
        assertSafeDocument(markup);
      });

      it('has the same elements and attributes as harmless text of the same shape', () => {
        assert.deepEqual(skeleton(markup), skeleton(renderWatchFeedHtml(hostileInput(harmlessTwin(payload.value)))));
      });

      it('shows no raw bidi, zero-width or control character', () => {
        assert.doesNotMatch(markup, RAW_HIDDEN_CHARACTER);
      });
    });
  }
});

describe('renderWatchFeedHtml', () => {
  describe('shows each alert kind with its severity, why, evidence side by side, false positive and actions', () => {
    for (const kind of ALL_KINDS) {
      it(kind, () => {
        const alert = sampleAlert(kind);
        const markup = renderWatchFeedHtml(input({ alerts: [alert] }));
        const row = /<li class="alert[\s\S]*?<\/li>/.exec(markup)?.[0] ?? '';
        assert.match(row, new RegExp(`class="alert severity-${alert.severity}"`));
        assert.match(row, new RegExp(`data-kind="${kind}"`));
        const text = textContent(row.replace(/<\/t[hd]>/g, ' ')).replace(/\s+/g, ' ');
        assert.match(text, new RegExp(`^ ?${alert.severity === 'high' ? 'High' : 'Medium'} ${ALERT_KIND_LABELS[kind]} ${kind} title 0`));
        assert.match(text, /User user0@example\.com · Application Acme Web · 203\.0\.113\.200 · Bucharest, Romania/);
        assert.match(text, new RegExp(`${kind} why`));
        assert.match(text, /Known for this family This exchange Place Seattle, United States Bucharest, Romania TLS \(JA4\) — t13d1812h1/);
        assert.match(text, new RegExp(`False positive: ${kind} false positive`));
        assert.match(text, /Open Tokens Reveal User Contain User…/);
      });
    }
  });

  it('lists the alerts newest first', () => {
    const markup = renderWatchFeedHtml(input({ alerts: [sampleAlert('new-origin', 0), sampleAlert('tls-changed', 1), sampleAlert('reuse-detected', 2)] }));
    assert.deepEqual([...markup.matchAll(/<li class="alert[^"]*" data-index="(\d+)"/g)].map((match) => match[1]), ['2', '1', '0']);
  });

  it('offers a filter by severity (with counts), user and application, with indexes the rows carry', () => {
    const alerts = [sampleAlert('new-origin', 0), sampleAlert('tls-changed', 1), sampleAlert('reuse-detected', 1, { clientId: 'client-cli', clientName: 'Acme CLI' })];
    const markup = renderWatchFeedHtml(input({ alerts }));
    assert.match(textContent(markup).replace(/\s+/g, ' '), /High \(2\)\s?Medium \(1\)\s?Low \(0\)/);
    const userOptions = [...markup.matchAll(/<option value="(\d+)">(user\d@example\.com)<\/option>/g)].map((match) => `${match[1]}=${match[2]}`);
    assert.deepEqual(userOptions, ['0=user0@example.com', '1=user1@example.com']);
    assert.match(markup, /<option value="1">Acme CLI<\/option>/);
    assert.match(markup, /data-index="2" data-severity="high" data-kind="reuse-detected" data-user="1" data-application="1"/);
  });

  it('says "not recorded" for what Auth0 did not record, and offers no user action without a user', () => {
    const alert = sampleAlert('watched-network', 0, { userId: undefined, userName: undefined, clientId: undefined, clientName: undefined, ip: undefined, place: undefined, date: undefined });
    const text = textContent(renderWatchFeedHtml(input({ alerts: [alert] }))).replace(/\s+/g, ' ');
    assert.match(text, /User not recorded · Application not recorded · address not recorded · not recorded/);
    assert.match(text, /no user recorded/);
    assert.doesNotMatch(text, /Contain User…/);
  });

  it('marks an alert found in the user\'s history (before the watch started) with a badge; a live one has none', () => {
    const markup = renderWatchFeedHtml(input({ alerts: [{ ...sampleAlert('impossible-travel', 0), fromHistory: true }, sampleAlert('tls-changed', 1)] }));
    const rows = [...markup.matchAll(/<li class="alert[\s\S]*?<\/li>/g)].map((match) => match[0]);
    const [live, found] = rows;
    assert.match(textContent(found), /found in history/);
    assert.match(found, /data-from-history="true"/);
    assert.doesNotMatch(textContent(live), /found in history/);
  });

  it('offers Stop only while the watch runs, and says so when there is no alert yet', () => {
    const running = renderWatchFeedHtml(input());
    assert.match(running, /data-action="stop"/);
    assert.match(textContent(running), /No alert yet/);
    assert.doesNotMatch(renderWatchFeedHtml(input({ running: false })), /data-action="stop"/);
    assert.match(running, /data-action="export"/);
  });
});
