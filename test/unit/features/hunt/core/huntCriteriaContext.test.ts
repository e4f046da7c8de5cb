// The hunt's criteria against a tenant's model over real HTTP: on a fresh model (no application
// name resolved yet) a typed name loads the tenant's application list once and resolves; a
// token that may not list applications gets an error that says so; a client id needs no list.
import assert from 'node:assert/strict';
import { StaticTokenProvider } from '../../../../../src/credentials/staticTokenProvider';
import { parseHuntCriteria } from '../../../../../src/features/hunt/core/huntCriteriaContext';
import { TenantModel } from '../../../../../src/model/tenantModel';
import { startEmulator, type RunningEmulator } from '../../../../emulator';
import { clientFor } from '../../../auth0/support';

const NOW = Date.parse('2026-06-15T12:00:00Z');

describe('hunt criteria against the tenant model', () => {
  let emulator: RunningEmulator;
  let acmeWeb: { client_id: string; name: string };

  before(async () => {
    emulator = await startEmulator({ seed: 23 });
    acmeWeb = emulator.applications().find((application) => application.name === 'Acme Web')!;
  });
  after(() => emulator.close());

  const listRequests = () => emulator.requests.filter((request) => request.path === '/api/v2/clients').length;

  function freshModel(scopes?: string[]): TenantModel {
    const tokenProvider = new StaticTokenProvider(scopes === undefined ? emulator.token : emulator.mintToken({ scopes }));
    return new TenantModel(clientFor(emulator, { tokenProvider }).client);
  }

  function messages(result: Awaited<ReturnType<typeof parseHuntCriteria>>): string[] {
    return result.parsed.ok ? [] : result.parsed.errors.map((error) => error.message);
  }

  it("a name not known yet loads the tenant's application list once, then resolves", async () => {
    const model = freshModel();
    assert.equal(model.client.knownClientNames().size, 0);
    const before = listRequests();
    const first = await parseHuntCriteria({ applications: 'acme web' }, model, NOW);
    assert.ok(first.parsed.ok, messages(first).join());
    assert.deepEqual(first.parsed.criteria.applications, [acmeWeb.client_id]);
    assert.deepEqual(
      first.context.applications?.map((application) => application.name),
      emulator.applications().map((application) => application.name),
      "the form's hint lists the tenant's applications",
    );
    const misspelt = await parseHuntCriteria({ applications: 'Acme Wbe' }, model, NOW);
    assert.deepEqual(messages(misspelt), ['Application: no application is named "Acme Wbe"; give its name as the Dashboard shows it, or its client id']);
    assert.equal(listRequests() - before, 1, 'the list is asked for once');
  });

  it('a client id, or a name already resolved from token rows, asks for no list', async () => {
    const model = freshModel();
    const before = listRequests();
    const byId = await parseHuntCriteria({ applications: acmeWeb.client_id }, model, NOW);
    assert.ok(byId.parsed.ok);
    await model.resolveApplicationNames([{ id: 'x', client_id: acmeWeb.client_id }]);
    const byKnownName = await parseHuntCriteria({ applications: 'Acme Web', network: '203.0.113.0/24' }, model, NOW);
    assert.ok(byKnownName.parsed.ok);
    assert.equal(listRequests(), before);
  });

  it('without read:clients or read:client_summary: the error names the missing scope and asks for the client id, once', async () => {
    const model = freshModel(['read:users', 'read:refresh_tokens']);
    const before = listRequests();
    const expected = [
      'Application: no application is named "Acme Web" among the names known so far; the token lacks read:clients (or read:client_summary) to list the tenant\'s applications — give its client id',
    ];
    assert.deepEqual(messages(await parseHuntCriteria({ applications: 'Acme Web' }, model, NOW)), expected);
    assert.deepEqual(messages(await parseHuntCriteria({ applications: 'Acme Web' }, model, NOW)), expected);
    assert.equal(listRequests() - before, 1, 'the refusal is remembered');
    assert.ok((await parseHuntCriteria({ applications: acmeWeb.client_id }, model, NOW)).parsed.ok, 'a client id still works');
  });

  it('a list that fails for now says so, and the next parse asks again', async () => {
    const model = freshModel();
    emulator.configure({ faults: { serverErrorRate: 1, onlyPaths: /^\/api\/v2\/clients$/ } });
    try {
      const failed = await parseHuntCriteria({ applications: 'Acme Web' }, model, NOW);
      assert.deepEqual(messages(failed), [
        'Application: no application is named "Acme Web" among the names known so far; the tenant\'s applications could not be listed just now — give its client id',
      ]);
    } finally {
      emulator.configure({ faults: {} });
    }
    assert.ok((await parseHuntCriteria({ applications: 'Acme Web' }, model, NOW)).parsed.ok);
  });
});
