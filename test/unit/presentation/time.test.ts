import * as assert from 'node:assert/strict';
import { formatAbsoluteTime, formatDateWithRelative, formatRelativeTime, parseAuth0Date } from '../../../src/presentation/time';

const NOW = new Date('2026-11-26T14:03:00.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('time', () => {
  describe('parseAuth0Date', () => {
    const valid: [string, unknown, string][] = [
      ['ISO string with milliseconds', '2026-11-26T14:03:07.123Z', '2026-11-26T14:03:07.123Z'],
      ['ISO string without milliseconds', '2026-11-26T14:03:07Z', '2026-11-26T14:03:07.000Z'],
      ['ISO string with offset', '2026-11-26T16:03:07+02:00', '2026-11-26T14:03:07.000Z'],
      ['date only', '2026-11-26', '2026-11-26T00:00:00.000Z'],
      ['surrounding spaces', '  2026-11-26T14:03:07Z ', '2026-11-26T14:03:07.000Z'],
      ['Date object', new Date('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000Z'],
      ['epoch seconds', 1_780_000_000, new Date(1_780_000_000_000).toISOString()],
      ['epoch milliseconds', 1_780_000_000_000, new Date(1_780_000_000_000).toISOString()],
      ['BSON-style object', { $date: '2026-11-26T14:03:07Z' }, '2026-11-26T14:03:07.000Z'],
      ['wrapped object', { value: '2026-11-26T14:03:07Z' }, '2026-11-26T14:03:07.000Z'],
      ['wrapped epoch', { date: 1_780_000_000 }, new Date(1_780_000_000_000).toISOString()],
    ];
    for (const [name, input, expected] of valid) {
      it(`reads ${name}`, () => {
        assert.equal(parseAuth0Date(input)?.toISOString(), expected);
      });
    }

    const invalid: [string, unknown][] = [
      ['undefined', undefined],
      ['null', null],
      ['empty string', ''],
      ['prose Date.parse would accept', 'x 1'],
      ['impossible month', '2026-13-01T00:00:00Z'],
      ['script', '<script>alert(1)</script>'],
      ['empty object', {}],
      ['array', ['2026-11-26T14:03:07Z']],
      ['boolean', true],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['invalid Date', new Date('nope')],
      ['deeply nested object', { value: { value: { value: '2026-11-26T14:03:07Z' } } }],
    ];
    for (const [name, input] of invalid) {
      it(`answers undefined for ${name}`, () => {
        assert.equal(parseAuth0Date(input), undefined);
      });
    }
  });

  describe('formatRelativeTime', () => {
    const cases: [number, string][] = [
      [0, 'just now'],
      [-44 * SECOND, 'just now'],
      [44 * SECOND, 'just now'],
      [-45 * SECOND, '1 min ago'],
      [-5 * MINUTE, '5 min ago'],
      [-59 * MINUTE, '59 min ago'],
      [-3 * HOUR, '3 h ago'],
      [-23 * HOUR, '23 h ago'],
      [-2 * DAY, '2 d ago'],
      [4 * DAY, 'in 4 d'],
      [90 * MINUTE, 'in 2 h'],
      [-59 * DAY, '59 d ago'],
      [-90 * DAY, '3 mo ago'],
      [400 * DAY, 'in 13 mo'],
      [-800 * DAY, '2 y ago'],
      // Just under two years rounds to 24 months: say "2 y", never "24 mo".
      [-725 * DAY, '2 y ago'],
      [-700 * DAY, '23 mo ago'],
    ];
    for (const [offset, expected] of cases) {
      it(`${offset} ms from now is "${expected}"`, () => {
        assert.equal(formatRelativeTime(new Date(NOW.getTime() + offset), NOW), expected);
      });
    }
  });

  describe('formatAbsoluteTime', () => {
    it('formats in UTC to the minute', () => {
      assert.equal(formatAbsoluteTime(new Date('2026-11-26T14:03:59.999Z')), '2026-11-26 14:03 UTC');
    });

    it('pads single digits', () => {
      assert.equal(formatAbsoluteTime(new Date('2026-01-02T03:04:00Z')), '2026-01-02 03:04 UTC');
    });

    it('does not depend on the local offset of the input', () => {
      assert.equal(formatAbsoluteTime(new Date('2026-11-26T23:30:00-05:00')), '2026-11-27 04:30 UTC');
    });
  });

  describe('formatDateWithRelative', () => {
    it('joins both forms', () => {
      assert.equal(formatDateWithRelative('2026-11-26T11:03:00Z', NOW), '2026-11-26 11:03 UTC (3 h ago)');
    });

    it('answers undefined for no date', () => {
      assert.equal(formatDateWithRelative({}, NOW), undefined);
    });
  });
});
