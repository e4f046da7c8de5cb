// A useful subset of the Lucene syntax Auth0's user search (search_engine=v3) accepts:
//   email:"jane@example.com"   exact; case-insensitive on email, name, given_name, family_name
//                              and nickname, case-sensitive on every other field (metadata,
//                              user_id, identities), as FACTS.md "Users" says of v3
//   email:jane*  name:j*e      wildcards anywhere in the value, with the same case rule
//   user_id:"samlp|acme/corp|jane"   identities.connection:"google-oauth2"   logins_count:5
//   jane   "jane doe"          bare words match name, nickname, email or user_id
//   _exists_:app_metadata     a AND b, a OR b, NOT a, -a, (grouping); juxtaposition means OR
// Anything else (ranges, fuzzy, boosts) is refused with a 400, as an unknown syntax would be.

export type UserPredicate = (user: Record<string, unknown>) => boolean;

type Token =
  | { kind: 'and' | 'or' | 'not' | 'open' | 'close' }
  | { kind: 'term'; field?: string; value: string; quoted: boolean };

export class QuerySyntaxError extends Error {}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (): string => {
    let value = '';
    i++; // opening quote
    while (i < q.length && q[i] !== '"') {
      if (q[i] === '\\' && i + 1 < q.length) {
        i++;
      }
      value += q[i++];
    }
    if (i >= q.length) {
      throw new QuerySyntaxError('unterminated quoted string');
    }
    i++; // closing quote
    return value;
  };
  const readWord = (): string => {
    let value = '';
    while (i < q.length && !/[\s()]/.test(q[i])) {
      if (q[i] === '\\' && i + 1 < q.length) {
        i++;
      }
      value += q[i++];
    }
    return value;
  };
  while (i < q.length) {
    const ch = q[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(') {
      tokens.push({ kind: 'open' });
      i++;
    } else if (ch === ')') {
      tokens.push({ kind: 'close' });
      i++;
    } else if (ch === '"') {
      tokens.push({ kind: 'term', value: readQuoted(), quoted: true });
    } else if ((ch === '-' || ch === '!') && i + 1 < q.length && !/\s/.test(q[i + 1])) {
      tokens.push({ kind: 'not' });
      i++;
    } else {
      const fieldMatch = /^([A-Za-z_][A-Za-z0-9_.]*):/.exec(q.slice(i));
      if (fieldMatch) {
        i += fieldMatch[0].length;
        const field = fieldMatch[1];
        if (q[i] === '"') {
          tokens.push({ kind: 'term', field, value: readQuoted(), quoted: true });
        } else {
          const value = readWord();
          if (value === '' || /^[[{]/.test(value)) {
            throw new QuerySyntaxError(`unsupported value for field ${field}`);
          }
          tokens.push({ kind: 'term', field, value, quoted: false });
        }
        continue;
      }
      const word = readWord();
      if (word === 'AND' || word === '&&') {
        tokens.push({ kind: 'and' });
      } else if (word === 'OR' || word === '||') {
        tokens.push({ kind: 'or' });
      } else if (word === 'NOT') {
        tokens.push({ kind: 'not' });
      } else if (/[~^]/.test(word)) {
        throw new QuerySyntaxError(`fuzzy and boost queries are not supported: ${word}`);
      } else {
        tokens.push({ kind: 'term', value: word, quoted: false });
      }
    }
  }
  return tokens;
}

/** The fields Auth0's search v3 compares without regard to case; all others compare exactly. */
const CASE_INSENSITIVE_FIELDS: ReadonlySet<string> = new Set(['email', 'name', 'given_name', 'family_name', 'nickname']);

function globToRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'is' : 's');
}

function valuesAt(user: Record<string, unknown>, path: string): unknown[] {
  let current: unknown[] = [user];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (item !== null && typeof item === 'object' && Object.prototype.hasOwnProperty.call(item, part)) {
          next.push((item as Record<string, unknown>)[part]);
        }
      }
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

function matcherFor(value: string, quoted: boolean, field: string): (candidate: unknown) => boolean {
  const ignoreCase = CASE_INSENSITIVE_FIELDS.has(field);
  if (!quoted && /[*?]/.test(value)) {
    const regex = globToRegExp(value, ignoreCase);
    return (candidate) => candidate !== null && candidate !== undefined && regex.test(String(candidate));
  }
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  const expected = fold(value);
  return (candidate) => candidate !== null && candidate !== undefined && fold(String(candidate)) === expected;
}

const FREE_TEXT_FIELDS = ['name', 'nickname', 'email', 'user_id', 'given_name', 'family_name'];

function termPredicate(token: Extract<Token, { kind: 'term' }>): UserPredicate {
  if (token.field === '_exists_') {
    return (user) => valuesAt(user, token.value).some((value) => value !== null && value !== undefined);
  }
  if (token.field !== undefined) {
    const field = token.field;
    const matches = matcherFor(token.value, token.quoted, field);
    return (user) => valuesAt(user, field).some(matches);
  }
  // A bare word matches a whole field or any word of it (so "jane" finds "Jane Doe").
  const matchers = FREE_TEXT_FIELDS.map((field) => [field, matcherFor(token.value, token.quoted, field)] as const);
  return (user) =>
    matchers.some(([field, matches]) =>
      valuesAt(user, field).some((value) => matches(value) || (typeof value === 'string' && value.split(/[\s@.]+/).some(matches))),
    );
}

export function parseUserQuery(q: string): UserPredicate {
  const tokens = tokenize(q);
  let position = 0;
  const peek = () => tokens[position];

  const parseOr = (): UserPredicate => {
    const alternatives = [parseAnd()];
    while (position < tokens.length && peek().kind !== 'close') {
      if (peek().kind === 'or') {
        position++;
      }
      alternatives.push(parseAnd());
    }
    return alternatives.length === 1 ? alternatives[0] : (user) => alternatives.some((p) => p(user));
  };
  const parseAnd = (): UserPredicate => {
    const all = [parseUnary()];
    while (position < tokens.length && peek().kind === 'and') {
      position++;
      all.push(parseUnary());
    }
    return all.length === 1 ? all[0] : (user) => all.every((p) => p(user));
  };
  const parseUnary = (): UserPredicate => {
    const token = peek();
    if (token === undefined) {
      throw new QuerySyntaxError('unexpected end of query');
    }
    position++;
    if (token.kind === 'not') {
      const inner = parseUnary();
      return (user) => !inner(user);
    }
    if (token.kind === 'open') {
      const inner = parseOr();
      if (peek()?.kind !== 'close') {
        throw new QuerySyntaxError('missing )');
      }
      position++;
      return inner;
    }
    if (token.kind === 'term') {
      return termPredicate(token);
    }
    throw new QuerySyntaxError(`unexpected ${token.kind.toUpperCase()}`);
  };

  if (tokens.length === 0) {
    return () => true;
  }
  const predicate = parseOr();
  if (position < tokens.length) {
    throw new QuerySyntaxError('unbalanced )');
  }
  return predicate;
}
