// The watch feed's document, as a browser would get it: the kit's CSP and the one nonce'd script,
// every value from Auth0 escaped (each corpus payload in every string of two alerts and the tenant
// label, the scope, the status and the notices), and what each alert kind shows.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WATCH_ACTIONS, type WatchActionId, type WatchAlert } from '../../../../../src/features/watch/core/watchAlert';
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

// Issue 20: the feed showed Open Tokens, Reveal User and Contain User… whatever the alert carried,
// while the exported NDJSON listed its other actions. The buttons now follow `alert.actions`
// (Open Tokens stays on every row with a user: the token's details and History).
describe('renderWatchFeedHtml: the buttons follow the alert\'s actions', () => {
  const buttons = (alert: ReturnType<typeof sampleAlert>): string[] => {
    const row = /<li class="alert[\s\S]*?<\/li>/.exec(renderWatchFeedHtml(input({ alerts: [alert] })))?.[0] ?? '';
    return [...row.matchAll(/<button type="button"[^>]*data-action="([^"]+)"[^>]*>([^<]*)<\/button>/g)].map((match) => `${match[1]}=${match[2]}`);
  };
  const withActions = (ids: WatchActionId[], event: Partial<WatchAlert['event']> = { sessionId: 'session-1' }): WatchAlert => ({ ...sampleAlert('reuse-detected', 0, event), actions: ids.map((id) => WATCH_ACTIONS[id]) });
  const OPEN = 'open-tokens=Open Tokens';
  const REVEAL = 'reveal-user=Reveal User';
  const CONTAIN = 'contain-user=Contain User…';
  const REVOKE = 'revoke-session=Revoke Session and Its Tokens…';
  const CASES: { name: string; alert: WatchAlert; expected: string[] }[] = [
    { name: 'no action: Open Tokens only', alert: withActions([]), expected: [OPEN] },
    { name: 'open-user: Reveal User', alert: withActions(['open-user']), expected: [OPEN, REVEAL] },
    { name: 'review-history: Open Tokens (once)', alert: withActions(['review-history']), expected: [OPEN] },
    { name: 'contain-user: Contain User…', alert: withActions(['contain-user']), expected: [OPEN, CONTAIN] },
    { name: 'revoke-session with the event\'s session_id: Revoke Session and Its Tokens…', alert: withActions(['revoke-session']), expected: [OPEN, REVOKE] },
    { name: 'revoke-session without a session_id: not offered', alert: withActions(['revoke-session'], { sessionId: undefined }), expected: [OPEN] },
    { name: 'watch-network: not offered (the running watch cannot take a network yet)', alert: withActions(['watch-network']), expected: [OPEN] },
    { name: 'reuse (as the judge raises it): contain, revoke session, review history', alert: withActions(['contain-user', 'revoke-session', 'review-history']), expected: [OPEN, REVOKE, CONTAIN] },
    { name: 'watched network (as the judge raises it): watch network, contain, open user', alert: withActions(['watch-network', 'contain-user', 'open-user']), expected: [OPEN, REVEAL, CONTAIN] },
    { name: 'every action', alert: withActions(['contain-user', 'revoke-session', 'open-user', 'review-history', 'watch-network']), expected: [OPEN, REVEAL, REVOKE, CONTAIN] },
    { name: 'no user recorded: no button', alert: withActions(['contain-user', 'revoke-session', 'open-user'], { sessionId: 'session-1', userId: undefined, userName: undefined }), expected: [] },
  ];
  for (const testCase of CASES) {
    it(testCase.name, () => {
      assert.deepEqual(buttons(testCase.alert), testCase.expected);
    });
  }
});

// Issue 20: the notification's "Open" showed the feed scrolled to the top. The alert it names is
// now carried by the redraw: its row is marked, and the page is told (once per Open) to scroll it
// into view and focus it.
describe('renderWatchFeedHtml: the alert to bring into view', () => {
  const alerts = [sampleAlert('new-origin', 0), sampleAlert('tls-changed', 1), sampleAlert('reuse-detected', 2)];
  const rowOf = (markup: string, index: number) => new RegExp(`<li class="alert[^>]*data-index="${index}"[^>]*>`).exec(markup)?.[0] ?? '';

  it('marks the row of that alert and names it (and the request) on the page', () => {
    const markup = renderWatchFeedHtml(input({ alerts, focus: { alertId: alerts[1].id, request: 3 } }));
    assert.match(markup, /<main [^>]*data-focus-index="1"[^>]*data-focus-request="3"/);
    assert.match(rowOf(markup, 1), /data-focused="true"/);
    assert.doesNotMatch(rowOf(markup, 0) + rowOf(markup, 2), /data-focused/);
  });

  it('every row can take the keyboard focus the page gives it', () => {
    const markup = renderWatchFeedHtml(input({ alerts }));
    for (const index of [0, 1, 2]) {
      assert.match(rowOf(markup, index), /tabindex="-1"/);
    }
  });

  it('names nothing when no alert is asked for, or when the alert is no longer kept', () => {
    assert.doesNotMatch(renderWatchFeedHtml(input({ alerts })), /data-focus/);
    assert.doesNotMatch(renderWatchFeedHtml(input({ alerts, focus: { alertId: 'gone:1', request: 1 } })), /data-focus/);
  });
});

// Issue 20: hostile data wrecked the layout: a 10,114-character title made a row about 6,000 px
// tall, and an evidence column 29-34 px wide wrapped a letter a line. The stylesheet clamps the
// title, wraps anywhere and fixes the table's columns; these are the hooks it relies on.
describe('renderWatchFeedHtml: what the stylesheet relies on for hostile lengths', () => {
  const long = 'A'.repeat(10_114);
  const hostile = sampleAlert('impossible-travel', 0);
  const markup = renderWatchFeedHtml(input({ alerts: [{ ...hostile, title: long, why: long, evidence: { ...hostile.evidence, rows: [{ label: 'Application', before: long, now: long }] } }] }));
  const css = readFileSync(join(__dirname, '../../../../../../media/watchFeed.css'), 'utf8').replace(/\s+/g, ' ');
  /** Every declaration block of a rule whose selector list names `selector`. */
  const rule = (selector: string) => [...css.matchAll(new RegExp(`(?:^|[},/]) ?${selector.replace(/[.[\]()]/g, '\\$&')} ?[,{][^}]*`, 'g'))].map((match) => match[0]).join(' ');

  it('the title is clamped in the row, its whole text in its title attribute and in a <details> a keyboard opens', () => {
    assert.match(markup, new RegExp(`<strong class="title" title="${long}">${long}</strong>`));
    assert.match(markup, new RegExp(`<details class="full-title"><summary>Show the whole title \\(10,114 characters\\)</summary><p>${long}</p></details>`));
    assert.match(rule('.alert-head .title'), /-webkit-line-clamp: ?3/);
    assert.match(rule('.alert-head .title'), /overflow: ?hidden/);
  });

  it('a short title has no <details>', () => {
    assert.doesNotMatch(renderWatchFeedHtml(input({ alerts: [sampleAlert('impossible-travel', 0)] })), /full-title/);
  });

  it('the evidence table has a fixed layout with a column each for the label, before and now', () => {
    assert.match(markup, /<table class="evidence"><colgroup><col class="evidence-label"><col class="evidence-before"><col class="evidence-now"><\/colgroup>/);
    assert.match(rule('table.evidence'), /table-layout: ?fixed/);
    assert.match(rule('table.evidence'), /width: ?100%/);
    assert.match(rule('col.evidence-label'), /width: ?\d+/);
  });

  // The UI test found the row with the 10,114-character title still 8,827 px tall once the title
  // was clamped: the same application name is in the row's meta line, its why and its evidence.
  it('every other block of Auth0 text has a bounded height and scrolls (meta line, why, false positive, each evidence cell)', () => {
    assert.match(markup, /<td><div class="cell">A{10,}<\/div><\/td>/);
    assert.match(markup, /<th scope="row"><div class="cell">/);
    for (const selector of ['.alert-meta', '.why', '.false-positive', 'table.evidence .cell']) {
      assert.match(rule(selector), /max-height: ?\d+(\.\d+)?em/, selector);
      assert.match(rule(selector), /overflow-y: ?auto/, selector);
    }
  });

  it('titles, why, the false positive and evidence cells wrap anywhere', () => {
    for (const selector of ['.alert-head .title', '.why', '.false-positive', 'table.evidence th', 'table.evidence td', '.full-title p']) {
      assert.match(css, new RegExp(`${selector.replace(/[.[\]()]/g, '\\$&')}[^{]*\\{[^}]*overflow-wrap: ?anywhere`), selector);
    }
  });
});
