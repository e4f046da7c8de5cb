// The client's session, log, bulk-revocation, blocking and export operations against the
// emulator over real HTTP: what is sent (method, path, query, a body that validates against the
// OpenAPI request schema) and what comes back, including the errors callers branch on.
import assert from 'node:assert/strict';
import { isManagementApiError } from '../../../src/auth0/errors';
import type { LogEvent } from '../../../src/auth0/types';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { validateRequestBody } from '../../contract/validate';
import { startEmulator, type RecordedRequest, type RunningEmulator } from '../../emulator/index';
import { clientFor, rejectionOf, requestsUnder, until } from './support';

const DAY_MS = 86_400_000;

function lastRequest(emulator: RunningEmulator): RecordedRequest {
  return emulator.requests[emulator.requests.length - 1];
}

/** The JSON body the client sent, checked against the operation's request schema. */
function sentBody(request: RecordedRequest, template: string): unknown {
  const body: unknown = request.body === undefined ? undefined : JSON.parse(request.body);
  const validation = validateRequestBody('management', request.method, template, body);
  assert.ok(validation.valid, `${request.method} ${template} body: ${validation.errors}`);
  return body;
}

describe('ManagementClient sessions, logs, bulk revocation, blocking and exports', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 31, deleteDelayMs: 0 });
  });
  after(() => emulator.close());

  describe('sessions', () => {
    it('gets a session by id, as the listing shows it', async () => {
      const { client } = clientFor(emulator);
      const [session] = emulator.sessionsOf(emulator.users.seven);
      assert.deepEqual(await client.getSession(session.id), session);
      assert.deepEqual(lastRequest(emulator).segments, ['api', 'v2', 'sessions', session.id]);
    });

    it("maps the 404 of a session that ended to the client's not-found error", async () => {
      const { client } = clientFor(emulator);
      const userId = emulator.scenarios.outlivedSession;
      const live = new Set(emulator.sessionsOf(userId).map((session) => session.id));
      const orphan = emulator.refreshTokensOf(userId).find((token) => typeof token.session_id === 'string' && !live.has(token.session_id));
      const error = await rejectionOf(client.getSession(String(orphan?.session_id)));
      assert.ok(isManagementApiError(error, 'not-found'), String(error));
      assert.equal(error.status, 404);
      assert.match(error.message, /has ended/);
    });

    it('revokes a session with POST .../revoke: the session and its refresh tokens go, the others stay', async () => {
      const { client } = clientFor(emulator);
      const userId = emulator.scenarios.stolenLaptop;
      const stolen = emulator.refreshTokensOf(userId).find((token) => token.device?.last_user_agent?.startsWith('python-requests'));
      const sessionId = String(stolen?.session_id);
      const others = emulator.refreshTokensOf(userId).filter((token) => token.session_id !== sessionId).map((token) => token.id);
      await client.revokeSession(sessionId);
      const sent = lastRequest(emulator);
      assert.equal(sent.method, 'POST');
      assert.deepEqual(sent.segments, ['api', 'v2', 'sessions', sessionId, 'revoke']);
      assert.equal(sent.status, 202);
      await until(() => !emulator.refreshTokensOf(userId).some((token) => token.id === stolen?.id), 'the revocation applies');
      assert.deepEqual(emulator.refreshTokensOf(userId).map((token) => token.id), others);
      assert.ok(isManagementApiError(await rejectionOf(client.getSession(sessionId)), 'not-found'));
      assert.ok(isManagementApiError(await rejectionOf(client.revokeSession(sessionId)), 'not-found'), 'revoking it again');
    });

    it('names the missing scope when the token cannot revoke refresh tokens too', async () => {
      const { client } = clientFor(emulator, { tokenProvider: new StaticTokenProvider(emulator.mintToken({ scopes: ['delete:sessions'] })) });
      const [session] = emulator.sessionsOf(emulator.users.many);
      const error = await rejectionOf(client.revokeSession(session.id));
      assert.ok(isManagementApiError(error, 'insufficient-scope'), String(error));
      assert.match(error.message, /delete:refresh_tokens/);
    });

    it("ends every session of a user; the user's refresh tokens live on", async () => {
      const { client } = clientFor(emulator);
      const userId = emulator.scenarios.browserUpdated;
      const tokens = emulator.refreshTokensOf(userId).map((token) => token.id);
      await client.deleteUserSessions(userId);
      assert.equal(lastRequest(emulator).method, 'DELETE');
      assert.deepEqual(lastRequest(emulator).segments, ['api', 'v2', 'users', userId, 'sessions']);
      await until(() => emulator.sessionsOf(userId).length === 0, 'the sessions end');
      assert.deepEqual(emulator.refreshTokensOf(userId).map((token) => token.id), tokens);
      assert.ok(isManagementApiError(await rejectionOf(client.deleteUserSessions('auth0|nobody')), 'not-found'));
    });
  });

  describe('logs', () => {
    it("pages a user's log events with page, per_page, sort and include_totals", async () => {
      const { client } = clientFor(emulator);
      const userId = emulator.users.many;
      const retained = emulator.logsOf(userId).filter((event) => Date.parse(String(event.date)) >= Date.now() - 30 * DAY_MS);
      const newest = await client.listUserLogs(userId, { perPage: 20 });
      assert.deepEqual(lastRequest(emulator).query, { per_page: '20', include_totals: 'true' });
      assert.equal(newest.total, retained.length);
      assert.deepEqual(newest.logs.map((event) => event.log_id), retained.slice(-20).reverse().map((event) => event.log_id));
      const oldest = await client.listUserLogs(userId, { page: 1, perPage: 5, sort: 'date:1', includeTotals: false });
      assert.deepEqual(lastRequest(emulator).query, { page: '1', per_page: '5', sort: 'date:1', include_totals: 'false' });
      assert.equal(oldest.total, undefined);
      assert.deepEqual(oldest.logs.map((event) => event.log_id), retained.slice(5, 10).map((event) => event.log_id));
      await client.listUserLogs(userId, { perPage: 500 });
      assert.equal(lastRequest(emulator).query.per_page, '100', 'per_page is at most 100');
    });

    it('reads the events that link a token to its session and rotation family', async () => {
      const { client } = clientFor(emulator);
      const userId = emulator.scenarios.reuse;
      const { logs } = await client.listUserLogs(userId, { perPage: 100, sort: 'date:1' });
      const reuse = logs.find((event: LogEvent) => event.type === 'ferrt');
      assert.match(String(reuse?.description), /reuse detected/);
      const family = logs.filter((event) => event.type === 'sertft' && event.details?.familyId === reuse?.details?.familyId);
      const [token] = emulator.refreshTokensOf(userId);
      assert.ok(family.length > 0 && family.every((event) => event.details?.refresh_token?.session_id === token.session_id));
      assert.equal(typeof family[0].location_info?.city_name, 'string');
    });
  });

  describe('refresh-token metadata', () => {
    it('replaces the metadata with PATCH {refresh_token_metadata} and clears it with null', async () => {
      const { client } = clientFor(emulator);
      const [token] = emulator.refreshTokensOf(emulator.users.seven);
      const updated = await client.updateRefreshTokenMetadata(token.id, { device_name: 'Incident 42', owner: 'secops' });
      assert.deepEqual(updated.refresh_token_metadata, { device_name: 'Incident 42', owner: 'secops' });
      const sent = lastRequest(emulator);
      assert.equal(sent.method, 'PATCH');
      assert.deepEqual(sentBody(sent, '/refresh-tokens/{id}'), { refresh_token_metadata: { device_name: 'Incident 42', owner: 'secops' } });
      const cleared = await client.updateRefreshTokenMetadata(token.id, null);
      assert.equal(cleared.refresh_token_metadata, null);
      assert.deepEqual(sentBody(lastRequest(emulator), '/refresh-tokens/{id}'), { refresh_token_metadata: null });
    });

    it("surfaces Auth0's refusal of metadata beyond its limits, and 404 for an unknown token", async () => {
      const { client } = clientFor(emulator);
      const [token] = emulator.refreshTokensOf(emulator.users.seven);
      const tooMany = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, 'v']));
      const refused = await rejectionOf(client.updateRefreshTokenMetadata(token.id, tooMany));
      assert.ok(isManagementApiError(refused, 'bad-request'), String(refused));
      assert.match(String(refused.serverMessage), /maximum 25/);
      assert.ok(isManagementApiError(await rejectionOf(client.updateRefreshTokenMetadata('no-such-token', null)), 'not-found'));
    });
  });

  describe('the Early Access refresh-token endpoints', () => {
    it("pages a user's tokens sorted by credential id, optionally for one application", async () => {
      const { client } = clientFor(emulator);
      const userId = emulator.users.many;
      const ids: string[] = [];
      let from: string | undefined;
      do {
        const page = await client.listRefreshTokensEA({ userId, take: 100, from });
        ids.push(...page.refresh_tokens.map((token) => token.id));
        from = page.next;
      } while (from !== undefined);
      assert.deepEqual(ids, emulator.refreshTokensOf(userId).map((token) => token.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const clientId = String(emulator.refreshTokensOf(userId)[0].client_id);
      const one = await client.listRefreshTokensEA({ userId, clientId, take: 5 });
      assert.deepEqual(lastRequest(emulator).query, { user_id: userId, client_id: clientId, take: '5' });
      assert.ok(one.refresh_tokens.every((token) => token.client_id === clientId));
    });

    it('revokes by user and application with a body that validates against the contract', async () => {
      const { client } = clientFor(emulator);
      const userId = emulator.fanOutUsers[0];
      const clientId = String(emulator.refreshTokensOf(userId)[0].client_id);
      const others = emulator.refreshTokensOf(userId).filter((token) => token.client_id !== clientId).map((token) => token.id);
      await client.revokeRefreshTokens({ userId, clientId });
      const sent = lastRequest(emulator);
      assert.equal(sent.status, 202);
      assert.deepEqual(sentBody(sent, '/refresh-tokens/revoke'), { user_id: userId, client_id: clientId });
      await until(() => emulator.refreshTokensOf(userId).length === others.length, 'the revocation applies');
      assert.deepEqual(emulator.refreshTokensOf(userId).map((token) => token.id), others);
    });

    it('revokes by ids', async () => {
      const { client } = clientFor(emulator);
      const userId = emulator.fanOutUsers[1];
      // Auth0's request schema allows ids of at most 30 characters; these are issued that short.
      const issued = [emulator.addRefreshToken(userId, { id: 'rt_incident_a' }), emulator.addRefreshToken(userId, { id: 'rt_incident_b' })];
      await client.revokeRefreshTokens({ ids: issued.map((token) => token.id) });
      assert.deepEqual(sentBody(lastRequest(emulator), '/refresh-tokens/revoke'), { ids: ['rt_incident_a', 'rt_incident_b'] });
      await until(() => !emulator.refreshTokensOf(userId).some((token) => token.id.startsWith('rt_incident_')), 'the revocation applies');
      assert.equal(emulator.refreshTokensOf(userId).length, 7);
    });

    it('refuses a selection Auth0 would refuse before any request', async () => {
      const { client } = clientFor(emulator);
      const before = requestsUnder(emulator, '/api/v2/refresh-tokens/revoke').length;
      const selections = [
        { ids: [] },
        { ids: Array.from({ length: 101 }, (_, i) => `rt_${i}`) },
        { ids: [''] },
        { userId: '' },
        { userId: emulator.users.seven, audience: 'https://api.acme.example/' } as unknown as { userId: string },
      ];
      for (const selection of selections) {
        const error = await rejectionOf(client.revokeRefreshTokens(selection));
        assert.ok(isManagementApiError(error, 'bad-request'), `${JSON.stringify(selection).slice(0, 60)}: ${String(error)}`);
      }
      assert.equal(requestsUnder(emulator, '/api/v2/refresh-tokens/revoke').length, before);
    });

    it("is 'endpoint-unavailable' on a tenant without them: 404 for the list, 403 for the revocation", async () => {
      const { client } = clientFor(emulator);
      emulator.configure({ earlyAccess: 'absent' });
      try {
        const listed = await rejectionOf(client.listRefreshTokensEA({ userId: emulator.users.seven }));
        assert.ok(isManagementApiError(listed, 'endpoint-unavailable'), String(listed));
        assert.equal(listed.status, 404);
        const revoked = await rejectionOf(client.revokeRefreshTokens({ userId: emulator.users.seven }));
        assert.ok(isManagementApiError(revoked, 'endpoint-unavailable'), String(revoked));
        assert.equal(revoked.status, 403);
      } finally {
        emulator.configure({ earlyAccess: 'present' });
      }
      assert.equal(emulator.refreshTokensOf(emulator.users.seven).length, 7);
      const missing = await rejectionOf(client.listRefreshTokensEA({ userId: 'auth0|nobody' }));
      assert.ok(isManagementApiError(missing, 'not-found'), 'an unknown user is not a missing endpoint');
    });
  });

  describe('blocking', () => {
    it('blocks a user with PATCH {blocked: true}, as the user listing then shows', async () => {
      const { client } = clientFor(emulator);
      const userId = emulator.scenarios.stolenLaptop;
      const blocked = await client.blockUser(userId);
      assert.equal(blocked.blocked, true);
      assert.deepEqual(sentBody(lastRequest(emulator), '/users/{id}'), { blocked: true });
      const listed = await client.listUsers({ q: `user_id:"${userId}"` });
      assert.equal(listed.users[0].blocked, true);
      assert.ok(isManagementApiError(await rejectionOf(client.blockUser('auth0|nobody')), 'not-found'));
    });
  });

  describe('users exports', () => {
    it('creates an export, polls the job and streams every user from the other origin without the token', async () => {
      const { client } = clientFor(emulator);
      const job = await client.createUsersExport({ format: 'json' });
      assert.deepEqual(sentBody(lastRequest(emulator), '/jobs/users-exports'), { format: 'json' });
      assert.equal(job.status, 'pending');
      let current = await client.getJob(job.id);
      assert.equal(current.status, 'pending');
      for (let polls = 0; current.status !== 'completed' && polls < 1000; polls++) {
        current = await client.getJob(job.id);
      }
      assert.equal(current.status, 'completed');
      const location = String(current.location);
      assert.equal(new URL(location).origin, emulator.exportOrigin);

      const downloadsBefore = emulator.exportRequests.length;
      const ids: string[] = [];
      for await (const user of client.downloadUsersExport(location)) {
        ids.push(user.user_id);
      }
      assert.equal(ids.length, 300);
      assert.equal(new Set(ids).size, 300);
      const downloads = emulator.exportRequests.slice(downloadsBefore);
      assert.equal(downloads.length, 1);
      assert.equal(downloads[0].authorization, undefined, 'no Authorization header reached the other host');
      assert.equal(downloads[0].status, 200);
      assert.ok(isManagementApiError(await rejectionOf(client.getJob('job_0000000000000000')), 'not-found'));
    });

    it('exports chosen fields of one connection, and stops the download when the caller stops reading', async () => {
      const { client } = clientFor(emulator);
      const connectionId = String(emulator.logsOf(emulator.scenarios.reuse)[0].connection_id);
      const job = await client.createUsersExport({ format: 'json', connectionId, fields: [{ name: 'user_id' }, { name: 'email', export_as: 'mail' }], limit: 50 });
      assert.deepEqual(sentBody(lastRequest(emulator), '/jobs/users-exports'), {
        format: 'json',
        connection_id: connectionId,
        fields: [{ name: 'user_id' }, { name: 'email', export_as: 'mail' }],
        limit: 50,
      });
      let current = job;
      for (let polls = 0; current.status !== 'completed' && polls < 1000; polls++) {
        current = await client.getJob(job.id);
      }
      const read: Record<string, unknown>[] = [];
      for await (const user of client.downloadUsersExport(String(current.location))) {
        read.push(user);
        if (read.length === 3) {
          break;
        }
      }
      assert.equal(read.length, 3);
      assert.deepEqual(Object.keys(read[0]).sort(), ['mail', 'user_id']);
    });

    it("fails with 'forbidden' when the signed link is refused, and never fetches a location that is not https", async () => {
      const { client } = clientFor(emulator);
      let current = await client.createUsersExport({ format: 'json', limit: 1 });
      for (let polls = 0; current.status !== 'completed' && polls < 1000; polls++) {
        current = await client.getJob(current.id);
      }
      const forged = new URL(String(current.location));
      forged.searchParams.set('X-Amz-Signature', 'f'.repeat(64));
      const drain = async (location: string) => {
        for await (const user of client.downloadUsersExport(location)) {
          assert.fail(`read ${user.user_id}`);
        }
      };
      const refused = await rejectionOf(drain(forged.href));
      assert.ok(isManagementApiError(refused, 'forbidden'), String(refused));
      assert.doesNotMatch(refused.message, /X-Amz-Signature/, 'the signature stays out of messages');
      const before = emulator.exportRequests.length;
      const insecure = await rejectionOf(drain(String(current.location).replace('http://127.0.0.1', 'http://exports.example')));
      assert.ok(isManagementApiError(insecure, 'bad-request'), String(insecure));
      assert.equal(emulator.exportRequests.length, before, 'nothing was fetched');
    });
  });
});
