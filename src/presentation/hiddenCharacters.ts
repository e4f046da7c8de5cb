// Characters that change how text looks without being visible themselves. Auth0 stores whatever a
// client sent (user agents, metadata, names), so any of them may arrive here. A right-to-left
// override (U+202E) can make "gpj.exe" read as "exe.jpg"; a zero-width space can make two
// different ids look identical. Every renderer (tree labels, tooltips, the webview, JSON) runs
// text through this module so that such characters are shown or replaced, never obeyed.

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the implicit marks
 * (LRM, RLM, ALM), C0 and C1 control characters other than tab, line feed and carriage return
 * (those are whitespace, handled by each renderer), invisible separators and fillers used for
 * spoofing, and Unicode tag characters (invisible "ASCII smuggling").
 *
 * Zero-width joiner and non-joiner (U+200D, U+200C) are left alone on purpose: emoji sequences
 * and Persian or Indic names need them, and they cannot reorder text.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point.
const HIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0]|\uDB40[\uDC00-\uDC7F]/g;

/** A surrogate half without its partner: not a character at all, and renders as garbage. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** "U+202E": how a hidden character is named when made visible. */
function codePointName(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Replaces each hidden character (and each lone surrogate) with what `replace` returns for it. */
export function replaceHiddenCharacters(text: string, replace: (character: string) => string): string {
  return text.replace(HIDDEN_CHARACTER, replace).replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Makes hidden characters visible as "[U+202E]", for places with room to explain (tooltips,
 * the details view): a security engineer should see that a value carries one.
 */
export function revealHiddenCharacters(text: string): string {
  return replaceHiddenCharacters(text, (character) => `[${codePointName(character)}]`);
}
