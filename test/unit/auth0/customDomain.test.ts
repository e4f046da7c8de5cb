// Issue 18 §5: a tenant used through its custom domain (login.acme.com) issues no Management API
// token there; the Management API lives on the tenant's canonical domain (acme.eu.auth0.com).
// Each place the domain matters says so, and offers the canonical domain where a pasted token
// (its audience) reveals it.
import assert from 'node:assert/strict';
import { ManagementApiError } from '../../../src/auth0/errors';
import {
  CustomDomainError, customDomainWarning, isServiceNotEnabledMessage, looksLikeCustomDomain, managementApiDomainOf, otherManagementApiDomain,
} from '../../../src/auth0/customDomain';
import { errorFromResponse } from '../../../src/auth0/responseErrors';
import { ClientCredentialsTokenProvider } from '../../../src/credentials/clientCredentialsTokenProvider';
import { credentialsCheck } from '../../../src/features/setup/core/setupChecks';
import { TenantConnection } from '../../../src/tenants/tenantConnection';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { rejectionOf } from './support';

function jwtWith(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}

function connectionWith(domain: string, token: string): TenantConnection {
  return new TenantConnection(
    { domain },
    { kind: 'token', token },
    { tokensPageSize: 50, usersPageSize: 50, requestTimeoutMs: 30_000, concurrency: 4, backgroundShare: 0.5, thresholds: {} },
    { onRequest: () => () => undefined, onRetry: () => () => undefined },
  );
}

const SCOPES = 'read:users read:refresh_tokens';
const NOW = new Date('2026-01-01T00:00:00Z');

describe('custom domains', () => {
  describe('client credentials through a custom domain', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ seed: 3 });
    });
    after(() => emulator.close());

    it('403 "Service not enabled within domain" says the Management API lives on the canonical domain, not "authorise the application"', async () => {
      // Reached through another name, the emulator answers as Auth0 does for a custom domain.
      const provider = new ClientCredentialsTokenProvider({ domain: emulator.domain.replace('127.0.0.1', 'localhost'), clientId: emulator.clientId, clientSecret: emulator.clientSecret });
      const error = await rejectionOf(provider.getToken());
      assert.ok(error instanceof CustomDomainError && error instanceof ManagementApiError && error.kind === 'forbidden', String(error));
      assert.match(error.message, /Service not enabled within domain/);
      assert.match(error.message, /canonical domain/);
      assert.match(error.message, /\.auth0\.com/);
      assert.doesNotMatch(error.message, /Authori[sz]e it|Machine to Machine Applications/);
      assert.equal(error.canonicalDomain, undefined, 'the answer does not name the canonical domain: nothing is guessed');
    });
  });

  describe("the setup check's credentials row", () => {
    const evidence = 'POST /oauth/token → 403';
    it('client credentials refused for the custom domain: the row names the canonical domain as the fix', () => {
      const error = new CustomDomainError('login.acme.com', undefined, 'Service not enabled within domain: https://login.acme.com/api/v2/');
      const check = credentialsCheck({ kind: 'client-credentials', clientId: 'abc', firstProbe: { kind: 'refused-credentials', error, evidence } });
      assert.equal(check.status, 'error');
      assert.match(check.summary, /custom domain/);
      assert.match(check.fix ?? '', /canonical domain/);
      assert.doesNotMatch(check.fix ?? '', /Authorise/);
    });

    it('an unreachable tenant: the fix does not suggest a custom domain will do', () => {
      const error = new ManagementApiError('network', 'Cannot reach login.acme.com.');
      const check = credentialsCheck({ kind: 'client-credentials', clientId: 'abc', firstProbe: { kind: 'failed', error, evidence } });
      assert.doesNotMatch(check.fix ?? '', /or a custom domain/);
      assert.match(check.fix ?? '', /canonical domain/);
    });
  });

  describe("a pasted token's audience names the canonical domain (the tenant's warning row)", () => {
    // Each case: the domain set for the tenant, the token's `aud`, the warning expected (or none).
    const cases: [string, unknown, RegExp | undefined][] = [
      ['login.acme.com', 'https://acme.eu.auth0.com/api/v2/', /issued for acme\.eu\.auth0\.com.*Use acme\.eu\.auth0\.com/],
      ['login.acme.com', ['https://acme.eu.auth0.com/api/v2/', 'https://acme.eu.auth0.com/userinfo'], /Use acme\.eu\.auth0\.com/],
      ['acme.eu.auth0.com', 'https://acme.eu.auth0.com/api/v2/', undefined],
      ['ACME.eu.auth0.com', 'https://acme.eu.auth0.com/api/v2/', undefined],
      ['acme.eu.auth0.com', 'https://other.us.auth0.com/api/v2/', /issued for other\.us\.auth0\.com/],
      ['login.acme.com', 'https://login.acme.com/', undefined],
    ];
    for (const [domain, aud, expected] of cases) {
      it(`domain ${domain}, aud ${JSON.stringify(aud)}: ${expected ? 'warns' : 'no warning'}`, () => {
        const token = jwtWith({ iss: `https://${domain}/`, aud, exp: 4_102_444_800, scope: SCOPES });
        const warnings = connectionWith(domain, token).credentialWarnings(NOW);
        if (expected) {
          assert.equal(warnings.length, 1, warnings.join('\n'));
          assert.match(warnings[0], expected);
        } else {
          assert.deepEqual(warnings, []);
        }
      });
    }
  });

  describe('a Management API answer refusing the domain', () => {
    // Each case: the 403 body, and whether it is the custom-domain refusal.
    const cases: [string, boolean][] = [
      ['{"statusCode":403,"error":"Forbidden","message":"Service not enabled within domain: https://login.acme.com/api/v2/","errorCode":"access_denied"}', true],
      ['{"error":"access_denied","error_description":"Service not enabled within domain: https://login.acme.com/api/v2/"}', true],
      ['{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: read:users","errorCode":"insufficient_scope"}', false],
      ['{"statusCode":403,"error":"Forbidden","message":"You cannot do that"}', false],
    ];
    for (const [text, custom] of cases) {
      it(`${custom ? 'names the canonical domain' : 'is not about the domain'}: ${text.slice(0, 70)}…`, () => {
        const error = errorFromResponse({ status: 403, text, method: 'GET', path: '/api/v2/users', domain: 'login.acme.com', secrets: [] });
        assert.equal(error instanceof CustomDomainError, custom, error.message);
        assert.equal(/canonical domain/.test(error.message), custom, error.message);
      });
    }
  });

  describe('the connect prompt', () => {
    const cases: [string, string | undefined, RegExp | undefined][] = [
      ['login.acme.com', undefined, /looks like a custom domain.*canonical domain/],
      ['acme.eu.auth0.com', undefined, undefined],
      ['login.acme.com', 'https://acme.eu.auth0.com/api/v2/', /looks like a custom domain/],
    ];
    for (const [domain, aud, warning] of cases) {
      it(`domain ${domain}${aud ? ` with a token for ${aud}` : ''}: ${warning ? 'warns' : 'no warning'}${aud ? ' and offers acme.eu.auth0.com' : ''}`, () => {
        const said = customDomainWarning(domain);
        assert.equal(said !== undefined, warning !== undefined);
        if (warning) {
          assert.match(said ?? '', warning);
        }
        assert.equal(otherManagementApiDomain(domain, aud ? [aud] : undefined), aud ? 'acme.eu.auth0.com' : undefined);
      });
    }
  });

  describe('reading the domain out of answers and claims', () => {
    const audiences: [readonly string[] | undefined, string | undefined][] = [
      [['https://acme.eu.auth0.com/api/v2/'], 'acme.eu.auth0.com'],
      [['https://ACME.eu.auth0.com/api/v2'], 'acme.eu.auth0.com'],
      [['https://acme.eu.auth0.com/userinfo', 'https://acme.eu.auth0.com/api/v2/'], 'acme.eu.auth0.com'],
      [['https://api.acme.com/'], undefined],
      [['https://acme.eu.auth0.com/api/v2/users'], undefined],
      [['http://acme.eu.auth0.com/api/v2/'], undefined],
      [[], undefined],
      [undefined, undefined],
    ];
    for (const [aud, domain] of audiences) {
      it(`the Management API domain of aud ${JSON.stringify(aud)} is ${String(domain)}`, () => {
        assert.equal(managementApiDomainOf(aud), domain);
      });
    }
    const messages: [string, boolean][] = [
      ['Service not enabled within domain: https://login.acme.com/api/v2/', true],
      ['service not enabled within domain', true],
      ['Unauthorized', false],
      ['Client is not authorized to access "https://acme.eu.auth0.com/api/v2/". You need to create a "client-grant" associated to this API.', false],
    ];
    for (const [message, expected] of messages) {
      it(`"${message.slice(0, 40)}…" is${expected ? '' : ' not'} the custom-domain refusal`, () => {
        assert.equal(isServiceNotEnabledMessage(message), expected);
      });
    }
    const domains: [string, boolean][] = [
      ['login.acme.com', true],
      ['acme.eu.auth0.com', false],
      ['acme.auth0.com', false],
      ['acme.us.auth0.com', false],
      ['ACME.EU.AUTH0.COM', false],
      ['acme.us.auth0app.com', false],
      ['127.0.0.1:4010', false],
      ['localhost:4010', false],
      ['auth0.com.evil.example', true],
    ];
    for (const [domain, custom] of domains) {
      it(`${domain} ${custom ? 'looks like' : 'is not'} a custom domain`, () => {
        assert.equal(looksLikeCustomDomain(domain), custom);
      });
    }
  });
});
