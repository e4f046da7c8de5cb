// The schema checks the contract tests rely on must reject what Auth0 would never send.
import assert from 'node:assert/strict';
import { componentValidator, validateManagementError, validateResponse } from '../../contract/validate';

describe('contract validation helpers', () => {
  it('rejects a refresh token whose scopes are an array or whose date is not a date', () => {
    const validate = componentValidator('management', 'RefreshTokenResponseContent');
    assert.equal(validate({ id: 'a', resource_servers: [{ audience: 'x', scopes: 'read:a read:b' }] }).valid, true);
    assert.equal(validate({ id: 'a', resource_servers: [{ audience: 'x', scopes: ['read:a'] }] }).valid, false);
    assert.equal(validate({ id: 'a', created_at: 'yesterday' }).valid, false);
    assert.equal(validate({ id: 'a', created_at: null, session_id: null, refresh_token_metadata: null }).valid, true);
    assert.equal(validate({ id: 'a', device: { initial_ip: null } }).valid, false, 'device fields are not nullable');
  });

  it('rejects a totals page with unknown properties (the schema forbids them there)', () => {
    const page = { start: 0, limit: 1, length: 1, total: 1, users: [{ user_id: 'auth0|1' }] };
    assert.equal(validateResponse('management', 'GET', '/users', 200, page).valid, true);
    assert.equal(validateResponse('management', 'GET', '/users', 200, { ...page, next: 'x' }).valid, false);
    assert.equal(validateResponse('management', 'GET', '/users', 200, [{ user_id: 'auth0|1', email: 'not an email' }]).valid, false);
  });

  it('checks error bodies and empty 202s', () => {
    assert.equal(validateManagementError({ statusCode: 404, error: 'Not Found', message: 'User not found' }, 404).valid, true);
    assert.equal(validateManagementError({ statusCode: 404, error: 'Not Found', message: 'User not found' }, 400).valid, false);
    assert.equal(validateManagementError({ message: 'no status' }, 400).valid, false);
    assert.equal(validateResponse('management', 'DELETE', '/refresh-tokens/{id}', 202, '').valid, true);
    assert.equal(validateResponse('management', 'DELETE', '/refresh-tokens/{id}', 202, { unexpected: true }).valid, false);
    assert.equal(validateResponse('authentication', 'POST', '/oauth/token', 200, { access_token: 'x', token_type: 'Bearer', expires_in: 1 }).valid, true);
    assert.equal(validateResponse('authentication', 'POST', '/oauth/token', 200, { access_token: 'x', token_type: 'bearer', expires_in: 1 }).valid, false);
    assert.equal(validateResponse('authentication', 'POST', '/oauth/token', 401, { error_description: 'no error code' }).valid, false);
  });

  it('refuses operations and statuses the subsets do not document', () => {
    assert.throws(() => validateResponse('management', 'GET', '/nowhere', 200, {}), /no operation/);
    assert.throws(() => validateResponse('management', 'GET', '/users', 418, {}), /documents no 418/);
  });
});
