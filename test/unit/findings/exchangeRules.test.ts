// Impossible travel and "another client under the same user agent": each case of the kind, with
// its false positive and the events where Auth0 recorded nothing to compare (absent is not different).
import * as assert from 'node:assert/strict';
import type { LogEvent } from '../../../src/auth0/types';
import {
  AIRLINER_KMH, GEOLOCATION_ALLOWANCE_KM, haversineKm, impossibleTravel, impossibleTravelFinding, tlsChangedFinding, tlsFingerprintChange,
} from '../../../src/findings/exchangeRules';
import type { TokenEvent } from '../../../src/findings/tokenEvents';

const PLACES = {
  seattle: { latitude: 47.6062, longitude: -122.3321, city_name: 'Seattle', country_code: 'US', country_name: 'United States' },
  bucharest: { latitude: 44.4268, longitude: 26.1025, city_name: 'Bucharest', country_code: 'RO', country_name: 'Romania' },
  london: { latitude: 51.5074, longitude: -0.1278, city_name: 'London', country_code: 'GB', country_name: 'United Kingdom' },
  paris: { latitude: 48.8566, longitude: 2.3522, city_name: 'Paris', country_code: 'FR', country_name: 'France' },
  newYork: { latitude: 40.7128, longitude: -74.006, city_name: 'New York', country_code: 'US', country_name: 'United States' },
  berlin: { latitude: 52.52, longitude: 13.405, city_name: 'Berlin', country_code: 'DE', country_name: 'Germany' },
  potsdam: { latitude: 52.3906, longitude: 13.0645, city_name: 'Potsdam', country_code: 'DE', country_name: 'Germany' },
  hamburg: { latitude: 53.5511, longitude: 9.9937, city_name: 'Hamburg', country_code: 'DE', country_name: 'Germany' },
};

const T0 = Date.parse('2026-12-07T12:00:00.000Z');
const SAFARI = 'Safari 17.4.1 / Mac OS X 10.15.7';

function exchange(at: number, fields: Partial<LogEvent> = {}): LogEvent {
  return { type: 'sertft', date: new Date(at).toISOString(), ip: '198.51.100.23', user_agent: SAFARI, details: { familyId: 'fam-1' }, ...fields };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('Exchange rules', () => {
  it('haversine: London to Paris is about 344 km, Seattle to Bucharest about 9,330 km', () => {
    assert.ok(Math.abs(haversineKm(PLACES.london, PLACES.paris) - 343.9) < 2);
    const far = haversineKm(PLACES.seattle, PLACES.bucharest);
    assert.ok(far > 9_200 && far < 9_450, String(far));
    assert.equal(AIRLINER_KMH, 1000);
    assert.equal(GEOLOCATION_ALLOWANCE_KM, 200);
  });

  describe('impossible travel (a table: distance, time between, verdict)', () => {
    const cases: { name: string; first: LogEvent; second: LogEvent; impossible: boolean }[] = [
      { name: 'Seattle to Bucharest in 3 s', first: exchange(T0, { location_info: PLACES.seattle }), second: exchange(T0 + 3000, { location_info: PLACES.bucharest }), impossible: true },
      { name: 'London to Paris in 10 min: 344 km less the 200 km allowance is 864 km/h (false positive: a nearby VPN exit)', first: exchange(T0, { location_info: PLACES.london }), second: exchange(T0 + 10 * MINUTE, { location_info: PLACES.paris }), impossible: false },
      { name: 'London to Paris in 5 min: 1,728 km/h after the allowance', first: exchange(T0, { location_info: PLACES.london }), second: exchange(T0 + 5 * MINUTE, { location_info: PLACES.paris }), impossible: true },
      { name: 'New York to London in 7 h: a real flight (767 km/h)', first: exchange(T0, { location_info: PLACES.newYork }), second: exchange(T0 + 7 * HOUR, { location_info: PLACES.london }), impossible: false },
      { name: 'New York to London in 4 h', first: exchange(T0, { location_info: PLACES.newYork }), second: exchange(T0 + 4 * HOUR, { location_info: PLACES.london }), impossible: true },
      { name: 'Berlin to Potsdam (27 km) at the same instant: within the geolocation allowance', first: exchange(T0, { location_info: PLACES.berlin }), second: exchange(T0, { location_info: PLACES.potsdam }), impossible: false },
      { name: 'Berlin to Hamburg (255 km) at the same instant: beyond the allowance with no time to travel', first: exchange(T0, { location_info: PLACES.berlin }), second: exchange(T0, { location_info: PLACES.hamburg }), impossible: true },
      { name: 'events in reverse order are judged the same', first: exchange(T0 + 3000, { location_info: PLACES.bucharest }), second: exchange(T0, { location_info: PLACES.seattle }), impossible: true },
      { name: 'location_info null on one side (as recorded): not recorded, not different', first: exchange(T0, { location_info: PLACES.seattle }), second: exchange(T0 + 3000, { location_info: null as never }), impossible: false },
      { name: 'a place without coordinates (country only)', first: exchange(T0, { location_info: PLACES.seattle }), second: exchange(T0 + 3000, { location_info: { country_code: 'RO' } }), impossible: false },
      { name: 'coordinates 0,0 (geo-IP for "unknown")', first: exchange(T0, { location_info: PLACES.seattle }), second: exchange(T0 + 3000, { location_info: { latitude: 0, longitude: 0 } }), impossible: false },
      { name: 'coordinates as strings', first: exchange(T0, { location_info: PLACES.seattle }), second: exchange(T0 + 3000, { location_info: { latitude: '44.4' as never, longitude: '26.1' as never } }), impossible: false },
      { name: 'a latitude out of range', first: exchange(T0, { location_info: PLACES.seattle }), second: exchange(T0 + 3000, { location_info: { latitude: 144.4, longitude: 26.1 } }), impossible: false },
      { name: 'an event without a date', first: exchange(T0, { location_info: PLACES.seattle }), second: { ...exchange(T0, { location_info: PLACES.bucharest }), date: undefined }, impossible: false },
    ];
    for (const testCase of cases) {
      it(testCase.name, () => {
        const verdict = impossibleTravel(testCase.first, testCase.second);
        assert.equal(verdict !== undefined, testCase.impossible, verdict ? `${verdict.distanceKm} km, ${verdict.requiredKmh} km/h` : 'possible');
        if (verdict) {
          assert.ok(Date.parse(String(verdict.earlier.date)) <= Date.parse(String(verdict.later.date)));
        }
      });
    }
  });

  describe('TLS fingerprint changed under the same user agent (a table)', () => {
    const safari = { ja3: '773906b0efdefa24a7f2b8eb6985bf37', ja4: 't13d2014h2_a09f3c656075_14788d8d241b' };
    const python = { ja3: 'a48c0d5f95b1ef98f560f324fd275da1', ja4: 't13d1812h1_85036bcba153_b26ce05bbdd6' };
    const cases: { name: string; first: LogEvent; second: LogEvent; field?: 'ja3' | 'ja4' }[] = [
      { name: 'same user agent, another JA4: a script with a copied User-Agent', first: exchange(T0, { security_context: safari }), second: exchange(T0 + 1000, { security_context: python }), field: 'ja4' },
      { name: 'same user agent, same JA4, another JA3 (false positive: Chrome permutes extensions, JA4 sorts them)', first: exchange(T0, { security_context: safari }), second: exchange(T0 + 1000, { security_context: { ja3: python.ja3, ja4: safari.ja4 } }) },
      { name: 'only JA3 on both sides, different', first: exchange(T0, { security_context: { ja3: safari.ja3 } }), second: exchange(T0 + 1000, { security_context: { ja3: python.ja3 } }), field: 'ja3' },
      { name: 'a browser update (false positive): the version in the user agent changed too', first: exchange(T0, { security_context: safari }), second: exchange(T0 + 1000, { user_agent: 'Safari 17.5.0 / Mac OS X 10.15.7', security_context: python }) },
      { name: 'user agent "Other 0.0.0 / Other 0.0.0" on both: Auth0 identified nothing', first: exchange(T0, { user_agent: 'Other 0.0.0 / Other 0.0.0', security_context: safari }), second: exchange(T0 + 1000, { user_agent: 'Other 0.0.0 / Other 0.0.0', security_context: python }) },
      { name: 'no security_context on one side: not recorded, not different', first: exchange(T0), second: exchange(T0 + 1000, { security_context: python }) },
      { name: 'security_context null', first: exchange(T0, { security_context: null as never }), second: exchange(T0 + 1000, { security_context: python }) },
      { name: 'JA4 on one side, JA3 on the other: nothing of one kind to compare', first: exchange(T0, { security_context: { ja4: safari.ja4 } }), second: exchange(T0 + 1000, { security_context: { ja3: python.ja3 } }) },
      { name: 'an empty JA4 string', first: exchange(T0, { security_context: { ja4: '' } }), second: exchange(T0 + 1000, { security_context: python }) },
      { name: 'the same fingerprints', first: exchange(T0, { security_context: safari }), second: exchange(T0 + 1000, { security_context: { ...safari } }) },
    ];
    for (const testCase of cases) {
      it(testCase.name, () => {
        const change = tlsFingerprintChange(testCase.first, testCase.second);
        assert.equal(change?.field, testCase.field);
      });
    }
  });

  describe('as per-token findings (History)', () => {
    const tokenEvent = (event: LogEvent, extra: Partial<TokenEvent> = {}): TokenEvent => ({ event, date: new Date(String(event.date)), link: 'session', probable: false, earlier: false, ...extra });

    it('impossible-travel: high, the fastest pair of one family as evidence side by side', () => {
      const history = [
        tokenEvent(exchange(T0, { location_info: PLACES.seattle })),
        tokenEvent(exchange(T0 + 3000, { ip: '203.0.113.200', location_info: PLACES.bucharest })),
      ];
      const finding = impossibleTravelFinding(history);
      assert.equal(finding?.kind, 'impossible-travel');
      assert.equal(finding?.severity, 'high');
      assert.equal(finding?.evidence.type, 'comparison');
      const rows = finding?.evidence.type === 'comparison' ? finding.evidence.rows : [];
      assert.deepEqual(rows.find((row) => row.label === 'Place'), { label: 'Place', first: 'Seattle, United States', second: 'Bucharest, Romania' });
      assert.match(finding?.falsePositive ?? '', /VPN/);
    });

    it('impossible-travel: two families of one token are never compared with each other', () => {
      const history = [
        tokenEvent(exchange(T0, { location_info: PLACES.seattle })),
        tokenEvent(exchange(T0 + 3000, { location_info: PLACES.bucharest, details: { familyId: 'fam-2' } })),
      ];
      assert.equal(impossibleTravelFinding(history), undefined);
    });

    it('impossible-travel: an earlier token\'s events are left out; probable events make it medium', () => {
      const earlier = [tokenEvent(exchange(T0, { location_info: PLACES.seattle }), { earlier: true }), tokenEvent(exchange(T0 + 3000, { location_info: PLACES.bucharest }))];
      assert.equal(impossibleTravelFinding(earlier), undefined);
      const probable = [tokenEvent(exchange(T0, { location_info: PLACES.seattle }), { probable: true, link: 'probable' }), tokenEvent(exchange(T0 + 3000, { location_info: PLACES.bucharest }))];
      assert.equal(impossibleTravelFinding(probable)?.severity, 'medium');
    });

    it('tls-changed: high, with both fingerprints side by side', () => {
      const history = [
        tokenEvent(exchange(T0, { security_context: { ja4: 't13d2014h2_a' } })),
        tokenEvent(exchange(T0 + 1000, { security_context: { ja4: 't13d1812h1_b' } })),
      ];
      const finding = tlsChangedFinding(history);
      assert.equal(finding?.kind, 'tls-changed');
      const rows = finding?.evidence.type === 'comparison' ? finding.evidence.rows : [];
      assert.deepEqual(rows.find((row) => row.label === 'JA4'), { label: 'JA4', first: 't13d2014h2_a', second: 't13d1812h1_b' });
    });

    it('the recorded tenant\'s null-heavy events raise neither finding', () => {
      const recorded = (at: number): LogEvent => ({ type: 'sertft', date: new Date(at).toISOString(), ip: '[REDACTED]', user_agent: 'Other 0.0.0 / Other 0.0.0', location_info: null as never, details: null as never });
      const history = [tokenEvent(recorded(T0)), tokenEvent(recorded(T0 + 1000)), tokenEvent(recorded(T0 + 2000))];
      assert.equal(impossibleTravelFinding(history), undefined);
      assert.equal(tlsChangedFinding(history), undefined);
    });
  });
});
