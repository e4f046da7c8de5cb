import * as assert from 'node:assert/strict';
import { analyzeUserTokens } from '../../../src/findings/analyzeToken';
import { csvCell, tokensToCsv, tokensToJson } from '../../../src/presentation/export';
import { injectionPayloads } from '../fixtures/injectionPayloads';
import { parseCsv } from '../fixtures/csv';
import { SAMPLE_NOW, sampleToken, tokenWithEveryStringField } from '../fixtures/payloadTokens';


describe('export', () => {
  describe('csvCell', () => {
    const cases: [string, unknown, string][] = [
      ['plain', 'abc', 'abc'],
      ['comma quoted', 'a,b', '"a,b"'],
      ['quote doubled', 'say "hi"', '"say ""hi"""'],
      ['line break quoted', 'a\nb', '"a\nb"'],
      ['CRLF quoted', 'a\r\nb', '"a\r\nb"'],
      ['formula guarded', '=1+1', "'=1+1"],
      ['plus guarded', '+1', "'+1"],
      ['minus guarded', '-1', "'-1"],
      ['at guarded', '@SUM(A1)', "'@SUM(A1)"],
      ['tab guarded', '\t=1', "'\t=1"],
      ['carriage return guarded and quoted', '\r=1', `"'\r=1"`],
      ['full-width equals guarded', '＝1+1', "'＝1+1"],
      ['full-width plus guarded', '＋1+1', "'＋1+1"],
      ['full-width minus guarded', '－1+1', "'－1+1"],
      ['full-width at guarded', '＠SUM(A1)', "'＠SUM(A1)"],
      ['tab alone guarded', '\tcmd', "'\tcmd"],
      ['carriage return alone guarded and quoted', '\rcmd', `"'\rcmd"`],
      ['full-width plus later is fine', 'a＋b', 'a＋b'],
      ['guarded and quoted', '=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
      ['formula char later is fine', 'a=b', 'a=b'],
      ['undefined empty', undefined, ''],
      ['null empty', null, ''],
      ['boolean', true, 'true'],
      ['object as JSON', { a: 1 }, '"{""a"":1}"'],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => {
        assert.equal(csvCell(input), expected);
      });
    }
  });

  describe('tokensToCsv', () => {
    it('writes a header and one row per token, with CRLF line ends', () => {
      const csv = tokensToCsv([sampleToken()], new Map([[sampleToken().client_id as string, 'Acme Portal']]), SAMPLE_NOW);
      const rows = parseCsv(csv);
      assert.equal(rows.length, 2);
      assert.ok(csv.endsWith('\r\n'));
      const record = Object.fromEntries(rows[0].map((header, index) => [header, rows[1][index]]));
      assert.equal(record.id, 'rt_0f8a7c6b5d4e3f21');
      assert.equal(record.app_name, 'Acme Portal');
      assert.equal(record.status, 'active');
      assert.equal(record.created_at, '2026-11-20T10:00:00.000Z');
      assert.equal(record.rotating, 'true');
      assert.equal(record.initial_device, 'Chrome 126 on macOS (desktop)');
      assert.equal(record.last_device, 'Acme 3.2 (iOS native app)');
      assert.equal(record.initial_asn, '64500');
      assert.equal(record.resource_servers, 'https://api.acme.example/: openid profile offline_access read:orders');
      assert.equal(record.metadata, 'purpose=mobile\nticket=INC-42');
      assert.equal(record.other_fields, '');
    });

    it('accepts application names as a plain object', () => {
      const token = sampleToken();
      const rows = parseCsv(tokensToCsv([token], { [token.client_id as string]: 'Portal' }, SAMPLE_NOW));
      assert.equal(rows[1][rows[0].indexOf('app_name')], 'Portal');
    });

    it('keeps unknown fields in other_fields', () => {
      const rows = parseCsv(tokensToCsv([{ ...sampleToken(), future: { a: 1 } }], {}, SAMPLE_NOW));
      assert.equal(rows[1][rows[0].indexOf('other_fields')], '{"future":{"a":1}}');
    });

    describe('every row keeps its columns, and no cell starts a formula, for each payload', () => {
      // Written out rather than computed, so the guard's own pattern cannot vouch for itself.
      const GUARDED_PAYLOADS = new Set(['comment closer then script', 'HYPERLINK formula', 'DDE plus', 'DDE minus', 'at formula', 'tab then formula']);
      it('names only payloads that exist', () => {
        const names = new Set(injectionPayloads.map((payload) => payload.name));
        assert.deepEqual([...GUARDED_PAYLOADS].filter((name) => !names.has(name)), []);
      });
      const columnCount = parseCsv(tokensToCsv([], {}, SAMPLE_NOW))[0].length;
      for (const payload of injectionPayloads) {
        it(payload.name, () => {
          const token = tokenWithEveryStringField(payload.value);
          const rows = parseCsv(tokensToCsv([token], { [payload.value]: payload.value }, SAMPLE_NOW));
          assert.equal(rows.length, 2);
          assert.equal(rows[1].length, columnCount);
          for (const cell of rows[1]) {
            assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
          }
          const idColumn = rows[0].indexOf('id');
          const expectedId = GUARDED_PAYLOADS.has(payload.name) ? `'${payload.value}` : payload.value;
          assert.equal(rows[1][idColumn], expectedId);
        });
      }
    });
  });

  describe('with findings', () => {
    const token = sampleToken();
    const findings = new Map([[token.id, [
      { kind: 'reuse-detected', severity: 'high', title: 'Reuse detected: a rotated token was presented again (once)' },
      { kind: 'dormant', severity: 'info', title: 'Valid but unused for 45 days' },
    ]]]);

    it('adds a last findings column, one finding a line, and leaves the other columns alone', () => {
      const plain = parseCsv(tokensToCsv([token], {}, SAMPLE_NOW));
      const rows = parseCsv(tokensToCsv([token, { ...token, id: 'rt_clean' }], {}, SAMPLE_NOW, findings));
      assert.deepEqual(rows[0], [...plain[0], 'findings']);
      assert.deepEqual(rows[1].slice(0, -1), plain[1]);
      assert.equal(rows[1][rows[1].length - 1], 'high reuse-detected: Reuse detected: a rotated token was presented again (once)\ninfo dormant: Valid but unused for 45 days');
      assert.equal(rows[2][rows[2].length - 1], '');
    });

    it('keeps the formula guard and the column count for every payload in a title', () => {
      for (const payload of injectionPayloads) {
        const hostile = new Map([[token.id, [{ kind: payload.value, severity: payload.value, title: payload.value }]]]);
        const rows = parseCsv(tokensToCsv([token], {}, SAMPLE_NOW, hostile));
        assert.equal(rows[1].length, rows[0].length, payload.name);
        for (const cell of rows[1]) {
          assert.doesNotMatch(cell, /^[=+\-@\t\r]/, payload.name);
        }
        assert.ok(rows[1][rows[1].length - 1].includes(payload.value), payload.name);
      }
    });

    it('adds inspector_findings to each token in JSON, and nothing else', () => {
      const parsed = JSON.parse(tokensToJson([token, { ...token, id: 'rt_clean' }], findings)) as Record<string, unknown>[];
      assert.deepEqual(parsed[0], { ...token, inspector_findings: findings.get(token.id) });
      assert.deepEqual(parsed[1].inspector_findings, []);
      assert.deepEqual(JSON.parse(tokensToJson([token])), [token]);
    });

    it('takes the analysis\' findings as they come', () => {
      const stale = { ...token, rotating: false, expires_at: undefined };
      const analyses = analyzeUserTokens([stale], { now: SAMPLE_NOW });
      const byToken = new Map([...analyses].map(([id, analysis]) => [id, analysis.findings]));
      const rows = parseCsv(tokensToCsv([stale], {}, SAMPLE_NOW, byToken));
      // The sample token was issued to Chrome on a Mac on AS64500 and last used by an iOS app on AS64501.
      assert.equal(rows[1][rows[1].length - 1], [
        'medium device-changed: Used from another device than it was issued to',
        'medium network-changed: Used from another network than it was issued on',
        'medium long-lived: No expiry recorded: not rotating and no absolute expiry listed',
      ].join('\n'));
    });

    it('lists only kind, severity and title, whatever else a finding holds', () => {
      const rich = new Map([[token.id, [{ kind: 'long-lived', severity: 'medium', title: 'Never expires', why: 'secret-looking detail', evidence: {} }]]]);
      const [record] = JSON.parse(tokensToJson([token], rich)) as { inspector_findings: unknown[] }[];
      assert.deepEqual(record.inspector_findings, [{ kind: 'long-lived', severity: 'medium', title: 'Never expires' }]);
    });
  });

  describe('tokensToJson', () => {
    it('is the complete, indented array, unknown fields included', () => {
      const tokens = [{ ...sampleToken(), future: { nested: [1, null] } }];
      const json = tokensToJson(tokens);
      assert.deepEqual(JSON.parse(json), tokens);
      assert.match(json, /\n {2}\{\n {4}"id"/);
    });

    it('round-trips every payload exactly', () => {
      const tokens = injectionPayloads.map((payload) => tokenWithEveryStringField(payload.value));
      assert.deepEqual(JSON.parse(tokensToJson(tokens)), JSON.parse(JSON.stringify(tokens)));
    });
  });
});
