// Lists of values a person reads in one line (an alert's evidence: places, addresses, networks,
// devices). A place is itself "City, Country", so items are joined with " · ", never ", ": two
// places must not read as four.
import * as assert from 'node:assert/strict';
import { addressAndPlace, joinValues } from '../../../src/presentation/valueList';

describe('joinValues', () => {
  const cases: [string, Iterable<string>, number | undefined, string | undefined][] = [
    ['nothing', [], undefined, undefined],
    ['one place', ['Seattle, United States'], undefined, 'Seattle, United States'],
    ['two places', ['Seattle, United States', 'Bucharest, Romania'], undefined, 'Seattle, United States · Bucharest, Romania'],
    ['a Set of places, in insertion order', new Set(['Berlin, Germany', 'Paris, France', 'Berlin, Germany']), undefined, 'Berlin, Germany · Paris, France'],
    ['addresses', ['203.0.113.200', '2001:db8::1'], undefined, '203.0.113.200 · 2001:db8::1'],
    ['more than the limit (5)', ['A, X', 'B, X', 'C, X', 'D, X', 'E, X', 'F, X', 'G, X'], undefined, 'A, X · B, X · C, X · D, X · E, X and 2 more'],
    ['exactly the limit', ['A, X', 'B, X', 'C, X', 'D, X', 'E, X'], undefined, 'A, X · B, X · C, X · D, X · E, X'],
    ['a limit of 2', ['A, X', 'B, X', 'C, X'], 2, 'A, X · B, X and 1 more'],
    ['an empty string is not a value', ['', 'Seattle, United States'], undefined, 'Seattle, United States'],
  ];
  for (const [name, values, limit, expected] of cases) {
    it(name, () => {
      assert.equal(joinValues(values, limit), expected);
    });
  }
});

describe('addressAndPlace', () => {
  const cases: [string, string | undefined, string | undefined, string | undefined][] = [
    ['both', '203.0.113.200', 'Bucharest, Romania', '203.0.113.200 (Bucharest, Romania)'],
    ['the address alone', '127.0.0.1', undefined, '127.0.0.1'],
    ['the place alone', undefined, 'Bucharest, Romania', 'Bucharest, Romania'],
    ['neither', undefined, undefined, undefined],
    ['empty strings are not recorded', '', '', undefined],
  ];
  for (const [name, ip, place, expected] of cases) {
    it(name, () => {
      assert.equal(addressAndPlace(ip, place), expected);
    });
  }
});
