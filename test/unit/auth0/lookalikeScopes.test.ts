// Issue 18 §9: every scope check, held to a realistic grant (the API Explorer's, every scope)
// with one real scope taken out and its look-alikes left in (update:users_app_metadata without
// update:users, read:users_app_metadata without read:users...). A check that matched by prefix
// or substring would take the look-alike for the scope and fail these tables.
import assert from 'node:assert/strict';
import { missingScopes } from '../../../src/auth0/tokenProvider';
import { decodeManagementToken } from '../../../src/credentials/decodeManagementToken';
import { StaticTokenProvider } from '../../../src/credentials/staticTokenProvider';
import { revokeSessionNeeds } from '../../../src/features/tokens/details/detailsEvidence';
import { FEATURES, scopesToAdd } from '../../../src/features/setup/core/featureScopes';
import { featureCheck } from '../../../src/features/setup/core/setupChecks';
import { checkContainScopes, planContainUser } from '../../../src/features/response/core/containUser';
import { REQUIRED_SCOPES, TenantConnection } from '../../../src/tenants/tenantConnection';
import { API_EXPLORER_SCOPES, explorerScopesWithout, lookAlikesOf } from '../fixtures/lookalikeScopes';

function jwtWith(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}

/** A pasted API Explorer token granting `scopes`. */
function explorerToken(scopes: readonly string[]): string {
  return jwtWith({ iss: 'https://acme.eu.auth0.com/', aud: 'https://acme.eu.auth0.com/api/v2/', exp: 4_102_444_800, gty: 'client-credentials', scope: scopes.join(' ') });
}

/** Every (feature, scope group): the group's scopes taken out, everything else of the Explorer's grant kept. */
const FEATURE_CASES = FEATURES.flatMap((feature) => feature.requires.map((group) => ({ feature, group, granted: explorerScopesWithout(...group) })));

describe('scope checks hold to look-alike scopes (API Explorer tokens)', () => {
  it('the fixture: the look-alikes the issue names are there, beside the real scopes', () => {
    for (const [scope, lookAlike] of [
      ['update:users', 'update:users_app_metadata'],
      ['read:users', 'read:users_app_metadata'],
      ['delete:users', 'delete:users_app_metadata'],
      ['create:users', 'create:users_app_metadata'],
      ['read:clients', 'read:client_summary'],
    ]) {
      assert.ok(API_EXPLORER_SCOPES.includes(scope) && API_EXPLORER_SCOPES.includes(lookAlike), scope);
      assert.ok(lookAlikesOf(scope, explorerScopesWithout(scope)).length > 0 || scope === 'read:clients', `${scope} has a look-alike left`);
    }
  });

  describe('featureScopes.scopesToAdd (the setup check and every feature gate)', () => {
    it('nothing to add for the whole Explorer grant', () => {
      for (const feature of FEATURES) {
        assert.deepEqual(scopesToAdd(feature, new Set(API_EXPLORER_SCOPES)), [], feature.id);
      }
    });
    for (const { feature, group, granted } of FEATURE_CASES) {
      it(`${feature.id}: without ${group.join(' or ')} (look-alikes left: ${lookAlikesOf(group[0], granted).join(', ') || 'none'})`, () => {
        assert.deepEqual(scopesToAdd(feature, new Set(granted)), [group[0]]);
      });
    }
  });

  describe("the setup check's feature rows", () => {
    for (const { feature, group, granted } of FEATURE_CASES) {
      it(`${feature.id}: without ${group.join(' or ')}, the row is not "Granted" and names ${group[0]}`, () => {
        const check = featureCheck(feature, 'token', { source: 'static', scopes: granted }, {});
        assert.notEqual(check.status, 'ok', check.summary);
        assert.deepEqual(check.missingScopes, [group[0]]);
      });
    }
  });

  describe("the credentials' scope decoding, the connect prompt and the tenant's warning row", () => {
    it('decodes every scope of an Explorer token exactly, look-alikes as themselves', () => {
      assert.deepEqual(decodeManagementToken(explorerToken(API_EXPLORER_SCOPES)).scopes, [...API_EXPLORER_SCOPES]);
    });
    for (const scope of REQUIRED_SCOPES) {
      const granted = explorerScopesWithout(scope);
      it(`without ${scope} (look-alikes left: ${lookAlikesOf(scope, granted).join(', ') || 'none'}): the prompt and the tenant row say it is lacking`, () => {
        const provider = new StaticTokenProvider(explorerToken(granted));
        assert.deepEqual(provider.missingScopes(REQUIRED_SCOPES), [scope]);
        assert.deepEqual(missingScopes(provider.describe(), REQUIRED_SCOPES), [scope]);
        const connection = new TenantConnection(
          { domain: 'acme.eu.auth0.com' },
          { kind: 'token', token: explorerToken(granted) },
          { tokensPageSize: 50, usersPageSize: 50, requestTimeoutMs: 30_000, concurrency: 4, backgroundShare: 0.5, thresholds: {} },
          { onRequest: () => () => undefined, onRetry: () => () => undefined },
        );
        assert.deepEqual(connection.credentialWarnings(new Date('2026-01-01T00:00:00Z')), [`The Management API token lacks ${scope}.`]);
      });
    }
  });

  describe('Contain User checks each step before anything runs', () => {
    for (const scope of ['update:users', 'delete:sessions', 'delete:refresh_tokens']) {
      const granted = explorerScopesWithout(scope);
      it(`without ${scope} (look-alikes left: ${lookAlikesOf(scope, granted).join(', ') || 'none'})`, () => {
        const check = checkContainScopes(planContainUser({ userId: 'auth0|1' }, { block: true }), granted);
        assert.equal(check.status, 'missing');
        assert.deepEqual(check.status === 'missing' ? check.missing.map((entry) => entry.scope) : [], [scope]);
      });
    }
  });

  describe("the details panel's disabled revoke-session button", () => {
    it('is enabled with the whole Explorer grant', () => {
      assert.deepEqual(revokeSessionNeeds(API_EXPLORER_SCOPES), []);
    });
    for (const scope of ['delete:sessions', 'delete:refresh_tokens']) {
      const granted = explorerScopesWithout(scope);
      it(`names ${scope} when only its look-alikes are granted (${lookAlikesOf(scope, granted).join(', ') || 'none'})`, () => {
        assert.deepEqual(revokeSessionNeeds(granted), [scope]);
      });
    }
  });
});
