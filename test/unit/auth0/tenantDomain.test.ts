// The tenant domain decides where the token goes: only bare host names pass, plain http only
// for loopback (the emulator).
import assert from 'node:assert/strict';
import { InvalidTenantDomainError, isLoopbackHost, parseTenantDomain, type InvalidTenantDomainReason } from '../../../src/auth0/tenantDomain';

describe('parseTenantDomain', () => {
  const accepted: [input: string, domain: string, origin: string][] = [
    ['example.auth0.com', 'example.auth0.com', 'https://example.auth0.com'],
    ['Example.EU.Auth0.com', 'example.eu.auth0.com', 'https://example.eu.auth0.com'],
    ['login.my-company.example', 'login.my-company.example', 'https://login.my-company.example'],
    ['127.0.0.1:4010', '127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['127.8.9.10:1', '127.8.9.10:1', 'http://127.8.9.10:1'],
    ['localhost:8080', 'localhost:8080', 'http://localhost:8080'],
    ['localhost', 'localhost', 'http://localhost'],
    ['[::1]:4010', '[::1]:4010', 'http://[::1]:4010'],
    ['bücher.example', 'xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
  ];
  for (const [input, domain, origin] of accepted) {
    it(`accepts ${JSON.stringify(input)}`, () => {
      const endpoint = parseTenantDomain(input);
      assert.equal(endpoint.domain, domain);
      assert.equal(endpoint.origin, origin);
      assert.equal(endpoint.apiBaseUrl, `${origin}/api/v2`);
      assert.equal(endpoint.audience, `${origin}/api/v2/`);
      assert.equal(endpoint.tokenUrl, `${origin}/oauth/token`);
      assert.equal(endpoint.isLoopback, origin.startsWith('http:'));
    });
  }

  const rejected: [input: string, reason: InvalidTenantDomainReason][] = [
    ['', 'empty'],
    ['   ', 'whitespace'],
    ['example .auth0.com', 'whitespace'],
    [' example.auth0.com', 'whitespace'],
    ['example.auth0.com\n', 'whitespace'],
    ['x.auth0.com/evil', 'path'],
    ['x.auth0.com/', 'path'],
    ['x.auth0.com?x=1', 'path'],
    ['x.auth0.com#frag', 'path'],
    ['x.auth0.com\\evil', 'path'],
    ['user@host.auth0.com', 'credentials'],
    ['user:secret@x.auth0.com', 'credentials'],
    ['evil.example@x.auth0.com', 'credentials'],
    ['https://x.auth0.com', 'scheme'],
    ['http://127.0.0.1:4010', 'scheme'],
    ['//x.auth0.com', 'scheme'],
    ['x.auth0.com:4444', 'port-on-public-host'],
    ['x.auth0.com:443', 'port-on-public-host'],
    ['10.0.0.1:4010', 'port-on-public-host'],
    ['127.0.0.1:0', 'invalid-port'],
    ['127.0.0.1:65536', 'invalid-port'],
    ['127.0.0.1:', 'invalid-port'],
    ['127.0.0.1:40a', 'invalid-port'],
    ['-x.auth0.com', 'invalid-host'],
    ['x..auth0.com', 'invalid-host'],
    ['x.auth0.com.', 'invalid-host'],
    ['x_y.auth0.com', 'invalid-host'],
    ['[::2]:4010', 'invalid-host'],
    ['[::1', 'invalid-host'],
    ['127.0.0.300:4010', 'invalid-host'],
    ['a'.repeat(64) + '.auth0.com', 'invalid-host'],
  ];
  for (const [input, reason] of rejected) {
    it(`rejects ${JSON.stringify(input)} (${reason})`, () => {
      assert.throws(
        () => parseTenantDomain(input),
        (error: unknown) => {
          assert.ok(error instanceof InvalidTenantDomainError);
          assert.equal(error.reason, reason);
          assert.match(error.message, /tenant domain/i);
          return true;
        },
      );
    });
  }

  it('never echoes a password given in the domain', () => {
    assert.throws(
      () => parseTenantDomain('admin:hunter2-secret@x.auth0.com'),
      (error: Error) => !error.message.includes('hunter2-secret'),
    );
  });

  it('tells loopback hosts from public ones', () => {
    assert.ok(isLoopbackHost('127.0.0.1'));
    assert.ok(isLoopbackHost('127.255.255.254'));
    assert.ok(isLoopbackHost('LOCALHOST'));
    assert.ok(isLoopbackHost('[::1]'));
    assert.ok(!isLoopbackHost('128.0.0.1'));
    assert.ok(!isLoopbackHost('localhost.example.com'));
    assert.ok(!isLoopbackHost('127.0.0.1.nip.io'));
  });
});
