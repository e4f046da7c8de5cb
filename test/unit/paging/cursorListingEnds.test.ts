// The kind behind issue 18 §1: when does a cursor (`from`/`take`) listing end? A real tenant sends
// `next` on its last non-empty page too, so `next` proves nothing; `total`, an empty page and a
// cursor already followed do. One table for the rule, one for a whole listing read page by page.
import assert from 'node:assert/strict';
import { cursorListingEnds, readCursorListing, type CursorPageResponse } from '../../../src/paging/cursorPager';

interface Case {
  name: string;
  page: { items: number; next?: string; total?: number };
  before: { received: number; firstTotal?: number; followed?: string[] };
  ends: boolean;
}

const RULE: Case[] = [
  { name: 'next and total on the last (only) page', page: { items: 2, next: 'c', total: 2 }, before: { received: 0 }, ends: true },
  { name: 'next and total on the first of several pages', page: { items: 50, next: 'c', total: 250 }, before: { received: 0 }, ends: false },
  { name: 'total 0 and no tokens', page: { items: 0, total: 0 }, before: { received: 0 }, ends: true },
  { name: 'total 0 although tokens arrived (a list that emptied meanwhile)', page: { items: 3, next: 'c', total: 0 }, before: { received: 0 }, ends: true },
  { name: 'an empty page that still carries next', page: { items: 0, next: 'c' }, before: { received: 10 }, ends: true },
  { name: 'a page without next (older tenants, a bare array)', page: { items: 7 }, before: { received: 0 }, ends: true },
  { name: 'an empty-string next', page: { items: 7, next: '' }, before: { received: 0 }, ends: true },
  { name: 'a cursor already followed (a tenant repeating itself)', page: { items: 50, next: 'c1' }, before: { received: 50, followed: ['c1'] }, ends: true },
  { name: 'a new cursor without total: only an empty page can end it', page: { items: 50, next: 'c2' }, before: { received: 50, followed: ['c1'] }, ends: false },
  { name: 'the last page when total counts the whole listing', page: { items: 50, next: 'c5', total: 250 }, before: { received: 200, firstTotal: 250, followed: ['c1', 'c2', 'c3', 'c4'] }, ends: true },
  { name: 'the last page when total counts what is left from the page on', page: { items: 50, next: 'c5', total: 50 }, before: { received: 200, firstTotal: 250 }, ends: true },
  { name: 'a middle page when total counts what is left', page: { items: 50, next: 'c3', total: 150 }, before: { received: 100, firstTotal: 250 }, ends: false },
  { name: 'a total larger than what arrives: goes on to the empty page', page: { items: 50, next: 'c5', total: 60 }, before: { received: 200, firstTotal: 260 }, ends: false },
  { name: 'total missing on a later page: the first page\'s total still counts', page: { items: 50, next: 'c5' }, before: { received: 200, firstTotal: 250 }, ends: true },
  { name: 'total missing altogether and a full page with next', page: { items: 100, next: 'c1' }, before: { received: 0 }, ends: false },
];

describe('cursorListingEnds: when a cursor listing ends', () => {
  for (const { name, page, before, ends } of RULE) {
    it(`${ends ? 'ends' : 'goes on'}: ${name}`, () => {
      assert.equal(cursorListingEnds(page, { received: before.received, firstTotal: before.firstTotal, followed: new Set(before.followed ?? []) }), ends);
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
