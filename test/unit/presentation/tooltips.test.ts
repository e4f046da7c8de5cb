import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../src/auth0/types';
import { refreshTokenTooltip, userTooltip } from '../../../src/presentation/tooltips';
import { injectionPayloads, RAW_HIDDEN_CHARACTER } from '../fixtures/injectionPayloads';
import { SAMPLE_NOW, sampleToken, tokenWithEveryStringField, userWithEveryStringField } from '../fixtures/payloadTokens';
import { LINK_OR_HTML_SYNTAX, withoutEscapes } from './markdownSafety';

/** Live syntax that a tooltip's own layout never uses: anything here came from a value. */
function assertNoLiveConstruct(markdown: string): void {
  const live = withoutEscapes(markdown);
  assert.doesNotMatch(live, LINK_OR_HTML_SYNTAX);
  assert.doesNotMatch(live, /command:|javascript:|data:|vbscript:|https?:|www\./i);
  assert.doesNotMatch(markdown, RAW_HIDDEN_CHARACTER);
  // The layout's own syntax is bold labels, "- " list items and ":" after labels.
  assert.doesNotMatch(live.replace(/\*\*/g, '').replace(/^- /gm, '').replace(/:/g, ''), /[!-/:-@[-`{-~]/);
}

describe('tooltips', () => {
  describe('refreshTokenTooltip', () => {
    const tooltip = refreshTokenTooltip(sampleToken(), 'Acme Portal', SAMPLE_NOW);

    it('leads with the application and the status', () => {
      assert.ok(tooltip.startsWith('**Acme Portal** · active · used 3 h ago'), tooltip);
    });

    it('describes both devices in words with IP and ASN', () => {
      assert.match(tooltip, /\*\*First device:\*\* Chrome 126 on macOS \\\(desktop\\\) · IP 203\\\.0\\\.113\\\.7 · ASN 64500/);
      assert.match(tooltip, /\*\*Last device:\*\* Acme 3\\\.2 \\\(iOS native app\\\) · IP 198\\\.51\\\.100\\\.2 · ASN 64501/);
    });

    it('gives dates absolute and relative', () => {
      assert.match(tooltip, /\*\*Created:\*\* 2026\\-11\\-20 10\\:00 UTC \\\(6 d ago\\\)/);
      assert.match(tooltip, /\*\*Expires:\*\* 2027\\-11\\-20 10\\:00 UTC \\\(in 12 mo\\\)/);
    });

    it('lists audiences with their scopes', () => {
      assert.match(tooltip, /- https\\:\\\/\\\/api\\\.acme\\\.example\\\/: openid profile offline\\_access read\\:orders/);
    });

    it('shows rotation and the session id', () => {
      assert.match(tooltip, /\*\*Rotating:\*\* yes/);
      assert.match(tooltip, /\*\*Session:\*\* sess\\_01HZX4K7Q2M8N5P3R6S9T0V1W2/);
    });

    it('explains a missing session', () => {
      const token: RefreshToken = { ...sampleToken(), session_id: null };
      assert.match(refreshTokenTooltip(token, 'Acme', SAMPLE_NOW), /\*\*Session:\*\* none linked \\\(issued before late 2023\\, or by a grant without a login session\\\)/);
    });

    it('says "same as first" when the device did not change', () => {
      const token = sampleToken();
      token.device = { ...token.device, last_ip: token.device?.initial_ip, last_asn: token.device?.initial_asn, last_user_agent: token.device?.initial_user_agent };
      assert.match(refreshTokenTooltip(token, 'Acme', SAMPLE_NOW), /\*\*Last device:\*\* same as first/);
    });

    it('copes with a token that has nothing but an id', () => {
      const text = refreshTokenTooltip({ id: 'rt_x' }, undefined, SAMPLE_NOW);
      assert.match(text, /^\*\*unknown application\*\* · active/);
      assert.match(text, /\*\*First device:\*\* not recorded/);
      assert.match(text, /\*\*Last device:\*\* not recorded/);
      assert.doesNotMatch(text, /same as first/);
      assert.match(text, /\*\*Audiences:\*\* none listed/);
    });

    describe('builds no link, image, HTML or command construct from any payload', () => {
      for (const payload of injectionPayloads) {
        it(payload.name, () => {
          assertNoLiveConstruct(refreshTokenTooltip(tokenWithEveryStringField(payload.value), payload.value, SAMPLE_NOW));
        });
      }
    });
  });

  describe('userTooltip', () => {
    it('shows name, email, connection, dates and logins', () => {
      const text = userTooltip({
        user_id: 'auth0|1', name: 'Jane Doe', email: 'jane@example.com', email_verified: true,
        identities: [{ connection: 'Username-Password-Authentication' }],
        created_at: '2025-11-26T14:03:00Z', last_login: '2026-11-26T13:03:00Z', logins_count: 17,
      }, SAMPLE_NOW);
      assert.ok(text.startsWith('**Jane Doe**'));
      assert.match(text, /\*\*Email:\*\* jane\\@example\\\.com/);
      assert.match(text, /\*\*Connection:\*\* Username\\-Password\\-Authentication/);
      assert.match(text, /\*\*Last login:\*\* 2026\\-11\\-26 13\\:03 UTC \\\(1 h ago\\\)/);
      assert.match(text, /\*\*Logins:\*\* 17/);
    });

    it('marks an unverified email and a blocked user', () => {
      const text = userTooltip({ user_id: 'auth0|1', email: 'a@b.c', email_verified: false, blocked: true }, SAMPLE_NOW);
      assert.match(text, /not verified/);
      assert.match(text, /\*\*Blocked:\*\* yes/);
    });

    describe('builds no live construct from any payload', () => {
      for (const payload of injectionPayloads) {
        it(payload.name, () => {
          assertNoLiveConstruct(userTooltip(userWithEveryStringField(payload.value), SAMPLE_NOW));
        });
      }
    });
  });
});
