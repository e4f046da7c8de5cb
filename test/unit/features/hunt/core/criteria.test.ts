import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../../../src/auth0/types';
import {
  compileCriteria, CriteriaError, describeCriteria, describeDateRange, sameCriteria, type HuntCriteria,
} from '../../../../../src/features/hunt/core/criteria';

export const AGENTS = {
  chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
  curl: 'curl/8.4.0',
  acmeIos: 'Acme/3.2 CFNetwork/1404 Darwin/22.2.0',
};

const WEB = 'webClientId000000000000000000001';
const IOS = 'iosClientId000000000000000000001';

function token(overrides: Partial<RefreshToken> & { device?: RefreshToken['device'] } = {}): RefreshToken {
  return {
    id: 'tok_1',
    user_id: 'auth0|1',
    client_id: WEB,
    created_at: '2026-05-10T12:00:00.000Z',
    last_exchanged_at: '2026-05-20T08:00:00.000Z',
    device: {
      initial_ip: '198.51.100.7',
      initial_asn: '7922',
      initial_user_agent: AGENTS.chromeMac,
      last_ip: '203.0.113.50',
      last_asn: '16509',
      last_user_agent: AGENTS.curl,
    },
    ...overrides,
  };
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function matches(criteria: Partial<HuntCriteria>, subject: RefreshToken, findings: string[] = []): boolean {
  return compileCriteria({ deviceSide: 'either', ...criteria }).matches(subject, findings);
}

describe('Hunt criteria', () => {
  it('matches each kind of criterion, and combines kinds with AND, values with OR', () => {
    const subject = token();
    const cases: [string, Partial<HuntCriteria>, boolean][] = [
      ['no criteria', {}, true],
      ['its application', { applications: [WEB] }, true],
      ['one of several applications', { applications: [IOS, WEB] }, true],
      ['another application', { applications: [IOS] }, false],
      ['last IP in a range', { networks: ['203.0.113.0/24'] }, true],
      ['initial IP exactly', { networks: ['198.51.100.7'] }, true],
      ['neither IP', { networks: ['192.0.2.0/24'] }, false],
      ['one of several networks', { networks: ['192.0.2.0/24', 'AS16509'] }, true],
      ['initial ASN on the initial side', { networks: ['AS7922'], deviceSide: 'initial' }, true],
      ['initial ASN on the last side', { networks: ['AS7922'], deviceSide: 'last' }, false],
      ['last range on the initial side', { networks: ['203.0.113.0/24'], deviceSide: 'initial' }, false],
      ['user agent text, any case', { userAgentContains: 'CURL/8' }, true],
      ['user agent text on the initial side', { userAgentContains: 'curl', deviceSide: 'initial' }, false],
      ['product by name', { product: 'chrome' }, true],
      ['product with its version', { product: 'Chrome 126' }, true],
      ['product with a version prefix is not the version', { product: 'Chrome 12' }, false],
      ['product of a script', { product: 'curl', deviceSide: 'last' }, true],
      ['operating system', { os: 'macos' }, true],
      ['operating system it is not', { os: 'Windows' }, false],
      ['created in range', { created: { from: day('2026-05-01'), to: day('2026-06-01') } }, true],
      ['created after the range', { created: { to: day('2026-05-10') } }, false],
      ['created exactly at the start (inclusive)', { created: { from: Date.parse('2026-05-10T12:00:00.000Z') } }, true],
      ['created exactly at the end (exclusive)', { created: { to: Date.parse('2026-05-10T12:00:00.000Z') } }, false],
      ['last used since', { lastUsed: { from: day('2026-05-20') } }, true],
      ['last used before', { lastUsed: { to: day('2026-05-20') } }, false],
      ['application AND network', { applications: [WEB], networks: ['203.0.113.0/24'] }, true],
      ['application AND a network it misses', { applications: [WEB], networks: ['192.0.2.0/24'] }, false],
      // With "either", one side has to satisfy every device criterion: the curl side is not in 198.51.100.0/24.
      ['range and agent of different sides', { networks: ['198.51.100.0/24'], userAgentContains: 'curl' }, false],
      ['range and agent of the same side', { networks: ['203.0.113.0/24'], userAgentContains: 'curl' }, true],
      ['range and product of the same side', { networks: ['198.51.100.0/24'], product: 'Chrome', os: 'macOS' }, true],
    ];
    for (const [what, criteria, expected] of cases) {
      assert.equal(matches(criteria, subject), expected, what);
    }
  });

  it('reads finding kinds from the injected findings', () => {
    assert.equal(matches({ findingKinds: ['ua-changed'] }, token(), ['ua-changed', 'asn-changed']), true);
    assert.equal(matches({ findingKinds: ['reuse'] }, token(), ['ua-changed']), false);
    assert.equal(matches({ findingKinds: ['reuse'] }, token(), []), false);
    assert.equal(compileCriteria({ deviceSide: 'either', findingKinds: ['reuse'] }).usesFindings, true);
    assert.equal(compileCriteria({ deviceSide: 'either', findingKinds: [] }).usesFindings, false);
  });

  it('does not match what a token lacks, and survives hostile fields', () => {
    const bare: RefreshToken = { id: 'tok_bare' };
    assert.equal(matches({}, bare), true);
    assert.equal(matches({ applications: [WEB] }, bare), false);
    assert.equal(matches({ networks: ['::/0'] }, bare), false);
    assert.equal(matches({ userAgentContains: 'a' }, bare), false);
    assert.equal(matches({ created: { from: 0 } }, bare), false);
    const hostile = token({
      client_id: { $ne: 1 } as unknown as string,
      created_at: 'yesterday',
      device: { initial_ip: 7 as unknown as string, last_ip: '"><script>', last_user_agent: ['curl'] as unknown as string, initial_asn: { x: 1 } as unknown as string },
    });
    assert.equal(matches({ applications: [WEB] }, hostile), false);
    assert.equal(matches({ created: { from: 0 } }, hostile), false);
    assert.equal(matches({ networks: ['0.0.0.0/0', '::/0', 'AS1'] }, hostile), false);
    assert.equal(matches({ userAgentContains: 'curl' }, hostile), false);
    assert.equal(matches({ product: 'curl' }, token({ device: null })), false);
    // One matcher sees many tokens: a hostile pair must not be mistaken for another it resembles.
    const compiled = compileCriteria({ deviceSide: 'last', networks: ['1.2.3.4'] });
    assert.equal(compiled.matches(token({ device: { last_ip: '1.2.3.4', last_asn: '5 x' } }), []), true);
    assert.equal(compiled.matches(token({ device: { last_ip: '1.2.3.4 5', last_asn: 'x' } }), []), false);
  });

  it('refuses criteria it cannot use', () => {
    assert.throws(() => compileCriteria({ deviceSide: 'either', networks: ['203.0.113.7/24'] }), (error: unknown) =>
      error instanceof CriteriaError && /did you mean 203\.0\.113\.0\/24/.test(error.message));
    assert.throws(() => compileCriteria({ deviceSide: 'either', created: { from: day('2026-06-01'), to: day('2026-05-01') } }), /Created: the range ends before it starts/);
    assert.throws(() => compileCriteria({ deviceSide: 'either', lastUsed: { from: Number.NaN } }), /Last used/);
  });

  it('compares criteria regardless of key order and absent fields', () => {
    assert.equal(sameCriteria({ deviceSide: 'either', applications: [WEB] }, { applications: [WEB], deviceSide: 'either', os: undefined }), true);
    assert.equal(sameCriteria({ deviceSide: 'either', applications: [WEB] }, { deviceSide: 'last', applications: [WEB] }), false);
  });

  it('describes criteria in one line', () => {
    const names: Record<string, string> = { [WEB]: 'Acme Web', [IOS]: 'Acme iOS' };
    const name = (id: string) => names[id];
    const cases: [Partial<HuntCriteria>, string][] = [
      [{}, 'all refresh tokens'],
      [{ applications: [WEB] }, 'tokens for Acme Web'],
      [{ applications: [WEB], networks: ['203.0.113.0/24'], deviceSide: 'last' }, 'tokens for Acme Web last exchanged from 203.0.113.0/24'],
      [{ applications: [WEB, IOS, 'unknownClient00000000000000001'] }, 'tokens for Acme Web, Acme iOS or unknownClient00000000000000001'],
      [{ applications: ['a', 'b', 'c', 'd'] }, 'tokens for 4 applications'],
      [{ networks: ['203.0.113.0/24', 'AS7922'] }, 'tokens issued or exchanged from 203.0.113.0/24 or AS7922'],
      [{ networks: ['2001:db8::/32'], deviceSide: 'initial' }, 'tokens issued from 2001:db8::/32'],
      [{ product: 'Chrome', os: 'Windows' }, 'tokens using Chrome on Windows'],
      [{ userAgentContains: 'curl', deviceSide: 'last' }, 'tokens with a user agent containing "curl" (last device)'],
      [{ created: { from: day('2026-05-01'), to: day('2026-06-01') } }, 'tokens created 2026-05-01 to 2026-05-31'],
      [{ lastUsed: { from: day('2026-05-14') } }, 'tokens last used since 2026-05-14 (where Auth0 recorded it)'],
      [{ lastUsed: { from: day('2026-05-14'), to: day('2026-05-15') } }, 'tokens last used on 2026-05-14 (where Auth0 recorded it)'],
      [{ findingKinds: ['ua-changed', 'reuse'] }, 'tokens with the finding ua-changed or reuse'],
      [
        { applications: [IOS], networks: ['AS16509'], deviceSide: 'last', created: { to: day('2026-05-01') }, findingKinds: ['asn-changed'] },
        'tokens for Acme iOS last exchanged from AS16509, created before 2026-05-01, with the finding asn-changed',
      ],
    ];
    for (const [criteria, expected] of cases) {
      assert.equal(describeCriteria({ deviceSide: 'either', ...criteria }, name), expected);
    }
  });

  it('describes date ranges, day-aligned or not', () => {
    assert.equal(describeDateRange({ from: Date.parse('2026-05-14T09:30:00Z') }), 'since 2026-05-14 09:30 UTC');
    assert.equal(describeDateRange({ to: day('2026-05-15') }), 'before 2026-05-15');
    assert.equal(describeDateRange({ from: day('2026-05-14'), to: Date.parse('2026-05-14T12:00:00Z') }), 'between 2026-05-14 and 2026-05-14 12:00 UTC');
    assert.equal(describeDateRange({}), 'at any time');
  });
});
