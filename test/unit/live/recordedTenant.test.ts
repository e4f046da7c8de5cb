// The recorded tenant (test/live/recordedTenant.ts): which recorded answer serves which request, and
// which differences its recordings' sanitising explains. Served over real HTTP from the vendored
// recordings of a real tenant.
import assert from 'node:assert/strict';
import { explainBySample, explainRecordedDifference, explainRecordedSchemaProblem, findRecordedAnswer, isNotRecorded, loadRecordings, pathTemplate, startRecordedTenant, type RecordedTenant } from '../../live/recordedTenant';

describe('recorded tenant', () => {
  const recordings = loadRecordings();

  it('reads every vendored recording (24 files) and keeps each interaction with its status', () => {
    assert.equal(new Set(recordings.map((interaction) => interaction.recording)).size, 24);
    assert.ok(recordings.every((interaction) => interaction.method.length > 0 && Number.isInteger(interaction.status)));
  });

  it('treats ids as wildcards in paths, placeholders and real ids alike', () => {
    const cases: Array<[string, string]> = [
      ['/api/v2/users/UserID/refresh-tokens', '/api/v2/users/*/refresh-tokens'],
      ['/api/v2/users/auth0|63d17c4a9d503d76c056c160/refresh-tokens', '/api/v2/users/*/refresh-tokens'],
      ['/api/v2/refresh-tokens/RefreshTokenID', '/api/v2/refresh-tokens/*'],
      ['/api/v2/sessions/SessionID/revoke', '/api/v2/sessions/*/revoke'],
      ['/api/v2/users', '/api/v2/users'],
      ['/api/v2/logs', '/api/v2/logs'],
    ];
    for (const [path, template] of cases) {
      assert.equal(pathTemplate(path), template, path);
    }
  });

  it('answers a listing only from a recording asked with the same shape parameters (include_totals)', () => {
    const withTotals = findRecordedAnswer(recordings, 'GET', '/api/v2/users/auth0|abc/refresh-tokens', new URLSearchParams('include_totals=true&take=2'));
    assert.ok(withTotals, 'the refresh-token listing with totals was recorded');
    assert.match(withTotals.body, /"next":"RefreshTokenID","total":2/, 'the listing with tokens, not the empty one recorded after a delete');
    const bare = findRecordedAnswer(recordings, 'GET', '/api/v2/users/auth0|abc/refresh-tokens', new URLSearchParams('take=2'));
    assert.equal(bare, undefined, 'a listing asked without include_totals was never recorded');
    const logs = findRecordedAnswer(recordings, 'GET', '/api/v2/users/auth0|abc/logs', new URLSearchParams());
    assert.equal(logs?.body, '[]', 'the user-log listing without totals is a bare array');
    assert.equal(findRecordedAnswer(recordings, 'GET', '/api/v2/clients/abc', new URLSearchParams()), undefined, 'no application was read by id');
  });

  describe('over HTTP', () => {
    let tenant: RecordedTenant;
    before(async () => {
      tenant = await startRecordedTenant();
    });
    after(async () => tenant.close());

    it('serves the recorded body and content type, and says "not recorded" (404) for anything else', async () => {
      const token = await fetch(`${tenant.url}/api/v2/refresh-tokens/rt_anything`);
      assert.equal(token.status, 200);
      assert.match(token.headers.get('content-type') ?? '', /application\/json/);
      const body = (await token.json()) as Record<string, unknown>;
      assert.equal(body.session_id, null);
      assert.equal(body.expires_at, null);
      assert.equal('device' in body, false);
      const missing = await fetch(`${tenant.url}/api/v2/clients/abc`);
      assert.equal(missing.status, 404);
      assert.ok(isNotRecorded(missing.status, await missing.json()));
      assert.deepEqual(tenant.answeredFrom.map((answer) => answer.recording), ['TestRefreshTokenManager_Delete', undefined]);
    });
  });

  it('explains only the differences the recordings account for', () => {
    const cases: Array<[string, string, boolean]> = [
      ["header x-ratelimit-reset: absent from the tenant's answer", '{}', true],
      ["header x-ratelimit-reset: present in the tenant's answer, not the emulator's", '{}', false],
      ["field users[].last_login: present in the emulator's answer (string), not the tenant's", '{}', true],
      ["field users[].last_login: present in the tenant's answer (string), not the emulator's", '{}', false],
      ["field users[].username: present in the tenant's answer (string), not the emulator's", '{}', false],
      ["field [].tenant_name: present in the emulator's answer (string), not the tenant's", '[]', true],
      ["field [].tenant_name: present in the tenant's answer (string), not the emulator's", '[]', false],
      ['type users[].identities[].user_id: the tenant sends string, the emulator number|string', '{}', true],
      ["field tokens[].device: present in the emulator's answer (object), not the tenant's", '{"tokens":[]}', false],
      ["field device.last_ip: present in the tenant's answer (string), not the emulator's", '{"device":{"initial_user_agent":"InitialUserAgent"}}', true],
      ['paging next: present in the tenant\'s answer (string), not the emulator\'s', '{"next":"x"}', false],
    ];
    for (const [line, body, explained] of cases) {
      assert.equal(explainRecordedDifference(line, body) !== undefined, explained, line);
    }
  });

  it("explains a field the tenant's item lacks or sends null only when the emulator's own data also answers so", () => {
    const sample = {
      users: [{ user_id: 'a', last_login: 'x' }, { user_id: 'b' }],
      tokens: [{ id: '1', device: { initial_ip: '1.2.3.4' }, expires_at: 'x' }, { id: '2', expires_at: null }],
      logs: [{ type: 'sapi', hostname: null, tenant_name: 't' }],
    };
    const tokens = '/users/{user_id}/refresh-tokens';
    const cases: Array<[string, string, boolean]> = [
      ["field tokens[].device: present in the emulator's answer (object), not the tenant's", tokens, true],
      ["field device.initial_ip: present in the emulator's answer (string), not the tenant's", '/refresh-tokens/{id}', true],
      ['type tokens[].expires_at: the tenant sends null, the emulator string', tokens, true],
      ['type expires_at: the tenant sends null, the emulator string', '/refresh-tokens/{id}', true],
      ["field users[].last_login: present in the emulator's answer (string), not the tenant's", '/users', true],
      ['type [].hostname: the tenant sends null|string, the emulator string', '/logs', true],
      ["field [].type: present in the emulator's answer (string), not the tenant's", '/logs', false],
      ["field tokens[].id: present in the emulator's answer (string), not the tenant's", tokens, false],
      ['type tokens[].id: the tenant sends null, the emulator string', tokens, false],
      ["field users[].username: present in the tenant's answer (string), not the emulator's", '/users', false],
      ['type tokens[].rotating: the tenant sends boolean, the emulator string (conflict)', tokens, false],
      ["field tokens[].device: present in the emulator's answer (object), not the tenant's", '/clients/{id}', false],
    ];
    for (const [line, template, explained] of cases) {
      assert.equal(explainBySample(line, template, sample) !== undefined, explained, line);
    }
    assert.equal(explainBySample("field tokens[].device: present in the emulator's answer (object), not the tenant's", tokens, { users: [], tokens: [{ device: {} }], logs: [] }), undefined, 'every sampled token has a device: the emulator must change');
  });

  it('explains only the schema problems of a recorded answer that its sanitising accounts for', () => {
    const redacted = '{"ip":"[REDACTED]"}';
    assert.ok(explainRecordedSchemaProblem('/ip must match format "ipv4" {"format":"ipv4"}', redacted));
    assert.equal(explainRecordedSchemaProblem('/ip must match format "ipv4" {"format":"ipv4"}', '{"ip":"300.1.1.1"}'), undefined);
    assert.ok(explainRecordedSchemaProblem("(root) must have required property 'tenant_name' {}", redacted));
    assert.equal(explainRecordedSchemaProblem("(root) must have required property 'date' {}", redacted), undefined);
    assert.equal(explainRecordedSchemaProblem('/type must be equal to one of the allowed values', redacted), undefined);
  });
});
