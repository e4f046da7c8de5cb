// Issue #10: what a person can write in settings.json that the contribution schema does not
// stop. Each case: the raw setting, the tenants kept, and what was ignored (reason, entry, row).
import assert from 'node:assert/strict';
import { normalizeTenantSettings, type IgnoredSettingReason, type TenantSetting } from '../../../src/tenants/normalizeTenantSettings';

type Note = [reason: IgnoredSettingReason, entry: number | undefined, domain: string | undefined];

const ACME = 'acme.eu.auth0.com';

const cases: [name: string, raw: unknown, tenants: TenantSetting[], ignored: Note[]][] = [
  // The example.
  ['the same tenant twice, in another case', [{ domain: ACME }, { domain: 'ACME.eu.auth0.com', label: 'prod' }], [{ domain: ACME }], [['duplicate', 2, ACME]]],
  // Duplicates.
  ['the same tenant twice, written the same', [{ domain: ACME }, { domain: ACME }], [{ domain: ACME }], [['duplicate', 2, ACME]]],
  ['a duplicate with a trailing dot', [{ domain: ACME, label: 'prod' }, { domain: `${ACME}.` }], [{ domain: ACME, label: 'prod' }], [['duplicate', 2, ACME]]],
  ['a duplicate pasted as the API identifier', [{ domain: ACME }, { domain: `https://${ACME}/api/v2/` }], [{ domain: ACME }], [['duplicate', 2, ACME]]],
  ['a duplicate with spaces around', [{ domain: ACME }, { domain: `  ${ACME}\t` }], [{ domain: ACME }], [['duplicate', 2, ACME]]],
  ['three copies: two notes, both on the one row', [{ domain: ACME }, { domain: ACME }, { domain: 'Acme.EU.auth0.com' }], [{ domain: ACME }], [['duplicate', 2, ACME], ['duplicate', 3, ACME]]],
  ['a duplicate of an unusable domain, in another case', [{ domain: 'not a domain' }, { domain: 'NOT A DOMAIN' }], [{ domain: 'not a domain' }], [['duplicate', 2, 'not a domain']]],
  ['the first entry wins even without a label', [{ domain: ACME }, { domain: ACME, label: 'prod' }], [{ domain: ACME }], [['duplicate', 2, ACME]]],
  ['the same host under different loopback ports is two tenants', [{ domain: '127.0.0.1:4010' }, { domain: '127.0.0.1:4011' }], [{ domain: '127.0.0.1:4010' }, { domain: '127.0.0.1:4011' }], []],
  // Domain forms.
  ['a domain in capitals', [{ domain: 'ACME.EU.AUTH0.COM' }], [{ domain: ACME }], []],
  ['a domain pasted as the Dashboard URL', [{ domain: `https://${ACME}/` }], [{ domain: ACME }], [['domain-form', 1, ACME]]],
  ['a domain with a trailing dot', [{ domain: `${ACME}.` }], [{ domain: ACME }], [['domain-form', 1, ACME]]],
  ['an international domain', [{ domain: 'login.bücher.example' }], [{ domain: 'login.xn--bcher-kva.example' }], [['domain-form', 1, 'login.xn--bcher-kva.example']]],
  ['an unusable domain is kept as written, so its row can say why', [{ domain: `https://${ACME}/evil` }], [{ domain: `https://${ACME}/evil` }], []],
  ['an unusable domain and the host it resembles are two rows', [{ domain: `https://${ACME}/evil` }, { domain: ACME }], [{ domain: `https://${ACME}/evil` }, { domain: ACME }], []],
  // Labels.
  ['a label with spaces around', [{ domain: ACME, label: '  prod  ' }], [{ domain: ACME, label: 'prod' }], []],
  ['an empty label', [{ domain: ACME, label: '' }], [{ domain: ACME }], [['label', 1, ACME]]],
  ['a blank label', [{ domain: ACME, label: ' \t ' }], [{ domain: ACME }], [['label', 1, ACME]]],
  ['a number as label', [{ domain: ACME, label: 42 }], [{ domain: ACME }], [['label', 1, ACME]]],
  ['null as label', [{ domain: ACME, label: null }], [{ domain: ACME }], [['label', 1, ACME]]],
  ['an object as label', [{ domain: ACME, label: { text: 'prod' } }], [{ domain: ACME }], [['label', 1, ACME]]],
  ['a list as label', [{ domain: ACME, label: ['prod'] }], [{ domain: ACME }], [['label', 1, ACME]]],
  ['true as label', [{ domain: ACME, label: true }], [{ domain: ACME }], [['label', 1, ACME]]],
  // Unknown keys.
  ['a misspelt key', [{ domain: ACME, lable: 'prod' }], [{ domain: ACME }], [['unknown-key', 1, ACME]]],
  ['several unknown keys, one note', [{ domain: ACME, token: 'x', clientSecret: 'y' }], [{ domain: ACME }], [['unknown-key', 1, ACME]]],
  ['a "__proto__" key from JSON', JSON.parse(`[{"domain": "${ACME}", "__proto__": {"label": "x"}}]`), [{ domain: ACME }], [['unknown-key', 1, ACME]]],
  // Entries that are not {"domain": …}.
  ['a bare domain string', [ACME], [], [['not-an-object', 1, undefined]]],
  ['a number', [42], [], [['not-an-object', 1, undefined]]],
  ['null', [null], [], [['not-an-object', 1, undefined]]],
  ['a boolean', [true], [], [['not-an-object', 1, undefined]]],
  ['a nested list', [[{ domain: ACME }]], [], [['not-an-object', 1, undefined]]],
  ['an empty object', [{}], [], [['no-domain', 1, undefined]]],
  ['a label without a domain', [{ label: 'prod' }], [], [['no-domain', 1, undefined]]],
  ['an empty domain', [{ domain: '' }], [], [['no-domain', 1, undefined]]],
  ['a blank domain', [{ domain: '   ' }], [], [['no-domain', 1, undefined]]],
  ['a number as domain', [{ domain: 7 }], [], [['no-domain', 1, undefined]]],
  ['null as domain', [{ domain: null }], [], [['no-domain', 1, undefined]]],
  ['a list as domain', [{ domain: [ACME] }], [], [['no-domain', 1, undefined]]],
  ['an object as domain', [{ domain: { host: ACME } }], [], [['no-domain', 1, undefined]]],
  // The setting itself.
  ['no setting', undefined, [], []],
  ['null setting', null, [], []],
  ['an empty list', [], [], []],
  ['one object instead of a list', { domain: ACME }, [], [['not-a-list', undefined, undefined]]],
  ['a string instead of a list', ACME, [], [['not-a-list', undefined, undefined]]],
  // Everything at once: entries are counted as a person counts them, from 1.
  [
    'a mixture keeps the order tenants were first written in',
    [null, { domain: 'dev.us.auth0.com' }, { domain: ACME, label: 'prod', lable: 'x' }, { domain: 'DEV.us.auth0.com.' }, 'x'],
    [{ domain: 'dev.us.auth0.com' }, { domain: ACME, label: 'prod' }],
    [['not-an-object', 1, undefined], ['unknown-key', 3, ACME], ['duplicate', 4, 'dev.us.auth0.com'], ['not-an-object', 5, undefined]],
  ],
];

describe('normalizeTenantSettings (plain Node, no vscode)', () => {
  for (const [name, raw, tenants, ignored] of cases) {
    it(name, () => {
      const result = normalizeTenantSettings(raw);
      assert.deepEqual(result.tenants, tenants);
      assert.deepEqual(
        result.ignored.map((note): Note => [note.reason, note.entry, note.domain]),
        ignored,
      );
      for (const note of result.ignored) {
        assert.match(note.message, /^[^\n\r]+$/, 'one line');
      }
    });
  }

  it('says what it ignored in words a person can act on', () => {
    const messages = (raw: unknown) => normalizeTenantSettings(raw).ignored.map((note) => note.message);
    assert.deepEqual(messages([{ domain: ACME }, { domain: 'ACME.eu.auth0.com', label: 'prod' }]), [
      'Entry 2 ("ACME.eu.auth0.com", label "prod") repeats acme.eu.auth0.com (entry 1); ignored.',
    ]);
    assert.deepEqual(messages([ACME]), ['Entry 1 is text, not {"domain": …}; write {"domain": "acme.eu.auth0.com"}; ignored.']);
    assert.deepEqual(messages([{ domain: 7 }]), ['Entry 1 has a "domain" that is number 7, not text; ignored.']);
    assert.deepEqual(messages([{}]), ['Entry 1 has no "domain"; ignored.']);
    assert.deepEqual(messages([{ domain: ACME, label: 12 }]), ['Entry 1: label 12 is not text; the domain is shown instead.']);
    assert.deepEqual(messages([{ domain: ACME, lable: 'x', token: 'y' }]), ['Entry 1: unknown keys "lable", "token" ignored.']);
    assert.deepEqual(messages([{ domain: `https://${ACME}/api/v2/` }]), ['Entry 1: domain "https://acme.eu.auth0.com/api/v2/" is used as acme.eu.auth0.com.']);
    assert.deepEqual(messages({ domain: ACME }), ['The tenants setting is an object, not a list of {"domain": …} entries; ignored.']);
  });

  it('quotes what was written: line breaks escaped, hidden characters named, long values cut', () => {
    const [forged, hidden, long] = [
      [{ domain: ACME }, { domain: ACME, label: 'prod\n[error] token leaked' }],
      [{ domain: 'evil\u202Eexample' }, { domain: 'EVIL\u202Eexample' }],
      [{ domain: ACME }, { domain: ACME, label: 'x'.repeat(500) }],
    ].map((raw) => normalizeTenantSettings(raw).ignored[0].message);
    assert.equal(forged, 'Entry 2 ("acme.eu.auth0.com", label "prod\\n[error] token leaked") repeats acme.eu.auth0.com (entry 1); ignored.');
    assert.ok(!hidden.includes('\u202E'), hidden);
    assert.match(hidden, /"EVIL\[U\+202E\]example"\) repeats "evil\[U\+202E\]example" \(entry 1\)/);
    assert.match(long, new RegExp(`label "${'x'.repeat(59)}…"`));
    assert.ok(long.length < 200, `${long.length} characters`);
  });

  it('never throws, whatever JSON holds', () => {
    const hostile: unknown[] = [[Symbol('x')], [() => 1], [{ domain: Symbol('x') }], [Object.create(null)], [{ domain: ACME, label: 10n }], new Array(3)];
    for (const raw of hostile) {
      assert.doesNotThrow(() => normalizeTenantSettings(raw));
    }
  });
});
