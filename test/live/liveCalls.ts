// The read-only calls the extension makes, through its own Management API client, each with the
// exchange it produced: the users page (the tree's first page), one user's refresh tokens, one
// refresh token (the details panel), one session (its Session section), the user's log events
// (History) and one application (its name). The user is AUTH0_LIVE_USER_ID, or the first of the
// users page who has a refresh token; the emulator's reference run picks its user the same way,
// so that the two are compared like for like.
import { isManagementApiError, type ManagementApiError } from '../../src/auth0/errors';
import { createManagementClient } from '../../src/auth0/managementClient';
import type { ManagementTokenProvider } from '../../src/auth0/tokenProvider';
import type { RefreshToken } from '../../src/auth0/types';
import type { ExchangeRecorder, RawExchange } from './exchangeRecorder';

export type OperationName = 'users page' | "a user's refresh tokens" | 'one refresh token' | 'one session' | "a user's log events" | "the tenant's log events" | 'one application';

export interface Operation {
  name: OperationName;
  method: 'GET';
  /** The operation's path in the OpenAPI subset. */
  template: string;
  /** The path's first segments, to find the exchange among the recorded ones. */
  matches: (path: string) => boolean;
}

export const OPERATIONS: readonly Operation[] = [
  { name: 'users page', method: 'GET', template: '/users', matches: (path) => path === '/api/v2/users' },
  { name: "a user's refresh tokens", method: 'GET', template: '/users/{user_id}/refresh-tokens', matches: (path) => /^\/api\/v2\/users\/[^/]+\/refresh-tokens$/.test(path) },
  { name: 'one refresh token', method: 'GET', template: '/refresh-tokens/{id}', matches: (path) => /^\/api\/v2\/refresh-tokens\/[^/]+$/.test(path) },
  { name: 'one session', method: 'GET', template: '/sessions/{id}', matches: (path) => /^\/api\/v2\/sessions\/[^/]+$/.test(path) },
  { name: "a user's log events", method: 'GET', template: '/users/{id}/logs', matches: (path) => /^\/api\/v2\/users\/[^/]+\/logs$/.test(path) },
  // The watch's checkpoint paging (GET /logs?from&take): the events after a known one, as they arrive.
  { name: "the tenant's log events", method: 'GET', template: '/logs', matches: (path) => path === '/api/v2/logs' },
  { name: 'one application', method: 'GET', template: '/clients/{id}', matches: (path) => /^\/api\/v2\/clients\/[^/]+$/.test(path) },
];

/** Each operation's exchange, or why it was not made (no user with a refresh token, no session...). */
export type LiveRun = Record<OperationName, RawExchange | { notRun: string }>;

export interface LiveTarget {
  domain: string;
  tokenProvider: ManagementTokenProvider;
  userId?: string;
  /** The session to read when the user's refresh token names none (AUTH0_LIVE_SESSION_ID). */
  sessionId?: string;
}

/** "endpoint-unavailable (403 feature_not_enabled)": how Auth0 refused a call, for a not-run reason. */
function describeFailure(error: ManagementApiError): string {
  return `${error.kind}${error.status ? ` (${error.status}${error.errorCode ? ` ${error.errorCode}` : ''})` : ''}`;
}

/** Users scouted for one that has a refresh token, at most (one request each). */
const SCOUTED_USERS = 10;

/**
 * Makes the calls against `target` through the extension's client while `recorder` watches, and
 * returns each operation's (last) exchange. Failures Auth0 answers are exchanges too (a 403 on a
 * plan without the endpoint is validated against the error schema); a call that got no answer
 * leaves its operation not run, with the reason.
 */
export async function readOnlyCalls(target: LiveTarget, recorder: ExchangeRecorder): Promise<LiveRun> {
  const client = createManagementClient({ domain: target.domain, tokenProvider: target.tokenProvider, retry: { maxRetries: 2 } });
  const host = client.endpoint.apiBaseUrl.replace(/\/api\/v2$/, '');
  const run: Partial<LiveRun> = {};
  /** Why each operation's last call failed, as Auth0 answered it: "endpoint-unavailable (403 feature_not_enabled)". */
  const failures: Partial<Record<OperationName, string>> = {};
  const attempt = async <T>(name: OperationName, call: () => Promise<T>): Promise<T | undefined> => {
    const from = recorder.exchanges.length;
    let value: T | undefined;
    let failure: string | undefined;
    try {
      value = await call();
    } catch (error) {
      if (!isManagementApiError(error)) {
        throw error;
      }
      failure = describeFailure(error);
      failures[name] = failure;
    }
    const operation = OPERATIONS.find((candidate) => candidate.name === name)!;
    const exchange = recorder.exchanges.slice(from).filter((candidate) => candidate.url.origin === host && operation.matches(candidate.url.pathname)).pop();
    run[name] = exchange ?? { notRun: `no answer: ${failure ?? 'no request was made'}` };
    return value;
  };
  const notRun = (name: OperationName, reason: string) => {
    run[name] = { notRun: reason };
  };

  const users = await attempt('users page', () => client.listUsers({ perPage: 50 }));
  let userId = target.userId;
  let tokens: RefreshToken[] = [];
  if (userId) {
    tokens = (await attempt("a user's refresh tokens", () => client.listRefreshTokens(userId!, { take: 2 })))?.tokens ?? [];
  } else {
    for (const user of (users?.users ?? []).slice(0, SCOUTED_USERS)) {
      const page = await attempt("a user's refresh tokens", () => client.listRefreshTokens(user.user_id, { take: 2 }));
      userId = user.user_id;
      tokens = page?.tokens ?? [];
      if (tokens.length > 0 || page === undefined) {
        break;
      }
    }
    if (!userId) {
      notRun("a user's refresh tokens", 'the users page listed no user');
    }
  }
  const token = tokens[0];
  const listingFailure = failures["a user's refresh tokens"];
  if (token) {
    await attempt('one refresh token', () => client.getRefreshToken(token.id));
  } else if (listingFailure) {
    // A plan without the refresh-token endpoints answers 403 feature_not_enabled: that is the reason, not the users.
    notRun('one refresh token', `the refresh-token listing failed: ${listingFailure}`);
  } else {
    notRun('one refresh token', `no refresh token among the first ${SCOUTED_USERS} users' (set AUTH0_LIVE_USER_ID to a user who has one)`);
  }
  // The token's session, unless it has ended (404): then one the user, or another listed user,
  // still has (one listing each, at most SCOUTED_USERS), so that a session body is validated.
  const tokenSession = typeof token?.session_id === 'string' && token.session_id !== '' ? token.session_id : target.sessionId;
  const found = tokenSession ? await attempt('one session', () => client.getSession(tokenSession)) : undefined;
  if (!found) {
    const candidates = [...new Set([userId, ...(users?.users ?? []).slice(0, SCOUTED_USERS).map((user) => user.user_id)].filter((id): id is string => !!id))];
    let sessionListingFailure: string | undefined;
    let other: string | undefined;
    for (const candidate of candidates) {
      const listed = await client.listSessions(candidate, { take: 5 }).catch((error: unknown) => {
        if (!isManagementApiError(error)) {
          throw error;
        }
        sessionListingFailure = describeFailure(error);
        return undefined;
      });
      other = listed?.sessions.find((session) => session.id !== tokenSession)?.id;
      if (other || sessionListingFailure) {
        break; // a plan without session endpoints answers every user alike
      }
    }
    if (other) {
      const sessionId = other;
      await attempt('one session', () => client.getSession(sessionId));
    } else if (!tokenSession) {
      notRun(
        'one session',
        sessionListingFailure
          ? `the session listing failed: ${sessionListingFailure}`
          : candidates.length === 0
            ? 'no user to read a session of'
            : `no session among the first ${SCOUTED_USERS} users' (set AUTH0_LIVE_USER_ID to a user who is signed in)`,
      );
    }
  }
  if (userId) {
    await attempt("a user's log events", () => client.listUserLogs(userId!, { perPage: 5 }));
  } else {
    notRun("a user's log events", 'the users page listed no user');
  }
  // The tenant log read as the watch reads it: from the fifth newest event on, by checkpoint.
  const newest = await client.listLogs({ perPage: 5, sort: 'date:-1' }).catch((error: unknown) => {
    if (!isManagementApiError(error)) {
      throw error;
    }
    notRun("the tenant's log events", `the newest events could not be listed: ${describeFailure(error)}`);
    return undefined;
  });
  const checkpoint = newest?.[newest.length - 1]?.log_id;
  if (checkpoint) {
    await attempt("the tenant's log events", () => client.listLogs({ from: checkpoint, take: 100 }));
  } else if (newest) {
    notRun("the tenant's log events", 'the tenant log listed no event to start from');
  }
  // An application named by a refresh token; without one (no listing on this plan), the first the tenant lists.
  const clientId =
    token?.client_id ??
    tokens.find((candidate) => candidate.client_id)?.client_id ??
    // A client of its own: the list fills its name cache, and the look-up below must still ask Auth0.
    (await createManagementClient({ domain: target.domain, tokenProvider: target.tokenProvider }).listClientNames().catch(() => undefined))?.[0]?.client_id;
  if (clientId) {
    await attempt('one application', () => client.getClientName(clientId));
  } else {
    // The application comes from a refresh token: without a listing there is none to name.
    notRun('one application', listingFailure ? `no refresh token was listed to name one (the refresh-token listing failed: ${listingFailure}), and the tenant listed no application` : 'no refresh token named an application, and the tenant listed none');
  }
  return run as LiveRun;
}

/** The exchange of a run's operation, or undefined when it was not run. */
export function exchangeOf(run: LiveRun, name: OperationName): RawExchange | undefined {
  const entry = run[name];
  return 'notRun' in entry ? undefined : entry;
}
