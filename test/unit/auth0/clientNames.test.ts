// The application list (GET /clients) against the emulator over real HTTP: every page of a
// tenant with more than 100 applications, each request held to the contract's query parameters,
// the names filled into the cache the tree reads, and a 403 for a token without a client scope.
import assert from 'node:assert/strict';
import { InsufficientScopeError, isManagementApiError } from '../../../src/auth0/errors';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { validateRequestQuery } from '../../contract/validate';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor, rejectionOf, requestsUnder } from './support';

describe('ManagementClient.listClientNames', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 17, extraApplications: 150 });
  });
  after(() => emulator.close());

  const listRequests = () => emulator.requests.filter((request) => request.path === '/api/v2/clients');

  it('lists every application over pages of 100, each request as the contract declares it', async () => {
    const { client } = clientFor(emulator);
    const before = listRequests().length;
    const listed = await client.listClientNames();
    assert.deepEqual(listed, emulator.applications());
    assert.equal(listed.length, 157);
    const sent = listRequests().slice(before);
    assert.deepEqual(
      sent.map((request) => request.query),
      [0, 1].map((page) => ({ fields: 'client_id,name', include_fields: 'true', include_totals: 'true', page: String(page), per_page: '100' })),
    );
    for (const request of sent) {
      const validation = validateRequestQuery('management', 'GET', '/clients', request.query);
      assert.ok(validation.valid, validation.errors);
      assert.equal(request.status, 200);
    }
  });

  it('fills the name cache: knownClientName(s) answer, and getClientName asks Auth0 nothing more', async () => {
    const { client } = clientFor(emulator);
    assert.equal(client.knownClientNames().size, 0);
    await client.listClientNames();
    assert.deepEqual(
      [...client.knownClientNames()].map(([client_id, name]) => ({ client_id, name })),
      emulator.applications(),
    );
    const [, second] = emulator.applications();
    assert.equal(client.knownClientName(second.client_id), second.name);
    const lookups = requestsUnder(emulator, '/api/v2/clients/').length;
    assert.equal(await client.getClientName(second.client_id), second.name);
    assert.equal(requestsUnder(emulator, '/api/v2/clients/').length, lookups, 'no GET /clients/{id}');
  });

  it('works with read:client_summary alone: it asks only for client_id and name', async () => {
    const { client } = clientFor(emulator, { tokenProvider: new StaticTokenProvider(emulator.mintToken({ scopes: ['read:client_summary'] })) });
    assert.equal((await client.listClientNames()).length, 157);
  });

  it('throws an InsufficientScopeError (403) for a token without read:clients or read:client_summary, and learns no name', async () => {
    const token = emulator.mintToken({ scopes: ['read:users', 'read:refresh_tokens'] });
    const { client } = clientFor(emulator, { tokenProvider: new StaticTokenProvider(token) });
    const before = listRequests().length;
    const error = await rejectionOf(client.listClientNames());
    assert.ok(error instanceof InsufficientScopeError, String(error));
    assert.equal(error.status, 403);
    assert.ok(error.missingScopes.includes('read:clients') && error.missingScopes.includes('read:client_summary'), error.missingScopes.join());
    assert.equal(listRequests().length - before, 1, 'the refusal is not retried');
    assert.equal(client.knownClientNames().size, 0);
    assert.ok(!error.message.includes(token));
  });

  it('stops at the page that reaches `total`: 100 applications take one request', async () => {
    const hundred = await startEmulator({ seed: 17, extraApplications: 93 });
    try {
      const { client } = clientFor(hundred);
      assert.equal((await client.listClientNames()).length, 100);
      assert.equal(hundred.requests.filter((request) => request.path === '/api/v2/clients').length, 1);
    } finally {
      await hundred.close();
    }
  });

  it("rejects with 'cancelled' when the signal aborts", async () => {
    const { client } = clientFor(emulator);
    const controller = new AbortController();
    controller.abort();
    assert.ok(isManagementApiError(await rejectionOf(client.listClientNames({ signal: controller.signal })), 'cancelled'));
  });
});
