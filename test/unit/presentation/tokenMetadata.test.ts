import * as assert from 'node:assert/strict';
import { parseRefreshTokenMetadata, validateRefreshTokenMetadata } from '../../../src/presentation/tokenMetadata';
import { injectionPayloads, RAW_HIDDEN_CHARACTER } from '../fixtures/injectionPayloads';

function codes(metadata: unknown): string[] {
  return validateRefreshTokenMetadata(metadata).map((problem) => problem.code);
}

function messages(metadata: unknown): string[] {
  return validateRefreshTokenMetadata(metadata).map((problem) => problem.message);
}

function keys(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`key_${index}`, 'v']));
}

describe('validateRefreshTokenMetadata', () => {
  it('accepts ordinary metadata, an empty object and null (both clear it)', () => {
    assert.deepEqual(validateRefreshTokenMetadata({ purpose: 'mobile', 'ticket-id': 'INC-42', Device_2: '' }), []);
    assert.deepEqual(validateRefreshTokenMetadata({}), []);
    assert.deepEqual(validateRefreshTokenMetadata(null), []);
  });

  it('accepts exactly 25 keys and 255-character keys and values', () => {
    assert.deepEqual(codes(keys(25)), []);
    assert.deepEqual(codes({ ['k'.repeat(255)]: 'v'.repeat(255) }), []);
  });

  it('counts characters as code points, so 255 emoji are allowed', () => {
    assert.deepEqual(codes({ note: '🔑'.repeat(255) }), []);
    assert.deepEqual(codes({ note: '🔑'.repeat(256) }), ['value-too-long']);
  });

  it('refuses more than 25 keys', () => {
    assert.deepEqual(messages(keys(26)), ['Metadata has 26 keys; Auth0 allows at most 25.']);
  });

  it('refuses keys and values longer than 255 characters, naming each', () => {
    assert.deepEqual(messages({ ['k'.repeat(256)]: 'ok', long: 'v'.repeat(300) }), [
      `Key "${'k'.repeat(39)}…" is 256 characters long; Auth0 allows at most 255.`,
      'The value of "long" is 300 characters long; Auth0 allows at most 255.',
    ]);
  });

  it('refuses key characters other than letters, digits, "_" and "-", naming them', () => {
    assert.deepEqual(messages({ 'a b.c': 'x' }), ['Key "a b.c" may use only letters, digits, "_" and "-"; it contains a space, ".".']);
    assert.deepEqual(messages({ 'café': 'x' }), ['Key "café" may use only letters, digits, "_" and "-"; it contains "é".']);
    assert.deepEqual(messages({ 'evil\u202Ekey': 'x' }), ['Key "evil\uFFFDkey" may use only letters, digits, "_" and "-"; it contains U+202E.']);
    assert.deepEqual(messages({ 'a.b,c;d:e/f!g': 'x' }), ['Key "a.b,c;d:e/f!g" may use only letters, digits, "_" and "-"; it contains ".", ",", ";", ":", "/" and 1 more.']);
  });

  it('refuses an empty key', () => {
    assert.deepEqual(messages({ '': 'x' }), ['A key is empty; keys need at least one character.']);
  });

  it('refuses values that are not strings, saying what they are', () => {
    assert.deepEqual(messages({ n: 1, b: true, o: { a: 1 }, a: ['x'], z: null }), [
      'The value of "n" is a number; Auth0 accepts only strings.',
      'The value of "b" is a boolean; Auth0 accepts only strings.',
      'The value of "o" is an object; Auth0 accepts only strings.',
      'The value of "a" is an array; Auth0 accepts only strings.',
      'The value of "z" is null; Auth0 accepts only strings.',
    ]);
  });

  it('refuses anything but an object or null', () => {
    assert.deepEqual(messages(['a']), ['Metadata must be an object of string values (or null to clear it), not an array.']);
    assert.deepEqual(messages('text'), ['Metadata must be an object of string values (or null to clear it), not a string.']);
    assert.deepEqual(codes(undefined), ['not-an-object']);
  });

  it('gives one message per problem, all at once', () => {
    const metadata = { ...keys(26), 'bad key': 7 };
    assert.deepEqual(codes(metadata), ['too-many-keys', 'key-characters', 'value-not-string']);
    assert.deepEqual(validateRefreshTokenMetadata(metadata).slice(1).map((problem) => problem.key), ['bad key', 'bad key']);
  });

  it('keeps every message one safe line, whatever the key', () => {
    for (const payload of injectionPayloads) {
      for (const message of messages({ [payload.value]: 5 })) {
        assert.doesNotMatch(message, RAW_HIDDEN_CHARACTER, payload.name);
        assert.doesNotMatch(message, /[\r\n]/, payload.name);
        assert.ok(message.length < 400, payload.name);
      }
    }
  });
});

describe('parseRefreshTokenMetadata', () => {
  it('parses and checks JSON typed by a person', () => {
    assert.deepEqual(parseRefreshTokenMetadata('{"purpose": "mobile"}'), { ok: true, metadata: { purpose: 'mobile' } });
    assert.deepEqual(parseRefreshTokenMetadata('null'), { ok: true, metadata: null });
    const bad = parseRefreshTokenMetadata('{"purpose": 5}');
    assert.equal(bad.ok, false);
    assert.deepEqual(!bad.ok && bad.problems.map((problem) => problem.code), ['value-not-string']);
  });

  it('says so when the text is not JSON', () => {
    const result = parseRefreshTokenMetadata('{purpose: mobile}');
    assert.deepEqual(!result.ok && result.problems.map((problem) => problem.message),
      ['Metadata is not valid JSON: write an object such as {"purpose": "mobile"}, or null to clear it.']);
  });
});
