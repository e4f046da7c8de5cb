import * as assert from 'node:assert/strict';
import { renderSessionSection } from '../../../../../src/features/tokens/details/renderSessionSection';
import { AGENTS, CLIENT_ID, OTHER_CLIENT_ID, SAMPLE_NOW, session } from '../../../findings/findingFixtures';
import { assertSafeSection, oneByField } from './fragmentChecks';

function buttons(elements: ReturnType<typeof assertSafeSection>): string[] {
  return elements.filter((element) => element.name === 'button').map((button) => `${button.attributes['data-action']}:${button.text}`);
}

describe('renderSessionSection', () => {
  const appNames = new Map([[CLIENT_ID, 'Acme Portal']]);

  it('shows the session\'s dates, absolute and relative', () => {
    const elements = assertSafeSection(renderSessionSection({ state: 'loaded', session: session(), now: SAMPLE_NOW, appNames }));
    assert.equal(oneByField(elements, 'session_id').text, 'Session idsess_01HZX4K7Q2M8N5P3R6S9T0V1W2');
    assert.equal(oneByField(elements, 'session_created_at').text, 'Created2026-11-20 14:03 UTC 6 d ago');
    assert.equal(oneByField(elements, 'session_authenticated_at').text, 'Authenticated2026-11-20 14:03 UTC 6 d ago');
    assert.equal(oneByField(elements, 'session_last_interacted_at').text, 'Last interaction2026-11-26 13:03 UTC 1 h ago');
    assert.equal(oneByField(elements, 'session_idle_expires_at').text, 'Idle expiry2026-11-29 14:03 UTC in 3 d');
    assert.equal(oneByField(elements, 'session_expires_at').text, 'Absolute expiry2026-12-20 14:03 UTC in 24 d');
  });

  it('names the applications it knows and shows the ids of the others', () => {
    const elements = assertSafeSection(renderSessionSection({
      state: 'loaded', session: session({ clients: [{ client_id: CLIENT_ID }, { client_id: OTHER_CLIENT_ID }, {}] }), now: SAMPLE_NOW, appNames,
    }));
    assert.equal(oneByField(elements, 'session_applications').text, `ApplicationsAcme Portal ${CLIENT_ID}${OTHER_CLIENT_ID}application not named`);
  });

  it('lists the authentication methods with factor and time', () => {
    const elements = assertSafeSection(renderSessionSection({ state: 'loaded', session: session(), now: SAMPLE_NOW }));
    assert.equal(oneByField(elements, 'session_authentication').text, 'Authentication methodspwd 6 d agomfa (otp) 6 d ago');
  });

  it('shows the device when the session began and when last seen', () => {
    const elements = assertSafeSection(renderSessionSection({
      state: 'loaded', session: session({ device: { initial_user_agent: AGENTS.chrome126Mac, initial_ip: '203.0.113.7', last_user_agent: AGENTS.acme32 } }), now: SAMPLE_NOW,
    }));
    assert.equal(oneByField(elements, 'session_initial_device').text, 'Chrome 126 on macOS (desktop)');
    assert.equal(oneByField(elements, 'session_initial_ip').text, '203.0.113.7');
    assert.equal(oneByField(elements, 'session_last_device').text, 'Acme 3.2 (iOS native app)');
    assert.equal(oneByField(elements, 'session_last_ip').text, 'not recorded');
  });

  it('copes with a session that has only an id, and with unreadable dates', () => {
    const elements = assertSafeSection(renderSessionSection({ state: 'loaded', session: { id: 'sess_bare', created_at: { weird: true } }, now: SAMPLE_NOW }));
    assert.equal(oneByField(elements, 'session_created_at').text, 'Createdunreadable date: {"weird":true}');
    assert.equal(oneByField(elements, 'session_expires_at').text, 'Absolute expirynone recorded');
    assert.equal(oneByField(elements, 'session_applications').text, 'Applicationsnone listed');
    assert.equal(oneByField(elements, 'session_authentication').text, 'Authentication methodsnone recorded');
  });

  it('offers to revoke the session and its tokens', () => {
    const elements = assertSafeSection(renderSessionSection({ state: 'loaded', session: session(), now: SAMPLE_NOW }));
    assert.deepEqual(buttons(elements), ['revoke-session:Revoke Session and Its Tokens…']);
  });

  it('says the session ended when Auth0 answered 404, without a revoke button', () => {
    const elements = assertSafeSection(renderSessionSection({ state: 'gone', sessionId: 'sess_ended' }));
    assert.match(oneByField(elements, 'session-ended').text, /^Session ended: Auth0 no longer has session sess_ended\./);
    assert.deepEqual(buttons(elements), []);
  });

  it('explains a token without a session', () => {
    const elements = assertSafeSection(renderSessionSection({ state: 'no-session' }));
    assert.match(oneByField(elements, 'session-none').text, /No session linked \(session_id is null\).*before it linked refresh tokens to sessions \(late 2023\).*grant without a login session/);
    assert.deepEqual(buttons(elements), []);
  });

  it('names the missing scope, offers to set a token with it or check the tenant, and still offers the revoke (it needs other scopes)', () => {
    const elements = assertSafeSection(renderSessionSection({ state: 'missing-scope', scope: 'read:sessions' }));
    assert.equal(oneByField(elements, 'session-missing-scope').text, 'Showing the session needs the read:sessions scope on the management token.');
    assert.deepEqual(buttons(elements), ['set-token:Set a Management API Token…', 'check-setup:Check Tenant Setup…', 'revoke-session:Revoke Session and Its Tokens…']);
  });

  it('does not offer a revoke the management token visibly cannot make: the button is disabled and says which scopes', () => {
    for (const input of [
      { state: 'missing-scope' as const, scope: 'read:sessions', revokeNeeds: ['delete:sessions'] },
      { state: 'error' as const, message: 'Service unavailable', revokeNeeds: ['delete:sessions', 'delete:refresh_tokens'] },
    ]) {
      const elements = assertSafeSection(renderSessionSection(input));
      const revoke = elements.find((element) => element.attributes['data-action'] === 'revoke-session');
      assert.ok(revoke && 'disabled' in revoke.attributes, 'the revoke button is disabled');
      assert.equal(revoke.attributes['aria-describedby'], 'session-revoke-needs', 'and points at why');
      assert.equal(
        oneByField(elements, 'session-revoke-needs').text,
        `Revoking the session needs ${input.revokeNeeds.join(' and ')} on the management token.`,
      );
    }
    const allowed = assertSafeSection(renderSessionSection({ state: 'missing-scope', scope: 'read:sessions', revokeNeeds: [] }));
    assert.ok(!('disabled' in (allowed.find((element) => element.attributes['data-action'] === 'revoke-session')?.attributes ?? { disabled: '' })));
  });

  it('shows loading and errors', () => {
    assert.equal(oneByField(assertSafeSection(renderSessionSection({ state: 'loading' })), 'session-loading').text, 'Loading the session…');
    const error = oneByField(assertSafeSection(renderSessionSection({ state: 'error', message: 'Service unavailable' })), 'session-error');
    assert.equal(error.text, 'Service unavailable');
    assert.equal(error.attributes.role, 'alert');
  });
});
