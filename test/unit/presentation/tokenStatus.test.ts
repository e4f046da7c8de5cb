import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../src/auth0/types';
import { tokenStatus, type TokenStatus } from '../../../src/presentation/tokenStatus';

const NOW = new Date('2026-11-26T14:03:00.000Z');

function token(fields: Partial<RefreshToken>): RefreshToken {
  return { id: 'rt_1', ...fields };
}

describe('tokenStatus', () => {
  const cases: [string, Partial<RefreshToken>, TokenStatus][] = [
    [
      'active, last used',
      { created_at: '2026-11-20T10:00:00Z', last_exchanged_at: '2026-11-26T11:03:00Z', expires_at: '2027-01-01T00:00:00Z' },
      { kind: 'active', label: 'Active', description: 'active · used 3 h ago', detail: 'used 3 h ago' },
    ],
    [
      'active, never exchanged: the issue time',
      { created_at: '2026-11-24T14:03:00Z', idle_expires_at: '2026-12-24T14:03:00Z' },
      { kind: 'active', label: 'Active', description: 'active · issued 2 d ago', detail: 'issued 2 d ago' },
    ],
    ['active, no dates at all', {}, { kind: 'active', label: 'Active', description: 'active', detail: '' }],
    [
      'expired',
      { created_at: '2026-01-01T00:00:00Z', expires_at: '2026-11-24T14:03:00Z' },
      { kind: 'expired', label: 'Expired', description: 'expired 2 d ago', detail: '2 d ago' },
    ],
    [
      'idle-expired',
      { last_exchanged_at: '2026-10-01T00:00:00Z', idle_expires_at: '2026-11-26T09:03:00Z', expires_at: '2027-01-01T00:00:00Z' },
      { kind: 'idle-expired', label: 'Idle-expired', description: 'idle-expired 5 h ago', detail: '5 h ago' },
    ],
    [
      'both passed: the earlier one ended it',
      { idle_expires_at: '2026-11-20T14:03:00Z', expires_at: '2026-11-25T14:03:00Z' },
      { kind: 'idle-expired', label: 'Idle-expired', description: 'idle-expired 6 d ago', detail: '6 d ago' },
    ],
    [
      'expiring exactly now counts as expired',
      { expires_at: '2026-11-26T14:03:00Z' },
      { kind: 'expired', label: 'Expired', description: 'expired just now', detail: 'just now' },
    ],
    [
      'invalid dates never make a token look expired',
      { expires_at: 'not a date', idle_expires_at: '', last_exchanged_at: null, created_at: {} },
      { kind: 'active', label: 'Active', description: 'active', detail: '' },
    ],
    [
      'dates given as objects',
      { last_exchanged_at: { $date: '2026-11-26T13:03:00Z' }, expires_at: { value: '2026-12-26T13:03:00Z' } },
      { kind: 'active', label: 'Active', description: 'active · used 1 h ago', detail: 'used 1 h ago' },
    ],
    [
      'object date in the past',
      { expires_at: { $date: '2026-11-25T14:03:00Z' } },
      { kind: 'expired', label: 'Expired', description: 'expired 1 d ago', detail: '1 d ago' },
    ],
  ];

  for (const [name, fields, expected] of cases) {
    it(name, () => {
      assert.deepEqual(tokenStatus(token(fields), NOW), expected);
    });
  }

  it('revoked wins over every date', () => {
    const status = tokenStatus(token({ expires_at: '2026-11-01T00:00:00Z', last_exchanged_at: '2026-11-26T11:03:00Z' }), NOW, { revoked: true });
    assert.deepEqual(status, { kind: 'revoked', label: 'Revoked', description: 'revoked · used 3 h ago', detail: 'used 3 h ago' });
  });

  it('revoked with no dates', () => {
    assert.equal(tokenStatus(token({}), NOW, { revoked: true }).description, 'revoked');
  });
});
