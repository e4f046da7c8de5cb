// HTML built from strings, safely by construction. Every interpolated value goes through the one
// `escapeHtml`, unless it is already `SafeHtml` (the result of another `html` template); there is
// no other way to put text into markup. Values are escaped for both text and double-quoted
// attribute positions, so the same escape is correct everywhere the templates use it.

import { revealHiddenCharacters } from './hiddenCharacters';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `& < > " '` and makes hidden characters visible ("[U+202E]"), so a value can neither
 * close a tag or an attribute nor reorder the text around it. `null` and `undefined` give "".
 */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  const text = typeof value === 'string' ? value : String(value);
  return revealHiddenCharacters(text).replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** What may be interpolated: text (escaped), markup, or lists of either (concatenated). */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) {
    return value.markup;
  }
  if (Array.isArray(value)) {
    return value.map(renderValue).join('');
  }
  return escapeHtml(value);
}

/** Markup that is already safe. Only `html` and `joinHtml` can make one (the constructor is private). */
export class SafeHtml {
  private constructor(readonly markup: string) {}

  static template(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
    let markup = strings[0];
    values.forEach((value, index) => {
      markup += renderValue(value) + strings[index + 1];
    });
    return new SafeHtml(markup);
  }

  static join(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
    return new SafeHtml(parts.map(renderValue).join(renderValue(separator)));
  }

  toString(): string {
    return this.markup;
  }
}

/**
 * Tagged template for markup: html`<td title="${value}">${value}</td>` escapes both values.
 * Attribute values in templates must be double-quoted for the escaping to hold.
 */
export const html = SafeHtml.template;

/** `parts` joined by `separator`, each part escaped unless it is already markup. */
export const joinHtml = SafeHtml.join;
