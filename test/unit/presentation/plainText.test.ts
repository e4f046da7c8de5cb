import * as assert from 'node:assert/strict';
import { revealHiddenCharacters } from '../../../src/presentation/hiddenCharacters';
import { codePointLength, safeLabel, truncateWithEllipsis } from '../../../src/presentation/plainText';

describe('plain text', () => {
  describe('safeLabel', () => {
    const cases: [string, unknown, number, string][] = [
      ['plain text unchanged', 'Chrome 126 on macOS', 80, 'Chrome 126 on macOS'],
      ['line breaks and tabs collapse', 'a\r\n\tb   c', 80, 'a b c'],
      ['trimmed', '  padded  ', 80, 'padded'],
      ['cut with an ellipsis', 'abcdefghij', 5, 'abcd…'],
      ['exact length not cut', 'abcde', 5, 'abcde'],
      ['right-to-left override marked', 'invoice\u202Egpj.exe', 80, 'invoice\uFFFDgpj.exe'],
      ['isolates marked', 'a\u2066b\u2069', 80, 'a\uFFFDb\uFFFD'],
      ['null byte marked', 'a\u0000b', 80, 'a\uFFFDb'],
      ['zero-width space marked', 'ad\u200Bmin', 80, 'ad\uFFFDmin'],
      ['emoji joiners kept', '👩‍💻 dev', 80, '👩‍💻 dev'],
      ['emoji never split', '🔑🔑🔑🔑', 3, '🔑🔑…'],
      ['undefined is empty', undefined, 80, ''],
      ['null is empty', null, 80, ''],
      ['numbers as text', 42, 80, '42'],
      ['HTML left as text (labels are plain text)', '<b>x</b>', 80, '<b>x</b>'],
    ];
    for (const [name, input, max, expected] of cases) {
      it(name, () => {
        assert.equal(safeLabel(input, max), expected);
      });
    }

    it('cuts a 10,000-character value to the limit', () => {
      const label = safeLabel('x'.repeat(10_000), 60);
      assert.equal(codePointLength(label), 60);
      assert.ok(label.endsWith('…'));
    });
  });

  describe('truncateWithEllipsis', () => {
    it('treats a limit below 1 as 1', () => {
      assert.equal(truncateWithEllipsis('abc', 0), '…');
    });
  });

  describe('revealHiddenCharacters', () => {
    it('names each hidden character', () => {
      assert.equal(revealHiddenCharacters('a\u202Eb\u200Bc\uFEFF'), 'a[U+202E]b[U+200B]c[U+FEFF]');
    });

    it('names tag characters by their code point', () => {
      assert.equal(revealHiddenCharacters('x\u{E0041}'), 'x[U+E0041]');
    });

    it('replaces a lone surrogate', () => {
      assert.equal(revealHiddenCharacters('a\uD800b'), 'a\uFFFDb');
    });

    it('keeps tab and line breaks for the renderer to handle', () => {
      assert.equal(revealHiddenCharacters('a\tb\r\nc'), 'a\tb\r\nc');
    });
  });
});
