import * as assert from 'node:assert/strict';
import { renderFindingsSection } from '../../../../../src/features/tokens/details/renderFindingsSection';
import { analyzeToken, type TokenAnalysisInput } from '../../../../../src/findings/analyzeToken';
import { FINDING_ACTIONS, type Finding } from '../../../../../src/findings/finding';
import { AGENTS, daysAgo, logEvent, LOG_AGENTS, SAMPLE_NOW, session, token, withDevice } from '../../../findings/findingFixtures';
import { assertSafeSection, byField, oneByField } from './fragmentChecks';

function findingsFor(overrides: Partial<TokenAnalysisInput> = {}) {
  return analyzeToken({ token: token(), session: session(), events: [], userTokens: [], now: SAMPLE_NOW, ...overrides });
}

describe('renderFindingsSection', () => {
  it('says there are no findings, and which checks could not run', () => {
    const analysis = analyzeToken({ token: token(), now: SAMPLE_NOW });
    const elements = assertSafeSection(renderFindingsSection({ findings: analysis.findings, skipped: analysis.skipped, now: SAMPLE_NOW }));
    assert.match(oneByField(elements, 'findings-empty').text, /^No findings/);
    assert.equal(oneByField(elements, 'findings-skipped').text,
      'Not checked:reuse detected, impossible travel, TLS client changed, many devices, many networks: The user\'s log events are not loaded.outlived its session: The token\'s session has not been looked up.near the cap: The user\'s other tokens are not listed.');
  });

  it('shows each finding with title, why, evidence, false positive and its action button', () => {
    const analysis = findingsFor({ token: withDevice({ last_user_agent: AGENTS.acme32, last_asn: '64501' }) });
    const elements = assertSafeSection(renderFindingsSection({ findings: analysis.findings, now: SAMPLE_NOW }));
    const items = elements.filter((element) => element.name === 'li' && element.attributes['data-finding-kind']);
    assert.deepEqual(items.map((item) => [item.attributes['data-finding-kind'], item.attributes['data-severity'], item.attributes.class]), [
      ['device-changed', 'medium', 'finding severity-medium'],
      ['network-changed', 'medium', 'finding severity-medium'],
    ]);
    assert.deepEqual(byField(elements, 'finding-title').map((title) => title.text), [
      'Used from another device than it was issued to', 'Used from another network than it was issued on',
    ]);
    assert.match(byField(elements, 'finding-false-positive')[0].text, /^Known false positive: A browser or app update/);
    const buttons = elements.filter((element) => element.name === 'button');
    assert.deepEqual(buttons.map((button) => [button.attributes['data-action'], button.attributes['data-finding-kind'], button.attributes.class, button.text]), [
      ['revoke-token', 'device-changed', 'danger', 'Revoke Token…'],
      ['revoke-token', 'network-changed', 'danger', 'Revoke Token…'],
    ]);
  });

  it('puts the compared values side by side, marking the rows that differ', () => {
    const analysis = findingsFor({ token: withDevice({ last_asn: '64501' }) });
    const elements = assertSafeSection(renderFindingsSection({ findings: analysis.findings, now: SAMPLE_NOW }));
    const rows = elements.filter((element) => element.name === 'tr' && element.attributes.class?.startsWith('compared'));
    assert.deepEqual(rows.map((row) => [row.attributes.class, row.text]), [
      ['compared differs', 'ASN6450064501'],
      ['compared', 'IP address203.0.113.7203.0.113.7'],
    ]);
    const headings = elements.filter((element) => element.name === 'th' && element.attributes.scope === 'col').map((heading) => heading.text);
    assert.deepEqual(headings, ['When issued', 'Last exchange']);
  });

  it('lists counted values with their exchanges, and event evidence with time, IP and user agent', () => {
    const devices = [LOG_AGENTS.chrome126Mac, LOG_AGENTS.chromeWindows, LOG_AGENTS.safariIos, LOG_AGENTS.chromeAndroid];
    const events = [...devices.map((userAgent, index) => logEvent('sertft', { user_agent: userAgent, date: daysAgo(1 + index) })), logEvent('ferrt', { date: daysAgo(0.5), ip: '192.0.2.66' })];
    const analysis = findingsFor({ events });
    const elements = assertSafeSection(renderFindingsSection({ findings: analysis.findings, now: SAMPLE_NOW }));
    const evidence = byField(elements, 'evidence');
    assert.equal(evidence.length, 2);
    assert.equal(evidence[0].text, 'WhenEventIP addressUser agent2026-11-26 02:03 UTC 12 h agoRotating exchange failed: reuse detected192.0.2.66Chrome 126.0.0 / Mac OS X 10.15.7');
    assert.match(evidence[1].text, /^4 exchanges of rotation family fam_7Q2M8N5P3R in the last 30 days, from 4 devices \(flagged above 3\):Chrome 126 on Mac OS X 10\.15 1 exchange/);
  });

  it('uses a quiet button for review actions and marks probable findings', () => {
    const probable: Finding = {
      kind: 'near-cap', severity: 'medium', title: '151 tokens', why: 'Why.', evidence: { type: 'facts', rows: [{ label: 'Tokens', value: '151' }] },
      action: FINDING_ACTIONS['review-history'], falsePositive: 'An app.', probable: true,
    };
    const elements = assertSafeSection(renderFindingsSection({ findings: [probable], now: SAMPLE_NOW }));
    const [button] = elements.filter((element) => element.name === 'button');
    assert.equal(button.attributes.class, 'secondary');
    assert.equal(button.attributes['data-action'], 'review-history');
    assert.equal(elements.filter((element) => element.attributes.class === 'chip probable').length, 1);
    assert.equal(oneByField(elements, 'evidence').text, 'Tokens151');
  });
});
