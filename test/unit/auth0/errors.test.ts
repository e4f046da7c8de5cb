// Every failure becomes a typed error with a message a person can act on, and no message
// carries the token.
import assert from 'node:assert/strict';
import {
  InsufficientScopeError,
  ManagementApiError,
  RateLimitedError,
  UnauthorizedError,
  parseExpectedScopes,
  type ManagementApiErrorKind,
} from '../../../src/auth0/errors';
import { createManagementClient, type ManagementClient } from '../../../src/auth0/managementClient';
import { cleanServerMessage, errorFromResponse } from '../../../src/auth0/responseErrors';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { FAST_RETRIES, clientFor, rejectionOf, requestsUnder, until } from './support';

async function failureOf(promise: Promise<unknown>, kind: ManagementApiErrorKind, secret: string): Promise<ManagementApiError> {
  const error = await rejectionOf(promise);
  assert.ok(error instanceof ManagementApiError, `expected a ManagementApiError, got ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
  assert.ok(!error.message.includes(secret), 'the message must not contain the token');
  assert.ok(!JSON.stringify({ ...error, message: error.message }).includes(secret), 'no field may contain the token');
  return error;
}

describe('ManagementApiError kinds', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 7 });
  });
  afterEach(() => emulator.configure({ faults: {}, plan: 'enterprise', latencyMs: 0 }));
  after(() => emulator.close());

  function withToken(token: string): ManagementClient {
    return createManagementClient({ domain: emulator.domain, tokenProvider: new StaticTokenProvider(token), retry: FAST_RETRIES });
  }

  it("unauthorized/expired: 'The Management API token has expired...'", async () => {
    const error = await failureOf(withToken(emulator.expiredToken).getUser(emulator.users.one), 'unauthorized', emulator.expiredToken);
    assert.ok(error instanceof UnauthorizedError);
    assert.equal(error.reason, 'expired');
    assert.equal(error.status, 401);
    assert.equal(error.message, 'The Management API token has expired. Set a new token or use client credentials.');
  });

  it('unauthorized/invalid: a token the tenant did not issue', async () => {
    const other = await startEmulator({ seed: 8 });
    try {
      const foreign = other.token;
      const error = await failureOf(withToken(foreign).getUser(emulator.users.one), 'unauthorized', foreign);
      assert.ok(error instanceof UnauthorizedError);
      assert.equal(error.reason, 'invalid');
      assert.match(error.message, /rejected the Management API token/);
    } finally {
      await other.close();
    }
  });

  it('a static token refused with 401 is not retried (nothing to renew)', async () => {
    const before = emulator.requests.length;
    await failureOf(withToken(emulator.expiredToken).getUser(emulator.users.one), 'unauthorized', emulator.expiredToken);
    assert.equal(emulator.requests.length - before, 1);
  });

  it("insufficient-scope: names the missing scope from 'expected any of'", async () => {
    const token = emulator.noRefreshTokenScopeToken;
    const error = await failureOf(withToken(token).listRefreshTokens(emulator.users.seven), 'insufficient-scope', token);
    assert.ok(error instanceof InsufficientScopeError);
    assert.deepEqual(error.missingScopes, ['read:refresh_tokens']);
    assert.match(error.message, /^The token lacks the scope read:refresh_tokens\. /);
    assert.equal(error.errorCode, 'insufficient_scope');
  });

  it('not-found: a user that does not exist', async () => {
    const error = await failureOf(withToken(emulator.token).getUser('auth0|nobody'), 'not-found', emulator.token);
    assert.equal(error.message, 'User auth0|nobody was not found; it may have been deleted.');
    const tokenError = await failureOf(withToken(emulator.token).getRefreshToken('rt_missing'), 'not-found', emulator.token);
    assert.match(tokenError.message, /Refresh token rt_missing was not found/);
  });

  it('endpoint-unavailable: a plan without the refresh-token endpoints', async () => {
    emulator.configure({ plan: 'without-refresh-tokens' });
    const client = withToken(emulator.token);
    const error = await failureOf(client.listRefreshTokens(emulator.users.seven), 'endpoint-unavailable', emulator.token);
    assert.match(error.message, /does not offer the refresh-token endpoints/);
    await failureOf(client.deleteRefreshToken('rt_1'), 'endpoint-unavailable', emulator.token);
    // Users still work on such a tenant.
    assert.equal((await client.getUser(emulator.users.seven)).user_id, emulator.users.seven);
  });

  it('invalid-paging: past the first 1,000 users', async () => {
    const error = await failureOf(withToken(emulator.token).listUsers({ page: 10, perPage: 100 }), 'invalid-paging', emulator.token);
    assert.match(error.message, /only the first 1,000 users/);
  });

  it('bad-request: a query Auth0 refuses, with its reason', async () => {
    const error = await failureOf(withToken(emulator.token).listUsers({ sort: 'not a sort' }), 'bad-request', emulator.token);
    assert.equal(error.status, 400);
    assert.match(error.message, /^Auth0 rejected GET \/api\/v2\/users: /);
  });

  it('rate-limited: 429s beyond the retry budget, with Retry-After', async () => {
    emulator.configure({ faults: { tooManyRequestsRate: 1 } });
    const { client, retries } = clientFor(emulator, { retry: { ...FAST_RETRIES, maxRetries: 1 } });
    const error = await failureOf(client.getUser(emulator.users.one), 'rate-limited', emulator.token);
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, 1000);
    assert.equal(error.message, 'Auth0 is rate limiting this tenant; try again in 1 s.');
    assert.equal(retries.length, 1);
    assert.equal(retries[0].message, 'Auth0 is rate limiting this tenant; retrying in 1 s');
  });

  it('server-error: 5xx beyond the retry budget; exactly 1 + maxRetries requests', async () => {
    emulator.configure({ faults: { serverErrorRate: 1 } });
    const { client, records } = clientFor(emulator, { retry: { ...FAST_RETRIES, maxRetries: 3 } });
    const error = await failureOf(client.getUser(emulator.users.one), 'server-error', emulator.token);
    assert.match(error.message, new RegExp(`^Tenant ${emulator.domain} answered 500 to GET /api/v2/users/`));
    assert.deepEqual(
      records.map((record) => record.attempt),
      [1, 2, 3, 4],
    );
  });

  it('server errors and resets that clear up are retried until they succeed', async () => {
    emulator.configure({ faults: { serverErrorRate: 0.3, unavailableRate: 0.2, connectionResetRate: 0.1 } });
    const { client, retries } = clientFor(emulator, { retry: { ...FAST_RETRIES, maxRetries: 10 } });
    for (let i = 0; i < 20; i++) {
      assert.equal((await client.getUser(emulator.users.one)).user_id, emulator.users.one);
    }
    assert.ok(retries.length > 0);
  });

  it("network: 'Cannot reach tenant ...' with the socket's reason", async () => {
    const closed = await startEmulator({ seed: 9 });
    const domain = closed.domain;
    await closed.close();
    const client = createManagementClient({ domain, tokenProvider: new StaticTokenProvider(emulator.token), retry: { ...FAST_RETRIES, maxRetries: 1 } });
    const error = await failureOf(client.getUser('auth0|1'), 'network', emulator.token);
    assert.match(error.message, new RegExp(`^Cannot reach tenant ${domain.replace(/\./g, '\\.')}: the connection was refused \\(ECONNREFUSED\\)`));
  });

  it('network: a connection reset mid-request', async () => {
    emulator.configure({ faults: { connectionResetRate: 1 } });
    const { client } = clientFor(emulator, { retry: { ...FAST_RETRIES, maxRetries: 0 } });
    const error = await failureOf(client.getUser(emulator.users.one), 'network', emulator.token);
    assert.match(error.message, /^Cannot reach tenant /);
  });

  it('timeout: a tenant that never answers', async () => {
    emulator.configure({ faults: { hangRate: 1 } });
    const { client } = clientFor(emulator, { timeoutMs: 150, retry: { ...FAST_RETRIES, maxRetries: 1 } });
    const error = await failureOf(client.getUser(emulator.users.one), 'timeout', emulator.token);
    assert.match(error.message, new RegExp(`^Tenant ${emulator.domain.replace(/\./g, '\\.')} did not answer GET /api/v2/users/.* within 1 s`));
  });

  it('timeout: the limit covers a body that stops arriving', async () => {
    emulator.configure({ faults: { slowBodyMs: 2000 } });
    const { client } = clientFor(emulator, { timeoutMs: 200, retry: { ...FAST_RETRIES, maxRetries: 0 } });
    await failureOf(client.listRefreshTokens(emulator.users.many, { take: 100 }), 'timeout', emulator.token);
  });

  it('invalid-json: an HTML page or a cut-off body with status 200', async () => {
    emulator.configure({ faults: { malformedJsonRate: 1 } });
    const { client } = clientFor(emulator, { retry: { ...FAST_RETRIES, maxRetries: 1 } });
    const error = await failureOf(client.getUser(emulator.users.one), 'invalid-json', emulator.token);
    assert.match(error.message, /not the JSON Auth0 sends/);
    emulator.configure({ faults: { truncatedJsonRate: 1 } });
    await failureOf(client.listRefreshTokens(emulator.users.seven), 'invalid-json', emulator.token);
  });

  it('cancelled: an aborted call rejects at once and sends nothing more', async () => {
    emulator.configure({ latencyMs: 300 });
    const { client } = clientFor(emulator);
    const controller = new AbortController();
    const before = emulator.requests.length;
    const call = client.getUser(emulator.users.one, { signal: controller.signal });
    await until(() => emulator.requests.length > before, 'the request reaching the emulator');
    controller.abort();
    await failureOf(call, 'cancelled', emulator.token);
    assert.equal(emulator.requests.length, before + 1);

    const alreadyAborted = new AbortController();
    alreadyAborted.abort();
    await failureOf(client.getUser(emulator.users.one, { signal: alreadyAborted.signal }), 'cancelled', emulator.token);
    assert.equal(emulator.requests.length, before + 1);
  });

  it('cancelled: an abort during the backoff between retries stops the retries', async () => {
    emulator.configure({ faults: { serverErrorRate: 1 } });
    const { client, retries } = clientFor(emulator, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, maxTotalMs: 600_000, random: () => 0 } });
    const controller = new AbortController();
    const before = requestsUnder(emulator, '/api/v2/users/').length;
    const call = client.getUser(emulator.users.one, { signal: controller.signal });
    await until(() => retries.length === 1, 'the first retry notice');
    controller.abort();
    await failureOf(call, 'cancelled', emulator.token);
    assert.equal(requestsUnder(emulator, '/api/v2/users/').length - before, 1);
  });
});

describe('error message helpers', () => {
  it('parses the scopes Auth0 expects', () => {
    assert.deepEqual(parseExpectedScopes('Insufficient scope, expected any of: read:refresh_tokens'), ['read:refresh_tokens']);
    assert.deepEqual(parseExpectedScopes('Insufficient scope, expected any of: read:users,read:current_user'), ['read:users', 'read:current_user']);
    assert.deepEqual(parseExpectedScopes('Insufficient scope; expected any of: read:users, read:user_idp_tokens.'), ['read:users', 'read:user_idp_tokens']);
    assert.deepEqual(parseExpectedScopes('Insufficient scope, expected: delete:refresh_tokens'), ['delete:refresh_tokens']);
    assert.deepEqual(parseExpectedScopes('Something else'), []);
  });

  it('cleans server text: secrets, anything JWT-shaped and control characters go', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    assert.equal(cleanServerMessage(`Bad token ${token}\n`, [token]), 'Bad token [redacted]');
    assert.equal(cleanServerMessage('prefix eyJhbGciOiJIUzI1NiJ9.eyJzdW', []), 'prefix [redacted]');
    assert.equal(cleanServerMessage('opaque-secret-1234 leaked', ['opaque-secret-1234']), '[redacted] leaked');
    assert.equal(cleanServerMessage('x'.repeat(400), []).length, 301);
  });
});

describe('errors across bundles', () => {
  // Lazily loaded bundles carry their own copy of the error classes; load a second copy the same way.
  function secondCopy(): typeof import('../../../src/auth0/errors') {
    const modulePath = require.resolve('../../../src/auth0/errors');
    const first = require.cache[modulePath];
    delete require.cache[modulePath];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the module on purpose
      return require('../../../src/auth0/errors');
    } finally {
      if (first) {
        require.cache[modulePath] = first;
      }
    }
  }

  it('an error made by another copy of the classes is recognised by class and by kind', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy every other test uses
    const here = require('../../../src/auth0/errors') as typeof import('../../../src/auth0/errors');
    const there = secondCopy();
    assert.notEqual(there.ManagementApiError, here.ManagementApiError, 'two copies of the class');
    const scope = new there.InsufficientScopeError(['read:logs'], 'Insufficient scope');
    assert.equal(scope instanceof here.InsufficientScopeError, true);
    assert.equal(scope instanceof here.ManagementApiError, true);
    assert.equal(scope instanceof here.UnauthorizedError, false);
    assert.equal(here.isManagementApiError(scope, 'insufficient-scope'), true);
    assert.equal(new there.ManagementApiError('not-found', 'gone') instanceof here.InsufficientScopeError, false);
    assert.equal(new Error('plain') instanceof here.ManagementApiError, false);
    assert.equal(({ name: 'ManagementApiError' }) instanceof here.ManagementApiError, false, 'a look-alike object is not one');
  });
});

describe("a 429 about the tenant's jobs is not the rate limit", () => {
  // Each case: a 429 body Auth0 may send, and the kind it must become.
  const cases: [string, string, string][] = [
    ['import jobs (Auth0\'s documented text)', '{"statusCode":429,"error":"Too Many Requests","message":"There are 2 active import users jobs, please wait until they finish","errorCode":"too_many_requests"}', 'too-many-jobs'],
    ['export jobs', '{"statusCode":429,"error":"Too Many Requests","message":"There are 3 active export users jobs, please wait until they finish"}', 'too-many-jobs'],
    ['one active job', '{"statusCode":429,"error":"Too Many Requests","message":"There is 1 active job, please wait until it finishes"}', 'too-many-jobs'],
    ['the global limit', '{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"}', 'rate-limited'],
    ['a body that is not JSON', '<html>Too Many Requests</html>', 'rate-limited'],
    ['an empty body', '', 'rate-limited'],
  ];
  for (const [name, text, kind] of cases) {
    it(`${name}: ${kind}`, () => {
      const error = errorFromResponse({ status: 429, text, method: 'POST', path: '/jobs/users-exports', domain: 'acme.eu.auth0.com', secrets: [] });
      assert.equal(error.kind, kind, error.message);
      if (kind === 'too-many-jobs') {
        assert.match(error.message, /not the tenant's rate limit/);
      }
    });
  }
});
