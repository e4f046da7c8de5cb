// Where a hunt run by the extension reads each user's refresh tokens: as background work (the
// tenant's limiter serves what a person waits for first and gives the hunt only its share of the
// rate), and, for a hunt limited to applications, through Auth0's Early Access list
// `GET /api/v2/refresh-tokens?user_id=&client_id=` where the tenant has it. Whether it has it is
// found out once per tenant (the first 403/404 answers "not on this tenant") and remembered, so
// later hunts go straight to the per-user list and filter locally.

import { isManagementApiError } from '../../../auth0/errors';
import type { ManagementClient } from '../../../auth0/managementClient';
import type { RefreshToken } from '../../../auth0/types';
import { readCursorListing } from '../../../paging/cursorListing';
import type { HuntSource } from './huntRunner';

/** What is known about the tenant's Early Access refresh-token endpoints; kept across hunts and reloads. */
export interface EarlyAccessMemory {
  /** true: the tenant has them; false: it answered that it has not; undefined: not asked yet. */
  get(): boolean | undefined;
  set(available: boolean): void;
}

/** An EarlyAccessMemory in memory (tests, a single run). */
export function memoryEarlyAccess(initial?: boolean): EarlyAccessMemory {
  let known = initial;
  return {
    get: () => known,
    set: (available) => {
      known = available;
    },
  };
}

/** Tokens are told apart by id (Tokens issued while the list is read can shift a page: each once). */
const tokenId = (token: RefreshToken): string | undefined => (typeof token.id === 'string' ? token.id : undefined);

/** The largest page Auth0 allows: the fewest requests per user. */
const TAKE = 100;
/** Past this many applications, one per-user listing costs less than one EA listing per application. */
const MAX_EARLY_ACCESS_APPLICATIONS = 3;

export interface BackgroundHuntSourceOptions {
  earlyAccess?: EarlyAccessMemory;
  /** Tokens per page, 1..100 (default 100). */
  take?: number;
}

export interface BackgroundHuntSource extends HuntSource {
  /** Requests sent per endpoint so far, for the hunt's summary and the benchmark. */
  readonly requests: { earlyAccess: number; perUser: number };
}

/**
 * A HuntSource whose every request goes at priority 'background'. With `hint.clientIds` (1 to 3
 * applications) and a tenant that has (or may have) the EA list, it reads
 * `GET /api/v2/refresh-tokens?user_id=&client_id=` for each application; otherwise, or once the
 * tenant answered 'endpoint-unavailable' there (then remembered in `earlyAccess`), every page of
 * `GET /api/v2/users/{user_id}/refresh-tokens` (scope read:refresh_tokens for both). The hunt
 * filters either way. Rejects with the client's ManagementApiError ('not-found' for a deleted
 * user, 'cancelled' when `signal` aborts).
 */
export function backgroundHuntSource(
  client: Pick<ManagementClient, 'listRefreshTokens' | 'listRefreshTokensEA'>,
  options: BackgroundHuntSourceOptions = {},
): BackgroundHuntSource {
  const earlyAccess = options.earlyAccess ?? memoryEarlyAccess();
  const take = Math.min(TAKE, Math.max(1, Math.floor(options.take ?? TAKE)));
  const requests = { earlyAccess: 0, perUser: 0 };

  // Every page of one listing: `total` ends it (one request for a user whose tokens fit one page,
  // although a real tenant sends `next` on that page too), and a cursor is never followed twice.
  const perUser = (userId: string, signal: AbortSignal): Promise<RefreshToken[]> =>
    readCursorListing(async (from) => {
      requests.perUser++;
      const page = await client.listRefreshTokens(userId, { from, take, signal, priority: 'background' });
      return { items: page.tokens, next: page.next, total: page.total };
    }, tokenId);

  // The Early Access list documents no include_totals: it ends on an empty page, a page without
  // `next`, or a cursor seen before.
  const byApplication = async (userId: string, clientIds: readonly string[], signal: AbortSignal): Promise<RefreshToken[]> => {
    const tokens: RefreshToken[] = [];
    for (const clientId of clientIds) {
      const listed = await readCursorListing(async (from) => {
        requests.earlyAccess++;
        const page = await client.listRefreshTokensEA({ userId, clientId, from, take, signal, priority: 'background' });
        return { items: page.refresh_tokens, next: page.next };
      }, tokenId);
      tokens.push(...listed);
    }
    return tokens;
  };

  return {
    requests,
    async listUserTokens(userId, signal, hint) {
      const clientIds = [...new Set(hint?.clientIds ?? [])];
      if (clientIds.length === 0 || clientIds.length > MAX_EARLY_ACCESS_APPLICATIONS || earlyAccess.get() === false) {
        return perUser(userId, signal);
      }
      try {
        const tokens = await byApplication(userId, clientIds, signal);
        if (earlyAccess.get() !== true) {
          earlyAccess.set(true);
        }
        return tokens;
      } catch (error) {
        if (!isManagementApiError(error, 'endpoint-unavailable')) {
          throw error;
        }
        earlyAccess.set(false);
        return perUser(userId, signal);
      }
    },
  };
}
