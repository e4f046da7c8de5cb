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

  // A tenant connected as login.acme.com with a pasted token whose aud is acme.eu.auth0.com's
  // Management API: the check said only "The tenant could not be reached." with generic advice.
  describe("the setup check's credentials row names the canonical domain a pasted token reveals", () => {
    const evidence = 'GET /api/v2/users → no answer';
    const canonicalAud = ['https://acme.eu.auth0.com/api/v2/'];
    const network = () => new ManagementApiError('network', 'Cannot reach login.acme.com.');
    const cases: { name: string; input: Parameters<typeof credentialsCheck>[0]; summary: RegExp; fix: RegExp; not?: RegExp }[] = [
      { name: 'custom domain, token of the canonical domain, unreachable', input: { kind: 'token', domain: 'login.acme.com', audiences: canonicalAud, firstProbe: { kind: 'failed', error: network(), evidence } },
        summary: /could not be reached.*issued for `acme\.eu\.auth0\.com`.*`login\.acme\.com` looks like a custom domain/, fix: /Use `acme\.eu\.auth0\.com` as this tenant's domain/ },
      { name: 'custom domain, token of the canonical domain, timed out', input: { kind: 'token', domain: 'login.acme.com', audiences: canonicalAud, firstProbe: { kind: 'failed', error: new ManagementApiError('timeout', 'Timed out.'), evidence } },
        summary: /did not answer in time.*issued for `acme\.eu\.auth0\.com`/, fix: /Use `acme\.eu\.auth0\.com`/ },
      { name: 'custom domain, token of the canonical domain, refused (401)', input: { kind: 'token', domain: 'login.acme.com', audiences: canonicalAud, firstProbe: { kind: 'refused-credentials', error: new ManagementApiError('unauthorized', 'Unauthorized.'), evidence } },
        summary: /issued for `acme\.eu\.auth0\.com`/, fix: /Use `acme\.eu\.auth0\.com` as this tenant's domain/, not: /API Explorer/ },
      { name: 'custom domain refused ("Service not enabled"), the token revealing the canonical domain', input: { kind: 'token', domain: 'login.acme.com', audiences: canonicalAud, firstProbe: { kind: 'refused-credentials', error: new CustomDomainError('login.acme.com', undefined, 'Service not enabled within domain: https://login.acme.com/api/v2/'), evidence } },
        summary: /custom domain/, fix: /canonical domain `acme\.eu\.auth0\.com`/ },
      { name: 'canonical domain, token of another tenant, refused', input: { kind: 'token', domain: 'acme.eu.auth0.com', audiences: ['https://other.us.auth0.com/api/v2/'], firstProbe: { kind: 'refused-credentials', error: new ManagementApiError('unauthorized', 'Unauthorized.'), evidence } },
        summary: /issued for `other\.us\.auth0\.com` \(its `aud`\), not `acme\.eu\.auth0\.com`/, fix: /token of `acme\.eu\.auth0\.com`, or use `other\.us\.auth0\.com` as this tenant's domain/, not: /custom domain/ },
      { name: 'custom domain, nothing revealing the canonical domain, unreachable', input: { kind: 'token', domain: 'login.acme.com', audiences: ['https://login.acme.com/api/v2/'], firstProbe: { kind: 'failed', error: network(), evidence } },
        summary: /could not be reached.*`login\.acme\.com` looks like a custom domain/, fix: /canonical domain/, not: /issued for/ },
      { name: 'client credentials on a custom domain, unreachable', input: { kind: 'client-credentials', clientId: 'abc', domain: 'login.acme.com', firstProbe: { kind: 'failed', error: network(), evidence } },
        summary: /`login\.acme\.com` looks like a custom domain/, fix: /canonical domain/, not: /issued for/ },
      { name: 'canonical domain, its own token, unreachable: nothing about domains', input: { kind: 'token', domain: 'acme.eu.auth0.com', audiences: canonicalAud, firstProbe: { kind: 'failed', error: network(), evidence } },
        summary: /^The tenant could not be reached\.$/, fix: /Check the tenant domain/, not: /issued for|looks like a custom domain/ },
    ];
    for (const testCase of cases) {
      it(testCase.name, () => {
        const check = credentialsCheck(testCase.input);
        assert.equal(check.status, 'error');
        assert.match(check.summary, testCase.summary);
        assert.match(check.fix ?? '', testCase.fix);
        if (testCase.not) {
          assert.doesNotMatch(`${check.summary} ${check.fix ?? ''}`, testCase.not);
        }
      });
    }
  });

  describe("a pasted token's audience names the canonical domain (the tenant's warning row)", () => {
    // Each case: the domain set for the tenant, the token's `aud`, the warning expected (or none).
    const cases: [string, unknown, RegExp | undefined][] = [
      ['login.acme.com', 'https://acme.eu.auth0.com/api/v2/', /^The Management API token was issued for acme\.eu\.auth0\.com, not login\.acme\.com: login\.acme\.com looks like a custom domain, which serves no Management API\. Use acme\.eu\.auth0\.com as this tenant's domain\.$/],
      ['login.acme.com', ['https://acme.eu.auth0.com/api/v2/', 'https://acme.eu.auth0.com/userinfo'], /Use acme\.eu\.auth0\.com/],
      ['acme.eu.auth0.com', 'https://acme.eu.auth0.com/api/v2/', undefined],
      ['ACME.eu.auth0.com', 'https://acme.eu.auth0.com/api/v2/', undefined],
      ['acme.eu.auth0.com', 'https://other.us.auth0.com/api/v2/', /^The Management API token was issued for other\.us\.auth0\.com, not acme\.eu\.auth0\.com: Auth0 refuses a token of another tenant\. Use a token of acme\.eu\.auth0\.com, or other\.us\.auth0\.com as this tenant's domain\.$/],
      ['login.acme.com', 'https://other.us.auth0.com/api/v2/', /issued for other\.us\.auth0\.com.*custom domain.*Use other\.us\.auth0\.com as this tenant's domain\.$/],
      ['login.acme.com', 'https://login.acme.com/', undefined],
    ];
    for (const [domain, aud, expected] of cases) {
      it(`domain ${domain}, aud ${JSON.stringify(aud)}: ${expected ? 'warns' : 'no warning'}`, () => {
        const token = jwtWith({ iss: `https://${domain}/`, aud, exp: 4_102_444_800, scope: SCOPES });
        const warnings = connectionWith(domain, token).credentialWarnings(NOW);
        if (expected) {
          assert.equal(warnings.length, 1, warnings.join('\n'));
          assert.match(warnings[0], expected);
          // A custom domain has no Management API, so a token "of" it is no fix to offer.
          assert.doesNotMatch(warnings[0], /a token of login\.acme\.com/);
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
