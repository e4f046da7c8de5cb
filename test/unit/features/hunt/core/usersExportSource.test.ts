// "All users" through a users-export job against the emulator: the job is polled through its
// pending state (waits recorded, not slept), the file is read from the second origin without the
// Authorization header, and every user of the tenant comes out once.
import * as assert from 'node:assert/strict';
import { ManagementApiError } from '../../../../../src/auth0/errors';
import { usersExportSource } from '../../../../../src/features/hunt/core/usersExportSource';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor, requestsUnder } from '../../../auth0/support';

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
