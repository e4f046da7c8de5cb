import * as assert from 'node:assert/strict';
import { jsonStringLiteral, renderJsonHtml } from '../../../../../src/features/tokens/details/renderJsonHtml';
import { sampleToken } from '../../../fixtures/payloadTokens';
import { readTags, textContent } from './htmlTags';

describe('renderJsonHtml', () => {
  const values: [string, unknown][] = [
    ['a token', sampleToken()],
    ['unknown nested fields', { id: 'x', future: { list: [1, 2.5, -3e-7, true, false, null, 'text', [], {}] } }],
    ['an empty object', {}],
    ['an empty array', []],
    ['a bare string', 'just text'],
    ['markup characters', { '<key>': '</code></pre><script>"&\'' }],
  ];
  for (const [name, value] of values) {
    it(`prints ${name} exactly as JSON.stringify(value, null, 2) does`, () => {
      assert.equal(textContent(renderJsonHtml(value).markup), JSON.stringify(value, null, 2));
    });
  }

  it('drops undefined object fields and nulls unprintable array items, as JSON.stringify does', () => {
    const value = { kept: 1, gone: undefined, list: [undefined, () => 1] };
    assert.equal(textContent(renderJsonHtml(value).markup), JSON.stringify(value, null, 2));
  });

  it('colours keys, strings, numbers, booleans and null', () => {
    const markup = renderJsonHtml({ s: 'x', n: 1, b: true, z: null }).markup;
    const classes = readTags(markup).tags.filter((tag) => !tag.closing).map((tag) => tag.attributes[0][1]);
    assert.deepEqual(classes, ['json-key', 'json-string', 'json-key', 'json-number', 'json-key', 'json-boolean', 'json-key', 'json-null']);
  });

  it('creates no element from a string value', () => {
    const markup = renderJsonHtml({ k: '<span class="json-key">x</span><img src=x onerror=alert(1)>' }).markup;
    assert.equal(readTags(markup).tags.filter((tag) => !tag.closing).length, 2);
  });

  describe('jsonStringLiteral', () => {
    it('writes hidden characters as \\u escapes, keeping the JSON valid', () => {
      const text = 'a\u202Eb\u200Bc\u{E0041}';
      const literal = jsonStringLiteral(text);
      assert.equal(literal, '"a\\u202eb\\u200bc\\udb40\\udc41"');
      assert.equal(JSON.parse(literal), text);
    });

    it('leaves emoji and accents as they are', () => {
      assert.equal(jsonStringLiteral('Zoë 👩‍💻'), '"Zoë 👩‍💻"');
    });
  });
});
