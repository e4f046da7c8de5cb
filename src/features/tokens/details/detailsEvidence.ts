// What the Findings, Session and History sections show for one token, read from its tenant's
// model as far as known now (the panel redraws when more arrives). A missing scope is an answer
// the sections say in words, with the scope to add; it is never an error page.
import { isManagementApiError } from '../../../auth0/errors';
import type { RefreshToken } from '../../../auth0/types';
import type { TenantModel } from '../../../model/tenantModel';
import type { TokenEvent } from '../../../findings/tokenEvents';
import type { HistoryState, SessionState } from '../../../model/tokenEvidence';
import type { FindingsSectionInput } from './renderFindingsSection';
import type { HistorySectionInput } from './renderHistorySection';
import type { SessionSectionInput } from './renderSessionSection';

export interface DetailsEvidence {
  findings: FindingsSectionInput;
  session: SessionSectionInput;
  history: HistorySectionInput;
}

function isMissingScope(error: unknown): boolean {
  return isManagementApiError(error, 'insufficient-scope');
}

/** What POST /api/v2/sessions/{id}/revoke needs (the OAS subset): both, as the setup check counts them. */
const REVOKE_SESSION_SCOPES = ['delete:sessions', 'delete:refresh_tokens'];

/** The scopes of POST /sessions/{id}/revoke that `grantedScopes` lacks (exact names): the revoke button is disabled while any is. */
export function revokeSessionNeeds(grantedScopes: readonly string[]): string[] {
  return REVOKE_SESSION_SCOPES.filter((scope) => !grantedScopes.includes(scope));
}

function sessionInput(
  token: RefreshToken,
  state: SessionState | undefined,
  now: Date,
  appNames: ReadonlyMap<string, string>,
  tokenRevoked: boolean,
  grantedScopes: readonly string[] | undefined,
): SessionSectionInput {
  const revokeNeeds = grantedScopes ? revokeSessionNeeds(grantedScopes) : [];
  const sessionId = typeof token.session_id === 'string' && token.session_id !== '' ? token.session_id : undefined;
  if (!sessionId) {
    // Absent is "not recorded"; null (or empty) is "no session linked".
    return token.session_id === undefined ? { state: 'no-session', notRecorded: true } : { state: 'no-session' };
  }
  switch (state?.state) {
    case 'loaded':
      return { state: 'loaded', session: state.session, now, appNames, revokeNeeds };
    case 'gone':
      return { state: 'gone', sessionId, tokenRevoked };
    case 'failed':
      return isMissingScope(state.error) ? { state: 'missing-scope', scope: 'read:sessions', revokeNeeds } : { state: 'error', message: state.error.message, revokeNeeds };
    default:
      return { state: 'loading' };
  }
}

/**
 * What History shows for the user's log state and the token's events. A failed first page is an
 * error (or the scope to add); a failed later page keeps the events loaded and its error stays
 * visible beside them, with a retry; a capped listing says how older events of `userId` are read.
 */
export function historyInput(state: HistoryState | undefined, events: readonly TokenEvent[] | undefined, now: Date, userId = ''): HistorySectionInput {
  if (state?.state === 'failed' && state.events.length === 0) {
    return isMissingScope(state.error) ? { state: 'missing-scope', scopes: ['read:logs', 'read:logs_users'] } : { state: 'error', message: state.error?.message ?? 'The log events could not be read.' };
  }
  if (!state || events === undefined) {
    return { state: 'loading' };
  }
  const failure = state.state === 'failed' ? { failure: state.error?.message ?? 'The next page of log events could not be read.' } : {};
  const capped = state.capped ? { capped: { userId, loaded: state.events } } : {};
  return { state: 'loaded', events, now, hasMore: state.hasMore, ...failure, ...capped };
}

/**
 * The three evidence sections for `token`. `userTokens`: the user's tokens as listed (for the
 * near-the-cap count and for linking events of tokens without a session); the token alone when
 * not known. `grantedScopes`: the management token's, when readable (a revoke it visibly cannot
 * make is not offered). Reads the model's caches only: it starts no request.
 */
export function detailsEvidence(
  model: TenantModel,
  token: RefreshToken,
  userTokens: readonly RefreshToken[],
  now: Date,
  grantedScopes?: readonly string[],
): DetailsEvidence {
  const tokens = userTokens.some((t) => t.id === token.id) ? userTokens : [...userTokens, token];
  const userId = token.user_id ?? '';
  const analysis = model.analyzeUserTokens(userId, tokens, now).get(token.id);
  const sessionId = typeof token.session_id === 'string' ? token.session_id : undefined;
  const appNames = new Map<string, string>();
  for (const clientId of new Set(tokens.map((t) => t.client_id))) {
    const name = model.applicationName(clientId);
    if (clientId && name) {
      appNames.set(clientId, name);
    }
  }
  return {
    findings: { findings: analysis?.findings ?? [], skipped: analysis?.skipped, now, revoked: model.isRevoked(token.id) },
    session: sessionInput(token, sessionId ? model.evidence.session(sessionId) : undefined, now, appNames, model.isRevoked(token.id), grantedScopes),
    history: historyInput(model.evidence.history(userId), analysis?.history, now, userId),
  };
}

/**
 * Starts the session and history look-ups `token`'s panel needs (`GET /sessions/{id}`,
 * `GET /users/{id}/logs`): those never read, or read longer ago than EVIDENCE_STALE_AFTER_MS (a
 * fresh answer costs no request), or all of them when `refresh` (the panel's Refresh). A person
 * waits for these: they go at foreground priority, ahead of background reads for the tree's findings.
 * Resolves when both are answered; never rejects (failures are kept in the evidence's state).
 */
export function requestDetailsEvidence(model: TenantModel, token: RefreshToken, refresh = false): Promise<unknown> {
  const priority = 'foreground' as const;
  const userId = token.user_id;
  const reads: Promise<unknown>[] = [];
  if (typeof token.session_id === 'string' && token.session_id !== '') {
    reads.push(model.evidence.loadSession(token.session_id, userId, refresh, priority));
  }
  if (userId) {
    reads.push(model.evidence.loadHistory(userId, false, refresh, priority));
  }
  return Promise.all(reads);
}
