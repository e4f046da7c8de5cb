// Text for VS Code's MarkdownString (tree tooltips). The extension renders these with
// isTrusted=false and supportHtml=false, which already disables command links and raw HTML; the
// escaping here is the second wall, so that a value can't even look like a link, an image or a
// heading. CommonMark lets any ASCII punctuation be backslash-escaped, so all of it is: then no
// construct (link, autolink, emphasis, HTML, entity, table, "www." linkify) can start inside a
// value, and what the reader sees is exactly the characters of the value.

import { revealHiddenCharacters } from './hiddenCharacters';
import { codePointLength, truncateWithEllipsis } from './plainText';

/** Tooltips are glanced at; a longer value is cut and its full length stated. */
export const DEFAULT_MARKDOWN_VALUE_LENGTH = 300;

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

export interface MarkdownTextOptions {
  /** Longest value shown, in code points, before "… (12,345 characters)". */
  maxLength?: number;
}

/**
 * One line of literal text for Markdown: line breaks and other whitespace runs become one
 * space, hidden characters become "[U+202E]", long values are cut with a length note, and every
 * ASCII punctuation character is backslash-escaped.
 */
export function escapeMarkdown(value: unknown, options: MarkdownTextOptions = {}): string {
  if (value === undefined || value === null) {
    return '';
  }
  const text = typeof value === 'string' ? value : String(value);
  const maxLength = options.maxLength ?? DEFAULT_MARKDOWN_VALUE_LENGTH;
  const length = codePointLength(text);
  const shown = length > maxLength ? `${truncateWithEllipsis(text, maxLength)} (${length.toLocaleString('en-US')} characters)` : text;
  const oneLine = revealHiddenCharacters(shown).replace(/\s+/g, ' ');
  return oneLine.replace(ASCII_PUNCTUATION, '\\$&');
}

/**
 * Punctuation that starts no Markdown construct when it is not first on a line (so not in a
 * heading's or list item's text after its marker), left unescaped for a plainer copied text:
 * "Set-up tenant (prod)" instead of "Set\\-up tenant \\(prod\\)". The dot, colon and at sign stay
 * escaped: "acme.com", "https:" and "a@b" would otherwise become links.
 */
const INERT_MID_LINE = new Set(['-', '(', ')', ',', "'", '"', '/', '?', '=', '+', '%', ';']);

/**
 * escapeMarkdown for text that never starts a line (after "# Title: " or "- "): the same
 * cutting and hidden-character rules, but the punctuation in INERT_MID_LINE is left as it is.
 */
export function escapeMarkdownMidLine(value: unknown, options: MarkdownTextOptions = {}): string {
  return escapeMarkdown(value, options).replace(/\\([!-/:-@[-`{-~])/g, (escaped, character: string) => (INERT_MID_LINE.has(character) ? character : escaped));
}

/** Bold label and escaped value: "**Created:** 2026-11-26 14:03 UTC". */
export function markdownField(label: string, value: unknown, options?: MarkdownTextOptions): string {
  return `**${escapeMarkdown(label)}:** ${escapeMarkdown(value, options)}`;
}

/** Joins lines with Markdown hard breaks (two spaces before the newline). */
export function markdownLines(lines: readonly string[]): string {
  return lines.join('  \n');
}
