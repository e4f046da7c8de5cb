// The token's complete JSON, indented like JSON.stringify(value, null, 2) and coloured by token
// kind. It is built by walking the value, not by matching the printed text with regular
// expressions, so each key and string is escaped on its own and a value can never be mistaken
// for syntax. Fields this version does not know are printed like any other.

import { replaceHiddenCharacters } from '../../../presentation/hiddenCharacters';
import { html, joinHtml, type SafeHtml } from '../../../presentation/html';

/** Auth0 objects are shallow; the bound only stops a pathological value from recursing forever. */
const MAX_DEPTH = 64;
const INDENT = '  ';

function utf16Escape(character: string): string {
  return Array.from({ length: character.length }, (_, index) => `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`).join('');
}

/**
 * A JSON string literal whose hidden characters (bidi overrides, zero-width spaces...) are
 * written as \u escapes: still valid JSON for the same value, but visible and inert.
 */
export function jsonStringLiteral(text: string): string {
  return replaceHiddenCharacters(JSON.stringify(text), utf16Escape);
}

function renderPrimitive(value: unknown): SafeHtml | undefined {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
    return html`<span class="json-null">null</span>`;
  }
  switch (typeof value) {
    case 'string':
      return html`<span class="json-string">${jsonStringLiteral(value)}</span>`;
    case 'number':
      return html`<span class="json-number">${String(value)}</span>`;
    case 'bigint':
      return html`<span class="json-number">${value.toString()}</span>`;
    case 'boolean':
      return html`<span class="json-boolean">${String(value)}</span>`;
    default:
      return undefined;
  }
}

/** JSON.stringify leaves out undefined, functions and symbols in objects; so does this. */
function isPrintable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function renderContainer(open: string, close: string, items: SafeHtml[], indent: string): SafeHtml {
  if (items.length === 0) {
    return html`${open}${close}`;
  }
  const inner = indent + INDENT;
  const lines = items.map((item) => html`${inner}${item}`);
  return html`${open}\n${joinHtml(lines, ',\n')}\n${indent}${close}`;
}

function renderValue(value: unknown, indent: string, depth: number): SafeHtml {
  const primitive = renderPrimitive(value);
  if (primitive) {
    return primitive;
  }
  if (depth >= MAX_DEPTH) {
    return html`<span class="json-null">"…"</span>`;
  }
  if (Array.isArray(value)) {
    // Like JSON.stringify, an unprintable array element becomes null.
    const items = value.map((item) => (isPrintable(item) ? renderValue(item, indent + INDENT, depth + 1) : renderValue(null, '', depth)));
    return renderContainer('[', ']', items, indent);
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => isPrintable(item));
    const items = entries.map(([key, item]) =>
      html`<span class="json-key">${jsonStringLiteral(key)}</span>: ${renderValue(item, indent + INDENT, depth + 1)}`);
    return renderContainer('{', '}', items, indent);
  }
  return html`<span class="json-null">null</span>`;
}

/** `value` as coloured, escaped JSON: put it inside a `<pre>`. */
export function renderJsonHtml(value: unknown): SafeHtml {
  return renderValue(value, '', 0);
}
