// A small tag reader for the renderer's output, enough to assert on structure without a browser.
// It is exact for this output because the renderer escapes "<" in all text: every "<" that
// remains must start a tag, the doctype or a comment, and anything else is reported as stray.

export interface HtmlTag {
  name: string;
  closing: boolean;
  attributes: [string, string][];
}

export interface TagReading {
  tags: HtmlTag[];
  /** Offsets of "<" characters that start nothing this reader knows. */
  strayOpenings: number[];
}

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const DOCTYPE = /<!DOCTYPE html>/iy;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Decodes the five entities escapeHtml produces (enough to compare attribute values). */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]);
}

export function readTags(markup: string): TagReading {
  const tags: HtmlTag[] = [];
  const strayOpenings: number[] = [];
  for (let index = markup.indexOf('<'); index !== -1; index = markup.indexOf('<', index + 1)) {
    DOCTYPE.lastIndex = index;
    if (DOCTYPE.test(markup)) {
      continue;
    }
    TAG.lastIndex = index;
    const match = TAG.exec(markup);
    if (!match) {
      strayOpenings.push(index);
      continue;
    }
    const attributes = Array.from(match[3].matchAll(ATTRIBUTE), (attribute): [string, string] =>
      [attribute[1].toLowerCase(), decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '')]);
    tags.push({ name: match[2].toLowerCase(), closing: match[1] === '/', attributes });
  }
  return { tags, strayOpenings };
}

export function attribute(tag: HtmlTag, name: string): string | undefined {
  return tag.attributes.find(([attributeName]) => attributeName === name)?.[1];
}

/** Text between the tags, entities decoded: what a reader sees (without CSS). */
export function textContent(markup: string): string {
  return decodeEntities(markup.replace(/<[^>]*>/g, ''));
}
