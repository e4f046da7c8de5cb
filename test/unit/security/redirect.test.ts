// The Management API token and the client secret go to the configured tenant host and nowhere
// else: a tenant (or something in front of it) that answers with a redirect to another host must
// not make the client carry them there. The configured tenant listens on 127.0.0.1; the redirect
// points at a second server on 127.0.0.2 (another loopback address), which must see nothing.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { isManagementApiError } from '../../../src/auth0/errors';
import { createManagementClient, type ManagementClient } from '../../../src/auth0/managementClient';
import type { RequestRecord } from '../../../src/auth0/requestLog';
import { ClientCredentialsTokenProvider } from '../../../src/credentials/clientCredentialsTokenProvider';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { FAST_RETRIES, rejectionOf } from '../auth0/support';
import { countOccurrences, json, startRecordingServer, type RecordingServer } from './loopbackServers';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6InJlYWQ6dXNlcnMifQ.redirect-test-signature-0123456789';
const CLIENT_SECRET = 'client-secret-for-redirect-tests-0123456789abcdef';
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

describe('Security: redirects never carry credentials to another host', () => {
  let elsewhere: RecordingServer;
  let tenant: RecordingServer;
  /** What the tenant answers next; set per test. */
  let answer: (response: ServerResponse) => void;

  before(async () => {
    elsewhere = await startRecordingServer('127.0.0.2', (_request, response) => json(response, 200, { tokens: [], access_token: 'x' }));
    tenant = await startRecordingServer('127.0.0.1', (_request, response) => answer(response));
  });
  after(async () => {
    await Promise.all([elsewhere?.close(), tenant?.close()]);
  });
  beforeEach(() => {
    tenant.requests.length = 0;
  });
  afterEach(function () {
    // Whatever a test did, the other host saw nothing: no request, not even a connection.
    if (this.currentTest?.state === 'passed') {
      assert.equal(elsewhere.requests.length, 0, 'requests that reached the other host');
      assert.equal(elsewhere.connections, 0, 'connections made to the other host');
    }
  });

  function redirectTo(status: number, location: string): void {
    answer = (response) => {
      response.writeHead(status, { location, 'content-type': 'application/json' });
      response.end('{}');
    };
  }

  function tokenClient(records: RequestRecord[] = []): ManagementClient {
    return createManagementClient({
      domain: tenant.domain,
      tokenProvider: new StaticTokenProvider(TOKEN),
      retry: FAST_RETRIES,
      onRequest: (record) => records.push(record),
    });
  }

  const operations: [string, (client: ManagementClient) => Promise<unknown>, string][] = [
    ['GET a user', (client) => client.getUser('auth0|1'), 'GET'],
    ['GET a page of refresh tokens', (client) => client.listRefreshTokens('auth0|1'), 'GET'],
    ['DELETE a refresh token', (client) => client.deleteRefreshToken('rt_1'), 'DELETE'],
  ];

  for (const status of REDIRECT_STATUSES) {
    for (const [name, call, method] of operations) {
      it(`${status} on ${name}: a 'redirect' error naming the cause, the token sent once to the tenant only`, async () => {
        redirectTo(status, `${elsewhere.origin}/api/v2/users/auth0%7C1?leak=1`);
        const records: RequestRecord[] = [];
        const error = await rejectionOf(call(tokenClient(records)));
        assert.ok(isManagementApiError(error, 'redirect'), `kind of ${String(error)}`);
        const message = (error as Error).message;
        assert.match(message, new RegExp(`redirect \\(${status}\\)`));
        assert.match(message, /not followed/);
        assert.equal(countOccurrences(message, TOKEN), 0, 'token occurrences in the message');
        assert.equal(countOccurrences(message, elsewhere.origin), 0, 'the message does not advertise the other host');
        // The configured host did get the token: the test would notice a client that sent none.
        assert.equal(tenant.requests.length, 1, 'one request, no retry');
        assert.equal(tenant.requests[0].method, method);
        assert.equal(tenant.requests[0].headers.authorization, `Bearer ${TOKEN}`);
        assert.equal(countOccurrences(JSON.stringify(records), TOKEN), 0, 'token occurrences in the request log records');
      });
    }
  }

  it('a redirect to the same host is not followed either', async () => {
    redirectTo(302, '/api/v2/users/auth0%7C2');
    const error = await rejectionOf(tokenClient().getUser('auth0|1'));
    assert.ok(isManagementApiError(error, 'redirect'), String(error));
    assert.equal(tenant.requests.length, 1);
  });

  it('a redirect whose Location carries the token does not put it in the message', async () => {
    redirectTo(302, `${elsewhere.origin}/steal?token=${TOKEN}`);
    const error = await rejectionOf(tokenClient().listRefreshTokens('auth0|1'));
    assert.ok(isManagementApiError(error, 'redirect'), String(error));
    assert.equal(countOccurrences(String((error as Error).message), TOKEN), 0);
    assert.equal(countOccurrences(JSON.stringify(error), TOKEN), 0, 'nor in any field of the error');
  });

  for (const status of [302, 307, 308]) {
    it(`${status} on POST /oauth/token: the client secret is not re-sent to the other host`, async () => {
      // 307 and 308 keep the method and the body: a client that followed them would post the secret.
      redirectTo(status, `${elsewhere.origin}/oauth/token`);
      const provider = new ClientCredentialsTokenProvider({
        domain: tenant.domain,
        clientId: 'redirect-test-client',
        clientSecret: CLIENT_SECRET,
        retry: FAST_RETRIES,
      });
      const error = await rejectionOf(provider.getToken());
      assert.ok(isManagementApiError(error, 'redirect'), String(error));
      assert.equal(countOccurrences(String((error as Error).message), CLIENT_SECRET), 0, 'secret occurrences in the message');
      assert.equal(tenant.requests.length, 1);
      assert.equal(tenant.requests[0].url, '/oauth/token');
      assert.ok(tenant.requests[0].body.includes('client_secret='), 'the secret was posted to the configured tenant');
    });
  }

  it('an API call whose token request is redirected fails without reaching the other host', async () => {
    redirectTo(307, `${elsewhere.origin}/oauth/token`);
    const client = createManagementClient({
      domain: tenant.domain,
      tokenProvider: new ClientCredentialsTokenProvider({ domain: tenant.domain, clientId: 'c', clientSecret: CLIENT_SECRET, retry: FAST_RETRIES }),
      retry: FAST_RETRIES,
    });
    const error = await rejectionOf(client.listRefreshTokens('auth0|1'));
    assert.ok(isManagementApiError(error, 'redirect'), String(error));
    assert.deepEqual(tenant.requests.map((request) => request.url), ['/oauth/token']);
  });
});
