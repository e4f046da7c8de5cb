import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../../../src/auth0/types';
import {
  renderDetailsErrorHtml, renderDetailsHtml, renderDetailsLoadingHtml, type DetailsHtmlInput,
} from '../../../../../src/features/tokens/details/renderDetailsHtml';
import { SAMPLE_NOW, sampleToken } from '../../../fixtures/payloadTokens';
import { assertSafeDocument, RESOURCES } from './documentChecks';
import { attribute, readTags, textContent, type HtmlTag } from './htmlTags';

function render(overrides: Partial<DetailsHtmlInput> = {}): string {
  return renderDetailsHtml({
    ...RESOURCES,
    token: sampleToken(),
    appName: 'Acme Portal',
    userLabel: 'Jane Doe <jane@example.com>',
    tenantLabel: 'acme-prod (acme.eu.auth0.com)',
    tenantId: 'acme-prod',
    now: SAMPLE_NOW,
    ...overrides,
  });
}

function tagsWith(markup: string, name: string, value?: string): HtmlTag[] {
  return readTags(markup).tags.filter((tag) => !tag.closing && attribute(tag, name) !== undefined && (value === undefined || attribute(tag, name) === value));
}

/** The text inside the element carrying data-field="field" (the first one). */
function fieldText(markup: string, field: string): string {
  const start = markup.indexOf(`data-field="${field}"`);
  assert.notEqual(start, -1, `data-field="${field}" is present`);
  const open = markup.lastIndexOf('<', start);
  const name = /^<([a-z0-9]+)/.exec(markup.slice(open))?.[1] as string;
  // Fields never nest an element of their own name, so the next closing tag of that name ends it.
  const end = markup.indexOf(`</${name}>`, start);
  return textContent(markup.slice(markup.indexOf('>', start) + 1, end)).trim();
}

describe('renderDetailsHtml', () => {
  const markup = render();

  it('is a complete document with the CSP, stylesheet and nonce script only', () => {
    assert.ok(markup.startsWith('<!DOCTYPE html>'));
    assertSafeDocument(markup);
    assert.ok(markup.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${RESOURCES.cspSource} data:;`));
  });

  it('tags the root with the token id, tenant id and status', () => {
    const [root] = tagsWith(markup, 'data-token-id');
    assert.equal(root.name, 'main');
    assert.equal(attribute(root, 'data-token-id'), 'rt_0f8a7c6b5d4e3f21');
    assert.equal(attribute(root, 'data-tenant-id'), 'acme-prod');
    assert.equal(attribute(root, 'data-status'), 'active');
  });

  it('has the four buttons (Refresh re-reads the token, session and log events), wired by data-action only', () => {
    const buttons = readTags(markup).tags.filter((tag) => tag.name === 'button' && !tag.closing);
    assert.deepEqual(buttons.map((button) => attribute(button, 'data-action')), ['copy-json', 'copy-id', 'refresh', 'revoke-token']);
    for (const button of buttons) {
      assert.equal(attribute(button, 'type'), 'button');
      assert.equal(attribute(button, 'disabled'), undefined);
    }
  });

  it('shows the status banner', () => {
    assert.equal(tagsWith(markup, 'data-field', 'status')[0].attributes.find(([name]) => name === 'class')?.[1], 'banner status-active');
    assert.equal(fieldText(markup, 'status-label'), 'Active');
    assert.equal(fieldText(markup, 'status-description'), 'used 3 h ago');
  });

  const statusCases: [string, Partial<RefreshToken>, boolean, string, string][] = [
    ['expired', { expires_at: '2026-11-24T14:03:00Z' }, false, 'status-expired', '2 d ago'],
    ['idle-expired', { idle_expires_at: '2026-11-26T09:03:00Z' }, false, 'status-idle-expired', '5 h ago'],
    ['revoked', {}, true, 'status-revoked', 'used 3 h ago'],
  ];
  for (const [name, fields, revoked, bannerClass, description] of statusCases) {
    it(`shows the ${name} banner`, () => {
      const page = render({ token: { ...sampleToken(), ...fields }, revoked });
      assert.equal(attribute(tagsWith(page, 'data-field', 'status')[0], 'class'), `banner ${bannerClass}`);
      assert.equal(fieldText(page, 'status-description'), description);
      assertSafeDocument(page);
    });
  }

  it('disables Revoke once revoked', () => {
    const [revoke] = tagsWith(render({ revoked: true }), 'data-action', 'revoke-token');
    assert.equal(attribute(revoke, 'disabled'), '');
  });

  it('shows every field in the table', () => {
    assert.equal(fieldText(markup, 'id'), 'Token idrt_0f8a7c6b5d4e3f21');
    assert.match(fieldText(markup, 'app_name'), /Acme Portal$/);
    assert.match(fieldText(markup, 'client_id'), /Xk2mP9qR4sT6uV8wY0zA1bC3dE5fG7hJ$/);
    assert.match(fieldText(markup, 'user'), /Jane Doe <jane@example.com>$/);
    assert.match(fieldText(markup, 'user_id'), /auth0\|64f1c2d3e4a5b6c7d8e9f001$/);
    assert.match(fieldText(markup, 'session_id'), /sess_01HZX4K7Q2M8N5P3R6S9T0V1W2$/);
    assert.match(fieldText(markup, 'rotating'), /yes$/);
  });

  it('gives dates absolute and relative', () => {
    assert.equal(fieldText(markup, 'created_at'), 'Created2026-11-20 10:00 UTC 6 d ago');
    assert.equal(fieldText(markup, 'last_exchanged_at'), 'Last used2026-11-26 11:00 UTC 3 h ago');
    assert.equal(fieldText(markup, 'idle_expires_at'), 'Idle expiry2026-12-20 10:00 UTC in 24 d');
    assert.equal(fieldText(markup, 'expires_at'), 'Expires2027-11-20 10:00 UTC in 12 mo');
  });

  it('says what a missing or unreadable date means', () => {
    const page = render({ token: { ...sampleToken(), expires_at: undefined, idle_expires_at: { weird: true }, last_exchanged_at: null } });
    assert.equal(fieldText(page, 'expires_at'), 'Expiresnone recorded');
    assert.equal(fieldText(page, 'idle_expires_at'), 'Idle expiryunreadable date: {"weird":true}');
    assert.equal(fieldText(page, 'last_exchanged_at'), 'Last usednot recorded');
  });

  it('explains a token without a session', () => {
    assert.match(fieldText(render({ token: { ...sampleToken(), session_id: null } }), 'session_id'), /none linked \(issued before late 2023, or by a grant without a login session\)$/);
  });

  it('puts the first and last device side by side with summary, raw user agent, IP and ASN', () => {
    assert.equal(fieldText(markup, 'initial_device'), 'Chrome 126 on macOS (desktop)');
    assert.match(fieldText(markup, 'initial_user_agent'), /^Mozilla\/5\.0 \(Macintosh/);
    assert.equal(fieldText(markup, 'initial_ip'), '203.0.113.7');
    assert.equal(fieldText(markup, 'initial_asn'), '64500');
    assert.equal(fieldText(markup, 'last_device'), 'Acme 3.2 (iOS native app)');
    assert.equal(fieldText(markup, 'last_user_agent'), 'Acme/3.2 CFNetwork/1404 Darwin/22.2.0');
    assert.equal(fieldText(markup, 'last_ip'), '198.51.100.2');
    assert.equal(fieldText(markup, 'last_asn'), '64501');
  });

  it('shows each scope as a chip under its audience', () => {
    const chips = readTags(markup).tags.filter((tag) => !tag.closing && attribute(tag, 'class') === 'chip');
    assert.equal(chips.length, 4);
    assert.match(fieldText(markup, 'resource_servers'), /^https:\/\/api\.acme\.example\/openidprofileoffline_accessread:orders$/);
  });

  it('shows metadata as key/value rows', () => {
    assert.equal(fieldText(markup, 'metadata'), 'purposemobileticketINC-42');
  });

  it('shows fields unknown to this version, in the table and in the JSON', () => {
    const page = render({ token: { ...sampleToken(), risk_score: 0.7, device: { ...sampleToken().device, os: 'iOS' } } });
    assert.equal(fieldText(page, 'other_fields'), 'risk_score0.7device.osiOS');
    assert.match(page, /<span class="json-key">&quot;risk_score&quot;<\/span>: <span class="json-number">0\.7<\/span>/);
  });

  it('has no Other fields section when there are none', () => {
    assert.ok(!markup.includes('data-field="other_fields"'));
  });

  it('ends with the complete JSON', () => {
    const json = /<pre class="json" data-field="json" tabindex="0"><code>([\s\S]*?)<\/code><\/pre>/.exec(markup);
    assert.ok(json);
    assert.deepEqual(JSON.parse(textContent(json[1])), sampleToken());
  });

  it('puts a long value in a scrolling box, complete', () => {
    const longAgent = `Mozilla/5.0 ${'x'.repeat(5000)}`;
    const page = render({ token: { ...sampleToken(), device: { last_user_agent: longAgent } } });
    const start = page.indexOf('data-field="last_user_agent"');
    assert.match(page.slice(start, start + 120), /<span class="value long mono" tabindex="0">/);
    assert.equal(fieldText(page, 'last_user_agent'), longAgent);
  });

  it('copes with a token that has only an id', () => {
    const page = render({ token: { id: 'rt_only' }, appName: undefined, userLabel: undefined });
    assertSafeDocument(page);
    assert.equal(fieldText(page, 'heading'), 'Refresh token');
    assert.equal(fieldText(page, 'initial_device'), 'not recorded');
  });

  it('gives stable data-field names to the fields UI tests look for', () => {
    const fields = new Set(tagsWith(markup, 'data-field').map((tag) => attribute(tag, 'data-field')));
    for (const field of ['status', 'id', 'client_id', 'app_name', 'user_id', 'session_id', 'rotating', 'created_at', 'last_exchanged_at',
      'idle_expires_at', 'expires_at', 'device-initial', 'device-last', 'resource_servers', 'metadata', 'json', 'action-feedback']) {
      assert.ok(fields.has(field), field);
    }
  });

  it('renders in well under a millisecond per token for ordinary data', () => {
    const started = process.hrtime.bigint();
    for (let index = 0; index < 200; index++) {
      render();
    }
    const perRenderMs = Number(process.hrtime.bigint() - started) / 1e6 / 200;
    assert.ok(perRenderMs < 5, `${perRenderMs} ms per render`);
  });
});

describe('renderDetailsErrorHtml and renderDetailsLoadingHtml', () => {
  it('error page: same CSP and script, message as text', () => {
    const page = renderDetailsErrorHtml({ ...RESOURCES, tokenId: 'rt_1', message: 'Not found: <b>rt_1</b>' });
    assertSafeDocument(page);
    assert.equal(fieldText(page, 'error'), 'Not found: <b>rt_1</b>');
    assert.match(page, /<main class="token-details" data-status="error" data-token-id="rt_1">/);
  });

  it('loading page: same CSP and script', () => {
    const page = renderDetailsLoadingHtml({ ...RESOURCES, message: 'Loading refresh token…' });
    assertSafeDocument(page);
    assert.equal(fieldText(page, 'loading'), 'Loading refresh token…');
    assert.match(page, /<main class="token-details" data-status="loading">/);
  });
});
