// Issue 18 §2, the kind: every field the contract lets be absent or null, on every surface that
// shows or judges it. What Auth0 did not record is shown as not recorded (an empty cell in CSV,
// as it came in JSON); no sentence infers a fact from the absence; no hunt criterion matches a
// token on a field it does not carry. One test per (surface, field) case.

import * as assert from 'node:assert/strict';
import type { LogEvent, RefreshToken, Session, User } from '../../../src/auth0/types';
import { renderDevicesSection, renderTokenSection } from '../../../src/features/tokens/details/renderDetailsSections';
import { renderSessionSection } from '../../../src/features/tokens/details/renderSessionSection';
import { analyzeToken } from '../../../src/findings/analyzeToken';
import { deviceChangedFinding, networkChangedFinding } from '../../../src/findings/deviceRules';
import { dormantFinding, longLivedFinding, nearCapFinding, sessionFinding, tokenIdsByApplication } from '../../../src/findings/lifetimeRules';
import { describeEvent, eventAsn, eventClientId, eventIp, eventPlace, eventSessionId, eventUserAgent } from '../../../src/findings/logEvents';
import { resolveThresholds } from '../../../src/findings/thresholds';
import { eventsForToken } from '../../../src/findings/tokenEvents';
import { compileCriteria, type HuntCriteria } from '../../../src/features/hunt/core/criteria';
import { huntRows, rowsToCsv, rowsToJson } from '../../../src/features/hunt/core/results';
import { tokensToCsv, tokensToJson } from '../../../src/presentation/export';
import { refreshTokenTooltip, userTooltip } from '../../../src/presentation/tooltips';
import { tokenStatus } from '../../../src/presentation/tokenStatus';
import { textContent } from '../features/tokens/details/htmlTags';
import { parseCsv } from '../fixtures/csv';
import { SAMPLE_NOW, sampleToken } from '../fixtures/payloadTokens';

/** Words that would infer a fact from an absence. */
const INFERENCE = /same as first|same user agent|never exchanged|never used|issued before sessions|never expires|\bnever\b|No user agent recorded/i;

/** The sample token with `field` removed (absent) or set to null. */
function without(field: keyof RefreshToken, how: 'absent' | 'null'): RefreshToken {
  const token = sampleToken();
  if (how === 'absent') {
    delete token[field];
  } else {
    (token as Record<string, unknown>)[field] = null;
  }
  return token;
}

interface TokenCase {
  name: string;
  token: RefreshToken;
  /** What the tooltip must say for it. */
  tooltip: RegExp;
  /** `data-field` of the details row and the text it must end with. */
  details: [string, RegExp];
  /** CSV columns that must be empty. */
  emptyCells: string[];
}

const TOKEN_CASES: TokenCase[] = [
  {
    name: 'device absent', token: without('device', 'absent'),
    tooltip: /\*\*First device:\*\* not recorded {2}\n\*\*Last device:\*\* not recorded\n/,
    details: ['device-none', /Auth0 recorded no device for this token/],
    emptyCells: ['initial_device', 'initial_ip', 'initial_asn', 'initial_user_agent', 'last_device', 'last_ip', 'last_asn', 'last_user_agent'],
  },
  {
    name: 'device null', token: without('device', 'null'),
    tooltip: /\*\*Last device:\*\* not recorded\n/,
    details: ['device-none', /Auth0 recorded no device for this token/],
    emptyCells: ['initial_device', 'last_device', 'last_user_agent'],
  },
  {
    name: 'device {} (an object with nothing in it)', token: { ...sampleToken(), device: {} },
    tooltip: /\*\*First device:\*\* not recorded {2}\n\*\*Last device:\*\* not recorded\n/,
    details: ['last_device', /^not recorded$/],
    emptyCells: ['initial_device', 'last_device'],
  },
  {
    name: 'device with every value null', token: {
      ...sampleToken(),
      device: { initial_ip: null, initial_asn: null, initial_user_agent: null, last_ip: null, last_asn: null, last_user_agent: null },
    },
    tooltip: /\*\*Last device:\*\* not recorded\n/,
    details: ['initial_device', /^not recorded$/],
    emptyCells: ['initial_device', 'initial_ip', 'last_device', 'last_asn'],
  },
  {
    name: 'only the initial side recorded', token: { ...sampleToken(), device: { initial_ip: '203.0.113.7', initial_user_agent: sampleToken().device?.initial_user_agent } },
    tooltip: /\*\*Last device:\*\* not recorded\n/,
    details: ['last_user_agent', /^not recorded$/],
    emptyCells: ['last_device', 'last_ip', 'last_user_agent'],
  },
  {
    name: 'the same user agent on both sides but no address recorded', token: {
      ...sampleToken(), device: { initial_user_agent: 'curl/8.4.0', last_user_agent: 'curl/8.4.0' },
    },
    tooltip: /\*\*Last device:\*\* curl 8\\\.4\\\.0 \\\(script or server\\\)\n/,
    details: ['last_ip', /^not recorded$/],
    emptyCells: ['last_ip', 'initial_ip'],
  },
  {
    name: 'last_exchanged_at absent', token: without('last_exchanged_at', 'absent'),
    tooltip: /\*\*Last used:\*\* not recorded/, details: ['last_exchanged_at', /Last usednot recorded$/], emptyCells: ['last_exchanged_at'],
  },
  {
    name: 'last_exchanged_at null', token: without('last_exchanged_at', 'null'),
    tooltip: /\*\*Last used:\*\* not recorded/, details: ['last_exchanged_at', /Last usednot recorded$/], emptyCells: ['last_exchanged_at'],
  },
  {
    name: 'idle_expires_at null', token: without('idle_expires_at', 'null'),
    tooltip: /\*\*Idle expiry:\*\* none recorded/, details: ['idle_expires_at', /Idle expirynone recorded$/], emptyCells: ['idle_expires_at'],
  },
  {
    name: 'expires_at null', token: without('expires_at', 'null'),
    tooltip: /\*\*Expires:\*\* none recorded/, details: ['expires_at', /Expiresnone recorded$/], emptyCells: ['expires_at'],
  },
  {
    name: 'expires_at absent', token: without('expires_at', 'absent'),
    tooltip: /\*\*Expires:\*\* none recorded/, details: ['expires_at', /Expiresnone recorded$/], emptyCells: ['expires_at'],
  },
  {
    name: 'created_at null', token: without('created_at', 'null'),
    tooltip: /\*\*Created:\*\* not recorded/, details: ['created_at', /Creatednot recorded$/], emptyCells: ['created_at'],
  },
  {
    name: 'session_id null', token: without('session_id', 'null'),
    tooltip: /\*\*Session:\*\* none linked \\\(issued before late 2023\\, or by a grant without a login session\\\)/,
    details: ['session_id', /Sessionnone linked \(issued before late 2023, or by a grant without a login session\)$/],
    emptyCells: ['session_id'],
  },
  {
    name: 'session_id absent', token: without('session_id', 'absent'),
    tooltip: /\*\*Session:\*\* not recorded/, details: ['session_id', /Sessionnot recorded$/], emptyCells: ['session_id'],
  },
  {
    name: 'rotating absent', token: without('rotating', 'absent'),
    tooltip: /\*\*Rotating:\*\* not reported/, details: ['rotating', /Rotatingnot reported$/], emptyCells: ['rotating'],
  },
  {
    name: 'client_id absent', token: without('client_id', 'absent'),
    tooltip: /^\*\*Acme\*\*/, details: ['client_id', /Client idnot recorded$/], emptyCells: ['client_id'],
  },
  {
    name: 'refresh_token_metadata null', token: without('refresh_token_metadata', 'null'),
    tooltip: /\*\*Token id:\*\*/, details: ['id', /Token id/], emptyCells: ['metadata'],
  },
];

/** The text of the element carrying data-field="field" in `markup`. */
function fieldText(markup: string, field: string): string {
  const start = markup.indexOf(`data-field="${field}"`);
  assert.notEqual(start, -1, `data-field="${field}" is present`);
  const open = markup.lastIndexOf('<', start);
  const name = /^<([a-z0-9]+)/.exec(markup.slice(open))?.[1] as string;
  const end = markup.indexOf(`</${name}>`, start);
  return textContent(markup.slice(markup.indexOf('>', start) + 1, end)).trim();
}

function csvRecord(token: RefreshToken): Record<string, string> {
  const [header, row] = parseCsv(tokensToCsv([token], { [String(token.client_id)]: 'Acme' }, SAMPLE_NOW));
  return Object.fromEntries(header.map((name, index) => [name, row[index]]));
}

describe('absent and null fields (issue 18 §2)', () => {
  describe('tooltip', () => {
    for (const testCase of TOKEN_CASES) {
      it(`${testCase.name}: says so, infers nothing`, () => {
        const tooltip = refreshTokenTooltip(testCase.token, 'Acme', SAMPLE_NOW);
        assert.match(tooltip, testCase.tooltip);
        assert.doesNotMatch(tooltip, INFERENCE);
      });
    }
  });

  describe('details panel', () => {
    for (const testCase of TOKEN_CASES) {
      it(`${testCase.name}: says so, infers nothing`, () => {
        const context = { token: testCase.token, appName: 'Acme', tenantLabel: 'acme', now: SAMPLE_NOW };
        const markup = renderTokenSection(context).markup + renderDevicesSection(testCase.token).markup;
        assert.match(fieldText(markup, testCase.details[0]), testCase.details[1]);
        assert.doesNotMatch(textContent(markup), INFERENCE);
      });
    }
  });

  describe('CSV export', () => {
    for (const testCase of TOKEN_CASES) {
      it(`${testCase.name}: empty cells, nothing made up`, () => {
        const record = csvRecord(testCase.token);
        for (const column of testCase.emptyCells) {
          assert.equal(record[column], '', column);
        }
        assert.doesNotMatch(Object.values(record).join('\n'), INFERENCE);
      });
    }
  });

  describe('JSON export', () => {
    for (const testCase of TOKEN_CASES) {
      it(`${testCase.name}: the token exactly as it came (absent stays absent, null stays null)`, () => {
        assert.deepEqual(JSON.parse(tokensToJson([testCase.token]))[0], testCase.token);
      });
    }
  });

  describe('tree row and Quick Pick description (tokenStatus)', () => {
    for (const testCase of TOKEN_CASES) {
      it(`${testCase.name}: active, nothing inferred`, () => {
        const status = tokenStatus(testCase.token, SAMPLE_NOW);
        assert.equal(status.kind, 'active', 'a missing date never makes a token look expired');
        assert.doesNotMatch(status.description, INFERENCE);
      });
    }
  });

  describe('hunt results (rows and their exports)', () => {
    for (const testCase of TOKEN_CASES) {
      it(`${testCase.name}: rows say "not recorded", CSV cells stay empty, JSON keeps the token`, () => {
        const rows = huntRows([{ user: { userId: 'auth0|1', email: 'a@example.com' }, token: testCase.token, findings: [] }]);
        assert.doesNotMatch(`${rows[0].device} ${rows[0].initialDevice}`, INFERENCE);
        const [header, row] = parseCsv(rowsToCsv(rows));
        const record = Object.fromEntries(header.map((name, index) => [name, row[index]]));
        for (const column of testCase.emptyCells.filter((name) => name in record)) {
          assert.equal(record[column], '', column);
        }
        assert.deepEqual(JSON.parse(rowsToJson(rows))[0].token, testCase.token);
      });
    }
  });

  describe('findings, rule by rule', () => {
    const thresholds = resolveThresholds();
    const recorded = (): RefreshToken => ({
      id: 'RefreshTokenID', user_id: 'UserID', created_at: '2024-05-01T13:00:30.038Z', idle_expires_at: null, expires_at: null,
      client_id: 'CLIENTID', session_id: null, rotating: false, resource_servers: [{ audience: 'https://x/api/v2/', scopes: 'openid offline_access' }],
    });
    const cases: [string, () => void][] = [
      ['device-changed: no device, nothing', () => assert.equal(deviceChangedFinding(recorded()), undefined)],
      ['device-changed: one side\'s user agent missing, nothing', () =>
        assert.equal(deviceChangedFinding({ ...recorded(), device: { initial_user_agent: 'curl/8.4.0', last_user_agent: null } }), undefined)],
      ['network-changed: no device, nothing', () => assert.equal(networkChangedFinding(recorded()), undefined)],
      ['network-changed: only one ASN recorded, no "network changed"', () =>
        assert.equal(networkChangedFinding({ ...recorded(), device: { initial_asn: '64500', last_asn: null, initial_ip: '203.0.113.7', last_ip: '203.0.113.7' } }), undefined)],
      ['ip-changed: an ASN missing on one side is said, not assumed the same', () => {
        const finding = networkChangedFinding({ ...recorded(), device: { initial_asn: '64500', initial_ip: '203.0.113.7', last_ip: '198.51.100.2' } });
        assert.equal(finding?.title, 'IP changed (no ASN recorded to compare)');
      }],
      ['long-lived: null expiries are "no expiry recorded", not "never expires"', () => {
        const finding = longLivedFinding(recorded(), SAMPLE_NOW, thresholds);
        assert.equal(finding?.title, 'No expiry recorded: not rotating and no absolute expiry listed');
        assert.deepEqual(finding?.evidence, { type: 'facts', rows: [
          { label: 'Rotating', value: 'no' }, { label: 'Created', value: '2024-05-01 13:00 UTC' }, { label: 'Absolute expiry', value: 'none recorded' },
        ] });
        assert.doesNotMatch(`${finding?.title} ${finding?.why}`, INFERENCE);
      }],
      ['long-lived: rotating with both expiries null says "listed", not "never"', () => {
        const finding = longLivedFinding({ ...recorded(), rotating: true }, SAMPLE_NOW, thresholds);
        assert.equal(finding?.title, 'No expiry recorded: no absolute and no idle expiry listed');
        assert.doesNotMatch(`${finding?.title} ${finding?.why}`, INFERENCE);
      }],
      ['dormant: last_exchanged_at absent, nothing', () => assert.equal(dormantFinding(recorded(), SAMPLE_NOW, thresholds), undefined)],
      ['dormant: last_exchanged_at null, nothing', () => assert.equal(dormantFinding({ ...recorded(), last_exchanged_at: null }, SAMPLE_NOW, thresholds), undefined)],
      ['dormant: last_exchanged_at unreadable, nothing and the reason says so', () => {
        const token = { ...recorded(), last_exchanged_at: 'soon' };
        assert.equal(dormantFinding(token, SAMPLE_NOW, thresholds), undefined);
        const skipped = analyzeToken({ token, now: SAMPLE_NOW }).skipped.find((check) => check.kinds.includes('dormant'));
        assert.equal(skipped?.reason, 'The token\'s last_exchanged_at is not a readable date.');
      }],
      ['dormant: created_at absent and last exchange recorded long ago, still judged from the exchange', () =>
        assert.equal(dormantFinding({ ...recorded(), created_at: undefined, last_exchanged_at: '2026-01-01T00:00:00.000Z' }, SAMPLE_NOW, thresholds)?.evidence.type, 'facts')],
      ['no-session: session_id null, "no session linked"', () => {
        const finding = sessionFinding(recorded(), undefined, true);
        assert.equal(finding?.title, 'No session linked');
        assert.deepEqual(finding?.evidence, { type: 'facts', rows: [{ label: 'Session', value: 'none linked (issued before late 2023, or by a grant without a login session)' }] });
      }],
      ['no-session: session_id absent, nothing (not recorded is not "none")', () => {
        const token = recorded();
        delete token.session_id;
        assert.equal(sessionFinding(token, undefined, true), undefined);
        assert.ok(analyzeToken({ token, now: SAMPLE_NOW }).skipped.some((check) => check.kinds.includes('outlived-session') && /no session_id/.test(check.reason)));
      }],
      ['outlived-session: session_id null and the session "gone", still only "no session linked"', () =>
        assert.equal(sessionFinding(recorded(), 'gone', true)?.kind, 'no-session')],
      ['near-cap: tokens without client_id are counted apart, not with the application', () => {
        const tokens = Array.from({ length: 160 }, (_, index) => ({ id: `t${index}` }));
        assert.equal(nearCapFinding(recorded(), tokenIdsByApplication(tokens)), undefined);
      }],
      ['analyzeToken: the recorded token, its findings infer nothing', () => {
        const analysis = analyzeToken({ token: recorded(), events: [], userTokens: [recorded()], now: SAMPLE_NOW });
        assert.deepEqual(analysis.findings.map((finding) => finding.kind), ['long-lived', 'no-session']);
        assert.doesNotMatch(JSON.stringify(analysis.findings), INFERENCE);
      }],
    ];
    for (const [name, check] of cases) {
      it(name, check);
    }
  });

  describe('log events full of nulls (as recorded)', () => {
    /** A recorded event's shape: nulls and extras, Auth0's "identified nothing" agent summary. */
    const nullEvent = (overrides: Record<string, unknown> = {}): LogEvent => ({
      _id: '900', log_id: '900', date: '2026-11-25T10:00:00.000Z', type: 'sertft', description: '', connection: null, connection_id: '',
      organization_id: null, organization_name: null, client_id: null, client_name: null, ip: '[REDACTED]', hostname: null, details: null,
      user_id: '', user_name: '', user_agent: 'Other 0.0.0 / Other 0.0.0', audience: null, scope: null, strategy: null, strategy_type: null,
      isMobile: false, location_info: null, ...overrides,
    } as unknown as LogEvent);
    const sessionless = { ...sampleToken(), session_id: null };
    const cases: [string, () => void][] = [
      ['details null: no session, no family', () => assert.equal(eventSessionId(nullEvent()), undefined)],
      ['location_info null: no place, no ASN', () => {
        assert.equal(eventPlace(nullEvent()), undefined);
        assert.equal(eventAsn(nullEvent()), undefined);
      }],
      ['client_id null: no application', () => assert.equal(eventClientId(nullEvent()), undefined)],
      ['description null on ferrt: "Rotating exchange failed", no reuse claimed', () =>
        assert.equal(describeEvent(nullEvent({ type: 'ferrt', description: null })), 'Rotating exchange failed')],
      ['ip and user_agent read as they came', () => {
        assert.equal(eventIp(nullEvent({ ip: null })), undefined);
        assert.equal(eventUserAgent(nullEvent({ user_agent: null })), undefined);
      }],
      ['a sessionless token does not take an event whose client_id is null as probably its own', () =>
        assert.deepEqual(eventsForToken(sessionless, [nullEvent()]), [])],
      ['a token without client_id does not take every sessionless event as probably its own', () => {
        const token: RefreshToken = { ...sessionless };
        delete token.client_id;
        assert.deepEqual(eventsForToken(token, [nullEvent({ client_id: sampleToken().client_id })]), []);
      }],
      ['non-judged types (seccft, sapi, ss, fn) are never a token\'s history', () =>
        assert.deepEqual(eventsForToken(sessionless, ['seccft', 'sapi', 'ss', 'fn'].map((type) => nullEvent({ type, client_id: sampleToken().client_id }))), [])],
      ['analyzeToken on events full of nulls: no throw, no finding from them', () => {
        const events = ['sertft', 'ferrt', 'fertft', 'srrt', 'seacft', 'seccft', 'sapi', 'ss', 'fn'].map((type, index) => nullEvent({ type, log_id: `l${index}` }));
        const analysis = analyzeToken({ token: sampleToken(), events, userTokens: [sampleToken()], session: 'gone', now: SAMPLE_NOW });
        assert.deepEqual(analysis.history, []);
        assert.equal(analysis.findings.some((finding) => ['reuse-detected', 'many-devices', 'many-networks'].includes(finding.kind)), false);
      }],
    ];
    for (const [name, check] of cases) {
      it(name, check);
    }
  });

  describe('sessions without device, dates or clients', () => {
    const bare: Session = { id: 'SessionID' };
    const render = (session: Session) => textContent(renderSessionSection({ state: 'loaded', session, now: SAMPLE_NOW }).markup);
    const cases: [string, Session, RegExp][] = [
      ['device absent', bare, /Auth0 recorded no device for this session\./],
      ['device absent: no made-up summary', bare, /When the session beganDevicenot recorded/],
      ['last_interacted_at null', { ...bare, last_interacted_at: null } as unknown as Session, /Last interactionnot recorded/],
      ['expires_at null', { ...bare, expires_at: null } as unknown as Session, /Absolute expirynone recorded/],
      ['idle_expires_at null', { ...bare, idle_expires_at: null } as unknown as Session, /Idle expirynone recorded/],
      ['authenticated_at absent', bare, /Authenticatednot recorded/],
      ['clients absent', bare, /Applicationsnone listed/],
      ['authentication absent', bare, /Authentication methodsnone recorded/],
      ['device with an address and no user agent', { ...bare, device: { initial_ip: '203.0.113.7' } }, /When the session beganDevicenot recordedIP address203\.0\.113\.7/],
    ];
    for (const [name, session, expected] of cases) {
      it(name, () => {
        const text = render(session);
        assert.match(text, expected);
        assert.doesNotMatch(text, INFERENCE);
      });
    }
    it('session_id null on the token: "no session linked", both reasons named', () => {
      const text = textContent(renderSessionSection({ state: 'no-session' }).markup);
      assert.match(text, /No session linked \(session_id is null\)/);
      assert.match(text, /late 2023/);
      assert.match(text, /grant without a login session/);
    });
    it('session_id absent on the token: "not recorded"', () => {
      assert.match(textContent(renderSessionSection({ state: 'no-session', notRecorded: true }).markup), /Session not recorded: Auth0 sent no session_id/);
    });
  });

  describe('users without last_login or logins_count', () => {
    const user: User = { user_id: 'auth0|677e183104cb56de4c43408a', email: 'chuck843@example.com', created_at: '2025-01-08T06:16:17.101Z' };
    const cases: [string, RegExp, User?][] = [
      ['last_login absent', /\*\*Last login:\*\* not recorded/],
      ['logins_count absent', /\*\*Logins:\*\* not recorded/],
      // A read that did not return them (fields=, a connection without them) is not "none" or "unknown".
      ['email absent', /\*\*Email:\*\* not recorded/, { user_id: 'sms|677e1831' }],
      ['identities absent', /\*\*Connection:\*\* not recorded/, { user_id: 'sms|677e1831' }],
      ['created_at absent', /\*\*Created:\*\* not recorded/, { user_id: 'sms|677e1831' }],
    ];
    for (const [name, expected, other] of cases) {
      it(name, () => {
        const tooltip = userTooltip(other ?? user, SAMPLE_NOW);
        assert.doesNotMatch(tooltip, /\*\* (none|unknown)\b/);
        assert.match(tooltip, expected);
        assert.doesNotMatch(tooltip, /\*\*Logins:\*\* 0|never logged/i);
      });
    }
  });

  describe('hunt criteria never match on a field the token does not carry', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const bare = (): RefreshToken => ({ id: 'RefreshTokenID', user_id: 'UserID', client_id: 'CLIENTID', session_id: null, idle_expires_at: null, expires_at: null });
    const cases: [string, Partial<HuntCriteria>, RefreshToken][] = [
      ['"not exchanged since" (last used before X): last exchange unknown', { lastUsed: { to: day('2026-06-01') } }, bare()],
      ['"not exchanged since": last_exchanged_at null', { lastUsed: { to: day('2026-06-01') } }, { ...bare(), last_exchanged_at: null }],
      ['"last used since X": last exchange unknown', { lastUsed: { from: day('2020-01-01') } }, bare()],
      ['"created before X": created_at absent', { created: { to: day('2026-06-01') } }, bare()],
      ['"created before X": created_at null', { created: { to: day('2026-06-01') } }, { ...bare(), created_at: null }],
      ['network (CIDR): no device', { networks: ['0.0.0.0/0'] }, bare()],
      ['network (ASN): no device', { networks: ['AS7922'] }, bare()],
      ['network: device with nulls', { networks: ['0.0.0.0/0'] }, { ...bare(), device: { initial_ip: null, last_ip: null } }],
      ['user agent contains "": no device (blank text is no criterion, so use a space-free one)', { userAgentContains: 'o' }, bare()],
      ['product: no device', { product: 'Other' }, bare()],
      ['os: no device', { os: 'Other' }, bare()],
      ['initial side only: the initial side is absent, the last present', { deviceSide: 'initial', product: 'curl' }, { ...bare(), device: { last_user_agent: 'curl/8.4.0' } }],
      ['application: client_id absent', { applications: ['CLIENTID'] }, (() => { const token = bare(); delete token.client_id; return token; })()],
      ['finding "dormant": the analysis raises none for an unknown last exchange', { findingKinds: ['dormant'] }, bare()],
    ];
    for (const [name, criteria, token] of cases) {
      it(name, () => {
        const compiled = compileCriteria({ deviceSide: 'either', ...criteria });
        const findings = analyzeToken({ token, now: SAMPLE_NOW }).findings.map((finding) => finding.kind);
        assert.equal(compiled.matches(token, findings), false);
      });
    }
  });
});
