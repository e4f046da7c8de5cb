import * as assert from 'node:assert/strict';
import { escapeMarkdown, escapeMarkdownMidLine, markdownField, markdownLines } from '../../../src/presentation/markdown';
import { injectionPayloads, RAW_HIDDEN_CHARACTER } from '../fixtures/injectionPayloads';
import { LINK_OR_HTML_SYNTAX, withoutEscapes } from './markdownSafety';

describe('escapeMarkdown', () => {
  const cases: [string, string, string][] = [
    ['letters and digits unchanged', 'Chrome 126 on macOS', 'Chrome 126 on macOS'],
    ['link', '[x](command:evil)', '\\[x\\]\\(command\\:evil\\)'],
    ['image', '![x](http://e/x.png)', '\\!\\[x\\]\\(http\\:\\/\\/e\\/x\\.png\\)'],
    ['autolink', '<command:evil>', '\\<command\\:evil\\>'],
    ['emphasis', '*a* _b_', '\\*a\\* \\_b\\_'],
    ['entity', '&lt;', '\\&lt\\;'],
    ['backslash', 'a\\b', 'a\\\\b'],
    ['line breaks become spaces', 'a\r\n\r\nb', 'a b'],
    ['bidi override revealed', 'a\u202Eb', 'a\\[U\\+202E\\]b'],
    ['non-ASCII untouched', 'Zoë · 東京 🔑', 'Zoë · 東京 🔑'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.equal(escapeMarkdown(input), expected);
    });
  }

  it('cuts long values and states the full length', () => {
    const escaped = escapeMarkdown('x'.repeat(10_000), { maxLength: 20 });
    assert.equal(escaped, `${'x'.repeat(19)}… \\(10\\,000 characters\\)`);
  });

  it('uses a default limit', () => {
    assert.ok(escapeMarkdown('y'.repeat(10_000)).length < 400);
  });

  it('answers "" for undefined and null', () => {
    assert.equal(escapeMarkdown(undefined), '');
    assert.equal(escapeMarkdown(null), '');
  });

  describe('leaves no live syntax from any of the injection payloads', () => {
    for (const payload of injectionPayloads) {
      it(payload.name, () => {
        const escaped = escapeMarkdown(payload.value);
        assert.doesNotMatch(withoutEscapes(escaped), /[!-/:-@[-`{-~]/);
        assert.doesNotMatch(escaped, RAW_HIDDEN_CHARACTER);
        assert.doesNotMatch(escaped, /[\r\n]/);
      });
    }
  });

  it('markdownField bolds only the label', () => {
    assert.equal(markdownField('Session', 'a[b]'), '**Session:** a\\[b\\]');
  });

  it('markdownLines joins with hard breaks', () => {
    assert.equal(markdownLines(['a', 'b']), 'a  \nb');
  });

  it('mid-line, leaves the punctuation that starts nothing there, and escapes the rest', () => {
    assert.equal(escapeMarkdownMidLine('Set-up tenant (prod), "EU"/1'), 'Set-up tenant (prod), "EU"/1');
    assert.equal(escapeMarkdownMidLine('acme.eu.auth0.com'), 'acme\\.eu\\.auth0\\.com');
    assert.equal(escapeMarkdownMidLine('[x](command:evil) <b> *a* &lt; a@b'), '\\[x\\](command\\:evil) \\<b\\> \\*a\\* \\&lt; a\\@b');
    // A backslash before inert punctuation stays a literal backslash.
    assert.equal(escapeMarkdownMidLine('a\\-b'), 'a\\\\-b');
  });

  describe('mid-line, leaves no link, HTML or emphasis from any of the injection payloads', () => {
    for (const payload of injectionPayloads) {
      it(payload.name, () => {
        const escaped = escapeMarkdownMidLine(payload.value);
        assert.doesNotMatch(withoutEscapes(escaped), /[\\`*_[\]<>&|~#!.:@{}]/);
        assert.doesNotMatch(escaped, RAW_HIDDEN_CHARACTER);
      });
    }
  });

  it('the syntax check itself catches a raw link', () => {
    assert.match(withoutEscapes('[x](y)'), LINK_OR_HTML_SYNTAX);
  });
});
