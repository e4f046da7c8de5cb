import * as assert from 'node:assert/strict';
import { confirmationAccepted, confirmationFor, looksLikeProduction } from '../../../../../src/features/response/core/confirmation';
import { describeRevocationPlan, planRevocation, type RevocationSelection } from '../../../../../src/features/response/core/revocationPlan';

const WEB = 'webClientId000000000000000000001';
const IOS = 'iosClientId000000000000000000001';

function selection(): RevocationSelection[] {
  return [
    { tokenId: 't1', userId: 'auth0|jane', user: 'jane@example.com', clientId: WEB, application: 'Acme Web' },
    { tokenId: 't2', userId: 'auth0|bob', clientId: IOS, application: 'Acme iOS' },
    { tokenId: 't3', userId: 'auth0|jane', user: 'jane@example.com', clientId: IOS, application: 'Acme iOS' },
    { tokenId: 't4', userId: 'auth0|jane', user: 'jane@example.com', clientId: WEB, application: 'Acme Web' },
    { tokenId: 't1', userId: 'auth0|jane', user: 'jane@example.com', clientId: WEB, application: 'Acme Web' },
    { tokenId: 't5', userId: 'auth0|zed' },
  ];
}

describe('Revocation plan', () => {
  it('groups exactly the selected token ids per user and application, once each', () => {
    const plan = planRevocation(selection());
    assert.deepEqual(plan.groups, [
      { userId: 'auth0|jane', user: 'jane@example.com', clientId: WEB, application: 'Acme Web', tokenIds: ['t1', 't4'] },
      { userId: 'auth0|bob', user: 'auth0|bob', clientId: IOS, application: 'Acme iOS', tokenIds: ['t2'] },
      { userId: 'auth0|jane', user: 'jane@example.com', clientId: IOS, application: 'Acme iOS', tokenIds: ['t3'] },
      { userId: 'auth0|zed', user: 'auth0|zed', application: 'unknown application', tokenIds: ['t5'] },
    ]);
    assert.deepEqual(plan.tokenIds, ['t1', 't4', 't2', 't3', 't5']);
    assert.equal(plan.userCount, 3);
    assert.equal(plan.applicationCount, 3);
  });

  it('keeps users apart whatever their ids hold', () => {
    const plan = planRevocation([
      { tokenId: 'a', userId: 'samlp|acme', clientId: 'c' },
      { tokenId: 'b', userId: 'samlp', clientId: 'acme|c' },
      { tokenId: 'c', userId: 'auth0|x","y', clientId: 'c' },
      { tokenId: 'd', userId: 'auth0|x', clientId: 'y","c' },
    ]);
    assert.deepEqual(plan.groups.map((group) => group.tokenIds), [['a'], ['b'], ['c'], ['d']]);
  });

  it('describes the dry run with every id', () => {
    assert.deepEqual(describeRevocationPlan(planRevocation(selection())), [
      'Revoke 5 refresh tokens of 3 users in 3 applications:',
      'jane@example.com, Acme Web: 2 refresh tokens (t1, t4)',
      'auth0|bob, Acme iOS: 1 refresh token (t2)',
      'jane@example.com, Acme iOS: 1 refresh token (t3)',
      'auth0|zed, unknown application: 1 refresh token (t5)',
    ]);
    assert.deepEqual(describeRevocationPlan(planRevocation([{ tokenId: 't', userId: 'u', clientId: 'c' }])), [
      'Revoke 1 refresh token of 1 user in 1 application:',
      'u, c: 1 refresh token (t)',
    ]);
    assert.deepEqual(describeRevocationPlan(planRevocation([])), ['Nothing to revoke: no refresh tokens are selected.']);
  });
});

describe('Confirmation', () => {
  const dev = { domain: 'acme-dev.eu.auth0.com' };

  it('recognises production-looking tenants', () => {
    const cases: [{ domain: string; label?: string }, boolean][] = [
      [{ domain: 'acme-prod.eu.auth0.com' }, true],
      [{ domain: 'acme.eu.auth0.com', label: 'Acme Production' }, true],
      [{ domain: 'PROD.us.auth0.com' }, true],
      [{ domain: 'acme-prd.us.auth0.com' }, true],
      [{ domain: 'acme-live.us.auth0.com' }, true],
      [{ domain: 'acme.us.auth0.com', label: 'live' }, true],
      [{ domain: 'acme-dev.eu.auth0.com' }, false],
      [{ domain: 'acme-staging.eu.auth0.com', label: 'Staging' }, false],
      [{ domain: 'delivery.eu.auth0.com' }, false],
      [{ domain: 'oliver.eu.auth0.com' }, false],
      // Only the tenant's own name counts, not the region or Auth0's domain.
      [{ domain: 'acme.prod-region.auth0.com' }, false],
    ];
    for (const [tenant, expected] of cases) {
      assert.equal(looksLikeProduction(tenant), expected, JSON.stringify(tenant));
    }
  });

  it('asks in proportion to the damage', () => {
    assert.deepEqual(confirmationFor(dev, { tokens: 0, users: 0 }), { kind: 'none' });
    assert.deepEqual(confirmationFor(dev, { tokens: 1, users: 1 }), { kind: 'modal' });
    assert.deepEqual(confirmationFor(dev, { tokens: 10, users: 3 }), { kind: 'modal' });
    assert.deepEqual(confirmationFor(dev, { tokens: 11, users: 3 }), { kind: 'type-name', expected: 'acme-dev.eu.auth0.com', reasons: ['it revokes 11 refresh tokens'] });
    assert.deepEqual(confirmationFor(dev, { tokens: 'all', users: 1, beyondTokens: true }), {
      kind: 'type-name', expected: 'acme-dev.eu.auth0.com', reasons: ['it revokes every refresh token of the user, however many there are'],
    });
    assert.deepEqual(confirmationFor(dev, { tokens: 0, users: 1, beyondTokens: true }), { kind: 'modal' });
    assert.deepEqual(confirmationFor({ domain: 'acme.eu.auth0.com', label: ' Acme Prod ' }, { tokens: 1, users: 1 }), {
      kind: 'type-name', expected: 'Acme Prod', reasons: ['Acme Prod looks like a production tenant'],
    });
    assert.deepEqual(confirmationFor({ domain: 'acme-prod.eu.auth0.com' }, { tokens: 50, users: 9 }).kind, 'type-name');
  });

  it('accepts only the exact name', () => {
    const confirmation = confirmationFor({ domain: 'acme-prod.eu.auth0.com' }, { tokens: 2, users: 1 });
    assert.equal(confirmationAccepted(confirmation, 'acme-prod.eu.auth0.com'), true);
    assert.equal(confirmationAccepted(confirmation, '  acme-prod.eu.auth0.com '), true);
    for (const wrong of [undefined, '', 'acme-prod', 'ACME-PROD.EU.AUTH0.COM', 'acme-prod.eu.auth0.com.']) {
      assert.equal(confirmationAccepted(confirmation, wrong), false, String(wrong));
    }
    assert.equal(confirmationAccepted({ kind: 'modal' }, undefined), true);
  });
});
