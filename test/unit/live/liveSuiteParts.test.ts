// The live suite's own parts that decide what it reports: reading the environment (which run is
// possible and why not), the shapes it compares without values, and the guard on its writes.
import assert from 'node:assert/strict';
import { readLiveEnvironment } from '../../live/liveEnvironment';
import { OwnTokens } from '../../live/liveWrites';
import { compareHeaders, compareShapes, describeDifference, shapeOf } from '../../live/shapeDiff';

describe('live suite parts', () => {
  it('reads the environment: a token, or client credentials; says what is missing otherwise', () => {
    assert.deepEqual(readLiveEnvironment({}), { ok: false, reason: 'AUTH0_DOMAIN is not set (with AUTH0_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET)' });
    const noCredentials = readLiveEnvironment({ AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_CLIENT_ID: 'abc' });
    assert.equal(noCredentials.ok, false);
    assert.match(noCredentials.ok ? '' : noCredentials.reason, /neither AUTH0_TOKEN nor both AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET/);
    const token = readLiveEnvironment({ AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_TOKEN: ' t0ken ' });
    assert.ok(token.ok);
    assert.deepEqual(token.credentials, { kind: 'token', token: 't0ken' });
    assert.deepEqual(token.writes, { ok: false, reason: 'AUTH0_LIVE_ALLOW_WRITES is not 1' });
    const cc = readLiveEnvironment({ AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_CLIENT_ID: 'id', AUTH0_CLIENT_SECRET: 'secret', AUTH0_LIVE_ALLOW_WRITES: '1', AUTH0_LIVE_TEST_CLIENT_ID: 'app' });
    assert.ok(cc.ok);
    assert.deepEqual(cc.credentials, { kind: 'client-credentials', clientId: 'id', clientSecret: 'secret' });
    assert.deepEqual(cc.writes, {
      ok: false,
      reason: 'AUTH0_LIVE_ALLOW_WRITES is 1 but AUTH0_LIVE_TEST_CLIENT_SECRET, AUTH0_LIVE_TEST_USERNAME, AUTH0_LIVE_TEST_PASSWORD are not set',
    });
    const writes = readLiveEnvironment({
      AUTH0_DOMAIN: 'd', AUTH0_TOKEN: 't', AUTH0_LIVE_ALLOW_WRITES: '1', AUTH0_LIVE_TEST_CLIENT_ID: 'a', AUTH0_LIVE_TEST_CLIENT_SECRET: 'b', AUTH0_LIVE_TEST_USERNAME: 'u@x', AUTH0_LIVE_TEST_PASSWORD: 'p',
    });
    assert.ok(writes.ok && writes.writes.ok);
    assert.deepEqual(writes.writes.application, { clientId: 'a', clientSecret: 'b', username: 'u@x', password: 'p', realm: undefined });
  });

  it('compares answers by shape: fields on one side only, types, and conflicts that cannot both be right', () => {
    const tenant = shapeOf({ tokens: [{ id: 'a', session_id: null, rotating: true, device: { last_asn: '1' }, refresh_token_metadata: { secret_key: 'x' } }], next: 'n' });
    const emulator = shapeOf({ tokens: [{ id: 'b', session_id: 'sid', rotating: 'yes', refresh_token_metadata: { other: 'y' } }] });
    const differences = compareShapes(tenant, emulator);
    assert.deepEqual(differences.map(describeDifference), [
      "next: present in the tenant's answer (string), not the emulator's",
      "tokens[].device: present in the tenant's answer (object), not the emulator's",
      "tokens[].device.last_asn: present in the tenant's answer (string), not the emulator's",
      'tokens[].rotating: the tenant sends boolean, the emulator string (conflict)',
      'tokens[].session_id: the tenant sends null, the emulator string',
    ]);
    assert.deepEqual(differences.filter((d) => d.conflicting).map((d) => d.path), ['tokens[].rotating']);
    // Metadata keys are the tenant's data: never walked, never printed.
    assert.ok(![...tenant.keys()].some((key) => key.includes('secret_key')));
    // No value appears in a description.
    assert.ok(!differences.map(describeDifference).join('\n').includes('sid'));
  });

  it('does not compare the items of a list one side answered empty: it says so once instead', () => {
    const tenant = shapeOf({ logs: [], total: 0 });
    const emulator = shapeOf({ logs: [{ type: 'sertft', location_info: { city_name: 'x' } }, { type: 'ferrt' }], total: 2 });
    assert.deepEqual(compareShapes(tenant, emulator).map(describeDifference), ["logs[]: the tenant's answer listed no items, so their fields were not compared"]);
    assert.deepEqual(compareShapes(emulator, tenant).map(describeDifference), ["logs[]: the emulator's answer listed no items, so their fields were not compared"]);
    // Both empty: nothing to say.
    assert.deepEqual(compareShapes(shapeOf({ logs: [] }), shapeOf({ logs: [] })), []);
    // Nested: items present on both sides, an inner list empty on one.
    const inner = compareShapes(shapeOf({ users: [{ identities: [] }] }), shapeOf({ users: [{ identities: [{ provider: 'auth0' }] }] }));
    assert.deepEqual(inner.map(describeDifference), ["users[].identities[]: the tenant's answer listed no items, so their fields were not compared"]);
    assert.ok(inner.every((difference) => !difference.conflicting));
  });

  it('compares the headers the extension reads', () => {
    assert.deepEqual(
      compareHeaders(
        { 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '49', 'x-ratelimit-reset': '1700000000', date: 'x', 'content-type': 'application/json; charset=utf-8' },
        { 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '4.5', date: 'y', 'content-type': 'text/html' },
      ),
      [
        "header x-ratelimit-remaining: a whole number in the tenant's answer only",
        "header x-ratelimit-reset: absent from the emulator's answer",
        'header content-type: the tenant sends application/json, the emulator text/html',
      ],
    );
  });

  it('writes only to the tokens the suite created', () => {
    const own = new OwnTokens();
    own.add('rt_1');
    assert.equal(own.require('rt_1'), 'rt_1');
    assert.throws(() => own.require('rt_2'), /refusing to write to refresh token rt_2: the live suite did not create it/);
    assert.throws(() => own.markRevoked('rt_2'), /did not create it/);
    own.add('rt_3');
    own.markRevoked('rt_1');
    assert.deepEqual(own.outstanding, ['rt_3']);
  });
});
