// "All users" through a users-export job against the emulator: the job is polled through its
// pending state (waits recorded, not slept), the file is read from the second origin without the
// Authorization header, and every user of the tenant comes out once.
import * as assert from 'node:assert/strict';
import { ManagementApiError } from '../../../../../src/auth0/errors';
import { usersExportSource } from '../../../../../src/features/hunt/core/usersExportSource';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor, rejectionOf, requestsUnder } from '../../../auth0/support';

describe('Users export source', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ seed: 4, userCount: 1500 });
  });
  after(() => emulator.close());

  it('yields every user of a tenant past the 1,000-result cap, polling the job with the given pauses', async () => {
    const slept: number[] = [];
    const source = usersExportSource(clientFor(emulator).client, { sleep: async (ms) => void slept.push(ms), pollDelaysMs: [7, 11] });
    const ids: string[] = [];
    for await (const user of source.users(new AbortController().signal)) {
      ids.push(user.userId);
    }
    assert.equal(ids.length, 1500);
    assert.equal(new Set(ids).size, 1500);
    assert.ok(slept.length >= 1 && slept.every((ms) => ms === 7 || ms === 11), `waited ${JSON.stringify(slept)}`);
    assert.equal(requestsUnder(emulator, '/api/v2/jobs/users-exports').length, 1);
    assert.ok(emulator.exportRequests.length >= 1);
    assert.ok(emulator.exportRequests.every((request) => request.authorization === undefined), 'no Authorization header at the export origin');
  });

  it('counts the tenant\'s users for "done / total"', async () => {
    const source = usersExportSource(clientFor(emulator).client);
    assert.equal(await source.countUsers(new AbortController().signal), 1500);
    assert.equal(source.total, 1500);
  });

  it('reports a failed job as a server error naming Auth0\'s reason', async () => {
    const { client } = clientFor(emulator);
    const failing = {
      ...client,
      createUsersExport: client.createUsersExport.bind(client),
      listUsers: client.listUsers.bind(client),
      downloadUsersExport: client.downloadUsersExport.bind(client),
      getJob: async (id: string) => ({ id, type: 'users_export', status: 'failed', status_details: 'quota' }),
    };
    const source = usersExportSource(failing, { sleep: async () => undefined });
    await assert.rejects(async () => {
      const iterator = source.users(new AbortController().signal)[Symbol.asyncIterator]();
      await iterator.next();
    }, (error: unknown) => error instanceof ManagementApiError && error.kind === 'server-error' && /quota/.test(error.message));
  });
});

// Issue 18 §4: the export's signed link lives about 60 s, and Auth0 runs only so many jobs at
// once. A late download asks the job for a fresh link; a job refused for the tenant's other jobs
// waits on its own (the injected sleep), says why, and pauses nothing else of the tenant.
describe('Users export source as Auth0 runs jobs', () => {
  const collectIds = async (iterable: AsyncIterable<{ userId: string }>) => {
    const ids: string[] = [];
    for await (const user of iterable) {
      ids.push(user.userId);
    }
    return ids;
  };

  describe('an expired signed link', () => {
    let emulator: RunningEmulator;
    let storageNow = Date.now();
    before(async () => {
      emulator = await startEmulator({ seed: 5, userCount: 40, exportClock: () => storageNow });
    });
    after(() => emulator.close());

    // Each case: how many downloads start late (after the link expired), and what comes of it.
    const cases: { name: string; lateDownloads: number; outcome: 'all users' | 'forbidden' }[] = [
      { name: 'one late download: one fresh link, every user', lateDownloads: 1, outcome: 'all users' },
      { name: 'three late downloads: three fresh links, every user', lateDownloads: 3, outcome: 'all users' },
      { name: 'four late downloads: gives up after three fresh links, saying so', lateDownloads: 4, outcome: 'forbidden' },
    ];
    for (const { name, lateDownloads, outcome } of cases) {
      it(name, async () => {
        const { client } = clientFor(emulator);
        let downloads = 0;
        const late = {
          createUsersExport: client.createUsersExport.bind(client),
          getJob: client.getJob.bind(client),
          listUsers: client.listUsers.bind(client),
          downloadUsersExport: (location: string, options?: { signal?: AbortSignal }) => {
            downloads += 1;
            if (downloads <= lateDownloads) {
              storageNow += 61_000; // the download starts after the link's 60 s
            }
            return client.downloadUsersExport(location, options);
          },
        };
        const jobLooksBefore = requestsUnder(emulator, '/api/v2/jobs/job_').length;
        const refused = emulator.exportRequests.filter((request) => request.status === 403).length;
        const notices: string[] = [];
        const source = usersExportSource(late, { sleep: async () => undefined, onNotice: (notice) => void notices.push(notice) });
        if (outcome === 'all users') {
          const ids = await collectIds(source.users(new AbortController().signal));
          const everyone = await source.countUsers(new AbortController().signal);
          assert.equal(ids.length, everyone);
          assert.equal(new Set(ids).size, everyone);
        } else {
          const error = await rejectionOf(collectIds(source.users(new AbortController().signal)));
          assert.ok(error instanceof ManagementApiError && error.kind === 'forbidden', String(error));
          assert.match(error.message, /fresh link 3 times/);
        }
        const fresh = Math.min(lateDownloads, 3);
        assert.equal(emulator.exportRequests.filter((request) => request.status === 403).length - refused, Math.min(lateDownloads, 4));
        // The looks until completed, plus one GET /jobs/{id} per fresh link.
        const looks = requestsUnder(emulator, '/api/v2/jobs/job_').length - jobLooksBefore;
        assert.ok(looks >= 2 + fresh, `${looks} looks at the job`);
        assert.equal(notices.filter((notice) => /expired/.test(notice)).length, fresh, notices.join('\n'));
      });
    }
  });

  describe("the tenant's limit on concurrent jobs", () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ seed: 6, userCount: 30, rateLimit: 'production' });
    });
    after(() => emulator.close());
    afterEach(() => emulator.configure({ otherActiveJobs: 0 }));

    it('a POST refused for the active jobs is sent once, is not read as the rate limit, and pauses nothing else', async () => {
      emulator.configure({ otherActiveJobs: 2 });
      const { client, retries, records } = clientFor(emulator);
      const posts = requestsUnder(emulator, '/api/v2/jobs/users-exports').length;
      const error = await rejectionOf(client.createUsersExport({ format: 'json', priority: 'background' }));
      assert.ok(error instanceof ManagementApiError && error.kind === 'too-many-jobs', String(error));
      assert.match(error.message, /2 active/);
      assert.equal(requestsUnder(emulator, '/api/v2/jobs/users-exports').length - posts, 1, 'sent once');
      assert.deepEqual(retries, []);
      assert.equal(records.at(-1)?.status, 429);
      assert.equal(client.limiter.expectedWaitMs(), 0, 'the tenant is not paused');
    });

    // Each case: how long the other jobs run (in the job's own waits), and what comes of it.
    const cases: { name: string; busyForWaits: number; outcome: 'all users' | 'too-many-jobs' }[] = [
      { name: 'the other jobs end after one wait: the export runs', busyForWaits: 1, outcome: 'all users' },
      { name: 'the other jobs end after five waits: the export runs', busyForWaits: 5, outcome: 'all users' },
      { name: 'the other jobs never end: gives up after six waits, saying why', busyForWaits: Infinity, outcome: 'too-many-jobs' },
    ];
    for (const { name, busyForWaits, outcome } of cases) {
      it(name, async () => {
        emulator.configure({ otherActiveJobs: 2 });
        const { client, retries } = clientFor(emulator);
        const waits: number[] = [];
        const notices: string[] = [];
        const posts = requestsUnder(emulator, '/api/v2/jobs/users-exports').length;
        let jobWaits = 0;
        const source = usersExportSource(client, {
          sleep: async (ms) => {
            waits.push(ms);
            // Only waits for the other jobs count (the job's polling sleeps too).
            if (notices.length > jobWaits) {
              jobWaits = notices.length;
              if (jobWaits >= busyForWaits) {
                emulator.configure({ otherActiveJobs: 0 });
              }
              // Nothing else of the tenant waits meanwhile: a person's request goes at once.
              assert.equal(client.limiter.expectedWaitMs(), 0);
            }
          },
          onNotice: (notice) => void notices.push(notice),
        });
        if (outcome === 'all users') {
          const ids = await collectIds(source.users(new AbortController().signal));
          assert.equal(ids.length, await source.countUsers(new AbortController().signal));
          assert.equal(requestsUnder(emulator, '/api/v2/jobs/users-exports').length - posts, busyForWaits + 1);
        } else {
          const error = await rejectionOf(collectIds(source.users(new AbortController().signal)));
          assert.ok(error instanceof ManagementApiError && error.kind === 'too-many-jobs', String(error));
          assert.match(error.message, /6 times/);
          assert.equal(requestsUnder(emulator, '/api/v2/jobs/users-exports').length - posts, 7);
        }
        const jobNotices = notices.filter((notice) => /other jobs/.test(notice));
        assert.equal(jobNotices.length, Math.min(busyForWaits, 6), notices.join('\n'));
        assert.match(jobNotices[0], /2 active export users jobs/);
        assert.deepEqual(retries, [], 'the transport retried nothing');
        // The waits grow and are bounded: each at least the one before, none above 2 minutes.
        const jobWaitMs = waits.filter((ms) => ms >= 10_000);
        assert.equal(jobWaitMs.length, Math.min(busyForWaits, 6));
        assert.ok(jobWaitMs.every((ms, i) => ms <= 120_000 && (i === 0 || ms >= jobWaitMs[i - 1])), JSON.stringify(jobWaitMs));
      });
    }
  });
});
