// The examples of issue 18 §2: a refresh token exactly as a real tenant answered it (recorded by
// Auth0's Go SDK, ../shared/auth0/recorded/TestRefreshTokenManager_Read.yaml): no `device`, both
// expiries null, no `last_exchanged_at`, and `session_id: null` although created in 2024. What
// Auth0 did not record is shown as not recorded; no sentence infers a fact from the absence.

import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../src/auth0/types';
import { renderDevicesSection } from '../../../src/features/tokens/details/renderDetailsSections';
import { analyzeToken } from '../../../src/findings/analyzeToken';
import { refreshTokenTooltip } from '../../../src/presentation/tooltips';
import { textContent } from '../features/tokens/details/htmlTags';
import { SAMPLE_NOW } from '../fixtures/payloadTokens';

/** The recorded body, placeholders and all. */
export function recordedToken(): RefreshToken {
  return JSON.parse('{"id":"RefreshTokenID","user_id":"UserID","created_at":"2024-05-01T13:00:30.038Z","idle_expires_at":null,"expires_at":null,"client_id":"CLIENTID","session_id":null,"rotating":false,"resource_servers":[{"audience":"https://go-auth0-dev.eu.auth0.com.us.auth0.com/api/v2/","scopes":"openid profile offline_access"}]}') as RefreshToken;
}

describe('a refresh token as a real tenant records it (issue 18 §2)', () => {
  it('the tooltip does not call the last device "same as first": neither device was recorded', () => {
    const tooltip = refreshTokenTooltip(recordedToken(), 'CDT Testing', SAMPLE_NOW);
    assert.doesNotMatch(tooltip, /same as first/);
    assert.match(tooltip, /\*\*First device:\*\* not recorded/);
    assert.match(tooltip, /\*\*Last device:\*\* not recorded/);
  });

  it('the details do not say "Same user agent and address as when issued"', () => {
    const text = textContent(renderDevicesSection(recordedToken()).markup);
    assert.doesNotMatch(text, /Same user agent/);
    assert.match(text, /Auth0 recorded no device for this token/);
  });

  it('the session finding does not date the token: a null session_id is "no session linked", for one of two reasons', () => {
    const analysis = analyzeToken({ token: recordedToken(), now: SAMPLE_NOW });
    const finding = analysis.findings.find((candidate) => candidate.kind === 'no-session');
    assert.ok(finding, 'a no-session line');
    assert.doesNotMatch(`${finding.title} ${finding.why}`, /issued before/i);
    assert.equal(finding.title, 'No session linked');
    assert.match(finding.falsePositive, /before late 2023/);
    assert.match(finding.falsePositive, /without a login session/);
  });

  it('"dormant" does not say "never exchanged" when Auth0 did not record the last exchange', () => {
    const analysis = analyzeToken({ token: recordedToken(), now: SAMPLE_NOW });
    const text = JSON.stringify(analysis.findings);
    assert.doesNotMatch(text, /never exchanged|"never"/i);
    assert.equal(analysis.findings.some((finding) => finding.kind === 'dormant'), false, 'no dormant finding on an unknown last exchange');
    assert.ok(
      analysis.skipped.some((check) => check.kinds.includes('dormant') && /did not record when/.test(check.reason)),
      'the dormant check says why it could not run',
    );
  });
});
