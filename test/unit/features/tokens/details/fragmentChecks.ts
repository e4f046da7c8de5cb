// Assertions for one section of the details page, rendered on its own: it may hold only the
// elements a section is made of (and the timeline's SVG shapes), no handler, style or URL
// attribute, and only buttons with a known `data-action`. Read both with the small tag reader
// (every "<" must start one of our tags) and with parse5, as Chromium parses it.

import * as assert from 'node:assert/strict';
import type { SafeHtml } from '../../../../../src/presentation/html';
import { parseElements, type ParsedElement } from '../../../security/parsers';
import { readTags } from './htmlTags';

/** Elements sections are built of; parse5 adds html, head and body around a fragment. */
const SECTION_ELEMENTS = new Set([
  'html', 'head', 'body', 'section', 'article', 'div', 'h2', 'h3', 'p', 'span', 'br', 'ul', 'li', 'dl', 'dt', 'dd',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'button',
]);

/** The timeline's SVG vocabulary. */
const SVG_ELEMENTS = new Set(['svg', 'g', 'line', 'circle', 'text', 'title']);

export const SECTION_ACTIONS = new Set(['revoke-token', 'revoke-session', 'contain-user', 'review-history', 'load-more-history', 'set-token', 'check-setup']);

const URL_ATTRIBUTES = /^(href|src|srcset|action|formaction|xlink:href|background|poster|data|ping|srcdoc)$/i;

export function parseSection(section: SafeHtml): ParsedElement[] {
  return parseElements(section.markup);
}

/** Checks every element and attribute of `section`; `svgCount` is how many <svg> it must hold. */
export function assertSafeSection(section: SafeHtml, svgCount = 0): ParsedElement[] {
  const markup = section.markup;
  assert.deepEqual(readTags(markup).strayOpenings, [], 'every "<" starts one of our tags');
  const elements = parseElements(markup);
  for (const element of elements) {
    assert.ok(SECTION_ELEMENTS.has(element.name) || SVG_ELEMENTS.has(element.name), `unexpected <${element.name}>`);
    for (const [name, value] of Object.entries(element.attributes)) {
      assert.doesNotMatch(name, /^on/i, `event handler on <${element.name}>`);
      assert.notEqual(name, 'style', `inline style on <${element.name}>`);
      assert.doesNotMatch(name, URL_ATTRIBUTES, `URL attribute ${name} on <${element.name}>`);
      assert.doesNotMatch(value, /javascript:|vbscript:|data:text/i, `script URL in <${element.name} ${name}>`);
    }
    if (element.name === 'button') {
      assert.equal(element.attributes.type, 'button');
      assert.ok(SECTION_ACTIONS.has(element.attributes['data-action']), `known action: ${element.attributes['data-action']}`);
    }
  }
  assert.equal(elements.filter((element) => element.name === 'svg').length, svgCount, 'svg elements');
  // SVG shapes appear only inside the timeline.
  const svgParts = elements.filter((element) => SVG_ELEMENTS.has(element.name) && element.name !== 'svg');
  assert.ok(svgCount > 0 || svgParts.length === 0, 'SVG shapes outside an <svg>');
  return elements;
}

/** Tags and attributes in order: what must not change when the data does. */
export function sectionSkeleton(section: SafeHtml): string[] {
  return readTags(section.markup).tags.map((tag) =>
    `${tag.closing ? '/' : ''}${tag.name} ${tag.attributes.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(' ')}`.trim());
}

export function byField(elements: readonly ParsedElement[], field: string): ParsedElement[] {
  return elements.filter((element) => element.attributes['data-field'] === field);
}

export function oneByField(elements: readonly ParsedElement[], field: string): ParsedElement {
  const found = byField(elements, field);
  assert.equal(found.length, 1, `one data-field="${field}"`);
  return found[0];
}
