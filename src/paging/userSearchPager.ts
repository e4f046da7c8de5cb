// What a person types to find a user: a user id ("auth0|64f…", "samlp|acme/corp|jane"), an
// email, or a Lucene query. Ids and emails are exact look-ups (one page); anything else is a
// Lucene search, paged and capped like the listing.
import { isManagementApiError } from '../auth0/errors';
import type { ManagementClient } from '../auth0/managementClient';
import type { User } from '../auth0/types';
import { userPager } from './offsetPager';
import { Pager } from './pager';

export type UserQueryKind = 'user-id' | 'email' | 'lucene';

export function classifyUserQuery(query: string): UserQueryKind {
  const trimmed = query.trim();
  // A user id starts with its provider ("auth0|", "google-oauth2|", "samlp|"); what follows
  // may hold anything, spaces and colons included. A Lucene query starts with a field name.
  if (/^[A-Za-z0-9_-]+\|.+$/s.test(trimmed)) {
    return 'user-id';
  }
  if (/^[^\s@:"()]+@[^\s@:"()]+$/.test(trimmed)) {
    return 'email';
  }
  return 'lucene';
}

/** The users that `query` finds, exactly. */
export async function findUsers(client: Pick<ManagementClient, 'getUser' | 'usersByEmail' | 'listUsers'>, query: string, signal?: AbortSignal): Promise<User[]> {
  const trimmed = query.trim();
  switch (classifyUserQuery(trimmed)) {
    case 'user-id':
      try {
        return [await client.getUser(trimmed, { signal })];
      } catch (error) {
        if (isManagementApiError(error, 'not-found')) {
          return [];
        }
        throw error;
      }
    case 'email':
      return client.usersByEmail(trimmed, { signal });
    default:
      return (await client.listUsers({ q: trimmed, perPage: 100, includeTotals: true, signal })).users;
  }
}

export function userSearchPager(client: Pick<ManagementClient, 'getUser' | 'usersByEmail' | 'listUsers'>, query: string, perPage: number): Pager<User, number> {
  const kind = classifyUserQuery(query);
  if (kind === 'lucene') {
    return userPager(client, { q: query.trim(), perPage });
  }
  return new Pager<User, number>({
    idOf: (user) => (typeof user.user_id === 'string' ? user.user_id : undefined),
    loadPage: async (_cursor, signal) => ({ items: await findUsers(client, query, signal) }),
  });
}
