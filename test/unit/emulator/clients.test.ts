// The application list (GET /clients) pages as Auth0's offset paging does: the seeded tenant's
// applications two at a time, and a tenant with more than 100 applications in pages of 100.
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { call } from './helpers';

interface ClientsPage {
  clients: { client_id: string; name: string }[];
  start: number;
  limit: number;
  total: number;
}

async function listPage(emulator: RunningEmulator, page: number, perPage: number): Promise<ClientsPage> {
  const result = await call(emulator, 'GET', '/api/v2/clients', {
    query: { fields: 'client_id,name', include_fields: 'true', include_totals: 'true', page: String(page), per_page: String(perPage) },
  });
  assert.equal(result.status, 200, result.text);
  return result.body as ClientsPage;
}

/** Every page from 0 until one comes back short. */
async function allPages(emulator: RunningEmulator, perPage: number): Promise<ClientsPage[]> {
  const pages: ClientsPage[] = [];
  for (let page = 0; pages.length === 0 || pages[pages.length - 1].clients.length === perPage; page++) {
    pages.push(await listPage(emulator, page, perPage));
  }
  return pages;
}

describe('emulator application list (GET /clients)', () => {
  let seeded: RunningEmulator;
  let many: RunningEmulator;

  before(async () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    [seeded, many] = await Promise.all([startEmulator({ seed: 5, now }), startEmulator({ seed: 5, now, extraApplications: 150 })]);
  });
  after(() => Promise.all([seeded.close(), many.close()]));

  it("pages the seeded tenant's applications two at a time: each once, in order, with start, limit and total", async () => {
    const listed = seeded.applications();
    assert.equal(listed.length, 7, 'eight seeded applications, one of them deleted');
    const pages = await allPages(seeded, 2);
    assert.deepEqual(
      pages.map((page) => page.clients.length),
      [2, 2, 2, 1],
    );
    assert.deepEqual(
      pages.map((page) => [page.start, page.limit, page.total]),
      [0, 2, 4, 6].map((start) => [start, 2, 7]),
    );
    assert.deepEqual(
      pages.flatMap((page) => page.clients),
      listed,
    );
    assert.deepEqual((await listPage(seeded, 9, 2)).clients, [], 'a page past the end is empty');
  });

  it('lists more than 100 applications in pages of at most 100; a bare array takes 50 by default', async () => {
    const listed = many.applications();
    assert.equal(listed.length, 157);
    const pages = await allPages(many, 100);
    assert.deepEqual(
      pages.map((page) => page.clients.length),
      [100, 57],
    );
    assert.deepEqual(
      pages.flatMap((page) => page.clients),
      listed,
    );
    assert.equal(new Set(listed.map((client) => client.client_id)).size, 157, 'every client id is distinct');
    const bare = await call(many, 'GET', '/api/v2/clients');
    assert.equal((bare.body as unknown[]).length, 50);
    const tooMany = await call(many, 'GET', '/api/v2/clients', { query: { per_page: '101' } });
    assert.equal(tooMany.status, 400);
  });

  it('the extra applications leave the seeded data as it was: the same applications first, the same tokens', () => {
    assert.deepEqual(many.applications().slice(0, 7), seeded.applications());
    assert.deepEqual(many.refreshTokensOf(many.users.seven), seeded.refreshTokensOf(seeded.users.seven));
    assert.ok(many.applications().slice(7).every((client) => /^Partner App \d{3}$/.test(client.name)));
  });

  it('refuses an extraApplications that is not a whole number', async () => {
    await assert.rejects(startEmulator({ extraApplications: -1 }), RangeError);
    await assert.rejects(startEmulator({ extraApplications: 1.5 }), RangeError);
  });
});
