// The client's operations against the emulator over real HTTP: what is sent (paths, query
// parameters from the OpenAPI contract, one segment per id) and what comes back.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isManagementApiError } from '../../../src/auth0/errors';
import { createManagementClient } from '../../../src/auth0/managementClient';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor, rejectionOf, requestsUnder } from './support';
import { VirtualTime } from './virtualTime';

describe('ManagementClient operations', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 3, deleteDelayMs: 0 });
  });
  after(() => emulator.close());

  it('lists users with page, per_page, include_totals, q (search_engine=v3) and sort', async () => {
    const { client } = clientFor(emulator);
    const first = await client.listUsers({ page: 1, perPage: 20, sort: 'email:1' });
    assert.equal(first.users.length, 20);
    assert.equal(first.total, 300);
    assert.equal(first.start, 20);
    const sent = emulator.requests[emulator.requests.length - 1];
    assert.deepEqual(sent.query, { page: '1', per_page: '20', include_totals: 'true', sort: 'email:1' });

    const email = first.users[0].email as string;
    const searched = await client.listUsers({ q: `email:"${email}"`, includeTotals: false });
    assert.ok(searched.users.some((user) => user.email === email));
    assert.equal(searched.total, undefined);
    const searchRequest = emulator.requests[emulator.requests.length - 1];
    assert.equal(searchRequest.query.q, `email:"${email}"`);
    assert.equal(searchRequest.query.search_engine, 'v3');
  });

  it('gets a user, finds users by email (case-sensitive) and keeps unknown fields', async () => {
    const { client } = clientFor(emulator);
    const user = await client.getUser(emulator.users.seven);
    assert.equal(user.user_id, emulator.users.seven);
    assert.ok(user.email);
    const found = await client.usersByEmail(user.email as string);
    assert.deepEqual(
      found.map((candidate) => candidate.user_id),
      [emulator.users.seven],
    );
    assert.deepEqual(await client.usersByEmail((user.email as string).toUpperCase()), []);
  });

  it('lists a page of refresh tokens with from/take and gets one token', async () => {
    const { client } = clientFor(emulator);
    const first = await client.listRefreshTokens(emulator.users.seven, { take: 3 });
    assert.equal(first.tokens.length, 3);
    assert.ok(first.next);
    const second = await client.listRefreshTokens(emulator.users.seven, { take: 3, from: first.next });
    assert.deepEqual(
      [...first.tokens, ...second.tokens].map((token) => token.id),
      emulator.refreshTokensOf(emulator.users.seven).slice(0, 6).map((token) => token.id),
    );
    assert.deepEqual(emulator.requests[emulator.requests.length - 1].query, { from: first.next, take: '3', include_totals: 'true' });
    assert.equal(first.total, 7, 'the user\'s count, from include_totals');
    assert.equal(second.total, 4, 'what is left from the second page on');
    const one = await client.getRefreshToken(first.tokens[0].id);
    assert.deepEqual(one, first.tokens[0]);
  });

  it('lists sessions with the same cursor paging', async () => {
    const { client } = clientFor(emulator);
    const page = await client.listSessions(emulator.users.many, { take: 2 });
    assert.ok(page.sessions.length <= 2);
    assert.deepEqual(emulator.requests[emulator.requests.length - 1].query, { take: '2', include_totals: 'true' });
    assert.equal(page.total, emulator.sessionsOf(emulator.users.many).length);
  });

  it('asks without totals when told to, and then gets no total', async () => {
    const { client } = clientFor(emulator);
    const page = await client.listRefreshTokens(emulator.users.seven, { take: 3, includeTotals: false });
    assert.deepEqual(emulator.requests[emulator.requests.length - 1].query, { take: '3' });
    assert.equal(page.total, undefined);
    assert.ok(page.next);
  });

  it('deletes one refresh token, then all of a user\'s', async () => {
    const { client } = clientFor(emulator);
    const [first] = emulator.refreshTokensOf(emulator.users.one);
    await client.deleteRefreshToken(first.id);
    const deleteOne = emulator.requests[emulator.requests.length - 1];
    assert.equal(deleteOne.method, 'DELETE');
    assert.deepEqual(deleteOne.segments, ['api', 'v2', 'refresh-tokens', first.id]);
    assert.equal(deleteOne.status, 202);

    await client.deleteAllRefreshTokens(emulator.users.seven);
    const deleteAll = emulator.requests[emulator.requests.length - 1];
    assert.deepEqual(deleteAll.segments, ['api', 'v2', 'users', emulator.users.seven, 'refresh-tokens']);
    assert.equal(deleteAll.status, 202);
  });

  it('resolves application names once per client; concurrent lookups share one request', async () => {
    const { client } = clientFor(emulator);
    const tokens = emulator.refreshTokensOf(emulator.users.many);
    const clientId = tokens[0].client_id as string;
    const before = requestsUnder(emulator, '/api/v2/clients/').length;
    const names = await Promise.all([client.getClientName(clientId), client.getClientName(clientId), client.getClientName(clientId)]);
    assert.deepEqual(names, [emulator.clientName(clientId), emulator.clientName(clientId), emulator.clientName(clientId)]);
    assert.equal(await client.getClientName(clientId), emulator.clientName(clientId));
    const lookups = requestsUnder(emulator, '/api/v2/clients/').slice(before);
    assert.equal(lookups.length, 1);
    assert.deepEqual(lookups[0].query, { fields: 'name,client_id', include_fields: 'true' });
  });

  it('resolves an unknown application, or one it may not read, to undefined', async () => {
    const { client } = clientFor(emulator);
    assert.equal(await client.getClientName('no-such-client'), undefined);
    const noClientScope = createManagementClient({
      domain: emulator.domain,
      tokenProvider: new StaticTokenProvider(emulator.mintToken({ scopes: ['read:users', 'read:refresh_tokens'] })),
    });
    const clientId = emulator.refreshTokensOf(emulator.users.many)[0].client_id as string;
    assert.equal(await noClientScope.getClientName(clientId), undefined);
    const before = requestsUnder(emulator, '/api/v2/clients/').length;
    assert.equal(await noClientScope.getClientName(clientId), undefined, 'the refusal is cached too');
    assert.equal(requestsUnder(emulator, '/api/v2/clients/').length, before);
  });

  it('reports each exchange to onRequest: method, path without query, status, duration, remaining; never the token', async () => {
    // The tenant takes 25 ms of the client's (virtual) clock to answer: the bucket reads the
    // clock once per API request, as it arrives.
    const time = new VirtualTime();
    const timed = await startEmulator({ seed: 3, rateLimitClock: () => time.pass(25) });
    const { client, records } = clientFor(timed, { clock: time.now, sleep: time.sleep });
    try {
      await client.listRefreshTokens(timed.users.seven, { take: 5 });
    } finally {
      await timed.close();
    }
    assert.equal(records.length, 1);
    const [record] = records;
    assert.equal(record.method, 'GET');
    assert.equal(record.path, `/api/v2/users/${encodeURIComponent(timed.users.seven)}/refresh-tokens`);
    assert.equal(record.status, 200);
    assert.equal(record.outcome, 'ok');
    assert.equal(record.attempt, 1);
    assert.equal(record.durationMs, 25);
    assert.equal(typeof record.rateLimitRemaining, 'number');
    assert.ok(!JSON.stringify(records).includes(timed.token));
  });
});

describe('ManagementClient path encoding', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 5 });
  });
  after(() => emulator.close());

  it('sends every special user id as exactly one path segment, reaching that user', async () => {
    const { client } = clientFor(emulator);
    assert.ok(emulator.specialUsers.length >= 10);
    for (const userId of emulator.specialUsers) {
      const user = await client.getUser(userId);
      assert.equal(user.user_id, userId);
      assert.deepEqual(emulator.requests[emulator.requests.length - 1].segments, ['api', 'v2', 'users', userId]);

      const page = await client.listRefreshTokens(userId);
      const listing = emulator.requests[emulator.requests.length - 1];
      assert.deepEqual(listing.segments, ['api', 'v2', 'users', userId, 'refresh-tokens'], userId);
      assert.equal(listing.status, 200, userId);
      assert.deepEqual(
        page.tokens.map((token) => token.id),
        emulator.refreshTokensOf(userId).map((token) => token.id),
      );

      await client.listSessions(userId);
      assert.deepEqual(emulator.requests[emulator.requests.length - 1].segments, ['api', 'v2', 'users', userId, 'sessions']);
    }
  });

  it('sends an email with "+" in the query without it turning into a space', async () => {
    const { client } = clientFor(emulator);
    await client.usersByEmail('jane+alias@gmail.example');
    assert.equal(emulator.requests[emulator.requests.length - 1].query.email, 'jane+alias@gmail.example');
  });

  it('refuses ids that a URL cannot carry as a segment (".", "..", empty) before any request', async () => {
    const { client } = clientFor(emulator);
    const before = emulator.requests.length;
    for (const id of ['.', '..', '']) {
      const error = await rejectionOf(client.deleteRefreshToken(id));
      assert.ok(isManagementApiError(error, 'bad-request'), String(error));
      const userError = await rejectionOf(client.listRefreshTokens(id));
      assert.ok(isManagementApiError(userError, 'bad-request'), String(userError));
    }
    assert.equal(emulator.requests.length, before);
  });

  it('keeps dots inside an id: "a/../b" and "../x" stay one segment', async () => {
    const { client } = clientFor(emulator);
    for (const id of ['auth0|a/../b', '../x', '.hidden', 'x/..']) {
      const error = await rejectionOf(client.getUser(id));
      assert.ok(isManagementApiError(error, 'not-found'), String(error));
      assert.deepEqual(emulator.requests[emulator.requests.length - 1].segments, ['api', 'v2', 'users', id]);
    }
  });
});

describe('ManagementClient redirects', () => {
  it('treats a redirect as an error and never follows it with the token', async () => {
    const seen: { url?: string; authorization?: string }[] = [];
    const target = http.createServer((request, response) => {
      seen.push({ url: request.url, authorization: request.headers.authorization });
      response.end('{}');
    });
    const redirecting = http.createServer((_request, response) => {
      const port = (target.address() as AddressInfo).port;
      response.writeHead(302, { location: `http://localhost:${port}/api/v2/users/x` });
      response.end();
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const { client } = clientForDomain(`127.0.0.1:${(redirecting.address() as AddressInfo).port}`, 'secret-token-value-123');
      const error = await rejectionOf(client.getUser('auth0|1'));
      assert.ok(isManagementApiError(error, 'redirect'), String(error));
      assert.match((error as Error).message, /redirect \(302\)/);
      assert.ok(!(error as Error).message.includes('secret-token-value-123'));
      assert.deepEqual(seen, []);
    } finally {
      target.close();
      redirecting.close();
    }
  });
});

function clientForDomain(domain: string, token: string) {
  return { client: createManagementClient({ domain, tokenProvider: new StaticTokenProvider(token), retry: { maxRetries: 0 } }) };
}
