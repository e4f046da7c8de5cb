import * as assert from 'node:assert';
import { InsufficientScopeError, ManagementApiError, RateLimitedError, UnauthorizedError, messages, waitDuration } from '../../../src/auth0/errors';
import { CustomDomainError } from '../../../src/auth0/customDomain';
import { failureRow } from '../../../src/presentation/failureRow.lazy';

describe('Failure rows', () => {
  it('names the cause and the fix for each kind of failure', () => {
    const cases: [unknown, string, string][] = [
      [new UnauthorizedError('expired', 'The Management API token has expired.'), 'Management API token expired', 'set-credentials'],
      [new UnauthorizedError('invalid', 'Auth0 rejected the token.'), 'Management API token rejected', 'set-credentials'],
      [new InsufficientScopeError(['read:refresh_tokens'], 'The token lacks the scope read:refresh_tokens.'), 'Token lacks read:refresh_tokens', 'set-credentials'],
      [new ManagementApiError('endpoint-unavailable', 'Enterprise only'), "Tenant's plan has no refresh-token API", 'none'],
      [new ManagementApiError('rate-limited', 'rate limited'), 'Rate limited by Auth0', 'retry'],
      [new ManagementApiError('invalid-paging', 'cap'), 'Only the first 1,000 users can be listed', 'search'],
      [new ManagementApiError('invalid-paging', 'cap', { path: '/api/v2/users/auth0%7C1' }), 'Only the first 1,000 users can be listed', 'search'],
      // A log listing's cap is not about users, and a user search cannot help.
      [new ManagementApiError('invalid-paging', 'cap', { path: '/api/v2/users/auth0%7C1/logs' }), 'Only the newest 1,000 log events can be paged', 'none'],
      [new ManagementApiError('network', 'unreachable'), 'Tenant unreachable', 'retry'],
      [new ManagementApiError('timeout', 'slow'), 'Tenant did not answer in time', 'retry'],
      [new ManagementApiError('server-error', 'boom', { status: 503 }), 'Auth0 server error (503)', 'retry'],
      [new ManagementApiError('invalid-json', 'garbled'), 'Unreadable answer from Auth0', 'retry'],
      [new CustomDomainError('login.acme.com', undefined, 'Service not enabled within domain: https://login.acme.com/api/v2/'), 'Not the Management API domain', 'none'],
      [new Error('something else'), 'Failed to load', 'retry'],
    ];
    for (const [error, label, fix] of cases) {
      const row = failureRow(error);
      assert.strictEqual(row.label, label);
      assert.strictEqual(row.fix, fix, label);
      assert.strictEqual(row.detail, (error as Error).message, 'the full message is kept for the tooltip');
    }
  });

  it('offers "Check Tenant Setup" after failures that stem from a missing scope or plan, and only those', () => {
    const setup = [
      new InsufficientScopeError(['read:refresh_tokens'], 'The token lacks the scope read:refresh_tokens.'),
      new ManagementApiError('endpoint-unavailable', 'Enterprise only'),
      new ManagementApiError('forbidden', 'This feature is not enabled for this tenant.', { status: 403, errorCode: 'feature_not_enabled' }),
    ];
    for (const error of setup) {
      assert.strictEqual(failureRow(error).checkSetup, true, error.message);
    }
    assert.strictEqual(failureRow(setup[2]).label, 'Not enabled for this tenant');
    const others = [
      new UnauthorizedError('expired', 'expired'),
      new ManagementApiError('forbidden', 'Auth0 refused', { status: 403 }),
      new ManagementApiError('network', 'unreachable'),
      new RateLimitedError(undefined, 'rate limited'),
      new Error('something else'),
    ];
    for (const error of others) {
      assert.strictEqual(failureRow(error).checkSetup, undefined, error.message);
    }
  });

  it('names client credentials, not a token, when Auth0 refuses them', () => {
    const row = failureRow(new UnauthorizedError('invalid', 'Auth0 refused the client credentials.'), 'client-credentials');
    assert.strictEqual(row.label, 'Client credentials rejected');
    assert.strictEqual(row.fix, 'set-credentials');
  });

  it('names a rate-limit wait of a minute or more instead of inviting a click that would only queue', () => {
    const cases: [number | undefined, string][] = [
      [undefined, 'click to retry'],
      [0, 'click to retry'],
      [12_000, 'click to retry'],
      [60_000, 'try again in 1 min'],
      [120_000, 'try again in 2 min'],
      [90_500, 'try again in 2 min'],
      [3 * 3_600_000, 'try again in 3 h'],
    ];
    for (const [waitMs, description] of cases) {
      const row = failureRow(new RateLimitedError(waitMs, messages.rateLimitedGaveUp(waitMs)));
      assert.strictEqual(row.label, 'Rate limited by Auth0');
      assert.strictEqual(row.description, description, String(waitMs));
      assert.strictEqual(row.fix, 'retry');
    }
  });

  it('writes waits as a person reads them, rounded up', () => {
    const cases: [number, string][] = [
      [0, '1 s'],
      [400, '1 s'],
      [8_000, '8 s'],
      [59_000, '59 s'],
      [59_001, '1 min'],
      [120_000, '2 min'],
      [3_540_000, '59 min'],
      [3_599_000, '1 h'],
      [3_600_001, '2 h'],
    ];
    for (const [ms, text] of cases) {
      assert.strictEqual(waitDuration(ms), text, String(ms));
    }
    assert.strictEqual(messages.rateLimitedGaveUp(undefined), 'Auth0 is rate limiting this tenant; try again shortly.');
    assert.strictEqual(messages.rateLimitedGaveUp(150_000), 'Auth0 is rate limiting this tenant; try again in 3 min.');
  });
});
