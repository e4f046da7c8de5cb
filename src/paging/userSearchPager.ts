// What a person types to find a user: a user id ("auth0|64f…", "samlp|acme/corp|jane"), an
// email, or a Lucene query. Ids are exact look-ups and Lucene queries are paged and capped like
// the listing. An email is looked up twice (issue #10): users-by-email is exact and immediately
// consistent but case-sensitive, while enterprise and social connections keep whatever case
// their identity provider sent ("Jane.Doe@Example.com"); Lucene search v3 compares email in any
// case but is eventually consistent. Together they find every account with that address.
import { isManagementApiError } from '../auth0/errors';
import type { ManagementClient } from '../auth0/managementClient';
import type { User } from '../auth0/types';
import { userPagerOptions } from './offsetPager';
import { Pager } from './pager';

export type UserQueryKind = 'user-id' | 'email' | 'lucene';

/** Which Management API route found the users a search shows. */
export type UserSearchRoute =
  /** GET /api/v2/users/{id}. */
  | 'user-id'
  /** GET /api/v2/users-by-email found them all; the any-case search added nobody. */
  | 'email-exact'
  /** GET /api/v2/users?q=email:"…" (search_engine=v3) found someone the exact look-up missed, or nobody matched either. */
  | 'email-any-case'
  /** GET /api/v2/users?q=… with the query as typed. */
  | 'lucene';

/** A typed query, reduced to what is looked up. */
export type UserQuery = { kind: 'user-id'; userId: string } | { kind: 'email'; email: string } | { kind: 'lucene'; q: string };

export interface UserSearchResult {
  users: User[];
  route: UserSearchRoute;
}

type SearchClient = Pick<ManagementClient, 'getUser' | 'usersByEmail' | 'listUsers'>;

/** Whitespace and the invisible characters a copy from a web page or a mail client brings along. */
const EDGE_NOISE = /^[\s\u200B-\u200D\u2060]+|[\s\u200B-\u200D\u2060]+$/g;
const EMAIL = /^[^\s@:"()<>,;]+@[^\s@:"()<>,;]+$/;
/** More accounts than this sharing one address (in any case) is not a real tenant. */
const ANY_CASE_LIMIT = 100;

/**
 * Reads what a person typed or pasted: a user id (provider, "|", anything), an email address, or
 * a Lucene query (everything else, passed on as typed). Emails are taken out of the forms they are
 * pasted in: "Jane <jane@x.example>", "<jane@x.example>", "mailto:jane%40x.example?subject=…",
 * quoted, or followed by a sentence's full stop or a list's comma or semicolon.
 */
export function interpretUserQuery(query: string): UserQuery {
  const text = query.replace(EDGE_NOISE, '');
  // A user id starts with its provider ("auth0|", "google-oauth2|", "samlp|"); what follows
  // may hold anything, spaces and colons included. A Lucene query starts with a field name.
  if (/^[A-Za-z0-9_-]+\|.+$/s.test(text)) {
    return { kind: 'user-id', userId: text };
  }
  const email = pastedEmail(text);
  return email === undefined ? { kind: 'lucene', q: text } : { kind: 'email', email };
}

/** Which kind of look-up `query` is (see interpretUserQuery). */
export function classifyUserQuery(query: string): UserQueryKind {
  return interpretUserQuery(query).kind;
}

function pastedEmail(text: string): string | undefined {
  let value = text;
  const bracketed = /^[^<>]*<([^<>]*)>$/s.exec(value);
  if (bracketed) {
    value = bracketed[1].trim();
  }
  const quoted = /^(["'])(.*)\1$/s.exec(value);
  if (quoted) {
    value = quoted[2].trim();
  }
  if (/^mailto:/i.test(value)) {
    // RFC 6068: the address is percent-encoded and may be followed by "?subject=…".
    try {
      value = decodeURIComponent(value.slice('mailto:'.length).replace(/\?.*$/s, ''));
    } catch {
      return undefined;
    }
  }
  value = value.replace(/[.,;]+$/, '');
  return EMAIL.test(value) ? value : undefined;
}

/**
 * The Lucene query (search_engine=v3) for `email` in any case: one quoted term, with the two
 * characters a quoted term gives meaning to (`"` and `\`) escaped, so "*" and "?" stay literal
 * and nothing can close the quote.
 */
export function anyCaseEmailQuery(email: string): string {
  return `email:"${email.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * The users `query` finds (see interpretUserQuery) and the route that found them. An id is
 * GET /api/v2/users/{id} (an unknown id gives no users, not an error); an email is
 * GET /api/v2/users-by-email plus GET /api/v2/users?q=email:"…" at once, exact matches first;
 * anything else is one page (up to 100) of GET /api/v2/users?q=…. Rejects with the
 * ManagementApiError of a failed request.
 */
export async function searchUsers(client: SearchClient, query: string, signal?: AbortSignal): Promise<UserSearchResult> {
  const interpreted = interpretUserQuery(query);
  switch (interpreted.kind) {
    case 'user-id':
      try {
        return { users: [await client.getUser(interpreted.userId, { signal })], route: 'user-id' };
      } catch (error) {
        if (isManagementApiError(error, 'not-found')) {
          return { users: [], route: 'user-id' };
        }
        throw error;
      }
    case 'email': {
      const [exact, anyCase] = await Promise.all([
        client.usersByEmail(interpreted.email, { signal }),
        client.listUsers({ q: anyCaseEmailQuery(interpreted.email), perPage: ANY_CASE_LIMIT, includeTotals: true, signal }),
      ]);
      const exactIds = new Set(exact.map((user) => user.user_id));
      const added = anyCase.users.filter((user) => !exactIds.has(user.user_id));
      return { users: [...exact, ...added], route: exact.length > 0 && added.length === 0 ? 'email-exact' : 'email-any-case' };
    }
    case 'lucene':
      return { users: (await client.listUsers({ q: interpreted.q, perPage: 100, includeTotals: true, signal })).users, route: 'lucene' };
  }
}

/** The users `query` finds: searchUsers without the route. */
export async function findUsers(client: SearchClient, query: string, signal?: AbortSignal): Promise<User[]> {
  return (await searchUsers(client, query, signal)).users;
}

/** A search as a Pager: one page for an id or an email, the listing's paging for Lucene. */
export class UserSearchPager extends Pager<User, number> {
  private readonly found: { route?: UserSearchRoute };

  constructor(client: SearchClient, query: string, perPage: number) {
    const interpreted = interpretUserQuery(query);
    const found: { route?: UserSearchRoute } = { route: interpreted.kind === 'email' ? undefined : interpreted.kind };
    super(
      interpreted.kind === 'lucene'
        ? userPagerOptions(client, { q: interpreted.q, perPage })
        : {
            idOf: (user) => (typeof user.user_id === 'string' ? user.user_id : undefined),
            loadPage: async (_cursor, signal) => {
              const result = await searchUsers(client, query, signal);
              found.route = result.route;
              return { items: result.users };
            },
          },
    );
    this.found = found;
  }

  /** How the users shown were found; undefined for an email until its page has arrived. */
  get route(): UserSearchRoute | undefined {
    return this.found.route;
  }
}

/** The pager for a tenant's search row; `perPage` (1–100) applies to Lucene queries only. */
export function userSearchPager(client: SearchClient, query: string, perPage: number): UserSearchPager {
  return new UserSearchPager(client, query, perPage);
}

/** A few words for the search row: "email in any case". */
export function describeUserSearchRoute(route: UserSearchRoute): string {
  switch (route) {
    case 'user-id':
      return 'user id';
    case 'email-exact':
      return 'exact email';
    case 'email-any-case':
      return 'email in any case';
    case 'lucene':
      return 'Lucene search';
  }
}
