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
    // Refused until issue #10, which asks for a pasted https URL and a trailing dot to be accepted.
    ['https://x.auth0.com', 'x.auth0.com', 'https://x.auth0.com'],
    ['x.auth0.com.', 'x.auth0.com', 'https://x.auth0.com'],
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

  // Issue #10: people copy the domain from the Dashboard or from the Management API's
  // identifier. Each form becomes the bare host; nothing else about a URL is accepted.
  const pastedAsUrl: [input: string, domain: string][] = [
    ['https://acme.eu.auth0.com/', 'acme.eu.auth0.com'],
    ['https://acme.eu.auth0.com/api/v2/', 'acme.eu.auth0.com'],
    ['acme.eu.auth0.com.', 'acme.eu.auth0.com'],
    ['https://acme.eu.auth0.com', 'acme.eu.auth0.com'],
    ['HTTPS://ACME.EU.Auth0.com/', 'acme.eu.auth0.com'],
    ['https://ACME.eu.auth0.com./api/v2/', 'acme.eu.auth0.com'],
    ['https://acme.eu.auth0.com.', 'acme.eu.auth0.com'],
    ['ACME.EU.AUTH0.COM.', 'acme.eu.auth0.com'],
    ['https://login.my-company.example/', 'login.my-company.example'],
    ['https://bücher.example/', 'xn--bcher-kva.example'],
    ['https://ａｃｍｅ.eu.auth0.com/', 'acme.eu.auth0.com'],
    ['https://x/', 'x'],
  ];
  describe('a domain pasted as a URL becomes the bare host', () => {
    for (const [input, domain] of pastedAsUrl) {
      it(`${JSON.stringify(input)} → ${domain}`, () => {
        const endpoint = parseTenantDomain(input);
        assert.equal(endpoint.domain, domain);
        assert.equal(endpoint.origin, `https://${domain}`);
        assert.equal(endpoint.audience, `https://${domain}/api/v2/`);
        assert.equal(endpoint.isLoopback, false);
      });
    }
  });

  // Everything about a pasted URL that could send the token elsewhere stays refused.
  const urlsStillRefused: [input: string, reason: InvalidTenantDomainReason][] = [
    ['http://acme.eu.auth0.com/', 'scheme'],
    ['ftp://acme.eu.auth0.com/', 'scheme'],
    ['wss://acme.eu.auth0.com/', 'scheme'],
    ['https://127.0.0.1:4010/', 'scheme'],
    ['https://localhost/', 'scheme'],
    ['https:/acme.eu.auth0.com/', 'path'],
    ['https:\\\\acme.eu.auth0.com', 'path'],
    ['https:///acme.eu.auth0.com/', 'path'],
    ['https://https://acme.eu.auth0.com/', 'path'],
    ['https://acme.eu.auth0.com/api/v2', 'path'],
    ['https://acme.eu.auth0.com/api/v2/users', 'path'],
    ['https://acme.eu.auth0.com/API/V2/', 'path'],
    ['https://acme.eu.auth0.com//', 'path'],
    ['https://acme.eu.auth0.com/api/v2/../../evil', 'path'],
    ['https://acme.eu.auth0.com/%2e%2e/', 'path'],
    ['https://acme.eu.auth0.com/?next=https://evil.example', 'path'],
    ['https://acme.eu.auth0.com?', 'path'],
    ['https://acme.eu.auth0.com#', 'path'],
    ['https://acme.eu.auth0.com/#/api/v2/', 'path'],
    ['https://evil.example\\acme.eu.auth0.com/', 'path'],
    ['https://evil.example\\@acme.eu.auth0.com/', 'credentials'],
    ['https://user@acme.eu.auth0.com/', 'credentials'],
    ['https://acme.eu.auth0.com:secret@evil.example/', 'credentials'],
    ['https://acme.eu.auth0.com%2F@evil.example/', 'credentials'],
    ['https://acme.eu.auth0.com:443/', 'port-on-public-host'],
    ['https://acme.eu.auth0.com:8443/api/v2/', 'port-on-public-host'],
    ['https://acme.eu.auth0.com:/', 'invalid-port'],
    ['https://acme.eu.auth0.com%2Fevil/', 'invalid-host'],
    ['https://acme.eu.auth0.com../', 'invalid-host'],
    ['acme.eu.auth0.com..', 'invalid-host'],
    ['.', 'invalid-host'],
    ['https://acme.eu.auth0.com /', 'whitespace'],
    ['https://acme.eu.auth0.com/\t', 'whitespace'],
    ['https://acme.eu.auth0.com/api/v2/\n', 'whitespace'],
    ['https://acme.eu.auth0.com/\u00a0', 'whitespace'],
    // IDN tricks: characters a URL parser maps onto '/', '@', '?', '#', '\\' or ':'.
    ['https://acme.eu.auth0.com／evil.example/', 'invalid-host'],
    ['acme.eu.auth0.com＠evil.example', 'invalid-host'],
    ['acme.eu.auth0.com？x', 'invalid-host'],
    ['acme.eu.auth0.com＃x', 'invalid-host'],
    ['acme.eu.auth0.com＼evil.example', 'invalid-host'],
    ['acme.eu.auth0.com：443', 'invalid-host'],
    // Characters that look like a slash, a dot or a hyphen but are letters of another host.
    ['https://acme.eu.auth0.com⁄api.evil.example/', 'confusable-host'],
    ['acme.eu.auth0.com∕evil.example', 'confusable-host'],
    ['acme·eu.auth0.com', 'confusable-host'],
    ['acme‐eu.auth0.com.evil.example', 'confusable-host'],
    ['acme̸.example', 'confusable-host'],
    // Letters from another script mixed into a Latin name, raw or already in punycode.
    ['https://аcme.eu.auth0.com/', 'confusable-host'],
    ['https://xn--cme-5cd.eu.auth0.com/', 'confusable-host'],
    ['pаypal.example', 'confusable-host'],
    ['accοunts.example', 'confusable-host'],
    // Auth0's own tenant names are ASCII: anything else under auth0.com is not a tenant.
    ['https://bücher.eu.auth0.com/', 'confusable-host'],
    ['xn--80ak6aa92e.eu.auth0.com', 'confusable-host'],
    // Characters that vanish on the way to the host name, so what is shown is not what is sent.
    ['acme\u200b.eu.auth0.com', 'hidden-character'],
    ['acme\u00ad.eu.auth0.com', 'hidden-character'],
    ['acme.eu.auth0.com\u2060', 'hidden-character'],
    ['acme\ufe0f.eu.auth0.com', 'hidden-character'],
    ['https://acme.eu.auth0.com\u202e/', 'hidden-character'],
  ];
  describe('a pasted URL that could send the token elsewhere is still refused', () => {
    for (const [input, reason] of urlsStillRefused) {
      it(`${JSON.stringify(input)} (${reason})`, () => {
        assert.throws(
          () => parseTenantDomain(input),
          (error: unknown) => {
            assert.ok(error instanceof InvalidTenantDomainError, String(error));
            assert.equal(error.reason, reason);
            assert.match(error.message, /tenant domain/i);
            return true;
          },
        );
      });
    }
  });

  it('does not echo the query or fragment of a refused URL (it may carry a token)', () => {
    assert.throws(
      () => parseTenantDomain('https://acme.eu.auth0.com/authorize?access_token=eyJ-secret-value#id_token=eyJ-other'),
      (error: Error) => !error.message.includes('eyJ-secret-value') && !error.message.includes('eyJ-other') && /contains a path or query/.test(error.message),
    );
  });

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
