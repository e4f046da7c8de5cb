// The setup report's two renderings: the webview document (parsed as a browser parses it, with
// the injection corpus in every value a report can carry) and the Markdown for a ticket (parsed
// by a CommonMark renderer with HTML and linkify on). Neither may carry a token or a secret:
// checked on reports made against the emulator with a pasted token and with client credentials.
import assert from 'node:assert/strict';
import { ClientCredentialsTokenProvider } from '../../../../src/credentials/clientCredentialsTokenProvider';
import { StaticTokenProvider } from '../../../../src/credentials/staticTokenProvider';
import { diagnoseTenant } from '../../../../src/features/setup/core/diagnoseTenant';
import { renderSetupReportErrorHtml, renderSetupReportHtml, renderSetupReportLoadingHtml } from '../../../../src/features/setup/renderSetupReportHtml';
import { everyFeatureScope } from '../../../../src/features/setup/core/featureScopes';
import { credentialsCheck, featureChecks } from '../../../../src/features/setup/core/setupChecks';
import { code, type SetupReport } from '../../../../src/features/setup/core/setupReport';
import { setupReportMarkdown } from '../../../../src/features/setup/core/setupReportMarkdown';
import { revealHiddenCharacters } from '../../../../src/presentation/hiddenCharacters';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { RESOURCES } from '../tokens/details/documentChecks';
import { injectionPayloads, RAW_HIDDEN_CHARACTER } from '../../fixtures/injectionPayloads';
import { markdownText, markdownTokens, parseElements, type MarkdownToken, type ParsedElement } from '../../security/parsers';

const NOW = new Date('2026-03-01T12:00:00.000Z');

/** A report whose every free value is `value`: tenant label and domain, client id, a scope, sentences' code, evidence. */
function hostileReport(value: string): SetupReport {
  const info = { source: 'client-credentials' as const, clientId: value, scopes: [value, ...everyFeatureScope()] };
  const firstProbe = { kind: 'answered' as const, value: undefined, evidence: 'GET /api/v2/users → 200' };
  return {
    tenant: { domain: value, label: value },
    checkedAt: NOW.toISOString(),
    credentials: { kind: 'client-credentials', clientId: value, scopes: info.scopes },
    checks: [
      credentialsCheck({ kind: 'client-credentials', clientId: value, firstProbe }),
      ...featureChecks('client-credentials', info, {}),
      { id: 'custom', group: 'endpoints', title: 'Custom', status: 'warning', summary: `Saw ${code(value)} and ${code(value)}.`, fix: `Do ${code(value)}.`, evidence: value },
    ],
    missingScopes: [value],
    grantScopesAt: 'Auth0 Dashboard > Applications > APIs',
    requests: 7,
  };
}

/** What inline code shows for a value (setupReport.ts code()), and what a heading shows (escapeMarkdown). */
function shownAsCode(value: string): string {
  const cleaned = revealHiddenCharacters(value).replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  const characters = Array.from(cleaned);
  return characters.length > 120 ? `${characters.slice(0, 119).join('')}…` : cleaned;
}

function shownInHeading(value: string): string {
  const characters = Array.from(value);
  const cut = characters.length > 300 ? `${characters.slice(0, 299).join('')}… (${characters.length.toLocaleString('en-US')} characters)` : value;
  return revealHiddenCharacters(cut).replace(/\s+/g, ' ');
}

const ACTIVE = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'img', 'image', 'video', 'audio', 'source',
  'link', 'meta', 'base', 'form', 'input', 'textarea', 'template', 'noscript', 'a', 'area', 'portal', 'applet', 'button', 'select']);

function assertOnlyIntendedElements(elements: readonly ParsedElement[], buttons: number): void {
  const active = elements.filter((element) => ACTIVE.has(element.name));
  assert.deepEqual(active.map((element) => element.name), ['meta', 'meta', 'meta', 'link', ...Array.from({ length: buttons }, () => 'button'), 'script']);
  const csp = active[1].attributes.content;
  assert.equal(
    csp,
    `default-src 'none'; img-src ${RESOURCES.cspSource} data:; style-src ${RESOURCES.cspSource}; script-src 'nonce-${RESOURCES.nonce}'; font-src ${RESOURCES.cspSource};`,
  );
  assert.deepEqual(active[3].attributes, { rel: 'stylesheet', href: RESOURCES.styleUri });
  assert.deepEqual(active[active.length - 1].attributes, { nonce: RESOURCES.nonce, src: RESOURCES.scriptUri });
  assert.equal(active[active.length - 1].text, '', 'no inline script');
  for (const element of elements) {
    for (const name of Object.keys(element.attributes)) {
      assert.doesNotMatch(name, /^on/i, `no event handler on <${element.name}>`);
      assert.notEqual(name, 'style', `no inline style on <${element.name}>`);
    }
  }
}

const MARKDOWN_LAYOUT = new Set([
  'heading_open', 'heading_close', 'paragraph_open', 'paragraph_close', 'inline', 'text', 'strong_open', 'strong_close', 'em_open', 'em_close',
  'bullet_list_open', 'bullet_list_close', 'list_item_open', 'list_item_close', 'code_inline', 'softbreak',
]);

function assertLayoutOnly(tokens: readonly MarkdownToken[]): void {
  assert.deepEqual(tokens.filter((token) => !MARKDOWN_LAYOUT.has(token.type)).map((token) => token.type), [], 'constructs built from a value');
}

describe('setup report rendering', () => {
  describe('with the injection corpus in every value', () => {
    for (const { name, value } of injectionPayloads) {
      it(name, () => {
        const report = hostileReport(value);
        const elements = parseElements(renderSetupReportHtml({ ...RESOURCES, report }));
        assertOnlyIntendedElements(elements, 2);
        const shown = revealHiddenCharacters(value).replace(/\r\n?/g, '\n');
        assert.equal(elements.find((element) => element.name === 'title')?.text, `Tenant setup · ${shown}`);
        assert.equal(elements.find((element) => element.attributes['data-field'] === 'heading')?.text, `Tenant setup · ${shown}`);
        assert.equal(elements.find((element) => element.name === 'main')?.attributes['data-tenant-id'], shown.replace(/\n/g, '\n'));
        const custom = elements.find((element) => element.attributes['data-check'] === 'custom');
        const codes = elements.filter((element) => element.name === 'code');
        assert.ok(custom && codes.some((element) => element.text === shownAsCode(value)), 'the value shows as inline code');
        assert.ok(codes.some((element) => element.text === shown), 'the evidence shows literally');

        // Values go into sentences as inline code; were one to reach a sentence's text, the
        // webview still escapes it (the Markdown relies on the builders, checked just below).
        const raw = hostileReport(value);
        raw.checks.push({ id: 'raw', group: 'clock', title: 'Raw', status: 'ok', summary: `Saw ${value.replace(/`/g, "'")} here.` });
        const rawElements = parseElements(renderSetupReportHtml({ ...RESOURCES, report: raw }));
        assertOnlyIntendedElements(rawElements, 2);
        assert.equal(rawElements.find((element) => element.attributes['data-check'] === 'raw')?.text.includes(`Saw ${shown.replace(/`/g, "'")} here.`), true);

        const markdown = setupReportMarkdown(report);
        assert.doesNotMatch(markdown, RAW_HIDDEN_CHARACTER);
        const tokens = markdownTokens(markdown);
        assertLayoutOnly(tokens);
        const heading = tokens.findIndex((token) => token.type === 'heading_open');
        assert.equal(markdownText([tokens[heading + 2]]) + markdownText(tokens.slice(heading + 3, tokens.findIndex((t, i) => i > heading && t.type === 'heading_close'))),
          `Auth0 tenant setup: ${shownInHeading(value)}`);
        const codeSpans = tokens.filter((token) => token.type === 'code_inline').map((token) => token.content);
        assert.ok(codeSpans.includes(shownAsCode(value).trim()) || shownAsCode(value).trim() === '', 'the value shows as a code span');
        assert.equal(markdown.split('\n').filter((line) => line.startsWith('#')).length, 1 + 3, 'one title and a heading per group present, nothing else');
      });
    }
  });

  it('shows each status with its symbol and words, the tally and the scopes to add', () => {
    const report = hostileReport('read:sessions');
    const elements = parseElements(renderSetupReportHtml({ ...RESOURCES, report }));
    const symbols = elements.filter((element) => element.attributes.class === 'check-symbol');
    // One per check, and one per check that needs attention, listed again first.
    const attention = elements.filter((element) => element.attributes['data-attention']).map((element) => element.attributes['data-attention']);
    assert.deepEqual(attention, report.checks.filter((check) => check.status === 'warning' || check.status === 'error').map((check) => check.id));
    assert.ok(attention.length > 0);
    assert.equal(symbols.length, report.checks.length + attention.length);
    assert.deepEqual([...new Set(symbols.map((element) => `${element.text} ${element.attributes['aria-label']}`))].sort(), ['✓ OK', '⚠ Warning'].sort());
    assert.equal(elements.find((element) => element.attributes['data-field'] === 'missing-scopes')?.text, 'read:sessions');
    assert.deepEqual(elements.filter((element) => element.attributes['data-tally']).map((element) => element.text), ['✓ 9', '⚠ 1', '✗ 0']);
    assert.equal(elements.find((element) => element.name === 'main')?.attributes['data-status'], 'warning');
    const markdown = setupReportMarkdown(report);
    assert.match(markdown, /^- \*\*Result:\*\* ✓ 9 · ⚠ 1 · ✗ 0$/m);
    assert.match(markdown, /^- \*\*Scopes to add:\*\* `read:sessions`$/m);
    assert.match(markdown, /^- \*\*Needs attention:\*\* ⚠ Custom$/m);
    assert.match(markdown, /^- ⚠ \*\*Custom\*\*: Saw `read:sessions` and `read:sessions`\.\n {2}- Fix: Do `read:sessions`\.\n {2}- Asked: `read:sessions`$/m);
  });

  it('the loading and error pages have the same shape and escape the label and message', () => {
    for (const { value } of injectionPayloads.slice(0, 30)) {
      const loading = parseElements(renderSetupReportLoadingHtml({ ...RESOURCES, tenantLabel: value, tenantId: value, message: value }));
      assertOnlyIntendedElements(loading, 0);
      const error = parseElements(renderSetupReportErrorHtml({ ...RESOURCES, tenantLabel: value, tenantId: value, message: value }));
      assertOnlyIntendedElements(error, 1);
      const shown = revealHiddenCharacters(value).replace(/\r\n?/g, '\n');
      assert.equal(error.find((element) => element.attributes['data-field'] === 'error')?.text, shown);
    }
  });

  describe('carries no token or secret', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ seed: 5, rateLimit: 'production', earlyAccess: 'absent', logRetentionDays: 2 });
    });
    after(() => emulator.close());

    function assertNoSecret(report: SetupReport, secrets: string[]): void {
      const renderings = { report: JSON.stringify(report), markdown: setupReportMarkdown(report), html: renderSetupReportHtml({ ...RESOURCES, report }) };
      for (const [what, text] of Object.entries(renderings)) {
        for (const secret of secrets) {
          assert.ok(!text.includes(secret), `the ${what} does not contain a secret`);
          // Not even a piece of one: the token's signature and its payload.
          for (const part of secret.split('.').filter((piece) => piece.length >= 16)) {
            assert.ok(!text.includes(part), `the ${what} does not contain part of a secret`);
          }
        }
        assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{8,}/, `no JWT-shaped text in the ${what}`);
      }
    }

    it('with a pasted token, valid or expired', async () => {
      for (const token of [emulator.token, emulator.expiredToken, emulator.readOnlyToken]) {
        const report = await diagnoseTenant({ domain: emulator.domain, credentialKind: 'token', tokenProvider: new StaticTokenProvider(token) });
        assertNoSecret(report, [token]);
      }
    });

    it('with client credentials, accepted or refused', async () => {
      for (const secret of [emulator.clientSecret, 'a-wrong-client-secret-of-some-length']) {
        const provider = new ClientCredentialsTokenProvider({ domain: emulator.domain, clientId: emulator.clientId, clientSecret: secret });
        const report = await diagnoseTenant({ domain: emulator.domain, credentialKind: 'client-credentials', tokenProvider: provider });
        const issued = secret === emulator.clientSecret ? [await provider.getToken()] : [];
        assertNoSecret(report, [secret, ...issued]);
        assert.match(setupReportMarkdown(report), new RegExp(`application \`${emulator.clientId}\``), 'the client id (not a secret) is named');
      }
    });
  });
});
