// Which users a hunt visits: those a Lucene query finds (GET /api/v2/users?q=, which Auth0 caps
// at 1,000 results), every user of the tenant (a users-export job, injected: it runs past the
// cap), or a list a person pasted or opened (one id a line, or Auth0's users export as JSON
// lines). A source is described by a plain JSON descriptor, so a checkpointed hunt can rebuild
// its source after a reload.

import { isManagementApiError } from '../../../auth0/errors';
import type { ManagementClient } from '../../../auth0/managementClient';
import { USER_LISTING_CAP } from '../../../paging/offsetPager';

/** One user to visit; email and name only label the results. */
export interface HuntUser {
  userId: string;
  email?: string;
  name?: string;
}

export type UserSourceDescriptor =
  | { kind: 'query'; query: string }
  | { kind: 'all-users' }
  /** `label` says where the list came from ("pasted list", "users.ndjson"); the ids are kept so the hunt can resume. */
  | { kind: 'list'; label: string; users: HuntUser[] };

export interface UserSource {
  readonly descriptor: UserSourceDescriptor;
  /**
   * The users, in order. Repeats are possible (Auth0's paging can shift while it is read; an
   * export may list a user twice): the hunt skips them. Rejects with a ManagementApiError when
   * the listing fails, or a 'cancelled' one when `signal` aborts.
   */
  users(signal: AbortSignal): AsyncIterable<HuntUser>;
  /** How many users it yields, when known: a list at once, a query after its first page. */
  readonly total: number | undefined;
  /** Once iteration has ended: a sentence when the source stopped before every user it matches (the cap). */
  readonly truncated: string | undefined;
}

/** "users matching email:*@acme.com", "all users of the tenant", "12 users from users.ndjson". Plain text: escape it where shown. */
export function describeUserSource(descriptor: UserSourceDescriptor): string {
  switch (descriptor.kind) {
    case 'query':
      return `users matching ${descriptor.query}`;
    case 'all-users':
      return 'all users of the tenant';
    case 'list':
      return `${descriptor.users.length} ${descriptor.users.length === 1 ? 'user' : 'users'} from ${descriptor.label}`;
  }
}

function userFrom(value: Record<string, unknown>): HuntUser | undefined {
  const userId = value.user_id;
  if (typeof userId !== 'string' || userId.trim() === '') {
    return undefined;
  }
  const user: HuntUser = { userId };
  if (typeof value.email === 'string' && value.email !== '') {
    user.email = value.email;
  }
  if (typeof value.name === 'string' && value.name !== '') {
    user.name = value.name;
  }
  return user;
}

const QUERY_PAGE_SIZE = 100;

/**
 * The users a Lucene query finds: `GET /api/v2/users?q=&search_engine=v3` (scope read:users),
 * 100 a page, with totals. Auth0 pages through the first 1,000 results only (FACTS.md): the
 * source stops there and sets `truncated`, saying how many matched and what to do instead.
 */
export function queryUserSource(client: Pick<ManagementClient, 'listUsers'>, query: string): UserSource {
  const q = query.trim();
  let total: number | undefined;
  let truncated: string | undefined;
  const capMessage = (matched: number | undefined) =>
    `${matched === undefined ? 'The query matches more than' : `The query matches ${matched.toLocaleString('en-US')} users;`} ` +
    `Auth0 lists only the first ${USER_LISTING_CAP.toLocaleString('en-US')}${matched === undefined ? ' users' : ''}, ` +
    'so only those were hunted. Narrow the query, or hunt across all users (a users export).';
  return {
    descriptor: { kind: 'query', query: q },
    get total() {
      return total;
    },
    get truncated() {
      return truncated;
    },
    async *users(signal: AbortSignal) {
      for (let page = 0; (page + 1) * QUERY_PAGE_SIZE <= USER_LISTING_CAP; page++) {
        let result;
        try {
          result = await client.listUsers({ q, page, perPage: QUERY_PAGE_SIZE, includeTotals: true, signal });
        } catch (error) {
          if (isManagementApiError(error, 'invalid-paging')) {
            truncated = capMessage(total);
            return;
          }
          throw error;
        }
        if (result.total !== undefined) {
          total = Math.min(result.total, USER_LISTING_CAP);
          if (result.total > USER_LISTING_CAP) {
            truncated = capMessage(result.total);
          }
        }
        for (const raw of result.users) {
          const user = userFrom(raw as Record<string, unknown>);
          if (user) {
            yield user;
          }
        }
        const seen = (page + 1) * QUERY_PAGE_SIZE;
        if (result.users.length < QUERY_PAGE_SIZE || (result.total !== undefined && seen >= result.total)) {
          return;
        }
      }
    },
  };
}

/**
 * Every user of the tenant, from an injected users-export job (`POST /api/v2/jobs/users-exports`,
 * then the file at the job's `location`): the only way past the 1,000-result cap. `exportUsers`
 * yields user ids or users; `total`, when the exporter learns it, is read through `totalOf`.
 */
export function allUsersSource(
  exportUsers: (signal: AbortSignal) => AsyncIterable<string | HuntUser>,
  totalOf: () => number | undefined = () => undefined,
): UserSource {
  return {
    descriptor: { kind: 'all-users' },
    get total() {
      return totalOf();
    },
    truncated: undefined,
    async *users(signal: AbortSignal) {
      for await (const entry of exportUsers(signal)) {
        const user = typeof entry === 'string' ? { userId: entry } : entry;
        if (typeof user.userId === 'string' && user.userId !== '') {
          yield user;
        }
      }
    },
  };
}

/** The users of a parsed list; `label` says where it came from. */
export function listUserSource(users: readonly HuntUser[], label: string): UserSource {
  const copy = users.map((user) => ({ ...user }));
  return {
    descriptor: { kind: 'list', label, users: copy },
    total: copy.length,
    truncated: undefined,
    async *users(signal: AbortSignal) {
      for (const user of copy) {
        if (signal.aborted) {
          return;
        }
        yield user;
      }
    },
  };
}

export interface ListProblem {
  /** 1-based. */
  line: number;
  message: string;
}

export interface ParsedUserList {
  users: HuntUser[];
  /** Lines that named a user already listed (dropped; the first one counts). */
  duplicates: number;
  /** Lines that are neither an id, a comment nor a user object. */
  problems: ListProblem[];
}

/** Ids longer than this are paste accidents (Auth0's own are far shorter). */
const MAX_USER_ID = 1024;

function idProblem(id: string): string | undefined {
  if (id.length > MAX_USER_ID) {
    return `the id is longer than ${MAX_USER_ID} characters`;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(id)) {
    return 'the id holds control characters';
  }
  return undefined;
}

/**
 * Reads a pasted list or a file: one user id a line, or Auth0's users export as JSON lines
 * (each line an object with `user_id`; `email` and `name` are kept as labels), or a JSON array
 * of either. Blank lines and lines starting with "#" are skipped, a first line "user_id" (a CSV
 * header) too; duplicates are dropped and counted; anything unreadable is reported by line.
 */
export function parseUserList(text: string): ParsedUserList {
  const result: ParsedUserList = { users: [], duplicates: 0, problems: [] };
  const seen = new Set<string>();
  const add = (user: HuntUser, line: number) => {
    const problem = idProblem(user.userId);
    if (problem) {
      result.problems.push({ line, message: problem });
    } else if (seen.has(user.userId)) {
      result.duplicates++;
    } else {
      seen.add(user.userId);
      result.users.push(user);
    }
  };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      result.problems.push({ line: 1, message: 'the text starts like a JSON array but is not valid JSON' });
      return result;
    }
    if (!Array.isArray(parsed)) {
      result.problems.push({ line: 1, message: 'not a JSON array' });
      return result;
    }
    parsed.forEach((entry: unknown, index) => {
      const user = typeof entry === 'string' && entry.trim() !== '' ? { userId: entry.trim() } :
        entry !== null && typeof entry === 'object' ? userFrom(entry as Record<string, unknown>) : undefined;
      if (user) {
        add(user, index + 1);
      } else {
        result.problems.push({ line: index + 1, message: `entry ${index + 1} has no user_id` });
      }
    });
    return result;
  }
  const lines = body.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const number = index + 1;
    if (line === '' || line.startsWith('#')) {
      return;
    }
    if (result.users.length === 0 && /^"?user_id"?$/i.test(line)) {
      return;
    }
    if (line.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        result.problems.push({ line: number, message: 'not valid JSON' });
        return;
      }
      const user = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? userFrom(parsed as Record<string, unknown>) : undefined;
      if (user) {
        add(user, number);
      } else {
        result.problems.push({ line: number, message: 'the object has no user_id' });
      }
      return;
    }
    add({ userId: line }, number);
  });
  return result;
}

export interface UserSourceDependencies {
  client: Pick<ManagementClient, 'listUsers'>;
  /** For 'all-users': starts a new users-export job (the old one's file link has expired). */
  exportUsers?: (signal: AbortSignal) => AsyncIterable<string | HuntUser>;
}

/** Rebuilds a source from its descriptor (a resumed hunt). Throws when 'all-users' has no exporter. */
export function userSourceFromDescriptor(descriptor: UserSourceDescriptor, dependencies: UserSourceDependencies): UserSource {
  switch (descriptor.kind) {
    case 'query':
      return queryUserSource(dependencies.client, descriptor.query);
    case 'list':
      return listUserSource(descriptor.users, descriptor.label);
    case 'all-users':
      if (!dependencies.exportUsers) {
        throw new Error('Hunting across all users needs a users export, and none was given.');
      }
      return allUsersSource(dependencies.exportUsers);
  }
}
