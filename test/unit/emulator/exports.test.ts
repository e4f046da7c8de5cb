// Users-export jobs: pending, then completed with a signed `location` on a SECOND origin that
// refuses any request carrying an Authorization header; the file is gzipped NDJSON (or CSV) of
// every user, 20,000 of them included.
import assert from 'node:assert/strict';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Job, User } from '../../../src/auth0/types';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { apiPath, call, eventually, json } from './helpers';

async function completedJob(emulator: RunningEmulator, body: unknown): Promise<Job> {
  const created = await call(emulator, 'POST', '/api/v2/jobs/users-exports', json(body));
  assert.equal(created.status, 200, created.text);
  const job = created.body as Job;
  assert.equal(job.status, 'pending');
  assert.equal(job.type, 'users_export');
  const path = apiPath('/jobs/{id}', { id: job.id });
  const first = (await call(emulator, 'GET', path)).body as Job;
  assert.equal(first.status, 'pending', 'the first look is always pending');
  assert.equal(first.location, undefined);
  let done: Job | undefined;
  await eventually(
    async () => {
      const polled = (await call(emulator, 'GET', path)).body as Job;
      done = polled.status === 'completed' ? polled : undefined;
      return done !== undefined;
    },
    20_000,
    'the export completes',
  );
  return done as Job;
}

async function download(location: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(location, { headers });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('emulator users exports', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 18 });
  });
  after(() => emulator.close());

  it('serves the file on a second origin that refuses an Authorization header; the file is gzipped NDJSON of every user', async () => {
    await call(emulator, 'PATCH', apiPath('/users/{id}', { id: emulator.users.seven }), json({ blocked: true }));
    const job = await completedJob(emulator, { format: 'json' });
    const location = new URL(job.location as string);
    assert.equal(location.origin, emulator.exportOrigin);
    assert.notEqual(location.origin, new URL(emulator.url).origin);

    const withToken = await download(location.href, { authorization: `Bearer ${emulator.token}` });
    assert.equal(withToken.status, 403);
    assert.match(withToken.bytes.toString('utf8'), /AccessDenied/);
    assert.equal(emulator.exportRequests.at(-1)?.authorization, `Bearer ${emulator.token}`, 'the refused request is recorded');

    const file = await download(location.href);
    assert.equal(file.status, 200);
    const lines = gunzipSync(file.bytes).toString('utf8').trimEnd().split('\n');
    const users = lines.map((line) => JSON.parse(line) as User);
    assert.equal(users.length, 300);
    assert.equal(new Set(users.map((user) => user.user_id)).size, 300);
    assert.ok(users.some((user) => user.user_id === emulator.scenarios.stolenLaptop));
    assert.equal(users.find((user) => user.user_id === emulator.users.seven)?.blocked, true, 'the export reflects the block');

    location.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    assert.equal((await download(location.href)).status, 403, 'a forged signature');
    assert.equal((await download(`${emulator.exportOrigin}/auth0-users-exports/elsewhere.json.gz`)).status, 404);
  });

  it('exports CSV with the named fields and headings, limited and by connection', async () => {
    const connectionEvent = emulator.logsOf(emulator.scenarios.reuse).find((event) => event.connection === 'Username-Password-Authentication');
    const connectionId = connectionEvent?.connection_id as string;
    assert.match(connectionId, /^con_[A-Za-z0-9]{16}$/);
    const job = await completedJob(emulator, {
      format: 'csv',
      connection_id: connectionId,
      limit: 20,
      fields: [{ name: 'user_id', export_as: 'id' }, { name: 'email' }, { name: 'identities[0].connection', export_as: 'connection' }],
    });
    assert.equal(job.connection_id, connectionId);
    assert.equal(job.connection, 'Username-Password-Authentication');
    const rows = gunzipSync((await download(job.location as string)).bytes).toString('utf8').trimEnd().split('\n');
    assert.equal(rows[0], 'id,email,connection');
    assert.equal(rows.length, 21);
    assert.ok(rows.slice(1).every((row) => row.endsWith(',Username-Password-Authentication')));
  });

  it('refuses an unknown format, an unknown connection and unknown properties; needs read:users; 404 for an unknown job', async () => {
    for (const body of [{ format: 'xml' }, { connection_id: 'con_0000000000000000' }, { connection_id: 'google' }, { format: 'json', everything: true }, { limit: 0 }, { fields: [{ export_as: 'x' }] }]) {
      assert.equal((await call(emulator, 'POST', '/api/v2/jobs/users-exports', json(body))).status, 400, JSON.stringify(body));
    }
    assert.equal((await call(emulator, 'POST', '/api/v2/jobs/users-exports', json({ format: 'json' }, { token: emulator.mintToken({ scopes: ['read:sessions'] }) }))).status, 403);
    assert.equal((await call(emulator, 'GET', apiPath('/jobs/{id}', { id: 'job_0000000000000000' }))).status, 404);
  });

  it('exports a tenant of 20,000 users, streamed and counted line by line', async () => {
    const big = await startEmulator({ seed: 18, userCount: 20_000 });
    try {
      const total = ((await call(big, 'GET', '/api/v2/users', { query: { per_page: '1', include_totals: 'true' } })).body as { total: number }).total;
      assert.equal(total, 20_000);
      const job = await completedJob(big, { format: 'json' });
      const response = await fetch(job.location as string);
      assert.equal(response.status, 200);
      const lines = createInterface({ input: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(createGunzip()) });
      const ids = new Set<string>();
      for await (const line of lines) {
        ids.add((JSON.parse(line) as User).user_id);
      }
      assert.equal(ids.size, 20_000);
      for (const scenarioUser of Object.values(big.scenarios)) {
        assert.ok(ids.has(scenarioUser));
      }
    } finally {
      await big.close();
    }
  });
});
