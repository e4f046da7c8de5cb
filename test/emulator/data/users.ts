// The tenant's users: a few hundred across the usual kinds of connection, with user ids that
// contain '|', '/', '@' and '+' as real ones do, plus users whose ids carry every character a
// client might forget to percent-encode. Each user has a planned number of refresh tokens.
import type { User, UserIdentity } from '../../../src/auth0/types';
import { Rng, shapeRoll } from '../prng';
import { SCENARIO_NAMES, scenarioUser, type ScenarioName } from './scenarios';

export type UserRole = 'none' | 'one' | 'seven' | 'many' | 'huge' | 'fanOut' | 'special' | 'filler' | 'scenario';

export interface SeededUser {
  user: User;
  role: UserRole;
  plannedTokenCount: number;
  /** For role 'scenario': which story its tokens tell (see scenarios.ts). */
  scenario?: ScenarioName;
}

export const PLANNED_TOKENS: Record<Exclude<UserRole, 'filler' | 'scenario'>, number> = {
  none: 0,
  one: 1,
  seven: 7,
  many: 250,
  huge: 5000,
  fanOut: 7,
  special: 2,
};

export const FAN_OUT_USER_COUNT = 42;

/** Ids a client must encode as one path segment; the comment says what each one tests. */
export const SPECIAL_USER_IDS: readonly string[] = [
  'auth0|what?x=1&y=2', // '?' would start a query string
  'oidc|issuer#fragment', // '#' would start a fragment
  'auth0|100%-sure%20literal', // a bare '%' and a literal "%20" that must not be decoded twice
  'auth0|%2F-encoded-looking', // looks encoded already
  'samlp|acme/corp|../../admin', // '..' segments that a URL parser would resolve
  'auth0|john smith', // space
  'auth0|josé.müller@bücher.example', // non-ASCII and '@'
  'auth0|日本語ユーザー', // non-Latin script
  'sms|+15550100', // '+' (form-decoding would turn it into a space)
  'google-oauth2|jane+alias@gmail.example', // '+' and '@'
  'auth0|semi;colon,comma=equals', // sub-delims
  'auth0|a/b/c', // several slashes
];

const FIRST_NAMES = [
  'Jane', 'John', 'Amelia', 'Oliver', 'Sofia', 'Liam', 'Mia', 'Noah', 'Chloé', 'Zoë', 'Łukasz', 'José', 'Ana', 'Björn',
  'Priya', 'Arjun', 'Mei', 'Hiroshi', 'Fatima', 'Omar', 'Ngozi', 'Kwame', 'Siobhán', 'Dmitri', 'Ingrid', 'Mateo',
];
const LAST_NAMES = [
  'Doe', 'Smith', 'García', 'Müller', 'Nowak', 'Rossi', 'Dubois', 'Kowalski', 'Tanaka', 'Chen', 'Okafor', 'Haddad',
  "O'Brien", 'Nguyen', 'Johansson', 'Patel', 'Silva', 'Kim', 'Ivanova', 'Andersen', 'Mensah', 'Fischer',
];

type ConnectionKind = 'auth0' | 'google' | 'samlp' | 'email' | 'sms' | 'waad' | 'github';

interface Person {
  given: string;
  family: string;
  emailLocal: string;
}

const CONNECTION_WEIGHTS: readonly (readonly [ConnectionKind, number])[] = [
  ['auth0', 40],
  ['google', 20],
  ['samlp', 12],
  ['email', 8],
  ['sms', 4],
  ['waad', 10],
  ['github', 6],
];

/** Ascii-only, lower-case local part for an email address made from a name. */
function emailLocalOf(given: string, family: string, rng: Rng): string {
  const ascii = (s: string) =>
    s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/Ł/g, 'L').replace(/ł/g, 'l').toLowerCase().replace(/[^a-z]/g, '');
  return `${ascii(given) || 'user'}.${ascii(family) || 'user'}${rng.chance(0.5) ? rng.int(1, 99) : ''}`;
}

function identityFor(kind: ConnectionKind, rng: Rng, person: Person): { userId: string; identity: UserIdentity; email?: string } {
  switch (kind) {
    case 'auth0': {
      const id = rng.hex(24);
      return { userId: `auth0|${id}`, identity: { connection: 'Username-Password-Authentication', provider: 'auth0', user_id: id, isSocial: false } };
    }
    case 'google': {
      const id = rng.digits(21);
      return { userId: `google-oauth2|${id}`, identity: { connection: 'google-oauth2', provider: 'google-oauth2', user_id: id, isSocial: true }, email: `${person.emailLocal}@gmail.example` };
    }
    case 'samlp': {
      // SAML ids are whatever the IdP sends; Acme's contain the realm with a slash.
      const id = `acme/corp|${person.emailLocal}@acme.example`;
      return { userId: `samlp|${id}`, identity: { connection: 'acme-corp-saml', provider: 'samlp', user_id: id, isSocial: false }, email: `${person.emailLocal}@acme.example` };
    }
    case 'email': {
      const id = rng.hex(24);
      return { userId: `email|${id}`, identity: { connection: 'email', provider: 'email', user_id: id, isSocial: false } };
    }
    case 'sms': {
      const id = `+1555${rng.digits(7)}`;
      return { userId: `sms|${id}`, identity: { connection: 'sms', provider: 'sms', user_id: id, isSocial: false } };
    }
    case 'waad': {
      const id = rng.string(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
      return { userId: `waad|${id}`, identity: { connection: 'acme-azure-ad', provider: 'waad', user_id: id, isSocial: false }, email: `${person.emailLocal}@acme-corp.example` };
    }
    case 'github': {
      // GitHub identities carry a numeric user_id (the schema allows string or integer).
      const numeric = Number(rng.digits(8));
      return { userId: `github|${numeric}`, identity: { connection: 'github', provider: 'github', user_id: numeric as unknown as string, isSocial: true } };
    }
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const DAY_MS = 86_400_000;

function buildUser(rng: Rng, index: number, total: number, now: number, kind: ConnectionKind, fixedId?: string): User {
  const given = rng.pick(FIRST_NAMES);
  const family = rng.pick(LAST_NAMES);
  const person: Person = { given, family, emailLocal: emailLocalOf(given, family, rng) };
  const { userId, identity, email } = identityFor(kind, rng, person);
  const createdAt = now - 1500 * DAY_MS + Math.floor(((index + rng.float()) / total) * 1480 * DAY_MS);
  const lastLogin = createdAt + Math.floor(rng.float() * (now - createdAt));
  const id = fixedId ?? userId;
  const identityOfId = fixedId === undefined ? identity : { ...identity, user_id: fixedId.slice(fixedId.indexOf('|') + 1) };
  const user: User = {
    created_at: iso(createdAt),
    email: email ?? `${person.emailLocal}@example.com`,
    email_verified: rng.chance(0.85),
    family_name: family,
    given_name: given,
    identities: [identityOfId],
    name: `${given} ${family}`,
    nickname: person.emailLocal.split('.')[0],
    picture: `https://s.gravatar.example/avatar/${rng.hex(32)}?s=480&r=pg`,
    updated_at: iso(lastLogin),
    user_id: id,
    last_ip: rng.chance(0.8) ? `203.0.113.${rng.int(1, 254)}` : `2001:db8::${rng.hex(4)}`,
    last_login: iso(lastLogin),
    logins_count: rng.int(1, 400),
  };
  if (rng.chance(0.3)) {
    user.app_metadata = { plan: rng.pick(['free', 'pro', 'enterprise']), tenant_roles: ['member'] };
  }
  if (rng.chance(0.2)) {
    user.user_metadata = { locale: rng.pick(['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'pt-BR']) };
  }
  if (rng.chance(0.03)) {
    user.blocked = true;
  }
  return user;
}

/** Users without a refresh token who never logged in (created by API or import): this share of them. */
const NEVER_LOGGED_IN_SHARE = 0.4;

/**
 * A real tenant sends no `last_login` and no `logins_count` for a user who never logged in
 * (recorded). Decided from the user id (prng.ts `shapeRoll`), not the PRNG stream, so every other
 * seeded value stays; only users without refresh tokens, since issuing one is a login.
 */
function neverLoggedIn(user: User, plannedTokenCount: number): void {
  if (plannedTokenCount === 0 && shapeRoll(user.user_id, 'never-logged-in') < NEVER_LOGGED_IN_SHARE) {
    delete user.last_login;
    delete user.logins_count;
    delete user.last_ip;
    user.updated_at = user.created_at;
  }
}

/** Database users with a username: this share of them (the recorded tenant's connection requires one). */
const USERNAME_SHARE = 0.5;

/**
 * A username for some database users, as a database connection with "Requires Username" keeps one
 * beside the email (recorded: every user of the recorded tenant has one). Decided from the user id,
 * like neverLoggedIn, so every other seeded value stays.
 */
function databaseUsername(user: User): void {
  const identity = user.identities?.[0];
  if (identity?.provider === 'auth0' && shapeRoll(user.user_id, 'username') < USERNAME_SHARE) {
    user.username = (user.nickname ?? 'user').replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 15) + `-${Math.floor(shapeRoll(user.user_id, 'username-suffix') * 1000)}`;
  }
}

function fillerTokenCount(rng: Rng): number {
  return rng.weighted([
    [0, 35],
    [1, 35],
    [2, 20],
    [3, 10],
  ]);
}

export interface SeededUsers {
  users: SeededUser[];
  named: { none: string; one: string; seven: string; many: string; huge: string };
  fanOutUsers: string[];
  specialUsers: string[];
  scenarios: Record<ScenarioName, string>;
}

export function seedUsers(seed: number, userCount: number, now: number, extraSpecialIds: readonly string[] = [], manyTokens?: number): SeededUsers {
  const rng = Rng.for(seed, 'users');
  const specialIds = [...SPECIAL_USER_IDS, ...extraSpecialIds];
  const roles: Exclude<UserRole, 'scenario'>[] = ['none', 'one', 'seven', 'many', 'huge'];
  for (let i = 0; i < FAN_OUT_USER_COUNT; i++) {
    roles.push('fanOut');
  }
  specialIds.forEach(() => roles.push('special'));
  while (roles.length < userCount) {
    roles.push('filler');
  }
  // Spread the interesting users through the listing instead of bunching them on page 0.
  for (let i = roles.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [roles[i], roles[j]] = [roles[j], roles[i]];
  }

  const users: SeededUser[] = [];
  const named: Partial<SeededUsers['named']> = {};
  const fanOutUsers: string[] = [];
  const specialUsers: string[] = [];
  const seenIds = new Set<string>();
  let specialIndex = 0;
  roles.forEach((role, index) => {
    let fixedId: string | undefined;
    let kind = rng.weighted(CONNECTION_WEIGHTS);
    if (role === 'special') {
      fixedId = specialIds[specialIndex++];
      kind = connectionKindOf(fixedId);
    } else if (role === 'seven') {
      // The example from FACTS.md: one user id with '|' and '/' that must stay one segment.
      fixedId = 'samlp|acme/corp|jane';
      kind = 'samlp';
    }
    let user = buildUser(rng, index, roles.length, now, kind, fixedId);
    while (seenIds.has(user.user_id)) {
      user = buildUser(rng, index, roles.length, now, kind, fixedId);
    }
    seenIds.add(user.user_id);
    const plannedTokenCount = role === 'filler' ? fillerTokenCount(rng) : role === 'many' && manyTokens !== undefined ? manyTokens : PLANNED_TOKENS[role];
    neverLoggedIn(user, plannedTokenCount);
    databaseUsername(user);
    users.push({ user, role, plannedTokenCount });
    if (role === 'fanOut') {
      fanOutUsers.push(user.user_id);
    } else if (role === 'special') {
      specialUsers.push(user.user_id);
    } else if (role !== 'filler') {
      named[role] = user.user_id;
    }
  });
  const scenarios = placeScenarioUsers(seed, now, users, seenIds);
  makeEmailsDifferOnlyInCase(users);
  return { users, named: named as SeededUsers['named'], fanOutUsers, specialUsers, scenarios };
}

/**
 * The scenario users take the places of the last fillers in the listing, after every other user
 * was generated from the same PRNG sequence as before: every other user keeps its data and the
 * tenant keeps its user count. A tenant too small to have enough fillers gets them appended.
 */
function placeScenarioUsers(seed: number, now: number, users: SeededUser[], seenIds: Set<string>): Record<ScenarioName, string> {
  const rng = Rng.for(seed, 'scenario-users');
  const fillerSlots = users.flatMap((seeded, index) => (seeded.role === 'filler' ? [index] : [])).slice(-SCENARIO_NAMES.length);
  const scenarios: Partial<Record<ScenarioName, string>> = {};
  SCENARIO_NAMES.forEach((scenario, i) => {
    let user = scenarioUser(scenario, rng, now);
    while (seenIds.has(user.user_id)) {
      user = scenarioUser(scenario, rng, now);
    }
    seenIds.add(user.user_id);
    const seeded: SeededUser = { user, role: 'scenario', plannedTokenCount: 0, scenario };
    const slot = fillerSlots[i];
    if (slot === undefined) {
      users.push(seeded);
    } else {
      users[slot] = seeded;
    }
    scenarios[scenario] = user.user_id;
  });
  return scenarios as Record<ScenarioName, string>;
}

function connectionKindOf(userId: string): ConnectionKind {
  const provider = userId.slice(0, userId.indexOf('|'));
  const byProvider: Record<string, ConnectionKind> = { 'google-oauth2': 'google', samlp: 'samlp', sms: 'sms', email: 'email', waad: 'waad', github: 'github' };
  return byProvider[provider] ?? 'auth0';
}

/**
 * users-by-email is case-sensitive on Auth0: two fillers get addresses that differ only in case,
 * so a client that lower-cases the address finds the wrong user. The mixed-case one signs in
 * through an enterprise (SAML) connection, the kind that keeps the case its identity provider
 * sent (database connections store emails lower-cased, FACTS.md "Users"): an administrator who
 * types "jane.doe@example.com" expects to find it too (issue #10).
 */
function makeEmailsDifferOnlyInCase(users: SeededUser[]): void {
  const fillers = users.filter((u) => u.role === 'filler');
  if (fillers.length >= 2) {
    fillers[0].user.email = 'jane.doe@example.com';
    const enterprise = fillers[1].user;
    const idpUserId = 'acme/corp|Jane.Doe@Example.com';
    Object.assign(enterprise, {
      user_id: `samlp|${idpUserId}`,
      identities: [{ connection: 'acme-corp-saml', provider: 'samlp', user_id: idpUserId, isSocial: false }],
      email: 'Jane.Doe@Example.com',
      given_name: 'Jane',
      family_name: 'Doe',
      name: 'Jane Doe',
      nickname: 'Jane.Doe',
    } satisfies Partial<User>);
  }
}
