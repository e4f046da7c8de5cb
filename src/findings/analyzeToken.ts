// One refresh token judged the way Auth0's own detections judge it. Pure: the caller fetches the
// token's session, the user's log events and the user's other tokens (each may be unknown), and
// this says what the data shows and which checks could not run for want of data.

import type { RefreshToken, Session } from '../auth0/types';
import { tokenStatus } from '../presentation/tokenStatus';
import { deviceChangedFinding, networkChangedFinding } from './deviceRules';
import { compareFindings, type Finding, type FindingKind } from './finding';
import { familySpreadFindings, reuseFinding } from './historyRules';
import { impossibleTravelFinding, tlsChangedFinding } from './exchangeRules';
import { dormantFinding, dormantUnknownReason, longLivedFinding, nearCapFinding, sessionFinding, tokenIdsByApplication } from './lifetimeRules';
import type { TokenLogEvent } from './logEvents';
import { resolveThresholds, type FindingThresholds } from './thresholds';
import { eventsForToken, indexUserEvents, type TokenEvent, type UserEventIndex } from './tokenEvents';

export interface TokenAnalysisInput {
  token: RefreshToken;
  /**
   * `GET /api/v2/sessions/{token.session_id}`: the session, `'gone'` when Auth0 answered 404,
   * `undefined` when not fetched (no `read:sessions`, not asked yet, or the token has no session).
   */
  session?: Session | 'gone';
  /** The user's log events (`GET /api/v2/users/{id}/logs`), any order; `undefined` when not loaded. */
  events?: readonly TokenLogEvent[];
  /** The user's refresh tokens as far as listed (the token itself may be among them); `undefined` when not known. */
  userTokens?: readonly RefreshToken[];
  now: Date;
  /** Missing or invalid fields take their defaults (see `resolveThresholds`). */
  thresholds?: Partial<FindingThresholds>;
  /** Set once this extension revoked the token: checks about a still-valid token are skipped. */
  revoked?: boolean;
  /** Why `events` cannot be had ("the management token lacks read:logs or read:logs_users"), when known. */
  eventsUnavailable?: string;
  /** Why `session` cannot be had, when known. */
  sessionUnavailable?: string;
}

/** Checks that could not run, and why: shown so that "no findings" is not read as "all clear". */
export interface SkippedCheck {
  kinds: FindingKind[];
  reason: string;
}

export interface TokenAnalysis {
  /** Most severe first (see `compareFindings`). */
  findings: Finding[];
  /** The token's log events, newest first; `undefined` when the events were not loaded. */
  history?: TokenEvent[];
  skipped: SkippedCheck[];
}

/**
 * Every finding for `input.token` at `input.now`. Never throws: missing, unreadable or hostile
 * fields make a check find nothing, not fail. Rules and their sources: see deviceRules.ts,
 * historyRules.ts, lifetimeRules.ts.
 */
export function analyzeToken(input: TokenAnalysisInput): TokenAnalysis {
  return analyzeWith(input, {
    byApplication: input.userTokens ? tokenIdsByApplication(input.userTokens) : undefined,
    eventIndex: input.events ? indexUserEvents(input.events) : undefined,
  });
}

/** What `analyzeUserTokens` works out once per user rather than once per token. */
interface UserContext {
  byApplication?: ReadonlyMap<string, ReadonlySet<string>>;
  eventIndex?: UserEventIndex;
}

function analyzeWith(input: TokenAnalysisInput, { byApplication, eventIndex }: UserContext): TokenAnalysis {
  const { token, now } = input;
  const thresholds = resolveThresholds(input.thresholds);
  const stillValid = tokenStatus(token, now, { revoked: input.revoked }).kind === 'active';
  const findings: (Finding | undefined)[] = [deviceChangedFinding(token), networkChangedFinding(token)];
  const skipped: SkippedCheck[] = [];

  let history: TokenEvent[] | undefined;
  if (eventIndex) {
    history = eventsForToken(token, eventIndex, input.userTokens ?? []);
    findings.push(reuseFinding(history), impossibleTravelFinding(history), tlsChangedFinding(history), ...familySpreadFindings(history, now, thresholds));
  } else {
    skipped.push({
      kinds: ['reuse-detected', 'impossible-travel', 'tls-changed', 'many-devices', 'many-networks'],
      reason: input.eventsUnavailable ? `The user's log events cannot be read: ${input.eventsUnavailable}.` : "The user's log events are not loaded.",
    });
  }

  if (stillValid) {
    findings.push(longLivedFinding(token, now, thresholds), dormantFinding(token, now, thresholds));
  }
  findings.push(sessionFinding(token, input.session, stillValid));
  if (token.session_id === undefined && stillValid) {
    skipped.push({ kinds: ['outlived-session'], reason: 'Auth0 sent no session_id for this token, so its session is not known.' });
  }
  if (input.session === undefined && typeof token.session_id === 'string' && token.session_id !== '' && stillValid) {
    skipped.push({
      kinds: ['outlived-session'],
      reason: input.sessionUnavailable ? `The token's session cannot be read: ${input.sessionUnavailable}.` : "The token's session has not been looked up.",
    });
  }

  // After the checks a scope would unlock: this one no scope helps, Auth0 did not record the date.
  const dormantUnknown = stillValid ? dormantUnknownReason(token) : undefined;
  if (dormantUnknown !== undefined) {
    skipped.push({ kinds: ['dormant'], reason: dormantUnknown });
  }

  if (byApplication) {
    findings.push(nearCapFinding(token, byApplication));
  } else {
    skipped.push({ kinds: ['near-cap'], reason: 'The user\'s other tokens are not listed.' });
  }

  return {
    findings: findings.filter((finding): finding is Finding => finding !== undefined).sort(compareFindings),
    history,
    skipped,
  };
}

/** What `analyzeUserTokens` needs besides the tokens. */
export interface UserAnalysisInput {
  /** The user's log events, when loaded. */
  events?: readonly TokenLogEvent[];
  /** Sessions looked up so far, by id: the session or `'gone'` (404). */
  sessions?: ReadonlyMap<string, Session | 'gone'>;
  now: Date;
  thresholds?: Partial<FindingThresholds>;
  /** Ids of tokens this extension revoked. */
  revokedIds?: ReadonlySet<string>;
  /** Why the user's log events cannot be had, when known (see TokenAnalysisInput). */
  eventsUnavailable?: string;
  /** Why sessions cannot be had, when known. */
  sessionUnavailable?: string;
}

/** `analyzeToken` for each of a user's tokens, by token id (the tokens are each other's `userTokens`). */
export function analyzeUserTokens(tokens: readonly RefreshToken[], input: UserAnalysisInput): Map<string, TokenAnalysis> {
  const analyses = new Map<string, TokenAnalysis>();
  const context: UserContext = { byApplication: tokenIdsByApplication(tokens), eventIndex: input.events ? indexUserEvents(input.events) : undefined };
  for (const token of tokens) {
    const sessionId = typeof token.session_id === 'string' ? token.session_id : undefined;
    analyses.set(token.id, analyzeWith({
      token,
      session: sessionId !== undefined ? input.sessions?.get(sessionId) : undefined,
      events: input.events,
      userTokens: tokens,
      now: input.now,
      thresholds: input.thresholds,
      revoked: input.revokedIds?.has(token.id),
      eventsUnavailable: input.eventsUnavailable,
      sessionUnavailable: input.sessionUnavailable,
    }, context));
  }
  return analyses;
}
