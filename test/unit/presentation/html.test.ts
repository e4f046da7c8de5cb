import * as assert from 'node:assert/strict';
import { escapeHtml, html, joinHtml, SafeHtml } from '../../../src/presentation/html';

describe('html', () => {
  describe('escapeHtml', () => {
    const cases: [string, unknown, string][] = [
      ['the five special characters', `<a href="x" title='y'>&</a>`, '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'],
      ['an entity is shown, not decoded', '&lt;', '&amp;lt;'],
      ['bidi override revealed', 'a\u202Eb', 'a[U+202E]b'],
      ['isolate revealed', '\u2066x\u2069', '[U+2066]x[U+2069]'],
      ['null byte revealed', 'a\u0000b', 'a[U+0000]b'],
      ['line breaks kept (text)', 'a\nb', 'a\nb'],
      ['numbers', 42, '42'],
      ['undefined', undefined, ''],
      ['null', null, ''],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => {
        assert.equal(escapeHtml(input), expected);
      });
    }
  });

  describe('html template', () => {
    it('escapes interpolated text in text and attribute positions', () => {
      const value = '"><script>x</script>';
      assert.equal(
        html`<p title="${value}">${value}</p>`.markup,
        '<p title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">&quot;&gt;&lt;script&gt;x&lt;/script&gt;</p>',
      );
    });

    it('keeps nested templates as markup and escapes arrays item by item', () => {
      const items = ['<a>', html`<b>bold</b>`];
      assert.equal(html`<div>${items}</div>`.markup, '<div>&lt;a&gt;<b>bold</b></div>');
    });

    it('renders undefined, null and booleans safely', () => {
      assert.equal(html`${undefined}${null}${false}`.markup, 'false');
    });

    it('joinHtml escapes text parts and separators', () => {
      assert.equal(joinHtml(['<x>', html`<br>`], ' & ').markup, '&lt;x&gt; &amp; <br>');
    });

    it('a look-alike object is text, not markup', () => {
      const fake = { markup: '<script>', toString: () => '<script>' } as unknown as SafeHtml;
      assert.equal(html`${fake}`.markup, '&lt;script&gt;');
    });
  });
});
