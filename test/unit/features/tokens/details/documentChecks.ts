// Assertions every rendered details document must pass, whatever data went in.

import * as assert from 'node:assert/strict';
import { attribute, readTags, type HtmlTag } from './htmlTags';

export const RESOURCES = {
  nonce: 'bm9uY2Utdm9yLXRlc3Q',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/details.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/details.js',
};

export const EXPECTED_CSP =
  `default-src 'none'; img-src ${RESOURCES.cspSource} data:; style-src ${RESOURCES.cspSource}; ` +
  `script-src 'nonce-${RESOURCES.nonce}'; font-src ${RESOURCES.cspSource};`;

/** Elements that run code, load something or restyle the page: none may appear unexpectedly. */
const ACTIVE_ELEMENTS = new Set([
  'script', 'style', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'img', 'image', 'video', 'audio', 'source',
  'link', 'meta', 'base', 'form', 'input', 'textarea', 'template', 'noscript', 'applet', 'portal',
]);

/** Attributes that hold a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'srcset', 'poster', 'background', 'data', 'xlink:href', 'ping']);

/** Attributes that carry the token's own id by design; inert data, never a URL or code. */
const DATA_ATTRIBUTES_WITH_VALUES = new Set(['data-token-id', 'data-tenant-id']);

function opening(tags: HtmlTag[]): HtmlTag[] {
  return tags.filter((tag) => !tag.closing);
}

/**
 * The document's executable surface is exactly what the renderer intends: one CSP meta, one
 * stylesheet link, one nonce'd external script, no inline styles or handlers, no URL but ours.
 */
export function assertSafeDocument(markup: string): void {
  const { tags, strayOpenings } = readTags(markup);
  assert.deepEqual(strayOpenings, [], 'every "<" in the output starts one of our tags');

  const active = opening(tags).filter((tag) => ACTIVE_ELEMENTS.has(tag.name));
  assert.deepEqual(active.map((tag) => tag.name), ['meta', 'meta', 'meta', 'link', 'script']);
  const [charset, csp, viewport, link, script] = active;
  assert.equal(attribute(charset, 'charset'), 'UTF-8');
  assert.equal(attribute(csp, 'http-equiv'), 'Content-Security-Policy');
  assert.equal(attribute(csp, 'content'), EXPECTED_CSP);
  assert.equal(attribute(viewport, 'name'), 'viewport');
  assert.deepEqual(link.attributes, [['rel', 'stylesheet'], ['href', RESOURCES.styleUri]]);
  assert.deepEqual(script.attributes, [['nonce', RESOURCES.nonce], ['src', RESOURCES.scriptUri]]);
  assert.equal((markup.match(/<script/gi) ?? []).length, 1);
  assert.doesNotMatch(markup, /unsafe-inline|unsafe-eval/);

  for (const tag of opening(tags)) {
    for (const [name, value] of tag.attributes) {
      assert.doesNotMatch(name, /^on/i, `no event handler attribute (<${tag.name} ${name}>)`);
      assert.notEqual(name, 'style', `no inline style (<${tag.name}>)`);
      if (URL_ATTRIBUTES.has(name)) {
        assert.ok([RESOURCES.styleUri, RESOURCES.scriptUri].includes(value), `only our URLs (<${tag.name} ${name}="${value}">)`);
      }
      if (!DATA_ATTRIBUTES_WITH_VALUES.has(name)) {
        assert.doesNotMatch(value, /javascript:|vbscript:|data:text/i, `no script URL in <${tag.name} ${name}>`);
      }
    }
  }
}

/** Every tag, in order, with its attributes; the token's id attributes reduced to their names. */
export function skeleton(markup: string): string[] {
  return readTags(markup).tags.map((tag) => {
    const attributes = tag.attributes.map(([name, value]) => (DATA_ATTRIBUTES_WITH_VALUES.has(name) ? name : `${name}=${JSON.stringify(value)}`));
    return `${tag.closing ? '/' : ''}${tag.name} ${attributes.join(' ')}`.trim();
  });
}
