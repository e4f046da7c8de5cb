// The per-tenant model against the emulator over real HTTP: revocations are marked and announced
// once Auth0 accepts them, then settled once Auth0 no longer lists them (the pauses between
// checks are recorded through an injected sleep), and application names are asked once.
import assert from 'node:assert/strict';
import { isManagementApiError } from '../../../src/auth0/errors';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { tokenStatus } from '../../../src/presentation/tokenStatus';
import { TenantModel, REVOCATION_POLL_DELAYS_MS, type RevocationChange } from '../../../src/model/tenantModel';
import { FULL_SCOPES } from '../../emulator/auth';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor, rejectionOf, requestsUnder } from '../auth0/support';

describe('TenantModel', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 61, deleteDelayMs: 0 });
  });
  after(() => emulator.close());

  function modelWithRecordedSleep(): { model: TenantModel; slept: number[]; changes: RevocationChange[] } {
    const slept: number[] = [];
    const model = new TenantModel(clientFor(emulator).client, { sleep: async (ms) => void slept.push(ms) });
    const changes: RevocationChange[] = [];
    model.onDidChangeRevocations((change) => changes.push(change));
    return { model, slept, changes };
  }

  it('revokes a token: DELETE, marked and announced at once, settled after Auth0 stops returning it', async () => {
    const { model, slept, changes } = modelWithRecordedSleep();
    const [token] = emulator.refreshTokensOf(emulator.users.seven);
    await model.revokeToken(token);
    assert.equal(model.isRevoked(token.id), true);
    assert.deepEqual(changes, [{ state: 'revoked', userId: emulator.users.seven, tokenIds: [token.id] }]);
    await model.settled();
    assert.deepEqual(changes[1], { state: 'settled', userId: emulator.users.seven, tokenIds: [] });
    assert.deepEqual(slept, [REVOCATION_POLL_DELAYS_MS[0]], 'one pause, then the check found it gone');
    assert.equal(emulator.refreshTokensOf(emulator.users.seven).some((t) => t.id === token.id), false);
  });

  it('keeps polling with growing pauses while Auth0 still returns the token, then settles anyway', async () => {
    const { model, slept, changes } = modelWithRecordedSleep();
    emulator.configure({ deleteDelayMs: 60_000 });
    try {
      const [token] = emulator.refreshTokensOf(emulator.users.one);
      await model.revokeToken(token);
      await model.settled();
      assert.deepEqual(slept, [...REVOCATION_POLL_DELAYS_MS]);
      assert.equal(changes.at(-1)?.state, 'settled');
    } finally {
      emulator.configure({ deleteDelayMs: 0 });
    }
  });

  it('revokes all of a user\'s tokens, marking the loaded ones', async () => {
    const { model, changes } = modelWithRecordedSleep();
    const userId = emulator.fanOutUsers[0];
    const loaded = emulator.refreshTokensOf(userId).slice(0, 3).map((t) => t.id);
    await model.revokeAllTokens(userId, loaded);
    assert.deepEqual(loaded.map((id) => model.isRevoked(id)), [true, true, true]);
    assert.deepEqual(changes[0], { state: 'revoked', userId, tokenIds: loaded });
    await model.settled();
    assert.deepEqual(emulator.refreshTokensOf(userId), []);
  });

  it('marks nothing when Auth0 refuses the revocation', async () => {
    const readOnly = new TenantModel(clientFor(emulator, { tokenProvider: new StaticTokenProvider(emulator.readOnlyToken) }).client);
    const changes: RevocationChange[] = [];
    readOnly.onDidChangeRevocations((change) => changes.push(change));
    const [token] = emulator.refreshTokensOf(emulator.users.many);
    await rejectionOf(readOnly.revokeToken(token));
    assert.equal(readOnly.isRevoked(token.id), false);
    assert.deepEqual(changes, []);
  });

  it("names the missing scope when a finding could not be judged for want of the user's logs or the token's session", async () => {
    const scopes = FULL_SCOPES.filter((scope) => !['read:logs', 'read:logs_users', 'read:sessions'].includes(scope));
    const model = new TenantModel(clientFor(emulator, { tokenProvider: new StaticTokenProvider(emulator.mintToken({ scopes })) }).client);
    const userId = emulator.users.seven;
    const tokens = emulator.refreshTokensOf(userId);
    // A token that can still be exchanged: the session check is only about those.
    const live = (token: (typeof tokens)[number]) => tokenStatus(token, new Date()).kind === 'active';
    const withSession = tokens.find((token) => typeof token.session_id === 'string' && token.session_id !== '' && live(token));
    assert.ok(withSession, 'a live token bound to a session');
    await Promise.all([model.evidence.loadHistory(userId), model.evidence.loadSession(withSession.session_id as string, userId)]);
    await model.evidence.settled();
    const reasons = model.analyzeUserTokens(userId, tokens, new Date()).get(withSession.id)?.skipped.map((skipped) => skipped.reason);
    assert.deepEqual(reasons?.slice(0, 2), [
      "The user's log events cannot be read: the management token lacks read:logs or read:logs_users.",
      "The token's session cannot be read: the management token lacks read:sessions.",
    ]);
  });

  it('resolves application names once per application and announces the new ones', async () => {
    const { model } = modelWithRecordedSleep();
    const named: string[][] = [];
    model.onDidResolveApplicationNames((ids) => named.push([...ids]));
    const tokens = emulator.refreshTokensOf(emulator.users.many);
    const clientIds = [...new Set(tokens.map((t) => t.client_id!))];
    const before = requestsUnder(emulator, '/api/v2/clients/').length;
    await model.resolveApplicationNames(tokens);
    await model.resolveApplicationNames(tokens);
    assert.equal(requestsUnder(emulator, '/api/v2/clients/').length - before, clientIds.length, 'one request per application');
    for (const id of clientIds) {
      assert.equal(model.applicationName(id), emulator.clientName(id));
    }
    assert.deepEqual(named.flat().sort(), clientIds.filter((id) => emulator.clientName(id) !== undefined).sort());
    assert.equal(named.length, 1, 'the second call had nothing new to announce');
  });

  describe('the application list', () => {
    const listRequests = () => emulator.requests.filter((request) => request.path === '/api/v2/clients').length;

    function modelWithScopes(scopes?: string[]): TenantModel {
      const tokenProvider = new StaticTokenProvider(scopes === undefined ? emulator.token : emulator.mintToken({ scopes }));
      return new TenantModel(clientFor(emulator, { tokenProvider }).client);
    }

    it('loads once, shared by concurrent callers, and announces the applications newly named', async () => {
      const model = modelWithScopes();
      const tokens = emulator.refreshTokensOf(emulator.users.seven);
      await model.resolveApplicationNames(tokens);
      const resolved = new Set(model.client.knownClientNames().keys());
      assert.ok(resolved.size > 0);
      const named: string[][] = [];
      model.onDidResolveApplicationNames((ids) => named.push([...ids]));
      const before = listRequests();
      assert.equal(model.applicationList, undefined);
      const outcomes = await Promise.all([model.loadApplicationList(), model.loadApplicationList()]);
      assert.deepEqual(outcomes, [{ state: 'loaded' }, { state: 'loaded' }]);
      assert.deepEqual(await model.loadApplicationList(), { state: 'loaded' });
      assert.equal(listRequests() - before, 1, 'one request: the seeded tenant has fewer than 100 applications');
      assert.deepEqual(model.applicationList, { state: 'loaded' });
      for (const application of emulator.applications()) {
        assert.equal(model.applicationName(application.client_id), application.name);
      }
      assert.deepEqual(named, [emulator.applications().map((application) => application.client_id).filter((id) => !resolved.has(id))]);
    });

    it('remembers a 403 for want of a client scope, with its reason, and does not ask again', async () => {
      const model = modelWithScopes(['read:users', 'read:refresh_tokens']);
      const before = listRequests();
      const outcome = await model.loadApplicationList();
      assert.equal(outcome.state, 'refused');
      assert.ok(outcome.state === 'refused' && isManagementApiError(outcome.error, 'insufficient-scope'), JSON.stringify(outcome));
      assert.equal(await model.loadApplicationList(), outcome);
      assert.equal(model.applicationList, outcome);
      assert.equal(listRequests() - before, 1);
    });

    it('forgets a failure that may go away: the next call asks again', async () => {
      const model = modelWithScopes();
      emulator.configure({ faults: { serverErrorRate: 1, onlyPaths: /^\/api\/v2\/clients$/ } });
      try {
        assert.ok(isManagementApiError(await rejectionOf(model.loadApplicationList()), 'server-error'));
        assert.equal(model.applicationList, undefined);
      } finally {
        emulator.configure({ faults: {} });
      }
      assert.deepEqual(await model.loadApplicationList(), { state: 'loaded' });
    });

    it("ends only the caller's wait when its signal aborts", async () => {
      const model = modelWithScopes();
      const controller = new AbortController();
      const waiting = model.loadApplicationList({ signal: controller.signal });
      controller.abort();
      assert.ok(isManagementApiError(await rejectionOf(waiting), 'cancelled'));
      assert.deepEqual(await model.loadApplicationList(), { state: 'loaded' });
    });
  });
});
