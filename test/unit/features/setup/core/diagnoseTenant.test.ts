// The setup check against the emulator's tenant profiles over real HTTP: a fully set-up tenant,
// one without the Early Access endpoints, short or no log retention, plans without the
// refresh-token and session endpoints, tokens missing each scope, refused and expiring
// credentials, a skewed clock and a busy rate limit. Every check's status is asserted, and that
// nothing the check sent could write.
import assert from 'node:assert/strict';
import { ManagementApiError } from '../../../../../src/auth0/errors';
import { TenantRateLimiter } from '../../../../../src/auth0/rateLimiter';
import type { RequestRecord } from '../../../../../src/auth0/requestLog';
import type { ManagementTokenProvider } from '../../../../../src/auth0/tokenProvider';
import { ClientCredentialsTokenProvider } from '../../../../../src/credentials/clientCredentialsTokenProvider';
import { StaticTokenProvider } from '../../../../../src/credentials/staticTokenProvider';
import { diagnoseTenant, type DiagnoseTenantOptions } from '../../../../../src/features/setup/core/diagnoseTenant';
import type { FeatureId } from '../../../../../src/features/setup/core/featureScopes';
import type { CheckStatus, SetupCheck, SetupReport } from '../../../../../src/features/setup/core/setupReport';
import { BULK_REVOCATION_PROBE_BODY } from '../../../../../src/features/setup/core/tenantProbes';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../../emulator';
import { FULL_SCOPES } from '../../../../emulator/auth';

const ALL_CHECKS = [
  'credentials', 'token-expiry', 'scopes',
  'feature:browse', 'feature:revoke', 'feature:sessions', 'feature:history', 'feature:metadata', 'feature:hunt', 'feature:contain', 'feature:application-names',
  'endpoint:refresh-tokens', 'endpoint:sessions', 'endpoint:refresh-token-list', 'endpoint:bulk-revocation', 'endpoint:user-logs', 'log-retention',
  'rate-limit', 'clock-skew',
];

function statuses(report: SetupReport): Record<string, CheckStatus> {
  return Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
}

function check(report: SetupReport, id: string): SetupCheck {
  const found = report.checks.find((candidate) => candidate.id === id);
  assert.ok(found, `the report has a ${id} check`);
  return found;
}

/** Every check ✓ except the ones named. */
function expectStatuses(report: SetupReport, exceptions: Record<string, CheckStatus>): void {
  const expected = Object.fromEntries(ALL_CHECKS.map((id) => [id, exceptions[id] ?? 'ok']));
  assert.deepEqual(statuses(report), expected);
}

/** What the check sent to the emulator: only reads, and the one bulk-revocation probe with its empty list. */
function assertNothingWritten(emulator: RunningEmulator, from: number): void {
  for (const request of emulator.requests.slice(from)) {
    if (request.path === '/oauth/token') {
      continue;
    }
    if (request.method === 'POST' && request.path === '/api/v2/refresh-tokens/revoke') {
      assert.deepEqual(JSON.parse(request.body ?? 'null'), BULK_REVOCATION_PROBE_BODY);
      assert.notEqual(request.status, 202, 'the probe was refused or not routed, never accepted');
      continue;
    }
    assert.equal(request.method, 'GET', `${request.method} ${request.path} is a read`);
  }
}

describe('diagnoseTenant against the emulator', function () {
  const emulators: RunningEmulator[] = [];

  async function emulatorWith(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const emulator = await startEmulator({ seed: 11, rateLimit: 'production', ...options });
    emulators.push(emulator);
    return emulator;
  }

  afterEach(async () => {
    await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
  });

  async function diagnose(emulator: RunningEmulator, token: string | ManagementTokenProvider = emulator.token, extra: Partial<DiagnoseTenantOptions> = {}): Promise<SetupReport> {
    const from = emulator.requests.length;
    const tokenProvider = typeof token === 'string' ? new StaticTokenProvider(token) : token;
    const report = await diagnoseTenant({ domain: emulator.domain, label: 'Emulated', credentialKind: 'token', tokenProvider, ...extra });
    assertNothingWritten(emulator, from);
    return report;
  }

  it('a fully set-up tenant: every check passes, with seven read-only requests and the rate limit explained', async () => {
    const emulator = await emulatorWith();
    const from = emulator.requests.length;
    const told: RequestRecord[] = [];
    const report = await diagnose(emulator, emulator.token, { onRequest: (record) => told.push(record) });
    expectStatuses(report, {});
    assert.equal(report.requests, 7);
    assert.equal(emulator.requests.length - from, 7, 'one request per probe, none repeated');
    assert.deepEqual(told.map((record) => record.purpose), Array(7).fill('setup check'), 'each exchange is passed on, marked as the check\'s');
    assert.deepEqual(report.missingScopes, []);
    assert.equal(report.tenant.domain, emulator.domain);
    assert.equal(report.userCount, 300);
    assert.deepEqual(report.credentials.scopes, [...FULL_SCOPES]);
    assert.equal(report.rateLimit?.limit, 50);
    assert.equal(report.rateLimit?.perSecond, 16);
    const rate = check(report, 'rate-limit').summary;
    assert.match(rate, /A burst of 50 requests, \d+ left now/);
    assert.match(rate, /A hunt uses half of it \(8 requests\/s\): 1,000 users ≈ 2 min; this tenant's 300 users ≈ 38 s\./);
    assert.ok(Math.abs(report.clock?.skewMs ?? Infinity) < 2000, `no skew: ${report.clock?.skewMs}`);
    // The bulk revocation probe was refused before acting: the tenant's tokens are all there.
    const revoke = emulator.requests.slice(from).find((request) => request.path === '/api/v2/refresh-tokens/revoke');
    assert.equal(revoke?.status, 400);
    assert.match(check(report, 'endpoint:bulk-revocation').evidence ?? '', /^POST \/api\/v2\/refresh-tokens\/revoke → 400 invalid_body$/);
  });

  it('a tenant without the Early Access endpoints: both EA checks warn and say what the extension does instead', async () => {
    const emulator = await emulatorWith({ earlyAccess: 'absent' });
    const report = await diagnose(emulator);
    expectStatuses(report, { 'endpoint:refresh-token-list': 'warning', 'endpoint:bulk-revocation': 'warning' });
    assert.match(check(report, 'endpoint:refresh-token-list').summary, /lists each user's tokens with `GET \/api\/v2\/users\/\{id\}\/refresh-tokens` and filters them itself/);
    assert.match(check(report, 'endpoint:bulk-revocation').summary, /one `DELETE \/api\/v2\/refresh-tokens\/\{id\}` per token/);
    assert.match(check(report, 'endpoint:refresh-token-list').evidence ?? '', /→ 404$/);
    assert.match(check(report, 'endpoint:bulk-revocation').evidence ?? '', /→ 403 feature_not_enabled$/);
  });

  it('a short log retention warns with the age of the oldest event; none at all warns too', async () => {
    const short = await emulatorWith({ logRetentionDays: 2 });
    const shortReport = await diagnose(short);
    expectStatuses(shortReport, { 'log-retention': 'warning' });
    assert.match(check(shortReport, 'log-retention').summary, /^The oldest log event is \d+ h old: the tenant keeps about that much/);
    assert.match(check(shortReport, 'log-retention').fix ?? '', /Monitoring > Streams/);

    short.configure({ logRetentionDays: 1 / 86_400_000 });
    const noneReport = await diagnose(short);
    expectStatuses(noneReport, { 'log-retention': 'warning' });
    assert.match(check(noneReport, 'log-retention').summary, /^Auth0 returned no log events at all/);
  });

  it('a token without the log scopes: History warns with the scope to add, and the log probes are not sent', async () => {
    const emulator = await emulatorWith();
    const scopes = FULL_SCOPES.filter((scope) => scope !== 'read:logs' && scope !== 'read:logs_users');
    const from = emulator.requests.length;
    const report = await diagnose(emulator, emulator.mintToken({ scopes }));
    expectStatuses(report, { scopes: 'warning', 'feature:history': 'warning', 'endpoint:user-logs': 'unknown', 'log-retention': 'unknown' });
    assert.deepEqual(check(report, 'feature:history').missingScopes, ['read:logs']);
    assert.equal(check(report, 'endpoint:user-logs').summary, 'Not checked: the token lacks `read:logs` or `read:logs_users`.');
    assert.ok(!emulator.requests.slice(from).some((request) => request.path.includes('/logs')), 'no log request was sent');
  });

  it('a plan without the refresh-token endpoints: ✗ with the plan named; the Early Access probes are not sent', async () => {
    const emulator = await emulatorWith({ plan: 'without-refresh-tokens' });
    const from = emulator.requests.length;
    const report = await diagnose(emulator);
    const sent = emulator.requests.length - from;
    // The features that work on refresh tokens cannot work here, whatever their scopes: none of them is ✓.
    const onTokens = ['feature:browse', 'feature:revoke', 'feature:sessions', 'feature:history', 'feature:metadata', 'feature:hunt', 'feature:contain'];
    expectStatuses(report, {
      'endpoint:refresh-tokens': 'error', 'endpoint:refresh-token-list': 'unknown', 'endpoint:bulk-revocation': 'unknown',
      ...Object.fromEntries(onTokens.map((id) => [id, 'warning'])),
    });
    for (const id of onTokens.filter((id) => id !== 'feature:contain')) {
      assert.equal(check(report, id).summary, "It cannot work here whatever its scopes: this tenant's plan has no refresh-token endpoints (see Endpoints).", id);
    }
    // Contain still blocks and ends sessions there: the sentence says which part fails.
    assert.match(check(report, 'feature:contain').summary, /^"Contain User…" can block the user and end their sessions here, but its step that revokes refresh tokens fails, as/);
    // With a token missing scopes on that plan, no scope is asked for that would fix nothing.
    // With a read-only token there, only what would help is asked for: Contain's block and sessions steps still work on this plan.
    const readOnly = await diagnose(emulator, emulator.readOnlyToken);
    assert.deepEqual(readOnly.missingScopes, ['delete:sessions', 'update:users']);
    for (const id of onTokens.filter((id) => id !== 'feature:contain')) {
      assert.equal(check(readOnly, id).missingScopes, undefined, id);
    }
    assert.equal(
      check(readOnly, 'feature:contain').summary,
      '"Contain User…" can do nothing here: its step that revokes refresh tokens fails, as this tenant\'s plan has no refresh-token endpoints (see Endpoints). The token also lacks `update:users` and `delete:sessions` for its other steps.',
    );
    // "Granted scopes" never claims every scope when some are missing.
    assert.match(check(readOnly, 'scopes').summary, /but lacks /);
    assert.match(check(report, 'endpoint:user-logs').summary, /but without the refresh-token endpoints there is no refresh token whose History/);
    const plan = check(report, 'endpoint:refresh-tokens');
    assert.match(plan.summary, /plan has no refresh-token endpoints.*Enterprise plans/);
    assert.match(plan.evidence ?? '', /^GET \/api\/v2\/users\/\{id\}\/refresh-tokens → 403 feature_not_enabled$/);
    assert.equal(check(report, 'endpoint:bulk-revocation').summary, 'Not checked: the plan has no refresh-token endpoints.');
    assert.equal(sent, 5);
    // Sessions answer, but there are no refresh tokens whose session a panel could show: the sentence says so.
    const sessions = check(report, 'endpoint:sessions').summary;
    assert.match(sessions, /Auth0 answered the per-user session listing, but without the refresh-token endpoints/);
    assert.doesNotMatch(sessions, /the details panel can show a token's session/);

    emulator.configure({ plan: 'without-refresh-tokens-and-sessions' });
    const neither = await diagnose(emulator);
    expectStatuses(neither, {
      'endpoint:refresh-tokens': 'error', 'endpoint:sessions': 'warning', 'endpoint:refresh-token-list': 'unknown', 'endpoint:bulk-revocation': 'unknown',
      ...Object.fromEntries(onTokens.map((id) => [id, 'warning'])),
    });
    // Contain names both steps that fail when the sessions endpoints are missing too.
    assert.match(check(neither, 'feature:contain').summary, /^"Contain User…" can block the user here, but its steps that end the sessions and revoke refresh tokens fail, as this tenant's plan has no refresh-token or session endpoints/);
    // Nothing claims that refresh tokens are still listed: the plan has none.
    assert.match(check(neither, 'endpoint:sessions').summary, /plan has no session endpoints either/);
    assert.doesNotMatch(check(neither, 'endpoint:sessions').summary, /refresh tokens are still listed/);
  });

  // Which features each scope serves (by hand, from the OAS subset), and how much its absence weighs.
  const SCOPE_FEATURES: Record<string, Partial<Record<FeatureId, CheckStatus>>> = {
    'read:users': { browse: 'error', hunt: 'warning' },
    'update:users': { contain: 'warning' },
    'read:refresh_tokens': { browse: 'error', hunt: 'error' },
    'delete:refresh_tokens': { revoke: 'warning', sessions: 'warning', contain: 'warning' },
    'update:refresh_tokens': { metadata: 'warning' },
    'read:sessions': { sessions: 'warning' },
    'delete:sessions': { sessions: 'warning', contain: 'warning' },
    'read:logs': {},
    'read:logs_users': {},
    'read:clients': { 'application-names': 'warning' },
  };
  // Features whose own scopes are there but that act from token rows, which cannot be listed without the scope.
  const UNOPENABLE: Record<string, FeatureId[]> = { 'read:refresh_tokens': ['sessions', 'history', 'metadata'] };

  describe('a token missing one scope', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ seed: 11 });
    });
    after(() => emulator.close());

    it('covers every scope the emulator grants', () => {
      assert.deepEqual(Object.keys(SCOPE_FEATURES).sort(), [...FULL_SCOPES].sort());
    });

    for (const [scope, features] of Object.entries(SCOPE_FEATURES)) {
      const flagged = Object.keys(features);
      it(`without ${scope}: ${flagged.length > 0 ? `${flagged.join(', ')} flagged, with ${scope} as the scope to add` : 'nothing flagged (another scope serves)'}`, async () => {
        const report = await diagnose(emulator, emulator.mintToken({ scopes: FULL_SCOPES.filter((granted) => granted !== scope) }));
        const featureStatuses = Object.fromEntries(report.checks.filter((c) => c.group === 'features').map((c) => [c.id.replace('feature:', ''), c.status]));
        const unopenable = UNOPENABLE[scope] ?? [];
        const expected = Object.fromEntries(
          Object.keys(featureStatuses).map((id) => [id, (features as Record<string, CheckStatus>)[id] ?? (unopenable.includes(id as FeatureId) ? 'warning' : 'ok')]),
        );
        assert.deepEqual(featureStatuses, expected);
        for (const id of unopenable) {
          const feature = check(report, `feature:${id}`);
          assert.equal(feature.missingScopes, undefined, `${id} asks for no scope of its own`);
          assert.match(feature.summary, /^Its own scopes are granted \(.*\), but it acts from a refresh token's row or details panel, and without `read:refresh_tokens` no refresh token can be listed or opened \(see Browse\)\.$/);
        }
        for (const id of Object.keys(features)) {
          const feature = check(report, `feature:${id}`);
          assert.deepEqual(feature.missingScopes, [scope]);
          assert.match(feature.fix ?? '', new RegExp(`^Grant \`${scope}\` to the application the token comes from under Applications > APIs > Auth0 Management API > Machine To Machine Applications`));
        }
        assert.deepEqual(report.missingScopes, Object.keys(features).length > 0 ? [scope] : []);
        assert.equal(check(report, 'scopes').status, Object.keys(features).length > 0 ? 'warning' : 'ok');
      });
    }
  });

  it('a clock offset: a warning from 30 s, an error from 5 min, in the right direction', async () => {
    const emulator = await emulatorWith({ clockOffsetSeconds: 120 });
    const ahead = await diagnose(emulator);
    expectStatuses(ahead, { 'clock-skew': 'warning' });
    assert.ok(Math.abs((ahead.clock?.skewMs ?? 0) - 120_000) < 2000, `skew ${ahead.clock?.skewMs}`);
    assert.match(check(ahead, 'clock-skew').summary, /^This machine's clock is 2 min behind Auth0's/);

    emulator.configure({ clockOffsetSeconds: -3600 });
    const behind = await diagnose(emulator);
    expectStatuses(behind, { 'clock-skew': 'error' });
    assert.match(check(behind, 'clock-skew').summary, /^This machine's clock is 60 min ahead of Auth0's/);
    assert.match(check(behind, 'clock-skew').fix ?? '', /timedatectl set-ntp true/);
    // The rate limit's reset is read on the tenant's clock: still "within a second" or a few seconds.
    assert.match(check(behind, 'rate-limit').summary, /full again (within a second|in \d s)/);
  });

  it('an expired token: credentials and expiry ✗ after one request; the rest not checked', async () => {
    const emulator = await emulatorWith();
    const report = await diagnose(emulator, emulator.expiredToken);
    assert.equal(report.requests, 1);
    assert.equal(check(report, 'credentials').status, 'error');
    assert.equal(check(report, 'credentials').summary, 'Auth0 refused the token: it has expired.');
    assert.equal(check(report, 'token-expiry').status, 'error');
    assert.match(check(report, 'token-expiry').summary, /^The token expired 1 h ago/);
    for (const id of ALL_CHECKS.filter((id) => id.startsWith('endpoint:') || id === 'log-retention')) {
      assert.equal(check(report, id).status, 'unknown', id);
      assert.equal(check(report, id).summary, 'Not checked: Auth0 refused the credentials.');
    }
    // The refused token's claims prove nothing about what a working token can do: features and scopes are not judged.
    for (const id of ALL_CHECKS.filter((id) => id.startsWith('feature:') || id === 'scopes')) {
      assert.equal(check(report, id).status, 'unknown', id);
      assert.match(check(report, id).summary, /^Not checked: Auth0 refused the credentials\./, id);
    }
  });

  it('a token that expires within the hour: a warning with the fix', async () => {
    const emulator = await emulatorWith();
    const report = await diagnose(emulator, emulator.mintToken({ scopes: [...FULL_SCOPES], expiresInSeconds: 600 }));
    expectStatuses(report, { 'token-expiry': 'warning' });
    assert.match(check(report, 'token-expiry').summary, /^The token expires in 10 min/);
  });

  it('client credentials: ✓ with the application named; a wrong secret ✗ without any Management API request', async () => {
    const emulator = await emulatorWith();
    const provider = new ClientCredentialsTokenProvider({ domain: emulator.domain, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
    const report = await diagnose(emulator, provider, { credentialKind: 'client-credentials' });
    expectStatuses(report, {});
    assert.equal(report.credentials.clientId, emulator.clientId);
    assert.match(check(report, 'credentials').summary, new RegExp(`application \`${emulator.clientId}\``));
    assert.match(check(report, 'token-expiry').summary, /^Tokens are fetched and renewed automatically; the current one expires in 24 h/);

    const wrong = new ClientCredentialsTokenProvider({ domain: emulator.domain, clientId: emulator.clientId, clientSecret: 'not-the-secret-of-this-app' });
    const refused = await diagnose(emulator, wrong, { credentialKind: 'client-credentials' });
    assert.equal(refused.requests, 0);
    assert.equal(check(refused, 'credentials').status, 'error');
    assert.match(check(refused, 'credentials').summary, /rejected the client id or secret/);
    assert.equal(check(refused, 'credentials').evidence, 'POST /oauth/token → 401 access_denied');
    assert.ok(refused.checks.filter((c) => c.id !== 'credentials').every((c) => c.status === 'unknown'), 'nothing else is claimed');
  });

  it('an unreachable tenant: ✗ that names it, nothing else claimed', async () => {
    const emulator = await emulatorWith();
    const { domain } = emulator;
    await emulator.close();
    const report = await diagnoseTenant({ domain, credentialKind: 'token', tokenProvider: new StaticTokenProvider(emulator.token) });
    assert.equal(check(report, 'credentials').status, 'error');
    assert.equal(check(report, 'credentials').summary, 'The tenant could not be reached.');
    assert.deepEqual([...new Set(report.checks.filter((c) => c.group !== 'features' && c.group !== 'credentials').map((c) => c.status))], ['unknown']);
  });

  it('a busy rate limit warns; a 429 during the check warns and leaves that probe unknown', async () => {
    // A bucket of 8 that barely refills: the seven probes leave one request, and that is the check's own doing.
    const small = await emulatorWith({ rateLimit: { burst: 8, perSecond: 0.01 } });
    const own = await diagnose(small);
    expectStatuses(own, {});
    assert.match(check(own, 'rate-limit').summary, /^A burst of 8 requests, 1 left now \(the check itself used 7\)/);
    assert.match(check(own, 'rate-limit').summary, /Auth0 documents no refill rate for this limit/);

    // Something else took 12 of 20 before the check: that is what the warning is for.
    const emulator = await emulatorWith({ rateLimit: { burst: 20, perSecond: 0.01 } });
    for (let request = 0; request < 12; request++) {
      await fetch(`${emulator.url}/api/v2/users?per_page=1`, { headers: { authorization: `Bearer ${emulator.token}` } });
    }
    const busy = await diagnose(emulator);
    expectStatuses(busy, { 'rate-limit': 'warning' });
    assert.match(check(busy, 'rate-limit').summary, /^Only 1 of 20 requests were left, and the check itself used 7: something else used about 12/);

    emulator.configure({ rateLimit: 'production', faults: { tooManyRequestsRate: 1, onlyPaths: /^\/api\/v2\/logs$/ } });
    const limited = await diagnose(emulator);
    expectStatuses(limited, { 'rate-limit': 'warning', 'log-retention': 'unknown' });
    assert.match(check(limited, 'rate-limit').summary, /^Auth0 rate-limited the check itself \(429\)/);
    assert.match(check(limited, 'log-retention').summary, /^Could not tell: Auth0 is rate limiting this tenant/);
  });

  it('a token that does not show its scopes: features are judged by what Auth0 answered', async () => {
    const emulator = await emulatorWith();
    const inner = new StaticTokenProvider(emulator.mintToken({ scopes: FULL_SCOPES.filter((scope) => scope !== 'read:sessions') }));
    const opaque: ManagementTokenProvider = {
      getToken: (signal) => inner.getToken(signal),
      invalidate: () => undefined,
      describe: () => ({ source: 'static' }),
    };
    const report = await diagnose(emulator, opaque);
    const byId = statuses(report);
    assert.equal(byId.scopes, 'warning');
    assert.equal(byId['feature:browse'], 'ok');
    assert.equal(byId['feature:history'], 'ok');
    assert.equal(byId['feature:revoke'], 'ok', 'the bulk revocation probe got past the scope check (400)');
    assert.equal(byId['feature:sessions'], 'warning');
    assert.deepEqual(check(report, 'feature:sessions').missingScopes, ['read:sessions']);
    assert.equal(byId['endpoint:sessions'], 'unknown');
    assert.equal(byId['feature:metadata'], 'unknown');
    assert.equal(byId['token-expiry'], 'warning', 'no readable expiry');
  });

  it('goes at foreground priority: with the background share of the tenant in use, the check still runs', async () => {
    const emulator = await emulatorWith();
    // Two slots, one of them background's, taken by a request that is never released here.
    const limiter = new TenantRateLimiter({ concurrency: 2, backgroundShare: 0.5 });
    const background = await limiter.acquire({ priority: 'background' });
    // Its answer came (the bucket is known, so the limiter need not wait for a first response).
    background.observe(200, { limit: 50, remaining: 49, resetSeconds: Math.ceil(Date.now() / 1000) + 1 });
    const report = await diagnose(emulator, emulator.token, { limiter });
    assert.equal(report.requests, 7);
    background.release();
  });

  it('queues on the tenant limiter it is given, and stops when cancelled', async () => {
    const emulator = await emulatorWith();
    const limiter = new TenantRateLimiter({ concurrency: 1 });
    // Hold the tenant's only slot with a background request that is not released yet.
    const held = await limiter.acquire({ priority: 'background' });
    const controller = new AbortController();
    const running = diagnoseTenant({
      domain: emulator.domain,
      credentialKind: 'token',
      tokenProvider: new StaticTokenProvider(emulator.token),
      limiter,
      signal: controller.signal,
    });
    // Event-loop turns, not time: the probe reaches the limiter through promise callbacks only.
    for (let turn = 0; turn < 100 && limiter.queued === 0; turn++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    assert.equal(limiter.queued, 1, 'the first probe waits for the tenant slot');
    const from = emulator.requests.length;
    controller.abort();
    await assert.rejects(running, (error: unknown) => error instanceof ManagementApiError && error.kind === 'cancelled');
    held.release();
    assert.equal(emulator.requests.length, from, 'nothing was sent');
  });
});
