// The hunt results document, as a browser would get it: the CSP and the one nonce'd script, every
// value from Auth0 escaped (each of the 88 corpus payloads in every field of a match, the user,
// the application name, the statuses and the notices), and the table's content for a realistic hunt.
import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../../../src/auth0/types';
import type { HuntMatch } from '../../../../../src/features/hunt/core/checkpoint';
import { groupByUser, huntRows, rowsToCsv } from '../../../../../src/features/hunt/core/results';
import type { MatchStatus } from '../../../../../src/features/hunt/core/huntSession';
import { decodeKey } from '../../../../../src/features/hunt/results/protocol';
import { renderHuntResultsHtml, type HuntResultsHtmlInput } from '../../../../../src/features/hunt/results/renderHuntResultsHtml';
import { attribute, readTags, textContent } from '../../tokens/details/htmlTags';
import { injectionPayloads, RAW_HIDDEN_CHARACTER } from '../../../fixtures/injectionPayloads';
import { harmlessTwin, SAMPLE_NOW, sampleToken, tokenWithEveryStringField } from '../../../fixtures/payloadTokens';

const RESOURCES = {
  nonce: 'bm9uY2Utdm9yLXRlc3Q',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/huntResults.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/huntResults.js',
};
const EXPECTED_CSP =
  `default-src 'none'; img-src ${RESOURCES.cspSource} data:; style-src ${RESOURCES.cspSource}; ` + `script-src 'nonce-${RESOURCES.nonce}'; font-src ${RESOURCES.cspSource};`;

function input(matches: HuntMatch[], overrides: Partial<HuntResultsHtmlInput> = {}, name: (id: string) => string | undefined = () => undefined): HuntResultsHtmlInput {
  return {
    ...RESOURCES,
    huntId: 'hunt-1',
    tenantLabel: 'Acme prod',
    heading: 'Hunt: all refresh tokens',
    usersDescription: 'users matching email:*',
    state: 'completed',
    progressText: 'Completed: 3 users',
    notices: [],
    groups: groupByUser(huntRows(matches, name)),
    statusOf: () => ({ state: 'found' }),
    now: SAMPLE_NOW,
    ...overrides,
  };
}

function hostileInput(value: string): HuntResultsHtmlInput {
  const token = tokenWithEveryStringField(value);
  const matches: HuntMatch[] = [
    { user: { userId: value, email: value, name: value }, token, findings: [value, 'device-changed'] },
    { user: { userId: value, email: value, name: value }, token: { ...token, id: `${value}2` }, findings: [] },
  ];
  const failed: MatchStatus = { state: 'failed', reason: value };
  return input(matches, {
    huntId: value,
    tenantLabel: value,
    heading: value,
    usersDescription: value,
    progressText: value,
    notices: [value],
    state: 'running',
    statusOf: () => failed,
    locationOf: () => value,
  }, () => value);
}

/** Elements that run code, load something or restyle the page. */
const ACTIVE = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'img', 'image', 'video', 'audio', 'source', 'link', 'meta', 'base', 'form', 'input', 'textarea', 'template', 'noscript', 'applet', 'portal', 'a']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'srcset', 'poster', 'background', 'data', 'xlink:href', 'ping']);
/** What the page's inputs may carry: their kind, a class, ids as data, and fixed labels. */
const INPUT_ATTRIBUTES = new Set(['type', 'class', 'data-token-key', 'data-user-key', 'data-field', 'aria-label', 'placeholder']);

function assertSafeDocument(markup: string): void {
  const { tags, strayOpenings } = readTags(markup);
  assert.deepEqual(strayOpenings, [], 'every "<" in the output starts one of our tags');
  const opening = tags.filter((tag) => !tag.closing);
  const active = opening.filter((tag) => ACTIVE.has(tag.name));
  const [charset, csp, viewport, link] = active;
  assert.equal(attribute(charset, 'charset'), 'UTF-8');
  assert.equal(attribute(csp, 'http-equiv'), 'Content-Security-Policy');
  assert.equal(attribute(csp, 'content'), EXPECTED_CSP);
  assert.equal(attribute(viewport, 'name'), 'viewport');
  assert.deepEqual(link.attributes, [['rel', 'stylesheet'], ['href', RESOURCES.styleUri]]);
  const script = active[active.length - 1];
  assert.deepEqual(script.attributes, [['nonce', RESOURCES.nonce], ['src', RESOURCES.scriptUri]]);
  assert.deepEqual([...new Set(active.slice(4, -1).map((tag) => tag.name))], ['input'], 'between them, only the filter and checkboxes');
  for (const tag of active.slice(4, -1)) {
    assert.ok(['search', 'checkbox'].includes(attribute(tag, 'type') ?? ''), `input type ${attribute(tag, 'type')}`);
    assert.deepEqual(tag.attributes.map(([name]) => name).filter((name) => !INPUT_ATTRIBUTES.has(name)), [], 'input attributes');
  }
  assert.equal((markup.match(/<script/gi) ?? []).length, 1);
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

/** Every tag with its attributes; values that carry data (ids, sort keys, search text, titles) reduced to their names. */
function skeleton(markup: string): string[] {
  const carriesData = (name: string) => name === 'title' || (name.startsWith('data-') && !['data-field', 'data-action', 'data-sort', 'data-column'].includes(name));
  return readTags(markup).tags.map((tag) => {
    const attributes = tag.attributes.map(([name, value]) => (carriesData(name) ? name : `${name}=${JSON.stringify(value)}`));
    return `${tag.closing ? '/' : ''}${tag.name} ${attributes.join(' ')}`.trim();
  });
}

describe('renderHuntResultsHtml with injection payloads', () => {
  for (const payload of injectionPayloads) {
    describe(payload.name, () => {
      const markup = renderHuntResultsHtml(hostileInput(payload.value));

      it('has only the intended script, stylesheet, CSP, inputs and attributes', () => {
        assertSafeDocument(markup);
      });

      it('has the same elements and attributes as harmless text of the same shape', () => {
        assert.deepEqual(skeleton(markup), skeleton(renderHuntResultsHtml(hostileInput(harmlessTwin(payload.value)))));
      });

      it('shows no raw bidi, zero-width or control character', () => {
        assert.doesNotMatch(markup, RAW_HIDDEN_CHARACTER);
      });

      it('carries the ids exactly in its keys, whatever they hold', () => {
        const keys = [...markup.matchAll(/data-(?:token|user)-key="([^"]*)"/g)].map((match) => decodeKey(match[1]));
        assert.ok(keys.length > 0);
        assert.deepEqual([...new Set(keys)].sort(), [payload.value, `${payload.value}2`].sort());
      });
    });
  }
});

describe('renderHuntResultsHtml', () => {
  function token(id: string, overrides: Partial<RefreshToken> = {}): RefreshToken {
    return { ...sampleToken(), id, ...overrides };
  }
  const jane = { userId: 'auth0|jane', email: 'jane@example.com' };
  const bob = { userId: 'auth0|bob' };
  const matches: HuntMatch[] = [
    { user: bob, token: token('rt_b1'), findings: [] },
    { user: jane, token: token('rt_j1'), findings: ['device-changed'] },
    { user: jane, token: token('rt_j2', { client_id: 'other-client-id-0000' }), findings: [] },
  ];
  const names = (id: string) => (id === sampleToken().client_id ? 'Acme Web' : undefined);

  it('groups the rows by user, most tokens first, with counts', () => {
    const markup = renderHuntResultsHtml(input(matches, {}, names));
    const groups = [...markup.matchAll(/<tbody class="group" data-user-id="([^"]*)"/g)].map((match) => match[1]);
    assert.deepEqual(groups, ['auth0|jane', 'auth0|bob']);
    const text = textContent(markup);
    assert.match(text, /jane@example\.com auth0\|jane 2 refresh tokens · 2 applications · 1 with findings/);
    assert.match(text, /auth0\|bob 1 refresh token · 1 application · no findings/);
    assert.match(text, /3 refresh tokens of 2 users/);
  });

  it('shows each token: application, device in words, IP and ASN with the location, dates, findings and status', () => {
    const markup = renderHuntResultsHtml(input(matches, { statusOf: (id) => (id === 'rt_j1' ? { state: 'pending', reason: 'Auth0 accepted it' } : { state: 'found' }), locationOf: (_user, ip) => (ip === '198.51.100.2' ? 'Berlin, Germany' : undefined) }, names));
    const row = /<tr class="token" data-token-id="rt_j1"[\s\S]*?<\/tr>/.exec(markup)?.[0] ?? '';
    const text = textContent(row).replace(/\s+/g, ' ');
    assert.match(text, /Acme Web/);
    assert.match(text, /Acme 3\.2/, 'the last device in words');
    assert.match(text, /first: Chrome 126 on macOS/);
    assert.match(text, /198\.51\.100\.2 AS64501 Berlin, Germany/);
    assert.match(text, /device changed/);
    assert.match(text, /pending Auth0 accepted it/);
    assert.match(row, /data-state="pending"/);
    assert.match(row, /data-sort-created="\d+"/);
    assert.match(row, /data-sort-ip="4:0{20}ffffc6336402"/, 'IPv4 sorts by address');
    assert.match(textContent(/<tr class="token" data-token-id="rt_j2"[\s\S]*?<\/tr>/.exec(markup)?.[0] ?? ''), /other-client-id-0000/, 'an unnamed application shows its client id');
  });

  it('offers Cancel Hunt only while the hunt runs, and says so when nothing matched', () => {
    assert.match(renderHuntResultsHtml(input([], { state: 'running' })), /data-action="cancel-hunt"[\s\S]*No matching refresh token yet/);
    const done = renderHuntResultsHtml(input([], { state: 'completed' }));
    assert.doesNotMatch(done, /cancel-hunt/);
    assert.match(done, /No refresh token matched\./);
  });

  it('renders at most maxRows rows and says where the rest are', () => {
    const markup = renderHuntResultsHtml(input(matches, { maxRows: 2 }, names));
    assert.equal((markup.match(/<tr class="token"/g) ?? []).length, 2);
    assert.match(textContent(markup), /Showing the first 2 of 3 refresh tokens; the exports hold all of them\./);
  });
});

// Issue 18 §2: what Auth0 did not record reads "not recorded" in the results, as in the details
// panel and the tooltips; it is never "never" or "no IP", and the exports keep an empty cell.
describe('renderHuntResultsHtml with fields Auth0 did not record', () => {
  const bare: RefreshToken = { ...sampleToken() };
  delete bare.device;
  delete bare.last_exchanged_at;
  const cases: { name: string; token: RefreshToken; cell: RegExp; csvColumn: string }[] = [
    { name: 'no last_exchanged_at: Last used', token: { ...sampleToken(), last_exchanged_at: undefined }, cell: /<td class="date">[\s\S]*?<\/td>\s*<td class="date"><span class="missing">not recorded<\/span><\/td>/, csvColumn: 'last_exchanged_at' },
    { name: 'last_exchanged_at: null: Last used', token: { ...sampleToken(), last_exchanged_at: null as unknown as string }, cell: /<td class="date"><span class="missing">not recorded<\/span><\/td>\s*<td class="findings">/, csvColumn: 'last_exchanged_at' },
    { name: 'no created_at: Created', token: { ...sampleToken(), created_at: undefined as unknown as string }, cell: /<td class="network">[\s\S]*?<\/td>\s*<td class="date"><span class="missing">not recorded<\/span><\/td>/, csvColumn: 'created_at' },
    { name: 'no device: the IP', token: { ...sampleToken(), device: undefined }, cell: /<td class="network"><span class="missing">not recorded<\/span><\/td>/, csvColumn: 'last_ip' },
    { name: 'no device.last_ip: the IP', token: { ...sampleToken(), device: { last_user_agent: 'curl/8.4.0' } }, cell: /<td class="network"><span class="missing">not recorded<\/span><\/td>/, csvColumn: 'last_ip' },
    { name: 'no device: the device', token: { ...sampleToken(), device: undefined }, cell: /<td class="device">not recorded<\/td>/, csvColumn: 'last_device' },
    { name: 'a recorded token (real shape: no device, no last_exchanged_at)', token: bare, cell: /<td class="date"><span class="missing">not recorded<\/span><\/td>\s*<td class="findings">/, csvColumn: 'last_exchanged_at' },
  ];
  for (const testCase of cases) {
    it(`${testCase.name} reads "not recorded", and its export cell is empty`, () => {
      const matches: HuntMatch[] = [{ user: { userId: 'auth0|jane' }, token: testCase.token, findings: [] }];
      const markup = renderHuntResultsHtml(input(matches));
      const row = /<tr class="token"[\s\S]*?<\/tr>/.exec(markup)?.[0] ?? '';
      assert.match(row, testCase.cell);
      assert.doesNotMatch(textContent(row), /\bnever\b|no IP/);
      const [header, line] = rowsToCsv(huntRows(matches, () => undefined)).split('\r\n');
      const cell = line.split(',')[header.split(',').indexOf(testCase.csvColumn)];
      assert.equal(cell, '', `${testCase.csvColumn} exported empty`);
    });
  }
});
