import * as assert from 'node:assert/strict';
import { FINDING_ACTIONS, mostSevereFinding, summarizeUserFindings, type Finding, type FindingKind, type FindingSeverity } from '../../../src/findings/finding';
import { describeEvent, eventAsn, eventPlace, type TokenLogEvent } from '../../../src/findings/logEvents';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '../../../src/findings/thresholds';

function finding(kind: FindingKind, severity: FindingSeverity): Finding {
  return {
    kind, severity, title: kind, why: 'Why.', evidence: { type: 'facts', rows: [] }, action: FINDING_ACTIONS['revoke-token'], falsePositive: 'None.',
  };
}

describe('mostSevereFinding', () => {
  it('picks high over medium over info, then the more telling kind', () => {
    assert.equal(mostSevereFinding([finding('dormant', 'info'), finding('long-lived', 'medium'), finding('many-devices', 'high')])?.kind, 'many-devices');
    assert.equal(mostSevereFinding([finding('long-lived', 'medium'), finding('device-changed', 'medium')])?.kind, 'device-changed');
    assert.equal(mostSevereFinding([finding('no-session', 'info')])?.kind, 'no-session');
  });

  it('is undefined without findings, and leaves its input in order', () => {
    assert.equal(mostSevereFinding([]), undefined);
    const input = [finding('dormant', 'info'), finding('reuse-detected', 'high')];
    mostSevereFinding(input);
    assert.deepEqual(input.map((item) => item.kind), ['dormant', 'reuse-detected']);
  });
});

describe('summarizeUserFindings', () => {
  it('counts tokens with a high or medium finding as flagged', () => {
    const summary = summarizeUserFindings([
      [], [finding('dormant', 'info')], [finding('device-changed', 'medium')], [finding('reuse-detected', 'high'), finding('dormant', 'info')], [], [], [],
    ]);
    assert.deepEqual(summary, { tokens: 7, flagged: 2, high: 1, text: '7 tokens · 2 flagged' });
  });

  it('reads naturally for one token and for none flagged', () => {
    assert.equal(summarizeUserFindings([[]]).text, '1 token · none flagged');
    assert.equal(summarizeUserFindings(Array.from({ length: 5000 }, () => [])).text, '5,000 tokens · none flagged');
  });
});

describe('resolveThresholds', () => {
  it('defaults to Auth0\'s detections: 3 devices, 3 ASNs, 5 IPs; 90 and 30 days', () => {
    assert.deepEqual(resolveThresholds(), { deviceLimit: 3, networkLimit: 3, ipLimit: 5, longLivedDays: 90, dormantDays: 30 });
    assert.deepEqual(resolveThresholds(), { ...DEFAULT_THRESHOLDS });
  });

  it('takes whole numbers from settings and ignores anything else', () => {
    assert.deepEqual(resolveThresholds({ deviceLimit: 5, networkLimit: 0, ipLimit: 2.5, longLivedDays: '30', dormantDays: -1 }),
      { deviceLimit: 5, networkLimit: 3, ipLimit: 5, longLivedDays: 90, dormantDays: 30 });
  });
});

describe('log events in words', () => {
  const cases: [string, TokenLogEvent, string][] = [
    ['seacft', { type: 'seacft' }, 'Authorization code exchanged (token issued)'],
    ['sertft', { type: 'sertft' }, 'Refresh token exchanged'],
    ['fertft with a reason', { type: 'fertft', details: { failure_reason: 'grant_revoked' } }, 'Exchange failed: the grant was revoked'],
    ['fertft with a description', { type: 'fertft', description: 'Unknown or invalid refresh token.' }, 'Exchange failed: Unknown or invalid refresh token.'],
    ['ferrt reuse', { type: 'ferrt', description: 'Unsuccessful Refresh Token exchange, reuse detected' }, 'Rotating exchange failed: reuse detected'],
    ['srrt', { type: 'srrt' }, 'Refresh token revoked'],
    ['other type', { type: 'sapi' }, 'Event sapi'],
    ['fertft with a reason named like an object key', { type: 'fertft', details: { failure_reason: '__proto__' } }, 'Exchange failed: __proto__'],
  ];
  for (const [name, event, expected] of cases) {
    it(name, () => assert.equal(describeEvent(event), expected));
  }

  it('names the place Auth0 resolved, and an ASN only where the event has one', () => {
    assert.equal(eventPlace({ location_info: { city_name: 'Lisbon', country_name: 'Portugal' } }), 'Lisbon, Portugal');
    assert.equal(eventPlace({ location_info: { country_code: 'PT' } }), 'PT');
    assert.equal(eventPlace({}), undefined);
    assert.equal(eventAsn({}), undefined);
    assert.equal(eventAsn({ asn: 64500 }), '64500');
    assert.equal(eventAsn({ location_info: { asn: 'AS64501' } }), 'AS64501');
  });
});
