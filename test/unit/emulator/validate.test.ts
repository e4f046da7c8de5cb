// The schema checks the contract tests rely on must reject what Auth0 would never send.
import assert from 'node:assert/strict';
import { componentValidator, validateLogEvent, validateManagementError, validateRequestBody, validateRequestQuery, validateResponse } from '../../contract/validate';

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

  it('checks query strings: declared names only, values read as their schema types and bounded', () => {
    const listing = { fields: 'client_id,name', include_fields: 'true', include_totals: 'true', page: '2', per_page: '100' };
    assert.equal(validateRequestQuery('management', 'GET', '/clients', listing).valid, true);
    assert.match(validateRequestQuery('management', 'GET', '/clients', { ...listing, per_page: '101' }).errors, /^per_page=101:/);
    assert.equal(validateRequestQuery('management', 'GET', '/clients', { page: '-1' }).valid, false);
    assert.equal(validateRequestQuery('management', 'GET', '/clients', { include_totals: 'yes' }).valid, false);
    assert.match(validateRequestQuery('management', 'GET', '/clients', { limit: '5' }).errors, /limit: not a query parameter/);
    assert.throws(() => validateRequestQuery('management', 'GET', '/nowhere', {}), /no operation/);
  });

  it('refuses operations and statuses the subsets do not document', () => {
    assert.throws(() => validateResponse('management', 'GET', '/nowhere', 200, {}), /no operation/);
    assert.throws(() => validateResponse('management', 'GET', '/users', 418, {}), /documents no 418/);
  });

  it('accepts log events as a real tenant sends them (recorded: seccft, sapi, ss, fn full of nulls), and no made-up type', () => {
    const recorded = [
      { _id: '9001', log_id: '9001', date: '2023-03-14T14:47:08.713Z', type: 'seccft', description: '', connection: null, connection_id: '', organization_id: null, organization_name: null, client_id: 'naTYUHwINwCEtmhj8umEL7bHoB57L5e2', client_name: 'CDT Testing', ip: '192.0.2.1', hostname: 'go-auth0-dev.eu.auth0.com', details: null, user_id: '', user_name: '', user_agent: 'Other 0.0.0 / Other 0.0.0', audience: 'https://go-auth0-dev.eu.auth0.com/api/v2/', scope: 'read:users', strategy: null, strategy_type: null, isMobile: false, location_info: null },
      { _id: '9002', log_id: '9002', date: '2023-03-14T13:41:29.534Z', type: 'sapi', description: 'Delete a User', connection: null, connection_id: null, organization_id: null, organization_name: null, client_id: 'naTYUHwINwCEtmhj8umEL7bHoB57L5e2', client_name: '', ip: '192.0.2.1', hostname: null, details: { request: { method: 'delete' }, response: { statusCode: 204 } }, user_id: null, user_name: null, user_agent: 'Other 0.0.0 / Other 0.0.0', audience: null, scope: null, strategy: null, strategy_type: null, isMobile: false, location_info: null, environment_name: 'prod-eu-1', tenant_name: 'go-auth0-dev' },
      { _id: '9003', log_id: '9003', date: '2023-03-14T13:41:29.534Z', type: 'ss', description: '', connection: 'Username-Password-Authentication', connection_id: 'con_0000000000000001', organization_id: null, organization_name: null, client_id: 'x', client_name: 'x', ip: '192.0.2.1', hostname: null, details: {}, user_id: 'auth0|1', user_name: 'a@example.com', user_agent: 'Other 0.0.0 / Other 0.0.0', audience: null, strategy: 'auth0', strategy_type: 'database', isMobile: false, location_info: null },
      { _id: '9004', log_id: '9004', date: '2023-03-14T13:41:29.534Z', type: 'fn', description: 'x', connection: null, connection_id: '', organization_id: null, organization_name: null, client_id: 'x', client_name: null, ip: '192.0.2.1', hostname: null, details: {}, user_id: '', user_name: 'a@example.com', user_agent: 'Other 0.0.0 / Other 0.0.0', audience: null, strategy: null, strategy_type: null, isMobile: false, location_info: null },
    ];
    for (const event of recorded) {
      const result = validateLogEvent(event);
      assert.equal(result.valid, true, `${event.type}: ${result.errors}`);
    }
    assert.equal(validateLogEvent({ ...recorded[0], date: 42 }).valid, false, 'a type without a schema of its own still meets the Log schema');
  });

  it('checks log events against the schema of their type and the Log schema', () => {
    const sertft = {
      log_id: '900',
      date: '2026-03-01T12:00:00.000Z',
      type: 'sertft',
      description: 'x',
      audience: 'https://api.acme.example/',
      client_name: 'Acme Web',
      details: { familyId: 'f', refresh_token: { session_id: 's' } },
      environment_name: 'prod-eu-1',
      ip: '192.0.2.1',
      tenant_name: 'acme',
      location_info: { country_code: 'US' },
    };
    assert.equal(validateLogEvent(sertft).valid, true);
    assert.equal(validateLogEvent({ ...sertft, ip: 'not-an-ip' }).valid, false, 'ip has format ipv4 or ipv6');
    assert.equal(validateLogEvent({ ...sertft, audience: undefined }).valid, false, 'sertft requires audience');
    assert.equal(validateLogEvent({ ...sertft, location_info: { country_code: 'USA' } }).valid, false, 'country_code has two letters');
    assert.equal(validateLogEvent({ ...sertft, client_id: null }).valid, false, "the Log schema's client_id is a string");
    assert.equal(validateLogEvent({ ...sertft, type: 'made_up' }).valid, false, 'an undescribed type');
    // A real tenant's nulls (recorded), and only those, pass: see RECORDED_NULL_LOG_FIELDS.
    assert.equal(validateLogEvent({ ...sertft, connection: null, hostname: null, location_info: null, organization_id: null }).valid, true, 'recorded nulls');
    assert.equal(validateLogEvent({ ...sertft, details: null }).valid, false, 'sertft still requires details');
    assert.equal(validateLogEvent({ ...sertft, ip: null }).valid, false, 'ip was never recorded null');
    assert.equal(validateLogEvent({ ...sertft, date: null }).valid, false, 'date was never recorded null');
    const srrt = { ...sertft, type: 'srrt', hostname: 'login.acme.example', details: { credential_id: 'rt1' } };
    assert.equal(validateLogEvent(srrt).valid, true);
    assert.equal(validateLogEvent({ ...srrt, details: {} }).valid, false, 'srrt requires details.credential_id');
    const ferrt = { ...srrt, type: 'ferrt', details: { familyId: 'f', tokenCounter: 1 } };
    assert.equal(validateLogEvent(ferrt).valid, false, 'ferrt requires latestCounter');
  });

  it('checks request bodies, and keeps `required` of properties a schema does not declare', () => {
    assert.equal(validateRequestBody('management', 'POST', '/refresh-tokens/revoke', { user_id: 'auth0|1', client_id: 'abc' }).valid, true);
    assert.equal(validateRequestBody('management', 'POST', '/refresh-tokens/revoke', { user_id: 'auth0|1', extra: 1 }).valid, false);
    assert.equal(validateRequestBody('management', 'PATCH', '/refresh-tokens/{id}', {}).valid, false, 'minProperties 1');
    assert.equal(validateRequestBody('management', 'GET', '/users', undefined).valid, true);
    const job = { id: 'job_1', type: 'users_export', status: 'pending', connection: 'all' };
    assert.equal(validateResponse('management', 'POST', '/jobs/users-exports', 200, job).valid, true);
    assert.equal(validateResponse('management', 'POST', '/jobs/users-exports', 200, { ...job, connection: undefined }).valid, false);
  });
});
