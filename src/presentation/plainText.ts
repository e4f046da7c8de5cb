// Plain-text shaping for places that render no markup: tree item labels and descriptions, quick
// pick items, notifications. VS Code shows these as text, so nothing needs escaping, but a label
// is one line in a narrow column, and the characters in hiddenCharacters.ts must not reorder it.

import { replaceHiddenCharacters } from './hiddenCharacters';

/** One code point per element, so truncation never splits an emoji's surrogate pair. */
function codePoints(text: string): string[] {
  return Array.from(text);
}

/** Length in code points (what a reader counts), not UTF-16 units. */
export function codePointLength(text: string): number {
  return codePoints(text).length;
}

/**
 * Cuts `text` to at most `max` code points, the last being "…" when anything was cut.
 * A `max` below 1 is treated as 1.
 */
export function truncateWithEllipsis(text: string, max: number): string {
  const limit = Math.max(1, Math.floor(max));
  if (text.length <= limit) {
    return text;
  }
  const characters = codePoints(text);
  return characters.length <= limit ? text : `${characters.slice(0, limit - 1).join('')}…`;
}

/**
 * A single-line label: hidden and control characters become "\uFFFD" (a visible mark, one
 * character wide, so a spoofed label still looks odd), whitespace runs (including line breaks)
 * collapse to one space, and the result is cut to `max` code points with "…".
 */
export function safeLabel(value: unknown, max = 80): string {
  if (value === undefined || value === null) {
    return '';
  }
  const text = typeof value === 'string' ? value : String(value);
  const visible = replaceHiddenCharacters(text, () => '\uFFFD');
  const oneLine = visible.replace(/\s+/g, ' ').trim();
  return truncateWithEllipsis(oneLine, max);
}
