// Checks shared by the Markdown tests: what in a Markdown string could start a construct.

/** The text with every backslash escape removed: what is left is live Markdown syntax. */
export function withoutEscapes(markdown: string): string {
  return markdown.replace(/\\[!-/:-@[-`{-~]/g, '');
}

/** Characters that could open a link, image, autolink, HTML, entity, code span or table. */
export const LINK_OR_HTML_SYNTAX = /[[\]()<>!`&|]/;
