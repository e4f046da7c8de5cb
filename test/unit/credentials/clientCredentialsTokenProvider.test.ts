// Client credentials against the emulator's POST /oauth/token: one request shared by concurrent
// callers, renewal shortly before expiry, and one renewal when the API answers 401.
import assert from 'node:assert/strict';
import { ManagementApiError, RateLimitedError, UnauthorizedError, isManagementApiError } from '../../../src/auth0/errors';
import { createManagementClient } from '../../../src/auth0/managementClient';
import type { RequestRecord } from '../../../src/auth0/requestLog';
import { InvalidTenantDomainError } from '../../../src/auth0/tenantDomain';
import { ClientCredentialsTokenProvider } from '../../../src/credentials/clientCredentialsTokenProvider';
import type { ManagementTokenProvider, TokenInfo } from '../../../src/auth0/tokenProvider';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { scriptedTenant, tooManyRequests, type Answer, type ScriptedTenant } from '../auth0/scriptedTenant';
import { FAST_RETRIES, rejectionOf, requestsUnder, until } from '../auth0/support';
import { VirtualTime } from '../auth0/virtualTime';

/** A clock the test moves by hand; starts at the real time so tokens and dates line up. */
class ManualClock {
  private offset = 0;
  readonly now = () => Date.now() + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
}

describe('ClientCredentialsTokenProvider', () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({ seed: 41, tokenTtlSeconds: 100 });
  });
  afterEach(() => emulator.close());

  function providerFor(overrides: Partial<ConstructorParameters<typeof ClientCredentialsTokenProvider>[0]> = {}) {
    return new ClientCredentialsTokenProvider({
      domain: emulator.domain,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      retry: FAST_RETRIES,
      ...overrides,
    });
  }

  it('concurrent callers share one token request, and the token works', async () => {
    const provider = providerFor();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.getToken()));
    assert.equal(new Set(tokens).size, 1);
    assert.equal(emulator.tokenRequests, 1);
    const client = createManagementClient({ domain: emulator.domain, tokenProvider: provider });
    assert.equal((await client.getUser(emulator.users.one)).user_id, emulator.users.one);
    const info = provider.describe();
    assert.equal(info.source, 'client-credentials');
    assert.equal(info.clientId, emulator.clientId);
    assert.ok(info.scopes?.includes('read:refresh_tokens'));
    assert.deepEqual(provider.missingScopes(['read:users', 'create:users']), ['create:users']);
  });

  it('40 parallel API calls cost one token request', async () => {
    const client = createManagementClient({ domain: emulator.domain, tokenProvider: providerFor() });
    await Promise.all(emulator.fanOutUsers.slice(0, 40).map((userId) => client.listRefreshTokens(userId)));
    assert.equal(emulator.tokenRequests, 1);
  });

  it('reuses the token until shortly before expiry, then renews it', async () => {
    const clock = new ManualClock();
    const provider = providerFor({ clock: clock.now });
    const first = await provider.getToken();
    // 100 s lifetime: renewed within its last 10% (10 s), never more than 60 s early.
    clock.advance(89_000);
    assert.equal(await provider.getToken(), first);
    assert.equal(emulator.tokenRequests, 1);
    clock.advance(2_000);
    await provider.getToken();
    assert.equal(emulator.tokenRequests, 2);
    const expiresAt = provider.describe().expiresAt;
    assert.ok(expiresAt && expiresAt.getTime() > clock.now() + 90_000);
  });

  it('keeps serving a still-valid token when its early renewal fails', async () => {
    const clock = new ManualClock();
    const provider = providerFor({ clock: clock.now, retry: { ...FAST_RETRIES, maxRetries: 0 } });
    const first = await provider.getToken();
    emulator.configure({ faults: { serverErrorRate: 1, onlyPaths: /^\/oauth\/token$/ } });
    clock.advance(95_000);
    assert.equal(await provider.getToken(), first);
    assert.equal(emulator.tokenRequests, 2);
    clock.advance(10_000);
    const error = await rejectionOf(provider.getToken());
    assert.ok(isManagementApiError(error, 'server-error'), String(error));
  });

  it('a 401 from the API forces exactly one renewal before giving up', async () => {
    const shortLived = await startEmulator({ seed: 42, tokenTtlSeconds: 0 });
    try {
      // Every token it issues is already expired, so the renewed one fails too.
      const provider = new ClientCredentialsTokenProvider({ domain: shortLived.domain, clientId: shortLived.clientId, clientSecret: shortLived.clientSecret });
      const client = createManagementClient({ domain: shortLived.domain, tokenProvider: provider });
      const error = await rejectionOf(client.getUser(shortLived.users.one));
      assert.ok(error instanceof UnauthorizedError, String(error));
      assert.equal(error.reason, 'expired');
      assert.equal(shortLived.tokenRequests, 2);
      // The API call is repeated only if the renewal brought a different token (tokens minted
      // within the same second are identical); never more than once.
      const apiCalls = requestsUnder(shortLived, '/api/v2/');
      assert.equal(apiCalls.length, new Set(apiCalls.map((call) => call.authorization)).size);
      assert.ok(apiCalls.length <= 2 && apiCalls.every((call) => call.status === 401));
    } finally {
      await shortLived.close();
    }
  });

  it('a 401 answered with a renewed token succeeds, and the refused token is invalidated', async () => {
    const invalidated: string[] = [];
    const served = [emulator.expiredToken, emulator.token];
    const provider: ManagementTokenProvider = {
      getToken: () => Promise.resolve(served[0]),
      invalidate: (token) => {
        invalidated.push(token);
        served.shift();
      },
      describe: (): TokenInfo => ({ source: 'client-credentials' }),
    };
    const records: RequestRecord[] = [];
    const client = createManagementClient({ domain: emulator.domain, tokenProvider: provider, onRequest: (record) => records.push(record) });
    assert.equal((await client.getUser(emulator.users.one)).user_id, emulator.users.one);
    assert.deepEqual(invalidated, [emulator.expiredToken]);
    assert.deepEqual(
      records.map((record) => [record.status, record.attempt]),
      [
        [401, 1],
        [200, 2],
      ],
    );
    assert.deepEqual(
      requestsUnder(emulator, '/api/v2/').map((request) => request.authorization),
      [`Bearer ${emulator.expiredToken}`, `Bearer ${emulator.token}`],
    );
  });

  it('invalidate() drops the cached token so the next call fetches a new one', async () => {
    const provider = providerFor();
    const first = await provider.getToken();
    provider.invalidate('some other token');
    assert.equal(await provider.getToken(), first);
    provider.invalidate(first);
    await provider.getToken();
    assert.equal(emulator.tokenRequests, 2);
  });

  it('a wrong secret is an unauthorized error naming the application, never the secret', async () => {
    const secret = 'wrong-secret-value-0123456789';
    const records: RequestRecord[] = [];
    const provider = providerFor({ clientSecret: secret, onRequest: (record) => records.push(record) });
    const error = await rejectionOf(provider.getToken());
    assert.ok(error instanceof UnauthorizedError, String(error));
    assert.equal(error.reason, 'invalid');
    assert.match(error.message, new RegExp(`client credentials of application ${emulator.clientId}`));
    assert.ok(!error.message.includes(secret));
    assert.ok(!JSON.stringify(records).includes(secret));
    assert.deepEqual(
      records.map((record) => [record.method, record.path, record.status]),
      [['POST', '/oauth/token', 401]],
    );
    assert.equal(emulator.tokenRequests, 1, 'a refusal is not retried');
  });

  it('an application not allowed on the API is a forbidden error', async () => {
    const provider = new ClientCredentialsTokenProvider({
      domain: emulator.domain,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
    });
    // Reached through a different loopback name, the audience is one the tenant does not serve.
    const other = new ClientCredentialsTokenProvider({
      domain: emulator.domain.replace('127.0.0.1', 'localhost'),
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
    });
    assert.ok(await provider.getToken());
    const error = await rejectionOf(other.getToken());
    assert.ok(error instanceof ManagementApiError && error.kind === 'forbidden', String(error));
    assert.match(error.message, /Service not enabled within domain/);
  });

  it('one caller cancelling does not cancel the shared request for the others', async () => {
    emulator.configure({ latencyMs: 200, faults: {} });
    const provider = providerFor();
    const controller = new AbortController();
    const cancelled = provider.getToken(controller.signal);
    const patient = provider.getToken();
    await until(() => requestsUnder(emulator, '/oauth/token').length === 1, 'the token request reaching the emulator');
    controller.abort();
    assert.ok(isManagementApiError(await rejectionOf(cancelled), 'cancelled'));
    assert.ok(await patient);
    assert.equal(emulator.tokenRequests, 1);
  });

  it('refuses an unusable domain or missing credentials up front', () => {
    assert.throws(() => providerFor({ domain: 'x.auth0.com/evil' }), InvalidTenantDomainError);
    assert.throws(() => providerFor({ clientSecret: '' }), UnauthorizedError);
  });
});

describe('ClientCredentialsTokenProvider waits (injected clock, loopback token endpoint)', () => {
  const issued: Answer = { status: 200, body: { access_token: 'issued-token-0123456789', expires_in: 86_400, token_type: 'Bearer', scope: 'read:users' } };
  let tenant: ScriptedTenant | undefined;
  afterEach(() => tenant?.server.close());

  async function providerOn(script: Answer[], time: VirtualTime) {
    tenant = await scriptedTenant(time, script);
    return new ClientCredentialsTokenProvider({
      domain: tenant.server.domain,
      clientId: 'client-id',
      clientSecret: 'client-secret-0123456789',
      clock: time.now,
      sleep: time.sleep,
      retry: { random: () => 0 },
    });
  }

  it('header-less 429s on /oauth/token back off 0.5 and 1 s, then the token comes', async () => {
    const time = new VirtualTime({ autoAdvance: true });
    const provider = await providerOn([tooManyRequests(), tooManyRequests(), issued], time);
    assert.equal(await provider.getToken(), 'issued-token-0123456789');
    assert.deepEqual(tenant?.gaps(), [500, 1000]);
  });

  it('Retry-After: 0 backs off too; Retry-After: 3 is waited out', async () => {
    const time = new VirtualTime({ autoAdvance: true });
    const provider = await providerOn([tooManyRequests(() => ({ 'retry-after': '0' })), tooManyRequests(() => ({ 'retry-after': '3' })), issued], time);
    assert.ok(await provider.getToken());
    assert.deepEqual(tenant?.gaps(), [500, 3000]);
  });

  it('gives up after its two retries, saying when to try again', async () => {
    const time = new VirtualTime({ autoAdvance: true });
    const provider = await providerOn([tooManyRequests()], time);
    const error = await rejectionOf(provider.getToken());
    assert.ok(error instanceof RateLimitedError, String(error));
    assert.deepEqual(tenant?.gaps(), [500, 1000]);
    assert.equal(error.retryAfterMs, 2000);
    assert.equal(error.message, 'Auth0 is rate limiting this tenant; try again in 2 s.');
  });
});
