// GET /users, GET /users/{id}, GET /users-by-email.
import type { User } from '../../../src/auth0/types';
import { errors, type EmulatorResponse } from '../errors';
import { parseUserQuery, QuerySyntaxError, type UserPredicate } from '../lucene';
import { booleanParam, integerParam, projectFields } from '../queryParams';
import type { ApiCall, HandlerContext } from './context';

/** Auth0 lets a listing or search page through its first 1,000 results only. */
const PAGING_WINDOW = 1000;

export function listUsers({ query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const page = integerParam(query, 'page', { min: 0, defaultValue: 0 });
  if (!page.ok) {
    return page.response;
  }
  const perPage = integerParam(query, 'per_page', { min: 0, max: 100, defaultValue: 50 });
  if (!perPage.ok) {
    return perPage.response;
  }
  const includeTotals = booleanParam(query, 'include_totals', false);
  if (!includeTotals.ok) {
    return includeTotals.response;
  }
  const engine = query.search_engine;
  if (engine === 'v1') {
    return errors.badRequest('You are not allowed to use search_engine=v1.');
  }
  if (engine === 'v2') {
    return errors.badRequest('You are not allowed to use search_engine=v2. Use search_engine=v3 instead.');
  }
  if (engine !== undefined && engine !== 'v3') {
    return errors.queryValidation('search_engine', `No enum match for: ${engine}`);
  }
  if ((page.value + 1) * perPage.value > PAGING_WINDOW) {
    return errors.invalidPaging();
  }

  let predicate: UserPredicate = () => true;
  if (query.q !== undefined && query.q.trim() !== '') {
    try {
      predicate = parseUserQuery(query.q);
    } catch (error) {
      if (error instanceof QuerySyntaxError) {
        return errors.badRequest(`Invalid query: ${error.message}`);
      }
      throw error;
    }
  }
  let users = ctx.store.users.map((seeded) => seeded.user).filter((user) => predicate(user));
  if (query.sort !== undefined && query.sort !== '') {
    const match = /^([A-Za-z_][A-Za-z0-9_.]*):(1|-1)$/.exec(query.sort);
    if (!match) {
      return errors.queryValidation('sort', `String does not match pattern ^(([a-zA-Z0-9_\\.]+))\\:(1|-1)$: ${query.sort}`);
    }
    users = sortUsers(users, match[1], Number(match[2]));
  }
  const start = page.value * perPage.value;
  const pageUsers: Partial<User>[] = [];
  for (const user of users.slice(start, start + perPage.value)) {
    const projected = projectFields(user, query);
    if (!projected.ok) {
      return projected.response;
    }
    pageUsers.push(projected.value);
  }
  if (!includeTotals.value) {
    return { status: 200, json: pageUsers };
  }
  // `total` is the real number of matches, even though only the first 1,000 can be paged to.
  return { status: 200, json: { start, limit: perPage.value, length: pageUsers.length, total: users.length, users: pageUsers } };
}

function sortUsers(users: User[], field: string, direction: number): User[] {
  const valueOf = (user: User): unknown => user[field];
  return users
    .map((user, index) => ({ user, index }))
    .sort((a, b) => {
      const left = valueOf(a.user);
      const right = valueOf(b.user);
      // Users without the field sort last in either direction.
      if (left === undefined || right === undefined) {
        return left === right ? a.index - b.index : left === undefined ? 1 : -1;
      }
      const order = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
      return order === 0 ? a.index - b.index : order * direction;
    })
    .map(({ user }) => user);
}

export function getUser({ params, query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const user = ctx.store.findUser(params.id);
  if (user === undefined) {
    return errors.theUserDoesNotExist();
  }
  const projected = projectFields(user, query);
  return projected.ok ? { status: 200, json: projected.value } : projected.response;
}

/** Exact, case-sensitive comparison, as Auth0 documents for this endpoint. */
export function usersByEmail({ query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const email = query.email;
  if (email === undefined || email === '') {
    return errors.queryValidation('email', 'Missing required property: email');
  }
  const found: Partial<User>[] = [];
  for (const { user } of ctx.store.users) {
    if (user.email === email) {
      const projected = projectFields(user, query);
      if (!projected.ok) {
        return projected.response;
      }
      found.push(projected.value);
    }
  }
  return { status: 200, json: found };
}

const STRING_FIELDS = ['email', 'given_name', 'family_name', 'name', 'nickname', 'picture', 'username', 'phone_number'] as const;
const BOOLEAN_FIELDS = ['blocked', 'email_verified', 'phone_verified'] as const;
const METADATA_FIELDS = ['user_metadata', 'app_metadata'] as const;

/**
 * PATCH /users/{id}: `{blocked: true}` blocks the user (what incident response needs), and the
 * profile fields and metadata are applied the way Auth0 does: a null string removes the field,
 * metadata is merged at the top level and a null value there removes that key. Fields that
 * change credentials or connections (password, connection, verify_email...) are accepted and ignored.
 */
export function patchUser({ params, body }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return errors.invalidBody(`Expected type object but found type ${body === undefined ? 'undefined' : Array.isArray(body) ? 'array' : typeof body}`);
  }
  const changes = body as Record<string, unknown>;
  const user = ctx.store.findUser(params.id);
  if (user === undefined) {
    return errors.userNotFound();
  }
  const applied: Partial<User> = {};
  const removed: string[] = [];
  for (const field of BOOLEAN_FIELDS) {
    if (field in changes) {
      if (typeof changes[field] !== 'boolean') {
        return errors.invalidBody(`Expected type boolean but found type ${typeof changes[field]}`, field);
      }
      applied[field] = changes[field];
    }
  }
  for (const field of STRING_FIELDS) {
    if (field in changes) {
      const value = changes[field];
      if (value === null) {
        removed.push(field);
      } else if (typeof value !== 'string') {
        return errors.invalidBody(`Expected type string but found type ${typeof value}`, field);
      } else {
        applied[field] = value;
      }
    }
  }
  for (const field of METADATA_FIELDS) {
    if (field in changes) {
      const value = changes[field];
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return errors.invalidBody(`Expected type object but found type ${value === null ? 'null' : typeof value}`, field);
      }
      const merged: Record<string, unknown> = { ...(user[field] ?? {}) };
      for (const [key, entry] of Object.entries(value)) {
        if (entry === null) {
          delete merged[key];
        } else {
          merged[key] = entry;
        }
      }
      applied[field] = merged;
    }
  }
  removed.forEach((field) => delete user[field]);
  return { status: 200, json: ctx.store.updateUser(params.id, applied) };
}
