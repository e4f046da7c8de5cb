import * as assert from 'node:assert';
import { InsufficientScopeError, ManagementApiError, UnauthorizedError } from '../../../src/auth0/errors';
import { failureRow } from '../../../src/presentation/failureRow';

describe('Failure rows', () => {
  it('names the cause and the fix for each kind of failure', () => {
    const cases: [unknown, string, string][] = [
      [new UnauthorizedError('expired', 'The Management API token has expired.'), 'Management API token expired', 'set-credentials'],
      [new UnauthorizedError('invalid', 'Auth0 rejected the token.'), 'Management API token rejected', 'set-credentials'],
      [new InsufficientScopeError(['read:refresh_tokens'], 'The token lacks the scope read:refresh_tokens.'), 'Token lacks read:refresh_tokens', 'set-credentials'],
      [new ManagementApiError('endpoint-unavailable', 'Enterprise only'), "Tenant's plan has no refresh-token API", 'none'],
      [new ManagementApiError('rate-limited', 'rate limited'), 'Rate limited by Auth0', 'retry'],
      [new ManagementApiError('invalid-paging', 'cap'), 'Only the first 1,000 users can be listed', 'search'],
      [new ManagementApiError('network', 'unreachable'), 'Tenant unreachable', 'retry'],
      [new ManagementApiError('timeout', 'slow'), 'Tenant did not answer in time', 'retry'],
      [new ManagementApiError('server-error', 'boom', { status: 503 }), 'Auth0 server error (503)', 'retry'],
      [new ManagementApiError('invalid-json', 'garbled'), 'Unreadable answer from Auth0', 'retry'],
      [new Error('something else'), 'Failed to load', 'retry'],
    ];
    for (const [error, label, fix] of cases) {
      const row = failureRow(error);
      assert.strictEqual(row.label, label);
      assert.strictEqual(row.fix, fix, label);
      assert.strictEqual(row.detail, (error as Error).message, 'the full message is kept for the tooltip');
    }
  });

  it('names client credentials, not a token, when Auth0 refuses them', () => {
    const row = failureRow(new UnauthorizedError('invalid', 'Auth0 refused the client credentials.'), 'client-credentials');
    assert.strictEqual(row.label, 'Client credentials rejected');
    assert.strictEqual(row.fix, 'set-credentials');
  });
});
