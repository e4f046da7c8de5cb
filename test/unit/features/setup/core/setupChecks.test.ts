// The pure parts of the setup check: durations and hunt estimates, the clock-skew interval, the
// thresholds of each check, and the probes' reading of Auth0's answers.
import assert from 'node:assert/strict';
import { InsufficientScopeError, ManagementApiError, UnauthorizedError } from '../../../../../src/auth0/errors';
import type { RequestRecord } from '../../../../../src/auth0/requestLog';
import { estimateClockSkew, observeRateLimit, type ObservedExchange } from '../../../../../src/features/setup/core/diagnoseTenant';
import { FEATURES, everyFeatureScope, scopesToAdd } from '../../../../../src/features/setup/core/featureScopes';
import {
  checkingStepText, clockCheck, featureCheck, formatDuration, huntDurationMs, logRetentionCheck, rateLimitCheck, requirementText, tokenExpiryCheck,
} from '../../../../../src/features/setup/core/setupChecks';
import { checksNeedingAttention, code, sentenceParts, statusTally, type SetupCheck } from '../../../../../src/features/setup/core/setupReport';
import { classifyFailure } from '../../../../../src/features/setup/core/tenantProbes';

const NOW = new Date('2026-03-01T12:00:00.000Z');

function exchange(serverDateMs: number | undefined, receivedAt: number, durationMs: number, extra: Partial<RequestRecord> = {}): ObservedExchange {
  return { record: { method: 'GET', path: '/api/v2/users', status: 200, durationMs, attempt: 1, outcome: 'ok', serverDateMs, ...extra }, receivedAt };
}

describe('setup checks (pure)', () => {
  it('formats durations the way a person plans with them', () => {
    assert.equal(formatDuration(400), '1 s');
    assert.equal(formatDuration(38_000), '38 s');
    assert.equal(formatDuration(126_000), '2 min');
    assert.equal(formatDuration(1_010_000), '17 min');
    assert.equal(formatDuration(3 * 3_600_000), '3 h');
    assert.equal(formatDuration(5_400_000), '1.5 h');
  });

  it('names a long wait for the rate limit while the check runs, and only a long one', () => {
    assert.equal(checkingStepText('Session endpoints', 0), 'Session endpoints…');
    assert.equal(checkingStepText('Session endpoints', 4_999), 'Session endpoints…');
    assert.equal(
      checkingStepText('User log events', 106_000),
      "User log events: waiting about 2 min for the tenant's Management API rate limit; each request after it may wait as long (other requests of this tenant come first).",
    );
  });

  it('estimates a hunt: 1,000 users at half of 16 requests/s ≈ 2 min, at half of 2/s ≈ 17 min', () => {
    assert.equal(formatDuration(huntDurationMs(1000, 16, 0.5)), '2 min');
    assert.equal(formatDuration(huntDurationMs(1000, 2, 0.5)), '17 min');
    assert.equal(Math.round(huntDurationMs(100, 10, 1)), 10_100, 'one token page per user and a users page per 100');
  });

  it('bounds the clock skew by each exchange and intersects the bounds', () => {
    // Server said 12:00:00 (so 12:00:00.000-.999) while the exchange ran 11:59:59.800-.900 locally: skew in [100, 1200] ms.
    const one = estimateClockSkew([exchange(Date.parse('2026-03-01T12:00:00Z'), Date.parse('2026-03-01T11:59:59.900Z'), 100)]);
    assert.deepEqual(one, { skewMs: 650, uncertaintyMs: 550 });
    // A second exchange narrows it to [650, 1200]: the server read 12:00:01 between local .300 and .350.
    const two = estimateClockSkew([
      exchange(Date.parse('2026-03-01T12:00:00Z'), Date.parse('2026-03-01T11:59:59.900Z'), 100),
      exchange(Date.parse('2026-03-01T12:00:01Z'), Date.parse('2026-03-01T12:00:00.350Z'), 50),
    ]);
    assert.deepEqual(two, { skewMs: 925, uncertaintyMs: 275 });
    assert.equal(estimateClockSkew([exchange(undefined, 0, 10)]), undefined);
    // Disagreeing answers (two servers): the last one decides rather than an empty interval.
    const disagree = estimateClockSkew([exchange(10_000, 0, 0), exchange(0, 0, 0)]);
    assert.deepEqual(disagree, { skewMs: 500, uncertaintyMs: 500 });
  });

  it('reads the last complete rate-limit reading, with the documented rate for 50 and 10', () => {
    const records = [
      exchange(undefined, 0, 1, { rateLimitLimit: 50, rateLimitRemaining: 40, rateLimitReset: 100 }),
      exchange(undefined, 0, 1, { rateLimitLimit: 50, rateLimitRemaining: 38, rateLimitReset: 101 }),
      exchange(undefined, 0, 1, {}),
    ];
    assert.deepEqual(observeRateLimit(records), { limit: 50, remaining: 38, resetSeconds: 101, perSecond: 16, documentedRate: true });
    assert.deepEqual(observeRateLimit([exchange(undefined, 0, 1, { rateLimitLimit: 8, rateLimitRemaining: 1 })]), { limit: 8, remaining: 1 });
    assert.equal(observeRateLimit([exchange(undefined, 0, 1)]), undefined);
  });

  it('clock: ✓ within 30 s (or the measurement), ⚠ from 30 s, ✗ from 5 min, ? without a Date header', () => {
    assert.equal(clockCheck({ skewMs: 29_000, uncertaintyMs: 500 }).status, 'ok');
    assert.equal(clockCheck({ skewMs: 40_000, uncertaintyMs: 20_000 }).status, 'warning');
    assert.equal(clockCheck({ skewMs: 50_000, uncertaintyMs: 60_000 }).status, 'ok', 'not more than the measurement can tell');
    assert.equal(clockCheck({ skewMs: -300_000, uncertaintyMs: 500 }).status, 'error');
    assert.match(clockCheck({ skewMs: -300_000, uncertaintyMs: 500 }).summary, /^This machine's clock is 5 min ahead of Auth0's/);
    assert.equal(clockCheck(undefined).status, 'unknown');
  });

  it('token expiry: ✗ expired, ⚠ within the hour or without exp, ✓ later; client credentials are renewed', () => {
    const at = (ms: number) => ({ source: 'static' as const, expiresAt: new Date(NOW.getTime() + ms) });
    assert.equal(tokenExpiryCheck('token', at(-1), NOW).status, 'error');
    assert.equal(tokenExpiryCheck('token', at(59 * 60_000), NOW).status, 'warning');
    assert.equal(tokenExpiryCheck('token', at(61 * 60_000), NOW).status, 'ok');
    assert.equal(tokenExpiryCheck('token', { source: 'static' }, NOW).status, 'warning');
    assert.equal(tokenExpiryCheck('client-credentials', { source: 'client-credentials', expiresAt: new Date(NOW.getTime() + 60_000) }, NOW).status, 'ok');
    assert.equal(tokenExpiryCheck('client-credentials', { source: 'client-credentials' }, NOW).status, 'unknown');
  });

  it('log retention: ✓ from 25 days, ⚠ shorter or empty, with the age in hours under two days', () => {
    const answered = (value: Date | undefined) => ({ kind: 'answered' as const, value, evidence: 'GET /api/v2/logs → 200' });
    const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
    assert.equal(logRetentionCheck(answered(daysAgo(29.5)), NOW).status, 'ok');
    assert.equal(logRetentionCheck(answered(daysAgo(24)), NOW).status, 'warning');
    assert.match(logRetentionCheck(answered(daysAgo(1)), NOW).summary, /^The oldest log event is 24 h old/);
    assert.match(logRetentionCheck(answered(daysAgo(9.9)), NOW).summary, /^The oldest log event is 9 days old/);
    assert.equal(logRetentionCheck(answered(undefined), NOW).status, 'warning');
    assert.equal(logRetentionCheck({ kind: 'skipped', reason: 'the token lacks `read:logs`' }, NOW).summary, 'Not checked: the token lacks `read:logs`.');
  });

  it('rate limit: ✓ with the hunt estimate, ⚠ when others used half, when rate-limited, or without headers; ? without any answer', () => {
    const input = { answered: true, rateLimited: false, backgroundShare: 0.5, now: NOW, ownRequests: 1 };
    const resetSeconds = NOW.getTime() / 1000 + 2;
    const ok = rateLimitCheck({ ...input, observation: { limit: 10, remaining: 9, resetSeconds, perSecond: 2 }, userCount: 12_345 });
    assert.equal(ok.status, 'ok');
    assert.equal(
      ok.summary,
      "A burst of 10 requests, 9 left now (the check itself used 1), full again in 2 s, refilled at 2 requests/s (Auth0's documented rate, Enterprise, non-production). " +
        "A hunt uses half of it (1 request/s): 1,000 users ≈ 17 min; this tenant's 12,345 users ≈ 3.5 h.",
    );
    // 1 left of 10 after the check's own 7: others used 2, less than half; after 1 of its own, others used 8.
    assert.equal(rateLimitCheck({ ...input, ownRequests: 7, observation: { limit: 10, remaining: 1, resetSeconds, perSecond: 2 } }).status, 'ok');
    // Nothing left, even by the check's own doing: the next requests wait, so not ✓.
    const empty = rateLimitCheck({ ...input, ownRequests: 8, observation: { limit: 8, remaining: 0, resetSeconds } });
    assert.equal(empty.status, 'warning');
    assert.match(empty.summary, /Nothing is left now: the extension's next requests \(the view's included\) wait until the bucket refills\.$/);
    const busy = rateLimitCheck({ ...input, observation: { limit: 10, remaining: 1, resetSeconds, perSecond: 2 } });
    assert.equal(busy.status, 'warning');
    assert.match(busy.summary, /^Only 1 of 10 requests were left, and the check itself used 1: something else used about 8 of this tenant's Management API limit just now\. A burst of 10 requests, 1 left now, full again/);
    assert.equal(rateLimitCheck({ ...input, observation: { limit: 10, remaining: 9 }, rateLimited: true }).status, 'warning');
    assert.equal(rateLimitCheck({ ...input, observation: undefined }).status, 'warning');
    assert.equal(rateLimitCheck({ ...input, answered: false }).status, 'unknown');
    // x-ratelimit-reset is on the tenant's clock: an hour-behind tenant's reset is still 2 s away.
    const skewed = rateLimitCheck({ ...input, observation: { limit: 10, remaining: 9, resetSeconds: resetSeconds - 3600 }, skewMs: -3_600_000 });
    assert.match(skewed.summary, /full again in 2 s/);
  });

  it('reads each kind of failed probe', () => {
    const request = 'GET /api/v2/users/{id}/sessions';
    assert.equal(classifyFailure(request, new UnauthorizedError('expired', 'x', { status: 401 })).kind, 'refused-credentials');
    assert.equal(classifyFailure(request, new ManagementApiError('forbidden', 'x', { status: 403, path: '/oauth/token' })).kind, 'refused-credentials');
    assert.deepEqual(classifyFailure(request, new InsufficientScopeError(['read:sessions'], 'x', { status: 403, errorCode: 'insufficient_scope' })), {
      kind: 'refused-scope', scopes: ['read:sessions'], evidence: `${request} → 403 insufficient_scope`,
    });
    assert.equal(classifyFailure(request, new ManagementApiError('endpoint-unavailable', 'x', { status: 403 })).kind, 'absent');
    assert.equal(classifyFailure(request, new ManagementApiError('forbidden', 'x', { status: 403, errorCode: 'feature_not_enabled' })).kind, 'failed');
    assert.equal(classifyFailure(request, new ManagementApiError('forbidden', 'x', { status: 403 }), { forbiddenMeansAbsent: true }).kind, 'absent');
    assert.equal(classifyFailure(request, new ManagementApiError('not-found', 'x', { status: 404, errorCode: 'inexistent_user' })).kind, 'answered', 'the endpoint exists');
    assert.equal(classifyFailure(request, new ManagementApiError('not-found', 'x', { status: 404 })).kind, 'absent', 'no such route');
    assert.equal(classifyFailure(request, new ManagementApiError('bad-request', 'x', { status: 400 })).kind, 'failed');
    assert.equal(classifyFailure(request, new ManagementApiError('bad-request', 'x', { status: 400 }), { badRequestMeansPresent: true }).kind, 'answered');
    // An error code that is not one is left out of the evidence.
    const odd = classifyFailure(request, new ManagementApiError('server-error', 'x', { status: 500, errorCode: '<b>`x`</b>' }));
    assert.equal(odd.kind === 'failed' ? odd.evidence : '', `${request} → 500`);
    assert.throws(() => classifyFailure(request, new Error('a bug')), /a bug/);
  });

  it('names the scopes to add: the first of each group a feature misses, and each alternative', () => {
    const history = FEATURES.find((feature) => feature.id === 'history')!;
    assert.deepEqual(scopesToAdd(history, new Set(['read:logs_users'])), []);
    assert.deepEqual(scopesToAdd(history, new Set()), ['read:logs']);
    assert.equal(requirementText(history), '`read:logs` (or `read:logs_users`)');
    assert.deepEqual(everyFeatureScope(), [
      'read:users', 'read:refresh_tokens', 'delete:refresh_tokens', 'read:sessions', 'delete:sessions', 'read:logs', 'update:refresh_tokens', 'update:users', 'read:clients',
    ]);
  });

  it('says what a feature loses for the scopes it lacks, not for all of them, in sentences true of the extension', () => {
    const checkWith = (id: string) => (...scopes: string[]) => featureCheck(FEATURES.find((feature) => feature.id === id)!, 'token', { source: 'static', scopes }, {});
    let withScopes = checkWith('sessions');
    // read:sessions without delete:sessions: the session is shown; only revoking it fails.
    const cannotRevoke = withScopes('read:sessions', 'delete:refresh_tokens');
    assert.deepEqual(cannotRevoke.missingScopes, ['delete:sessions']);
    assert.match(cannotRevoke.summary, /^The token lacks `delete:sessions`: "Revoke Session and Its Tokens…" fails with 403\./);
    assert.doesNotMatch(cannotRevoke.summary, /Session section/);
    // Without read:sessions the section is there and names the scope (it is not "no Session section").
    const cannotShow = withScopes('delete:sessions', 'delete:refresh_tokens');
    assert.match(cannotShow.summary, /Session section names the missing scope instead of the session\./);
    assert.doesNotMatch(cannotShow.summary, /fails with 403|no Session section/);
    assert.match(withScopes().summary, /names the missing scope instead of the session; "Revoke Session and Its Tokens…" fails with 403\./);

    withScopes = checkWith('browse');
    // Users are listed with read:users alone; only their refresh tokens fail.
    const usersOnly = withScopes('read:users', 'read:clients');
    assert.deepEqual(usersOnly.missingScopes, ['read:refresh_tokens']);
    assert.match(usersOnly.summary, /users are listed, but expanding one shows an error row instead of its refresh tokens/);
    assert.doesNotMatch(usersOnly.summary, /instead of users/);
    assert.match(withScopes('read:refresh_tokens').summary, /an error row instead of users/);

    withScopes = checkWith('contain');
    // Without update:users, Contain User runs and only blocking is not offered.
    const noBlock = withScopes('delete:sessions', 'delete:refresh_tokens');
    assert.match(noBlock.summary, /still revokes the refresh tokens and sessions, but does not offer to block the user/);
    assert.doesNotMatch(noBlock.summary, /refuses/);
    // Without a delete scope it refuses to start, whatever else is missing.
    assert.match(withScopes().summary, /: "Contain User…" refuses to start rather than stop half done\./);
    assert.doesNotMatch(withScopes().summary, /still revokes/);
  });

  it('keeps inline code to one span: a backtick in a value cannot end it', () => {
    assert.equal(code('a`b\n c'), '`a\'b c`');
    assert.deepEqual(sentenceParts(`Grant ${code('x`y')} now`), [
      { text: 'Grant ', code: false }, { text: "x'y", code: true }, { text: ' now', code: false },
    ]);
    const checks = [{ status: 'ok' }, { status: 'error' }, { status: 'ok' }] as SetupCheck[];
    assert.equal(statusTally(checks), '✓ 2 · ⚠ 0 · ✗ 1');
    assert.equal(statusTally([...checks, { status: 'unknown' } as SetupCheck]), '✓ 2 · ⚠ 0 · ✗ 1 · ? 1');
    const mixed = ['ok:a', 'warning:b', 'error:c', 'unknown:d', 'warning:e', 'error:f'].map((entry) => {
      const [status, id] = entry.split(':');
      return { id, status } as SetupCheck;
    });
    assert.deepEqual(checksNeedingAttention(mixed).map((check) => check.id), ['c', 'f', 'b', 'e'], '✗ first, then ⚠, each in report order');
  });
});
