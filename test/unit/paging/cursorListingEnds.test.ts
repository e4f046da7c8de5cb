// The kind behind issue 18 §1: when does a cursor (`from`/`take`) listing end? A real tenant sends
// `next` on its last non-empty page too, so `next` proves nothing; `total`, an empty page and a
// cursor already followed do. One table for the rule, one for a whole listing read page by page.
import assert from 'node:assert/strict';
import { readCursorListing } from '../../../src/paging/cursorListing';
import { cursorListingEnds, type CursorPageResponse } from '../../../src/paging/cursorPager';

interface Case {
  name: string;
  page: { items: number; next?: string; total?: number };
  followed?: string[];
  ends: boolean;
}

const RULE: Case[] = [
  { name: 'next and total on the last (only) page', page: { items: 2, next: 'c', total: 2 }, followed: [], ends: true },
  { name: 'next and total on the first of several pages', page: { items: 50, next: 'c', total: 250 }, followed: [], ends: false },
  { name: 'total 0 and no tokens', page: { items: 0, total: 0 }, followed: [], ends: true },
  { name: 'total 0 although tokens arrived (a list that emptied meanwhile)', page: { items: 3, next: 'c', total: 0 }, followed: [], ends: true },
  { name: 'an empty page that still carries next', page: { items: 0, next: 'c' }, followed: [], ends: true },
  { name: 'a page without next (older tenants, a bare array)', page: { items: 7 }, followed: [], ends: true },
  { name: 'an empty-string next', page: { items: 7, next: '' }, followed: [], ends: true },
  { name: 'a cursor already followed (a tenant repeating itself)', page: { items: 50, next: 'c1' }, followed: ['c1'], ends: true },
  { name: 'a new cursor without total: only an empty page can end it', page: { items: 50, next: 'c2' }, followed: ['c1'], ends: false },
  { name: 'the last page when total counts the whole listing: on to the empty page', page: { items: 50, next: 'c5', total: 250 }, followed: ['c1', 'c2', 'c3', 'c4'], ends: false },
  { name: 'the last page when total counts what is left from the page on', page: { items: 50, next: 'c5', total: 50 }, followed: [], ends: true },
  { name: 'a middle page when total counts what is left', page: { items: 50, next: 'c3', total: 150 }, followed: [], ends: false },
  { name: 'a total larger than what arrives: goes on to the empty page', page: { items: 50, next: 'c5', total: 60 }, followed: [], ends: false },
  { name: 'total missing on a later page: on to the empty page', page: { items: 50, next: 'c5' }, followed: [], ends: false },
  { name: 'total missing altogether and a full page with next', page: { items: 100, next: 'c1' }, followed: [], ends: false },
];

describe('cursorListingEnds: when a cursor listing ends', () => {
  for (const { name, page, followed, ends } of RULE) {
    it(`${ends ? 'ends' : 'goes on'}: ${name}`, () => {
      assert.equal(cursorListingEnds(page, new Set(followed ?? [])), ends);
    });
  }
});

type Item = { id: string };
const tokens = (from: number, count: number): Item[] => Array.from({ length: count }, (_, index) => ({ id: `t${from + index}` }));

interface ListingCase {
  name: string;
  /** The answer to each cursor ('' for the first page). */
  pages: Record<string, CursorPageResponse<Item>>;
  items: number;
  requests: number;
}

const LISTINGS: ListingCase[] = [
  { name: 'one page, next and total on it (recorded)', pages: { '': { items: tokens(0, 2), next: 'a', total: 2 } }, items: 2, requests: 1 },
  { name: 'a user without tokens: {"tokens":[],"total":0}', pages: { '': { items: [], total: 0 } }, items: 0, requests: 1 },
  {
    name: 'three pages with next on each, total counting what is left, no request for the empty page',
    pages: { '': { items: tokens(0, 2), next: 'a', total: 5 }, a: { items: tokens(2, 2), next: 'b', total: 3 }, b: { items: tokens(4, 1), next: 'c', total: 1 } },
    items: 5,
    requests: 3,
  },
  {
    name: 'next on every page and no total: the empty page ends it',
    pages: { '': { items: tokens(0, 2), next: 'a' }, a: { items: tokens(2, 2), next: 'b' }, b: { items: [] } },
    items: 4,
    requests: 3,
  },
  {
    name: 'a tenant repeating the first page and its cursor',
    pages: { '': { items: tokens(0, 2), next: 'a' }, a: { items: tokens(0, 2), next: 'a' } },
    items: 2,
    requests: 2,
  },
  {
    name: 'cursors that cycle between two pages',
    pages: { '': { items: tokens(0, 2), next: 'a' }, a: { items: tokens(2, 2), next: 'b' }, b: { items: tokens(0, 2), next: 'a' } },
    items: 4,
    requests: 3,
  },
  {
    name: 'a total larger than what arrives',
    pages: { '': { items: tokens(0, 2), next: 'a', total: 9 }, a: { items: tokens(2, 2), next: 'b', total: 7 }, b: { items: [], total: 0 } },
    items: 4,
    requests: 3,
  },
  {
    name: 'total read as the whole count on every page: one more request, for the empty page',
    pages: { '': { items: tokens(0, 2), next: 'a', total: 4 }, a: { items: tokens(2, 2), next: 'b', total: 4 }, b: { items: [], total: 0 } },
    items: 4,
    requests: 3,
  },
  {
    name: 'tokens issued between pages: the list goes on past the first total',
    pages: { '': { items: tokens(0, 2), next: 'a', total: 4 }, a: { items: tokens(2, 2), next: 'b', total: 3 }, b: { items: tokens(4, 1), next: 'c', total: 1 } },
    items: 5,
    requests: 3,
  },
  {
    name: 'a bare array (no next, no total)',
    pages: { '': { items: tokens(0, 7) } },
    items: 7,
    requests: 1,
  },
];

describe('readCursorListing: a whole listing, each id once, never looping', () => {
  for (const { name, pages, items, requests } of LISTINGS) {
    it(name, async () => {
      const asked: string[] = [];
      const listed = await readCursorListing(
        async (from) => {
          asked.push(from ?? '');
          assert.ok(asked.length <= 10, `looped: ${asked.join(', ')}`);
          const page = pages[from ?? ''];
          assert.ok(page, `asked for a cursor never sent: ${String(from)}`);
          return page;
        },
        (item) => item.id,
      );
      assert.equal(listed.length, items);
      assert.equal(new Set(listed.map((item) => item.id)).size, listed.length);
      assert.equal(asked.length, requests, asked.join(', '));
    });
  }
});
