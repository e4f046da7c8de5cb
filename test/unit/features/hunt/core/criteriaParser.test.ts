import * as assert from 'node:assert/strict';
import { describeCriteria } from '../../../../../src/features/hunt/core/criteria';
import { parseCriteria, parseDateRange, splitList, unknownApplicationNames, type CriteriaInput, type CriteriaParseContext } from '../../../../../src/features/hunt/core/criteriaParser';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const DAY = 86_400_000;
const WEB = 'webClientId000000000000000000001';
const IOS = 'iosClientId000000000000000000001';
const COMMA = 'commaClientId0000000000000000001';
const TWIN_A = 'twinClientIdA000000000000000001';
const TWIN_B = 'twinClientIdB000000000000000001';

const context: CriteriaParseContext = {
  now: NOW,
  applications: [
    { clientId: WEB, name: 'Acme Web' },
    { clientId: IOS, name: 'Acme iOS' },
    { clientId: COMMA, name: 'Acme, Inc' },
    { clientId: TWIN_A, name: 'Twin' },
    { clientId: TWIN_B, name: 'Twin' },
  ],
  findingKinds: ['ua-changed', 'asn-changed', 'reuse'],
};

function parsed(input: CriteriaInput) {
  const result = parseCriteria(input, context);
  assert.ok(result.ok, result.ok ? '' : result.errors.map((error) => error.message).join('; '));
  return result.criteria;
}

function errorsOf(input: CriteriaInput): string[] {
  const result = parseCriteria(input, context);
  assert.equal(result.ok, false, `expected errors for ${JSON.stringify(input)}`);
  return result.ok ? [] : result.errors.map((error) => `${error.field}|${error.message}`);
}

describe('Hunt criteria parser', () => {
  it('parses an empty form to "every token"', () => {
    assert.deepEqual(parsed({}), { deviceSide: 'either' });
    assert.deepEqual(parsed({ applications: '  ', network: '', created: ' ' }), { deviceSide: 'either' });
  });

  it('resolves applications by name (any case) or client id, quotes keeping commas', () => {
    assert.deepEqual(parsed({ applications: 'acme web, Acme iOS' }).applications, [WEB, IOS]);
    assert.deepEqual(parsed({ applications: `"Acme, Inc"\n${WEB}` }).applications, [COMMA, WEB]);
    assert.deepEqual(parsed({ applications: 'Acme Web, acme web' }).applications, [WEB]);
    // A deleted application's id is no longer listed, but its tokens are worth finding.
    assert.deepEqual(parsed({ applications: 'deletedApp00000000000000000000001' }).applications, ['deletedApp00000000000000000000001']);
    assert.deepEqual(errorsOf({ applications: 'Acme Wbe' }), ['applications|Application: no application is named "Acme Wbe"; give its name as the Dashboard shows it, or its client id']);
    assert.match(errorsOf({ applications: 'twin' })[0], /"twin" names 2 applications \(twinClientIdA000000000000000001, twinClientIdB000000000000000001\); give the client id/);
  });

  it('names the entries a caller has not resolved: neither a known name or id, nor shaped like a client id', () => {
    const known = context.applications;
    assert.deepEqual(unknownApplicationNames('acme web, Support Console, "Acme, Inc", deletedApp00000000000000000000001, Partner Portal', known), ['Support Console', 'Partner Portal']);
    assert.deepEqual(unknownApplicationNames(`${WEB}\n`, known), []);
    assert.deepEqual(unknownApplicationNames('Acme Web', []), ['Acme Web']);
    assert.deepEqual(unknownApplicationNames('', known), []);
  });

  it('with the tenant\'s list loaded, a name resolves; one missing from it is an error without "so far"', () => {
    const fromTokens: CriteriaParseContext = { now: NOW, applications: [{ clientId: IOS, name: 'Acme iOS' }] };
    assert.equal(parseCriteria({ applications: 'Acme Web' }, fromTokens).ok, false, 'only the names resolved from token rows');
    const listed: CriteriaParseContext = { now: NOW, applications: [{ clientId: IOS, name: 'Acme iOS' }, { clientId: WEB, name: 'Acme Web' }] };
    const withList = parseCriteria({ applications: 'acme web, Acme iOS' }, listed);
    assert.deepEqual(withList.ok && withList.criteria.applications, [WEB, IOS]);
    const missing = parseCriteria({ applications: 'Acme Wbe' }, listed);
    assert.deepEqual(missing.ok ? [] : missing.errors.map((error) => error.message), ['Application: no application is named "Acme Wbe"; give its name as the Dashboard shows it, or its client id']);
  });

  it('when the list could not be loaded, an unknown name\'s error says why and asks for the client id', () => {
    const unlisted: CriteriaParseContext = { now: NOW, applications: [{ clientId: IOS, name: 'Acme iOS' }], unlistedReason: 'the token lacks read:clients (or read:client_summary) to list the tenant\'s applications' };
    const result = parseCriteria({ applications: 'Acme iOS, Acme Web' }, unlisted);
    assert.deepEqual(result.ok ? [] : result.errors.map((error) => error.message), [
      'Application: no application is named "Acme Web" among the names known so far; the token lacks read:clients (or read:client_summary) to list the tenant\'s applications — give its client id',
    ]);
    const byId = parseCriteria({ applications: WEB }, unlisted);
    assert.deepEqual(byId.ok && byId.criteria.applications, [WEB], 'a client id still works');
  });

  it('parses networks separated by commas, spaces and lines into canonical entries', () => {
    assert.deepEqual(parsed({ network: '203.0.113.0/24, AS 7922\n2001:DB8::/32  ::ffff:198.51.100.7;16509' }).networks, [
      '203.0.113.0/24', 'AS7922', '2001:db8::/32', '198.51.100.7', 'AS16509',
    ]);
    assert.deepEqual(parsed({ network: '203.0.113.0/24 203.0.113.0/24' }).networks, ['203.0.113.0/24']);
  });

  it('names every network problem', () => {
    const errors = errorsOf({ network: '203.0.113.7/24, 10.0.0.0/33, fe80::1%eth0, 010.1.1.1, acme.example' });
    assert.deepEqual(errors.map((error) => error.split('|')[0]), ['network', 'network', 'network', 'network', 'network']);
    assert.match(errors[0], /^network\|Network: "203\.0\.113\.7\/24" has bits set after the first 24: did you mean 203\.0\.113\.0\/24\?$/);
    assert.match(errors[1], /prefix length 33 is more than 32/);
    assert.match(errors[2], /zone id \(%eth0\)/);
    assert.match(errors[3], /leading zero in "010"/);
    assert.match(errors[4], /not an IP address, a CIDR range/);
  });

  it('reads the device side', () => {
    const cases: [string, string][] = [['', 'either'], ['Either', 'either'], ['both', 'either'], ['initial', 'initial'], ['first', 'initial'], ['LAST', 'last'], ['latest', 'last']];
    for (const [text, side] of cases) {
      assert.equal(parsed({ deviceSide: text }).deviceSide, side, text);
    }
    assert.deepEqual(errorsOf({ deviceSide: 'middle' }), ['deviceSide|Device: "middle" is not a device side; choose initial, last or either']);
  });

  it('keeps user agent text, product and operating system as typed, bounded', () => {
    const criteria = parsed({ userAgent: '  curl/ ', product: ' Chrome 126 ', os: 'iOS' });
    assert.equal(criteria.userAgentContains, 'curl/');
    assert.equal(criteria.product, 'Chrome 126');
    assert.equal(criteria.os, 'iOS');
    assert.match(errorsOf({ userAgent: 'x'.repeat(600) })[0], /^userAgent\|User agent: at most 512 characters/);
  });

  it('parses date ranges', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const cases: [string, { from?: number; to?: number }][] = [
      ['2026-05-01..2026-05-31', { from: day('2026-05-01'), to: day('2026-06-01') }],
      ['2026-05-01 .. ', { from: day('2026-05-01') }],
      ['..2026-05-31', { to: day('2026-06-01') }],
      ['2026-05-14', { from: day('2026-05-14'), to: day('2026-05-15') }],
      ['since 2026-05-01', { from: day('2026-05-01') }],
      ['after 2026-05-01', { from: day('2026-05-01') }],
      ['before 2026-06-01', { to: day('2026-06-01') }],
      ['until 2026-05-31', { to: day('2026-06-01') }],
      ['2026-05-14T09:30Z..2026-05-14T10:00Z', { from: Date.parse('2026-05-14T09:30:00Z'), to: Date.parse('2026-05-14T10:00:00Z') }],
      ['2026-05-14 09:30:15+02:00..', { from: Date.parse('2026-05-14T07:30:15Z') }],
      ['2026-05-14T09:30+0200..', { from: Date.parse('2026-05-14T07:30:00Z') }],
      ['last 7 days', { from: NOW - 7 * DAY }],
      ['7d', { from: NOW - 7 * DAY }],
      ['24h', { from: NOW - DAY }],
      ['2 weeks', { from: NOW - 14 * DAY }],
      ['past 30 min', { from: NOW - 30 * 60_000 }],
    ];
    for (const [text, range] of cases) {
      const result = parseDateRange(text, NOW);
      assert.ok(result.ok, `${text}: ${result.ok ? '' : result.error}`);
      assert.deepEqual(result.range, range, text);
    }
  });

  it('says what is wrong with a date range', () => {
    const cases: [string, RegExp][] = [
      ['2026-02-30', /2026-02-30 is not a day of the calendar/],
      ['2026-13-01..', /not a day of the calendar/],
      ['2026-05-14T25:00Z..', /not a real date and time/],
      ['2026-05-14T09:30..', /has no time zone; add Z for UTC or an offset/],
      ['2026-05-31..2026-05-01', /ends before it starts/],
      ['..', /needs a date on at least one side/],
      ['2026-05-01..2026-05-02..2026-05-03', /more than one "\.\."/],
      ['yesterday', /"yesterday" is not a date; write 2026-05-14.*a range is written/],
      ['05/14/2026', /is not a date/],
      ['0d', /empty span/],
      ['2026-05-14T09:30Z', /one instant; give a range such as 2026-05-14T09:30Z\.\./],
    ];
    for (const [text, expected] of cases) {
      const result = parseDateRange(text, NOW);
      assert.equal(result.ok, false, text);
      assert.match(result.ok ? '' : result.error, expected, text);
    }
    assert.match(errorsOf({ lastUsed: 'yesterday' })[0], /^lastUsed\|Last used: /);
  });

  it('checks finding kinds against the known ones, when given', () => {
    assert.deepEqual(parsed({ findings: 'reuse, ua-changed reuse' }).findingKinds, ['reuse', 'ua-changed']);
    assert.deepEqual(errorsOf({ findings: 'reuse, stolen' }), ['findings|Findings: "stolen" is not a finding kind; known kinds: ua-changed, asn-changed, reuse']);
    const free = parseCriteria({ findings: 'anything' }, { now: NOW });
    assert.ok(free.ok && free.criteria.findingKinds?.[0] === 'anything');
  });

  it('reports every field at once', () => {
    const fields = errorsOf({ applications: 'nope', network: 'x', deviceSide: 'side', created: 'soon', lastUsed: '2026-02-30', findings: 'bad' }).map((error) => error.split('|')[0]);
    assert.deepEqual(new Set(fields), new Set(['applications', 'network', 'deviceSide', 'created', 'lastUsed', 'findings']));
  });

  it('round-trips through the description', () => {
    const criteria = parsed({ applications: 'Acme Web', network: '203.0.113.0/24', deviceSide: 'last', created: '2026-05-01..2026-05-31' });
    assert.equal(
      describeCriteria(criteria, (id) => context.applications?.find((app) => app.clientId === id)?.name),
      'tokens for Acme Web last exchanged from 203.0.113.0/24, created 2026-05-01 to 2026-05-31',
    );
  });

  it('splits lists, honouring quotes', () => {
    assert.deepEqual(splitList('a, "b, c",\n d ,,'), ['a', 'b, c', 'd']);
  });
});
