import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../../../src/auth0/types';
import type { HuntMatch } from '../../../../../src/features/hunt/core/checkpoint';
import { filterRows, groupByUser, huntRows, rowsToCsv, rowsToJson, sortRows, type HuntRow } from '../../../../../src/features/hunt/core/results';
import { parseCsv } from '../../../fixtures/csv';
import { injectionPayloads } from '../../../fixtures/injectionPayloads';
import { sampleToken, tokenWithEveryStringField } from '../../../fixtures/payloadTokens';


const WEB = 'webClientId000000000000000000001';
const IOS = 'iosClientId000000000000000000001';
const NAMES: Record<string, string> = { [WEB]: 'Acme Web', [IOS]: 'Acme iOS' };

function match(id: string, userId: string, overrides: Partial<RefreshToken> = {}, findings: string[] = [], email?: string): HuntMatch {
  return { user: { userId, ...(email ? { email } : {}) }, token: { ...sampleToken(), id, user_id: userId, ...overrides }, findings };
}

function sample(): HuntRow[] {
  const device = (ip: string, asn: string) => ({ ...sampleToken().device, last_ip: ip, last_asn: asn });
  return huntRows([
    match('t1', 'auth0|jane', { client_id: WEB, created_at: '2026-05-03T00:00:00Z', device: device('203.0.113.50', '7922') }, ['ua-changed'], 'jane@example.com'),
    match('t2', 'auth0|bob', { client_id: IOS, created_at: '2026-05-01T00:00:00Z', device: device('2001:db8::1', '16509') }),
    match('t3', 'auth0|jane', { client_id: IOS, created_at: undefined, device: device('10.0.0.9', '701') }, ['ua-changed', 'asn-changed'], 'jane@example.com'),
    match('t4', 'auth0|zed', { client_id: 'goneClient00000000000000000000001', created_at: '2026-05-02T00:00:00Z', device: { last_ip: 'not an ip' } }),
    match('t5', 'auth0|jane', { client_id: WEB, created_at: '2026-05-04T00:00:00Z', device: device('9.9.9.9', '7922') }, [], 'jane@example.com'),
  ], (id) => NAMES[id]);
}

describe('Hunt results', () => {
  it('makes one row per match, in words', () => {
    const [row] = huntRows([match('t1', 'auth0|jane', { client_id: WEB }, ['ua-changed'], 'jane@example.com')], (id) => NAMES[id]);
    const { match: source, ...shown } = row;
    assert.equal(source.token.id, 't1');
    assert.deepEqual(shown, {
      tokenId: 't1',
      userId: 'auth0|jane',
      user: 'jane@example.com',
      email: 'jane@example.com',
      clientId: WEB,
      application: 'Acme Web',
      device: 'Acme 3.2 (iOS native app)',
      ip: '198.51.100.2',
      asn: '64501',
      initialDevice: 'Chrome 126 on macOS (desktop)',
      initialIp: '203.0.113.7',
      initialAsn: '64500',
      createdAt: new Date('2026-11-20T10:00:00.000Z'),
      lastUsedAt: new Date('2026-11-26T11:00:00.000Z'),
      sessionId: 'sess_01HZX4K7Q2M8N5P3R6S9T0V1W2',
      findings: ['ua-changed'],
    });
  });

  it('falls back to ids and says what is unknown', () => {
    const [row] = huntRows([{ user: { userId: 'auth0|x', name: 'X' }, token: { id: 'bare' }, findings: [] }]);
    assert.equal(row.user, 'X');
    assert.equal(row.application, 'unknown application');
    assert.equal(row.device, 'not recorded');
    assert.equal(row.ip, undefined);
    assert.equal(row.createdAt, undefined);
    const [deleted] = huntRows([match('t', 'auth0|x', { client_id: 'goneClient' })]);
    assert.equal(deleted.application, 'goneClient');
  });

  it('groups by user with counts, most tokens first', () => {
    const groups = groupByUser(sample());
    assert.deepEqual(groups.map((group) => [group.user, group.tokenCount, group.applications, group.withFindings, group.rows.map((row) => row.tokenId)]), [
      ['jane@example.com', 3, ['Acme iOS', 'Acme Web'], 2, ['t1', 't3', 't5']],
      ['auth0|bob', 1, ['Acme iOS'], 0, ['t2']],
      ['auth0|zed', 1, ['goneClient00000000000000000000001'], 0, ['t4']],
    ]);
  });

  it('sorts by each key, missing values last in both directions, stably', () => {
    const ids = (rows: HuntRow[]) => rows.map((row) => row.tokenId);
    const rows = sample();
    assert.deepEqual(ids(sortRows(rows, 'created')), ['t2', 't4', 't1', 't5', 't3']);
    assert.deepEqual(ids(sortRows(rows, 'created', 'descending')), ['t5', 't1', 't4', 't2', 't3']);
    // By address: 9.9.9.9 < 10.0.0.9 (numeric, not textual), IPv4 before IPv6, the unreadable last.
    assert.deepEqual(ids(sortRows(rows, 'ip')), ['t5', 't3', 't1', 't2', 't4']);
    assert.deepEqual(ids(sortRows(rows, 'ip', 'descending')), ['t2', 't1', 't3', 't5', 't4']);
    assert.deepEqual(ids(sortRows(rows, 'asn')), ['t3', 't1', 't5', 't2', 't4']);
    assert.deepEqual(ids(sortRows(rows, 'findings', 'descending')), ['t3', 't1', 't2', 't4', 't5']);
    assert.deepEqual(ids(sortRows(rows, 'user')), ['t2', 't4', 't1', 't3', 't5']);
    assert.deepEqual(ids(sortRows(rows, 'application')), ['t2', 't3', 't1', 't5', 't4']);
    assert.deepEqual(ids(rows), ['t1', 't2', 't3', 't4', 't5'], 'the input is not reordered');
  });

  it('filters by text, finding, application and user', () => {
    const ids = (rows: HuntRow[]) => rows.map((row) => row.tokenId);
    const rows = sample();
    assert.deepEqual(ids(filterRows(rows, { text: 'ACME IOS' })), ['t2', 't3']);
    assert.deepEqual(ids(filterRows(rows, { text: '203.0.113' })), ['t1', 't2', 't3', 't5'], 't4 alone has no initial IP');
    assert.deepEqual(ids(filterRows(rows, { text: '2001:db8' })), ['t2']);
    assert.deepEqual(ids(filterRows(rows, { text: 'asn-changed' })), ['t3']);
    assert.deepEqual(ids(filterRows(rows, { findingKind: 'ua-changed' })), ['t1', 't3']);
    assert.deepEqual(ids(filterRows(rows, { withFindings: false })), ['t2', 't4', 't5']);
    assert.deepEqual(ids(filterRows(rows, { clientId: WEB, userId: 'auth0|jane' })), ['t1', 't5']);
    assert.deepEqual(ids(filterRows(rows, { text: '  ' })), ids(rows));
  });

  it('exports CSV with a header, one row per match, dates in ISO', () => {
    const rows = parseCsv(rowsToCsv(sample()));
    assert.deepEqual(rows[0], [
      'user_id', 'user', 'token_id', 'client_id', 'application', 'last_device', 'last_ip', 'last_asn', 'initial_device',
      'initial_ip', 'initial_asn', 'created_at', 'last_exchanged_at', 'session_id', 'findings',
    ]);
    assert.equal(rows.length, 6);
    const t3 = rows[3];
    assert.equal(t3[2], 't3');
    assert.equal(t3[4], 'Acme iOS');
    assert.equal(t3[11], '', 'no created date');
    assert.equal(t3[12], '2026-11-26T11:00:00.000Z');
    assert.equal(t3[14], 'ua-changed; asn-changed');
    const unreadable = parseCsv(rowsToCsv(huntRows([match('t', 'u', { created_at: 'last tuesday' })])));
    assert.equal(unreadable[1][11], 'last tuesday', 'an unreadable date is exported as it came');
  });

  describe('guards every CSV cell against formulas, for each payload', () => {
    const columns = parseCsv(rowsToCsv([]))[0].length;
    for (const payload of injectionPayloads) {
      it(payload.name, () => {
        const token = tokenWithEveryStringField(payload.value);
        const hostile: HuntMatch = { user: { userId: payload.value, email: payload.value }, token, findings: [payload.value] };
        const rows = parseCsv(rowsToCsv(huntRows([hostile], () => payload.value)));
        assert.equal(rows.length, 2);
        assert.equal(rows[1].length, columns);
        for (const cell of rows[1]) {
          assert.doesNotMatch(cell, /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
        }
        const expected = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(payload.value) ? `'${payload.value}` : payload.value;
        assert.equal(rows[1][0], expected);
      });
    }
  });

  it('exports JSON with the token exactly as Auth0 sent it', () => {
    const matches = [match('t1', 'auth0|jane', { client_id: WEB, future_field: { nested: [1] } }, ['ua-changed'], 'jane@example.com')];
    const json = JSON.parse(rowsToJson(huntRows(matches, (id) => NAMES[id])));
    assert.deepEqual(json, [{
      user: { user_id: 'auth0|jane', email: 'jane@example.com' },
      application: { client_id: WEB, name: 'Acme Web' },
      findings: ['ua-changed'],
      token: JSON.parse(JSON.stringify(matches[0].token)),
    }]);
  });
});
