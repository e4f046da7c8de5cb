// A tenant domain that is not a bare host name is refused before anything is sent: the client
// and the client-credentials provider throw when they are built, so not even a connection is
// made. The bad domains below all point at a live server, so a request that slipped through
// would be seen. (Which strings parseTenantDomain refuses, and why, is in auth0/tenantDomain.test.)
import assert from 'node:assert/strict';
import { createManagementClient } from '../../../src/auth0/managementClient';
import { InvalidTenantDomainError } from '../../../src/auth0/tenantDomain';
import { ClientCredentialsTokenProvider } from '../../../src/credentials/clientCredentialsTokenProvider';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { countOccurrences, json, startRecordingServer, type RecordingServer } from './loopbackServers';

const TOKEN = 'domain-refusal-test-token-0123456789';
const PASSWORD = 'hunter2-domain-password';

describe('Security: tenant domains that are not a bare host name are refused before any request', () => {
  let server: RecordingServer;

  before(async () => {
    server = await startRecordingServer('127.0.0.1', (_request, response) => json(response, 200, { users: [], access_token: 'x' }));
  });
  after(() => server?.close());

  function badDomains(): [string, RegExp][] {
    const host = server.domain;
    return [
      [`${host}/evil`, /contains a path or query/],
      [`${host}/api/v2/users?x=`, /contains a path or query/],
      [`${host}#x`, /contains a path or query/],
      [`user@${host}`, /must not contain a user name or password/],
      [`admin:${PASSWORD}@${host}`, /must not contain a user name or password/],
      [`http://${host}`, /includes a scheme/],
      [`https://${host}`, /includes a scheme/],
      [`//${host}`, /includes a scheme/],
      // The pasted-URL forms issue #10 accepts for public hosts stay refused for this one.
      [`https://${host}/api/v2/`, /includes a scheme/],
      [`https://${host}/api/v2/users`, /contains a path or query/],
      [` ${host}`, /contains spaces/],
      [`${host} `, /contains spaces/],
      ['', /is empty/],
      ['   ', /contains spaces/],
      ['x.auth0.com/evil', /contains a path or query/],
      ['user@host', /must not contain a user name or password/],
      // Was 'https://x': issue #10 accepts an https URL with an empty path as its host.
      ['http://x', /includes a scheme/],
      ['x.auth0.com:4444', /has a port/],
    ];
  }

  it('the management client refuses each one with a message that says what to enter', () => {
    for (const [domain, reason] of badDomains()) {
      assert.throws(
        () => createManagementClient({ domain, tokenProvider: new StaticTokenProvider(TOKEN) }),
        (error: unknown) => {
          assert.ok(error instanceof InvalidTenantDomainError, `${JSON.stringify(domain)}: ${String(error)}`);
          assert.match(error.message, reason, JSON.stringify(domain));
          assert.match(error.message, /Enter only the host name/);
          assert.equal(countOccurrences(error.message, PASSWORD), 0, 'password occurrences in the message');
          assert.equal(countOccurrences(error.message, TOKEN), 0, 'token occurrences in the message');
          return true;
        },
      );
    }
    assert.equal(server.connections, 0, 'connections made to the server the domains point at');
  });

  it('the client-credentials provider refuses each one too, so the secret is never posted', () => {
    for (const [domain, reason] of badDomains()) {
      assert.throws(
        () => new ClientCredentialsTokenProvider({ domain, clientId: 'c', clientSecret: PASSWORD }),
        (error: unknown) => error instanceof InvalidTenantDomainError && reason.test(error.message),
        JSON.stringify(domain),
      );
    }
    assert.equal(server.connections, 0);
  });

  it('the same server is reached once the domain is a bare host name (the check above can fail)', async () => {
    const client = createManagementClient({ domain: server.domain, tokenProvider: new StaticTokenProvider(TOKEN) });
    await client.listUsers();
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
  });
});
