// Findings from the token's dates, its session and the user's other tokens: how long it stays
// valid, whether anyone still uses it, whether its session still exists, and how close the user
// is to Auth0's cap of 200 active refresh tokens per application.

import type { RefreshToken, Session } from '../auth0/types';
import { NO_EXPIRY_RECORDED, NO_SESSION_LINKED } from '../presentation/refreshTokenFacts';
import { formatAbsoluteTime, parseAuth0Date } from '../presentation/time';
import { FINDING_ACTIONS, type Finding } from './finding';
import { DAY_MS, NEAR_CAP_COUNT, TOKENS_PER_APPLICATION_CAP, type FindingThresholds } from './thresholds';

function days(milliseconds: number): number {
  return Math.floor(milliseconds / DAY_MS);
}

function dateText(date: Date | undefined, whenMissing: string): string {
  return date ? formatAbsoluteTime(date) : whenMissing;
}

/**
 * "long-lived" (medium) for a token that is still valid and either not rotating with no absolute
 * expiry (valid until revoked), or valid in all for more than `longLivedDays` (from `created_at`,
 * or from `now` when that is unknown, to `expires_at`). Pass only tokens that are still valid.
 */
function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export function longLivedFinding(token: RefreshToken, now: Date, thresholds: FindingThresholds): Finding | undefined {
  const expires = parseAuth0Date(token.expires_at);
  const created = parseAuth0Date(token.created_at);
  const facts = [
    { label: 'Rotating', value: token.rotating === true ? 'yes' : token.rotating === false ? 'no' : 'not reported' },
    { label: 'Created', value: dateText(created, 'not recorded') },
    { label: 'Absolute expiry', value: dateText(expires, hasValue(token.expires_at) ? 'unreadable date' : NO_EXPIRY_RECORDED) },
  ];
  const common = {
    kind: 'long-lived' as const,
    severity: 'medium' as const,
    action: FINDING_ACTIONS['revoke-token'],
    falsePositive: 'Some native apps are configured for long sessions on purpose: check the application\'s refresh token settings before revoking.',
  };
  // Auth0 sends null for an expiry it does not hold; the application's settings may still end the
  // token, so the title says what is recorded ("no expiry recorded"), not "never expires".
  if (token.rotating === false && !expires && !hasValue(token.expires_at)) {
    return {
      ...common,
      title: 'No expiry recorded: not rotating and no absolute expiry listed',
      why: 'Auth0 lists no absolute expiry for this non-rotating token, so unless the application\'s settings end it, it stays usable by whoever copies it until someone revokes it; Auth0 recommends rotation with an absolute lifetime.',
      evidence: { type: 'facts', rows: facts },
    };
  }
  const idleExpires = parseAuth0Date(token.idle_expires_at);
  if (!expires && !idleExpires && !hasValue(token.expires_at) && !hasValue(token.idle_expires_at)) {
    // Rotation limits a copy's use, but with no expiry recorded the family may never end.
    return {
      ...common,
      title: 'No expiry recorded: no absolute and no idle expiry listed',
      why: 'Auth0 lists neither an absolute nor an idle expiry for this token, so unless the application\'s settings end it, it stays valid until someone revokes it, however long it goes unused.',
      evidence: { type: 'facts', rows: [...facts, { label: 'Idle expiry', value: NO_EXPIRY_RECORDED }] },
    };
  }
  if (!expires) {
    return undefined;
  }
  const lifetimeDays = days(expires.getTime() - (created ?? now).getTime());
  if (lifetimeDays <= thresholds.longLivedDays) {
    return undefined;
  }
  return {
    ...common,
    title: `Valid for ${lifetimeDays} days (more than ${thresholds.longLivedDays})`,
    why: `The token stays valid for ${lifetimeDays} days in all, so a copy of it is useful for that long unless it is revoked.`,
    evidence: { type: 'facts', rows: [...facts, { label: 'Lifetime', value: `${lifetimeDays} days (limit ${thresholds.longLivedDays})` }] },
  };
}

/**
 * "dormant" (info) for a still-valid token last exchanged more than `dormantDays` before `now`.
 * Nothing when Auth0 did not record the last exchange (`last_exchanged_at` absent or null): an
 * unknown last use is not "never used" (see {@link dormantUnknownReason}). Pass only tokens that are still valid.
 */
export function dormantFinding(token: RefreshToken, now: Date, thresholds: FindingThresholds): Finding | undefined {
  const lastUsed = parseAuth0Date(token.last_exchanged_at);
  if (!lastUsed) {
    return undefined;
  }
  const idleDays = days(now.getTime() - lastUsed.getTime());
  if (idleDays <= thresholds.dormantDays) {
    return undefined;
  }
  return {
    kind: 'dormant',
    severity: 'info',
    title: `Valid but unused for ${idleDays} days`,
    why: 'A token nobody uses is still a credential: if it was copied, its first use by someone else would look like the user\'s own.',
    evidence: {
      type: 'facts',
      rows: [
        { label: 'Last exchanged', value: dateText(lastUsed, 'not recorded') },
        { label: 'Created', value: dateText(parseAuth0Date(token.created_at), 'not recorded') },
        { label: 'Dormant after', value: `${thresholds.dormantDays} days` },
      ],
    },
    action: FINDING_ACTIONS['revoke-token'],
    falsePositive: 'A user who simply has not opened the app for a while looks exactly the same.',
  };
}

/** Why "dormant" cannot be judged for `token`, or `undefined` when it can (a readable `last_exchanged_at`). */
export function dormantUnknownReason(token: RefreshToken): string | undefined {
  if (parseAuth0Date(token.last_exchanged_at)) {
    return undefined;
  }
  return hasValue(token.last_exchanged_at)
    ? 'The token\'s last_exchanged_at is not a readable date.'
    : 'Auth0 did not record when the token was last exchanged (no last_exchanged_at), so whether it is still used is not known.';
}

/**
 * "outlived-session" (medium) when the token names a session and Auth0 answered 404 for it
 * (`session === 'gone'`) while the token is still valid; "no-session" (info) when `session_id` is
 * null (no session linked: issued before late 2023, or by a grant without a login session; a null
 * says nothing about the date). Nothing when `session_id` is absent (not recorded), while the
 * session is unknown, or when it exists.
 */
export function sessionFinding(token: RefreshToken, session: Session | 'gone' | undefined, stillValid: boolean): Finding | undefined {
  const sessionId = typeof token.session_id === 'string' && token.session_id !== '' ? token.session_id : undefined;
  if (sessionId === undefined) {
    if (token.session_id === undefined) {
      return undefined;
    }
    return {
      kind: 'no-session',
      severity: 'info',
      title: 'No session linked',
      why: 'The token has a null session_id, so it cannot be ended with a session, and its log events can be matched only by application and rotation family (marked "probable").',
      evidence: { type: 'facts', rows: [{ label: 'Session', value: NO_SESSION_LINKED }] },
      action: FINDING_ACTIONS['review-history'],
      falsePositive: 'Auth0 sends a null session_id for tokens issued before late 2023, when it began linking refresh tokens to sessions, and for tokens issued by a grant without a login session (such as the password grant); it is not a sign of tampering.',
    };
  }
  if (session !== 'gone' || !stillValid) {
    return undefined;
  }
  return {
    kind: 'outlived-session',
    severity: 'medium',
    title: 'Outlived its session: the session has ended',
    why: 'Auth0 answered that the token\'s session no longer exists, yet the token can still be exchanged: ending a session with DELETE leaves its refresh tokens alive.',
    evidence: { type: 'facts', rows: [{ label: 'Session', value: sessionId }, { label: 'Session lookup', value: 'not found (404)' }] },
    action: FINDING_ACTIONS['revoke-token'],
    falsePositive: 'Offline access is meant to outlive the login: a native app keeps exchanging its token after the browser session has ended.',
  };
}

/** The ids of a user's tokens grouped by application (`client_id`; "" for none), duplicates counted once. */
export function tokenIdsByApplication(userTokens: readonly RefreshToken[]): Map<string, Set<string>> {
  const byApplication = new Map<string, Set<string>>();
  for (const token of userTokens) {
    if (!token || typeof token.id !== 'string') {
      continue;
    }
    const client = typeof token.client_id === 'string' ? token.client_id : '';
    let ids = byApplication.get(client);
    if (!ids) {
      ids = new Set();
      byApplication.set(client, ids);
    }
    ids.add(token.id);
  }
  return byApplication;
}

/**
 * "near-cap" (medium) when the user holds more than 150 tokens for the token's application
 * (`byApplication` from `tokenIdsByApplication`; the token itself counted once): Auth0 keeps at
 * most 200 per user and application and deletes the oldest when one more is issued.
 */
export function nearCapFinding(token: RefreshToken, byApplication: ReadonlyMap<string, ReadonlySet<string>>): Finding | undefined {
  const ids = byApplication.get(typeof token.client_id === 'string' ? token.client_id : '');
  const count = (ids?.size ?? 0) + (ids?.has(token.id) ? 0 : 1);
  if (count <= NEAR_CAP_COUNT) {
    return undefined;
  }
  return {
    kind: 'near-cap',
    severity: 'medium',
    title: `${count} tokens for this application (Auth0 keeps ${TOKENS_PER_APPLICATION_CAP})`,
    why: `Auth0 keeps at most ${TOKENS_PER_APPLICATION_CAP} active refresh tokens per user and application and silently deletes the oldest when another is issued, so a device can lose its login without warning.`,
    evidence: {
      type: 'facts',
      rows: [
        { label: 'Tokens for this application', value: String(count) },
        { label: 'Flagged above', value: String(NEAR_CAP_COUNT) },
        { label: 'Auth0 cap', value: String(TOKENS_PER_APPLICATION_CAP) },
      ],
    },
    action: FINDING_ACTIONS['review-history'],
    falsePositive: 'An app that asks for a new refresh token at every login instead of keeping the one it has reaches the cap without any attack.',
  };
}
