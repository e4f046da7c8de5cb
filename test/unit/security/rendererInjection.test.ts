// Every payload of the injection corpus through every renderer, read the way its consumer reads
// it. test/unit/details and test/unit/presentation already check the markup's structure with a
// small tag reader and the Markdown by its escapes; this suite adds what they do not:
//  - the corpus is checked to cover each class of injection (HTML, attribute, URL, CSS,
//    Markdown link, command URI), so trimming it cannot go unnoticed;
//  - the details document, the error page and the loading page are parsed with a WHATWG HTML
//    parser (parse5) and must hold exactly the intended active elements and attributes, and show
//    each payload literally as text (heading, value cells, error banner, <title>, attributes);
//  - the tooltips are parsed by a CommonMark renderer with raw HTML and linkify switched ON and
//    must form no link, image, HTML, code, heading or table, and show each payload literally;
//  - tree labels (plain text) are one bounded line with no hidden character, literal otherwise.
import assert from 'node:assert/strict';
import type { RefreshToken } from '../../../src/auth0/types';
import { renderDetailsErrorHtml, renderDetailsHtml, renderDetailsLoadingHtml } from '../../../src/features/tokens/details/renderDetailsHtml';
import { revealHiddenCharacters } from '../../../src/presentation/hiddenCharacters';
import { safeLabel } from '../../../src/presentation/plainText';
import { refreshTokenTooltip, userTooltip } from '../../../src/presentation/tooltips';
import { RESOURCES } from '../features/tokens/details/documentChecks';
import { injectionPayloads, RAW_HIDDEN_CHARACTER, type InjectionPayload } from '../fixtures/injectionPayloads';
import { SAMPLE_NOW, tokenWithEveryStringField, userWithEveryStringField } from '../fixtures/payloadTokens';
import { markdownText, markdownTokens, parseElements, type MarkdownToken, type ParsedElement } from './parsers';

/** The classes of injection the corpus must cover, each with how to recognise a member. */
export const INJECTION_CLASSES: readonly { name: string; test: (value: string) => boolean; minimum: number }[] = [
  { name: 'HTML element', test: (v) => /<\s*[a-z!/]/i.test(v) || v.includes('＜'), minimum: 20 },
  { name: 'attribute breakout', test: (v) => /["'`]/.test(v) && /\b(on[a-z]+\s*=|style\s*=|autofocus)/i.test(v), minimum: 5 },
  { name: 'dangerous URL', test: (v) => /(java\s*script|vbscript|data)\s*(:|&colon;)|&#106;avascript|https?:\/\//i.test(v), minimum: 10 },
  { name: 'CSS', test: (v) => /<style|style\s*=|expression\(|url\(|@import|\{[^}]*:[^}]*\}/i.test(v), minimum: 5 },
  { name: 'Markdown link or image', test: (v) => /\]\(|\]\[|!\[|<https?:|www\.|^[^\s@]+@[^\s@]+\.[a-z]+$/i.test(v), minimum: 6 },
  { name: 'command URI', test: (v) => /command:/i.test(v), minimum: 5 },
];

const ACTIVE = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'img', 'image', 'video', 'audio', 'source',
  'link', 'meta', 'base', 'form', 'input', 'textarea', 'template', 'noscript', 'a', 'area', 'portal', 'applet', 'button', 'select']);

/** The active elements every details document has, and nothing else (buttons are the toolbar's). */
function assertOnlyIntendedElements(elements: readonly ParsedElement[], buttons: number): void {
  const active = elements.filter((element) => ACTIVE.has(element.name));
  const expected = [
    { name: 'meta', attributes: { charset: 'UTF-8' } },
    { name: 'meta', attributes: { 'http-equiv': 'Content-Security-Policy' } },
    { name: 'meta', attributes: { name: 'viewport' } },
    { name: 'link', attributes: { rel: 'stylesheet', href: RESOURCES.styleUri } },
    ...Array.from({ length: buttons }, () => ({ name: 'button', attributes: { type: 'button' } })),
    { name: 'script', attributes: { nonce: RESOURCES.nonce, src: RESOURCES.scriptUri } },
  ];
  assert.deepEqual(active.map((element) => element.name), expected.map((element) => element.name), 'the active elements, in order');
  expected.forEach((element, index) => {
    for (const [name, value] of Object.entries(element.attributes)) {
      assert.equal(active[index].attributes[name], value, `<${element.name} ${name}>`);
    }
  });
  assert.equal(active[active.length - 1].text, '', 'the script element has no inline code');
  for (const element of elements) {
    for (const [name, value] of Object.entries(element.attributes)) {
      assert.doesNotMatch(name, /^on/i, `event handler attribute on <${element.name}>`);
      assert.ok(!['style', 'srcdoc', 'formaction', 'href', 'src', 'action', 'xlink:href', 'background', 'poster'].includes(name) ||
        [RESOURCES.styleUri, RESOURCES.scriptUri].includes(value), `<${element.name} ${name}> holds only our URLs`);
    }
  }
}

/**
 * What a person should read for `value` in the webview: the value itself, with hidden characters
 * named ("[U+202E]") and line ends normalised as every HTML parser does ("\r\n" -> "\n").
 */
function displayedInHtml(value: string): string {
  return revealHiddenCharacters(value).replace(/\r\n?/g, '\n');
}

/** What a person should read for `value` in a tooltip: one line, cut at 300 code points with its length. */
function displayedInTooltip(value: string): string {
  const characters = Array.from(value);
  const shown = characters.length > 300 ? `${characters.slice(0, 299).join('')}… (${characters.length.toLocaleString('en-US')} characters)` : value;
  return revealHiddenCharacters(shown).replace(/\s+/g, ' ');
}

function byField(elements: readonly ParsedElement[], field: string): ParsedElement {
  const element = elements.find((candidate) => candidate.attributes['data-field'] === field);
  assert.ok(element, `data-field="${field}" is present`);
  return element;
}

const TOOLTIP_TOKEN_TYPES = new Set([
  'paragraph_open', 'paragraph_close', 'inline', 'text', 'strong_open', 'strong_close', 'bullet_list_open', 'bullet_list_close',
  'list_item_open', 'list_item_close', 'hardbreak', 'softbreak',
]);

/** Tokens a tooltip's own layout never makes: anything else was built from a value. */
function assertLayoutOnly(tokens: readonly MarkdownToken[]): void {
  const foreign = tokens.filter((token) => !TOOLTIP_TOKEN_TYPES.has(token.type)).map((token) => token.type);
  assert.deepEqual(foreign, [], 'Markdown constructs built from a value');
}

/** The text of the bold run at `index` among the tooltip's bold runs. */
function boldText(tokens: readonly MarkdownToken[], index: number): string {
  const opens = tokens.map((token, position) => (token.type === 'strong_open' ? position : -1)).filter((position) => position >= 0);
  const start = opens[index];
  assert.ok(start !== undefined, `bold run ${index} exists`);
  const end = tokens.findIndex((token, position) => position > start && token.type === 'strong_close');
  return markdownText(tokens.slice(start + 1, end));
}

/** The text after "**label:**" up to the end of its line. */
function fieldText(tokens: readonly MarkdownToken[], label: string): string {
  const start = tokens.findIndex((token, position) => token.type === 'text' && token.content === `${label}:` && tokens[position - 1]?.type === 'strong_open');
  assert.ok(start >= 0, `field ${label} is present`);
  const rest = tokens.slice(start + 2);
  const end = rest.findIndex((token) => token.type === 'hardbreak' || token.type === 'softbreak' || token.type === 'paragraph_close' || token.type === 'inline');
  return markdownText(rest.slice(0, end === -1 ? undefined : end)).trim();
}

describe('Security: the injection corpus through every renderer', () => {
  describe(`the corpus (${injectionPayloads.length} payloads) covers each class of injection`, () => {
    for (const injectionClass of INJECTION_CLASSES) {
      const members = injectionPayloads.filter((payload) => injectionClass.test(payload.value));
      it(`${injectionClass.name}: ${members.length} payloads (at least ${injectionClass.minimum})`, () => {
        assert.ok(members.length >= injectionClass.minimum, members.map((payload) => payload.name).join(', '));
      });
    }
  });

  function forEachPayload(title: string, check: (payload: InjectionPayload) => void): void {
    describe(title, () => {
      for (const payload of injectionPayloads) {
        it(payload.name, () => check(payload));
      }
    });
  }

  forEachPayload('details document, parsed as a browser does: only the intended elements, every value literal', ({ value }) => {
    const token: RefreshToken = tokenWithEveryStringField(value);
    const elements = parseElements(renderDetailsHtml({
      ...RESOURCES, token, appName: value, userLabel: value, tenantLabel: value, tenantId: value, now: SAMPLE_NOW,
    }));
    assertOnlyIntendedElements(elements, 4); // Copy JSON, Copy ID, Refresh, Revoke…
    const shown = displayedInHtml(value);
    assert.equal(elements.find((element) => element.name === 'title')?.text, `Refresh token · ${shown}`);
    assert.equal(byField(elements, 'heading').text, shown);
    for (const field of ['id', 'client_id', 'app_name', 'user', 'user_id', 'tenant', 'session_id']) {
      const cell = byField(elements, field);
      assert.equal(cell.text.slice(cell.text.length - shown.length), shown, `${field} ends with the value`);
    }
    for (const field of ['initial_user_agent', 'last_user_agent', 'initial_ip', 'last_ip', 'initial_asn', 'last_asn']) {
      assert.equal(byField(elements, field).text, shown, field);
    }
    const main = elements.find((element) => element.name === 'main');
    assert.deepEqual(Object.keys(main?.attributes ?? {}).sort(), ['class', 'data-status', 'data-tenant-id', 'data-token-id']);
    assert.equal(main?.attributes['data-token-id'], shown);
  });

  forEachPayload('error and loading pages, parsed as a browser does', ({ value }) => {
    const error = parseElements(renderDetailsErrorHtml({ ...RESOURCES, message: value, tokenId: value, tenantId: value }));
    assertOnlyIntendedElements(error, 0);
    assert.equal(byField(error, 'error').text, displayedInHtml(value));
    const loading = parseElements(renderDetailsLoadingHtml({ ...RESOURCES, message: value, tokenId: value }));
    assertOnlyIntendedElements(loading, 0);
    assert.equal(byField(loading, 'loading').text, displayedInHtml(value));
  });

  forEachPayload('refresh-token tooltip, rendered with HTML and linkify on: layout only, values literal', ({ value }) => {
    const tokens = markdownTokens(refreshTokenTooltip(tokenWithEveryStringField(value), value, SAMPLE_NOW));
    assertLayoutOnly(tokens);
    assert.equal(boldText(tokens, 0), displayedInTooltip(value).trim(), 'the application heading');
    assert.equal(fieldText(tokens, 'Token id'), displayedInTooltip(value).trim());
    assert.equal(fieldText(tokens, 'Client id'), displayedInTooltip(value).trim());
  });

  forEachPayload('user tooltip, rendered with HTML and linkify on: layout only, values literal', ({ value }) => {
    const tokens = markdownTokens(userTooltip(userWithEveryStringField(value), SAMPLE_NOW));
    assertLayoutOnly(tokens);
    assert.equal(boldText(tokens, 0), displayedInTooltip(value).trim(), 'the name heading');
    assert.equal(fieldText(tokens, 'User id'), displayedInTooltip(value).trim());
  });

  // Found by the corpus ("tab then formula"): CommonMark does not open "**" before a space, so a
  // heading built as `**${escaped}**` from a value with leading or trailing whitespace shows
  // literal asterisks instead of a bold name. Application and user names can carry such spaces.
  it('a tooltip heading whose value starts or ends with whitespace still renders as bold text, without stray asterisks', () => {
    const padded = ' \tAcme Portal ';
    const tokenTips = markdownTokens(refreshTokenTooltip({ id: 'rt_1', client_id: 'c1' }, padded, SAMPLE_NOW));
    assert.equal(markdownText(tokenTips).split('\n')[0].startsWith('**'), false, 'no literal "**" before the application name');
    assert.equal(boldText(tokenTips, 0), 'Acme Portal');
    const userTips = markdownTokens(userTooltip({ user_id: 'auth0|1', name: padded }, SAMPLE_NOW));
    assert.equal(boldText(userTips, 0), 'Acme Portal');
  });

  forEachPayload('tree labels: one bounded line, no hidden character, literal otherwise', ({ value }) => {
    const label = safeLabel(value);
    assert.doesNotMatch(label, RAW_HIDDEN_CHARACTER);
    assert.doesNotMatch(label, /[\r\n\u2028\u2029]/);
    assert.ok(Array.from(label).length <= 80, `${Array.from(label).length} code points`);
    const plain = !RAW_HIDDEN_CHARACTER.test(value) && !/[\uD800-\uDFFF]/.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
    if (plain && Array.from(value).length <= 80 && value === value.trim() && !/\s{2,}|[^\S ]/.test(value)) {
      assert.equal(label, value);
    }
  });
});
