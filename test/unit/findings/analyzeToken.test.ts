// Each kind of finding: a token that fires it, one that does not, and the false positive Auth0
// names for it (which must not fire, or only as the info line the rule promises).

import * as assert from 'node:assert/strict';
import type { RefreshToken, Session } from '../../../src/auth0/types';
import { analyzeToken, analyzeUserTokens, type TokenAnalysisInput } from '../../../src/findings/analyzeToken';
import type { Finding, FindingKind } from '../../../src/findings/finding';
import type { TokenLogEvent } from '../../../src/findings/logEvents';
import {
  AGENTS, daysAgo, daysAhead, LOG_AGENTS, logEvent, manyTokens, OTHER_CLIENT_ID, SAMPLE_NOW, session, sessionlessExchange, token, withDevice,
} from './findingFixtures';

function analyze(overrides: Partial<TokenAnalysisInput> = {}) {
  return analyzeToken({ token: token(), session: session(), events: [], userTokens: [], now: SAMPLE_NOW, ...overrides });
}

function kinds(overrides: Partial<TokenAnalysisInput> = {}): FindingKind[] {
  return analyze(overrides).findings.map((finding) => finding.kind);
}

function only(kind: FindingKind, overrides: Partial<TokenAnalysisInput> = {}): Finding {
  const found = analyze(overrides).findings.filter((finding) => finding.kind === kind);
  assert.equal(found.length, 1, `exactly one ${kind} finding`);
  return found[0];
}

/** Exchanges of the sample family on `count` distinct values of one field, within the window. */
function exchanges(count: number, vary: (index: number) => Partial<TokenLogEvent>): TokenLogEvent[] {
  return Array.from({ length: count }, (_, index) => logEvent('sertft', { date: daysAgo(1 + index), ...vary(index) }));
}

function assertWellFormed(finding: Finding): void {
  assert.ok(finding.title.length > 0 && !finding.title.includes('\n'), 'one-line title');
  assert.match(finding.why, /^[A-Z].*\.$/, 'one sentence why');
  assert.ok(finding.falsePositive.length > 0, 'false positive named');
  assert.ok(['revoke-token', 'revoke-session', 'contain-user', 'review-history'].includes(finding.action.id));
  assert.ok(finding.action.label.length > 0);
}

describe('analyzeToken', () => {
  it('finds nothing in a healthy token', () => {
    assert.deepEqual(analyze(), { findings: [], history: [], skipped: [] });
  });

  describe('device-changed', () => {
    it('fires when the last user agent is another product, system or device type', () => {
      const finding = only('device-changed', { token: withDevice({ last_user_agent: AGENTS.acme32 }) });
      assertWellFormed(finding);
      assert.equal(finding.severity, 'medium');
      assert.match(finding.why, /product, operating system and device type/);
      assert.deepEqual(finding.evidence, {
        type: 'comparison', firstHeading: 'When issued', secondHeading: 'Last exchange',
        rows: [
          { label: 'Device', first: 'Chrome 126 on macOS (desktop)', second: 'Acme 3.2 (iOS native app)' },
          { label: 'User agent', first: AGENTS.chrome126Mac, second: AGENTS.acme32 },
        ],
      });
    });

    it('fires for the same browser on another system', () => {
      assert.match(only('device-changed', { token: withDevice({ last_user_agent: AGENTS.chrome126Windows }) }).why, /different operating system than/);
    });

    it('does not fire when the user agent is unchanged or one side is missing', () => {
      assert.ok(!kinds().includes('device-changed'));
      assert.ok(!kinds({ token: withDevice({ last_user_agent: null }) }).includes('device-changed'));
    });

    it('false positive: a browser update (version only) does not fire', () => {
      assert.ok(!kinds({ token: withDevice({ last_user_agent: AGENTS.chrome127Mac }) }).includes('device-changed'));
      assert.ok(!kinds({ token: withDevice({ initial_user_agent: AGENTS.acme32, last_user_agent: AGENTS.acme33 }) }).includes('device-changed'));
    });
  });

  describe('network-changed and ip-changed', () => {
    it('fires network-changed when the ASN differs', () => {
      const finding = only('network-changed', { token: withDevice({ last_asn: '64501', last_ip: '198.51.100.2' }) });
      assertWellFormed(finding);
      assert.equal(finding.severity, 'medium');
      assert.deepEqual(finding.evidence.type === 'comparison' && finding.evidence.rows, [
        { label: 'ASN', first: '64500', second: '64501' },
        { label: 'IP address', first: '203.0.113.7', second: '198.51.100.2' },
      ]);
    });

    it('does not fire when address and ASN are unchanged', () => {
      const found = kinds();
      assert.ok(!found.includes('network-changed') && !found.includes('ip-changed'));
    });

    it('false positive: another IP within the same AS is only an info line', () => {
      const finding = only('ip-changed', { token: withDevice({ last_ip: '203.0.113.99' }) });
      assertWellFormed(finding);
      assert.equal(finding.severity, 'info');
      assert.equal(finding.title, 'IP changed within AS64500');
      assert.ok(!kinds({ token: withDevice({ last_ip: '203.0.113.99' }) }).includes('network-changed'));
    });

    it('says when there is no ASN to compare', () => {
      assert.equal(only('ip-changed', { token: withDevice({ initial_asn: null, last_ip: '203.0.113.99' }) }).title, 'IP changed (no ASN recorded to compare)');
    });
  });

  describe('reuse-detected', () => {
    it('fires (high) on a ferrt in the token\'s family, with the event as evidence', () => {
      const reuse = logEvent('ferrt', { ip: '192.0.2.66' });
      const finding = only('reuse-detected', { events: [logEvent('sertft'), reuse] });
      assertWellFormed(finding);
      assert.equal(finding.severity, 'high');
      assert.equal(finding.action.id, 'contain-user');
      assert.ok(finding.evidence.type === 'events');
      assert.deepEqual(finding.evidence.events.map((event) => [event.logId, event.ip, event.description]), [
        [reuse.log_id, '192.0.2.66', 'Rotating exchange failed: reuse detected'],
      ]);
    });

    it('fires (high) on a ferrt that carries the token\'s session itself', () => {
      const reuse = logEvent('ferrt', { details: { refresh_token: { session_id: token().session_id as string } } });
      assert.equal(only('reuse-detected', { events: [reuse] }).severity, 'high');
    });

    it('does not fire on exchanges, on failures of plain exchange, or on another family\'s ferrt', () => {
      const found = kinds({ events: [logEvent('sertft'), logEvent('fertft'), logEvent('ferrt', { details: { familyId: 'fam_other' } })] });
      assert.ok(!found.includes('reuse-detected'));
    });

    it('is medium for a ferrt Auth0 did not describe as reuse, and for probable events', () => {
      assert.equal(only('reuse-detected', { events: [logEvent('sertft'), logEvent('ferrt', { description: 'Unsuccessful Refresh Token exchange' })] }).severity, 'medium');
      const sessionless = token({ session_id: null });
      const probable = only('reuse-detected', { token: sessionless, session: undefined, events: [sessionlessExchange(), logEvent('ferrt')] });
      assert.equal(probable.severity, 'medium');
      assert.equal(probable.probable, true);
    });

    it('false positive: a reuse in the session before the token was issued is not the token\'s', () => {
      // The session's earlier rotation family was reused and revoked; this token was issued an
      // hour later in the same session (a silent login). Its history still shows the ferrt.
      const later = token({ created_at: daysAgo(1) });
      const earlier = { familyId: 'fam_earlier' };
      const reuse = logEvent('ferrt', { date: daysAgo(1 + 1 / 24), details: earlier });
      const events = [
        logEvent('seacft', { date: daysAgo(3) }),
        logEvent('sertft', { date: daysAgo(2), details: earlier }),
        reuse,
        logEvent('seacft', { date: daysAgo(1) }),
        logEvent('sertft', { date: daysAgo(0.5) }),
      ];
      const analysis = analyze({ token: later, events });
      assert.ok(!analysis.findings.some((finding) => finding.kind === 'reuse-detected'));
      assert.ok(analysis.history?.some((tokenEvent) => tokenEvent.event.log_id === reuse.log_id), 'still in the history');
      // A rotated token of that earlier family replayed after this one was issued is still the earlier family's.
      const replayed = logEvent('ferrt', { date: daysAgo(0.2), details: earlier });
      assert.ok(!kinds({ token: later, events: [...events, replayed] }).includes('reuse-detected'));
      // The token's own family reused after it was issued does fire.
      assert.ok(kinds({ token: later, events: [...events, logEvent('ferrt', { date: daysAgo(0.2) })] }).includes('reuse-detected'));
    });
  });

  describe('many-devices', () => {
    const devices = [LOG_AGENTS.chrome126Mac, LOG_AGENTS.chromeWindows, LOG_AGENTS.safariIos, LOG_AGENTS.chromeAndroid, LOG_AGENTS.firefoxLinux];

    it('fires (high) when one family is exchanged from more than 3 devices in 30 days', () => {
      const finding = only('many-devices', { events: exchanges(4, (index) => ({ user_agent: devices[index] })) });
      assertWellFormed(finding);
      assert.equal(finding.severity, 'high');
      assert.equal(finding.title, 'One rotation family used from 4 devices in 30 days');
      assert.ok(finding.evidence.type === 'counted');
      assert.equal(finding.evidence.familyId, 'fam_7Q2M8N5P3R');
      assert.equal(finding.evidence.eventCount, 4);
      assert.equal(finding.evidence.values.length, 4);
    });

    it('does not fire at the limit, nor for exchanges older than 30 days', () => {
      assert.ok(!kinds({ events: exchanges(3, (index) => ({ user_agent: devices[index] })) }).includes('many-devices'));
      const old = exchanges(5, (index) => ({ user_agent: devices[index], date: daysAgo(31 + index) }));
      assert.ok(!kinds({ events: old }).includes('many-devices'));
    });

    it('false positive: browser updates count as one device', () => {
      const updates = exchanges(6, (index) => ({ user_agent: `Chrome ${120 + index}.0.0 / Mac OS X 10.15.7` }));
      assert.ok(!kinds({ events: updates }).includes('many-devices'));
    });

    it('a summary that identified nothing is not a device, and Ubuntu is the Linux of the header (no extra device)', () => {
      const agents = [LOG_AGENTS.chrome126Mac, LOG_AGENTS.chromeWindows, LOG_AGENTS.safariIos, 'Other 0.0.0 / Other 0.0.0', 'Other 0.0.0 / Other 0.0.0'];
      assert.ok(!kinds({ events: exchanges(5, (index) => ({ user_agent: agents[index] })) }).includes('many-devices'));
      const linux = [LOG_AGENTS.chrome126Mac, LOG_AGENTS.chromeWindows, 'Firefox 128.0.0 / Ubuntu 0.0.0', 'Firefox 128.0.0 / Fedora 0.0.0', 'Firefox 128.0.0 / Linux 0.0.0'];
      assert.ok(!kinds({ events: exchanges(5, (index) => ({ user_agent: linux[index] })) }).includes('many-devices'));
    });

    it('does not count a rotation family of the session that began before the token was issued', () => {
      // An earlier login of the same session, exchanged from four devices before and after this token was issued.
      const later = token({ created_at: daysAgo(3) });
      const earlier = [5, 4, 2, 1].map((days, index) => logEvent('sertft', { date: daysAgo(days), user_agent: devices[index], details: { familyId: 'fam_earlier' } }));
      const own = [logEvent('seacft', { date: daysAgo(3) }), ...[2.5, 1.5, 0.5].map((days) => logEvent('sertft', { date: daysAgo(days) }))];
      assert.ok(!kinds({ token: later, events: [...earlier, ...own] }).includes('many-devices'));
      assert.ok(kinds({ token: token({ created_at: daysAgo(6) }), events: [...earlier, ...own] }).includes('many-devices'), 'the same events for the token that began that family');
    });

    it('follows the deviceLimit setting', () => {
      const events = exchanges(3, (index) => ({ user_agent: devices[index] }));
      assert.ok(kinds({ events, thresholds: { deviceLimit: 2 } }).includes('many-devices'));
    });
  });

  describe('many-networks', () => {
    it('fires (high) on more than 5 IP addresses in one family (logs carry no ASN)', () => {
      const finding = only('many-networks', { events: exchanges(6, (index) => ({ ip: `192.0.2.${10 + index}` })) });
      assertWellFormed(finding);
      assert.equal(finding.title, 'One rotation family used from 6 IP addresses in 30 days');
      assert.ok(finding.evidence.type === 'counted' && finding.evidence.what === 'IP addresses' && finding.evidence.limit === 5);
    });

    it('fires on more than 3 ASNs where events carry one', () => {
      const finding = only('many-networks', { events: exchanges(4, (index) => ({ ip: '192.0.2.1', asn: `6450${index}` })) });
      assert.equal(finding.title, 'One rotation family used from 4 networks in 30 days');
    });

    it('does not fire on 5 addresses, or on addresses spread over different families', () => {
      assert.ok(!kinds({ events: exchanges(5, (index) => ({ ip: `192.0.2.${10 + index}` })) }).includes('many-networks'));
      // Two families (two logins) of the same session, three addresses each.
      const spread = exchanges(6, (index) => ({ ip: `192.0.2.${10 + index}`, details: { familyId: index < 3 ? 'fam_a' : 'fam_b' } }));
      assert.ok(!kinds({ events: spread }).includes('many-networks'));
    });

    it('does not count a rotation family of the session that began before the token was issued', () => {
      const later = token({ created_at: daysAgo(3) });
      const earlier = [5, 4.5, 4, 3.5, 2, 1].map((days, index) => logEvent('sertft', { date: daysAgo(days), ip: `192.0.2.${10 + index}`, details: { familyId: 'fam_earlier' } }));
      const own = [0.5, 0.25].map((days) => logEvent('sertft', { date: daysAgo(days) }));
      assert.ok(!kinds({ token: later, events: [...earlier, ...own] }).includes('many-networks'));
    });

    it('false positive: a phone moving between addresses of one provider stays under the ASN limit', () => {
      const oneProvider = exchanges(8, (index) => ({ ip: `198.51.100.${index}`, asn: '64500' }));
      assert.ok(!kinds({ events: oneProvider }).includes('many-networks'));
    });
  });

  describe('long-lived', () => {
    it('fires for a non-rotating token with no absolute expiry', () => {
      const finding = only('long-lived', { token: token({ rotating: false, expires_at: undefined }) });
      assertWellFormed(finding);
      assert.equal(finding.title, 'No expiry recorded: not rotating and no absolute expiry listed');
    });

    it('fires for a rotating token with neither an absolute nor an idle expiry (valid until revoked)', () => {
      const finding = only('long-lived', { token: token({ rotating: true, expires_at: undefined, idle_expires_at: undefined }) });
      assertWellFormed(finding);
      assert.equal(finding.title, 'No expiry recorded: no absolute and no idle expiry listed');
    });

    it('fires for a token valid longer than 90 days', () => {
      const finding = only('long-lived', { token: token({ created_at: daysAgo(10), expires_at: daysAhead(355) }) });
      assert.equal(finding.title, 'Valid for 365 days (more than 90)');
    });

    it('does not fire at 90 days, for a rotating token without expiry, or for an expired token', () => {
      assert.ok(!kinds({ token: token({ created_at: daysAgo(10), expires_at: daysAhead(80) }) }).includes('long-lived'));
      assert.ok(!kinds({ token: token({ rotating: true, expires_at: undefined }) }).includes('long-lived'));
      assert.ok(!kinds({ token: token({ rotating: false, expires_at: undefined, idle_expires_at: daysAgo(1) }) }).includes('long-lived'));
    });

    it('follows the longLivedDays setting', () => {
      assert.ok(kinds({ token: token({ created_at: daysAgo(10), expires_at: daysAhead(30) }), thresholds: { longLivedDays: 30 } }).includes('long-lived'));
    });
  });

  describe('dormant', () => {
    it('fires (info) for a valid token not exchanged for more than 30 days', () => {
      const finding = only('dormant', { token: token({ created_at: daysAgo(60), last_exchanged_at: daysAgo(45), idle_expires_at: daysAhead(30) }) });
      assertWellFormed(finding);
      assert.equal(finding.severity, 'info');
      assert.equal(finding.title, 'Valid but unused for 45 days');
    });

    it('does not judge a token whose last exchange Auth0 did not record (unknown is not "never"), and says so', () => {
      const analysis = analyze({ token: token({ created_at: daysAgo(40), last_exchanged_at: undefined }) });
      assert.equal(analysis.findings.some((finding) => finding.kind === 'dormant'), false);
      assert.deepEqual(analysis.skipped.filter((check) => check.kinds.includes('dormant')).map((check) => check.reason), [
        'Auth0 did not record when the token was last exchanged (no last_exchanged_at), so whether it is still used is not known.',
      ]);
    });

    it('does not fire within 30 days, or once the token has expired', () => {
      assert.ok(!kinds({ token: token({ last_exchanged_at: daysAgo(29) }) }).includes('dormant'));
      assert.ok(!kinds({ token: token({ last_exchanged_at: daysAgo(45), idle_expires_at: daysAgo(15) }) }).includes('dormant'));
    });

    it('false positive is named: a user who has not opened the app', () => {
      assert.match(only('dormant', { token: token({ last_exchanged_at: daysAgo(45) }) }).falsePositive, /not opened the app/);
    });
  });

  describe('outlived-session and no-session', () => {
    it('fires when Auth0 answers 404 for the token\'s session', () => {
      const finding = only('outlived-session', { session: 'gone' });
      assertWellFormed(finding);
      assert.equal(finding.severity, 'medium');
    });

    it('does not fire while the session exists, is unknown, or the token has expired', () => {
      assert.ok(!kinds({ session: session() }).includes('outlived-session'));
      assert.ok(!kinds({ session: undefined }).includes('outlived-session'));
      assert.ok(!kinds({ session: 'gone', token: token({ expires_at: daysAgo(1) }) }).includes('outlived-session'));
    });

    it('a token without a session is its own info line, never "outlived"', () => {
      const input = { token: token({ session_id: null }), session: 'gone' as Session | 'gone' };
      const finding = only('no-session', input);
      assertWellFormed(finding);
      assert.equal(finding.severity, 'info');
      assert.ok(!kinds(input).includes('outlived-session'));
    });
  });

  describe('near-cap', () => {
    it('fires when the user holds more than 150 tokens for the application', () => {
      const tokens = manyTokens(151);
      const finding = only('near-cap', { token: tokens[0], userTokens: tokens });
      assertWellFormed(finding);
      assert.equal(finding.title, '151 tokens for this application (Auth0 keeps 200)');
    });

    it('counts the token itself once, and only its application', () => {
      const mine = manyTokens(150);
      const others = manyTokens(100, OTHER_CLIENT_ID);
      assert.ok(!kinds({ token: mine[0], userTokens: [...mine, ...others, mine[0]] }).includes('near-cap'));
      assert.ok(kinds({ token: token({ id: 'rt_new' }), userTokens: mine }).includes('near-cap'));
    });
  });

  it('says which checks it could not run', () => {
    const analysis = analyzeToken({ token: token(), now: SAMPLE_NOW });
    assert.equal(analysis.history, undefined);
    assert.deepEqual(analysis.skipped.map((skipped) => skipped.kinds), [['reuse-detected', 'impossible-travel', 'tls-changed', 'many-devices', 'many-networks'], ['outlived-session'], ['near-cap']]);
    assert.deepEqual(analysis.skipped.slice(0, 2).map((skipped) => skipped.reason), ["The user's log events are not loaded.", "The token's session has not been looked up."]);
    // When the evidence says why (a missing scope), the reason names it.
    const refused = analyzeToken({
      token: token(), now: SAMPLE_NOW,
      eventsUnavailable: 'the management token lacks read:logs or read:logs_users', sessionUnavailable: 'the management token lacks read:sessions',
    });
    assert.deepEqual(refused.skipped.slice(0, 2).map((skipped) => skipped.reason), [
      "The user's log events cannot be read: the management token lacks read:logs or read:logs_users.",
      "The token's session cannot be read: the management token lacks read:sessions.",
    ]);
  });

  it('lists the most severe first', () => {
    const risky = token({ rotating: false, expires_at: undefined, last_exchanged_at: daysAgo(40), device: { ...token().device, last_ip: '203.0.113.99', last_user_agent: AGENTS.curl } });
    const analysis = analyze({ token: risky, events: [logEvent('sertft', { details: { refresh_token: { session_id: token().session_id as string } } }), logEvent('ferrt')] });
    assert.deepEqual(analysis.findings.map((finding) => `${finding.severity}:${finding.kind}`), [
      'high:reuse-detected', 'medium:device-changed', 'medium:long-lived', 'info:dormant', 'info:ip-changed',
    ]);
  });

  it('never throws on a token whose every field is hostile or malformed', () => {
    const hostile = { id: 'rt_x', device: 'nope', created_at: { $date: 'x' }, rotating: 'yes', client_id: 7, session_id: 9 } as unknown as RefreshToken;
    const events = [{ type: 'sertft', details: null, date: 5 }, { type: 'ferrt', details: { familyId: 3 } }] as unknown as TokenLogEvent[];
    assert.doesNotThrow(() => analyzeToken({ token: hostile, session: 'gone', events, userTokens: [hostile, null as never], now: SAMPLE_NOW }));
  });
});

describe('analyzeUserTokens', () => {
  it('analyses each token with the others as its siblings and the sessions looked up', () => {
    const tokens = [token(), token({ id: 'rt_second', session_id: 'sess_gone' })];
    const analyses = analyzeUserTokens(tokens, { now: SAMPLE_NOW, events: [], sessions: new Map([['sess_gone', 'gone' as const]]) });
    assert.deepEqual(analyses.get('rt_0f8a7c6b5d4e3f21')?.findings, []);
    assert.deepEqual(analyses.get('rt_second')?.findings.map((finding) => finding.kind), ['outlived-session']);
    assert.deepEqual(analyses.get('rt_second')?.skipped, []);
  });

  it('skips the validity checks of tokens this extension revoked', () => {
    const old = token({ rotating: false, expires_at: undefined });
    assert.deepEqual(analyzeUserTokens([old], { now: SAMPLE_NOW, revokedIds: new Set([old.id]) }).get(old.id)?.findings, []);
  });
});
