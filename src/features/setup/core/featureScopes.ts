// Which Management API scopes each feature of this extension needs, from the operations it calls
// (the OAS subset's `oAuth2ClientCredentials` scopes and 403 texts, FACTS.md). Auth0 accepts any
// one scope of an operation's list, so a feature needs one scope of each group; the first of a
// group is the one to add (the narrowest that works).

import type { CredentialKind } from './setupReport';

export type FeatureId = 'browse' | 'revoke' | 'sessions' | 'history' | 'metadata' | 'hunt' | 'contain' | 'application-names';

export interface FeatureScopes {
  id: FeatureId;
  title: string;
  /** "listing users and their refresh tokens (…)": completes "needs … for …"; paths as inline code. */
  what: string;
  /** One scope of each group; the first of a group is the one to add. */
  requires: readonly (readonly string[])[];
  /** 'error' for the features the extension is for (browse), 'warning' for the rest. */
  severity: 'error' | 'warning';
  /** Scopes without which the feature cannot do anything at all: their absence is an error whatever `severity`. */
  errorWithout?: readonly string[];
  /** What the extension does without the feature's scopes. */
  without: string;
  /** Works on refresh tokens: nothing to do on a plan without the refresh-token endpoints. */
  onRefreshTokens: boolean;
  /** Acts from a refresh token's row or details panel: nothing to do while refresh tokens cannot be listed (`read:refresh_tokens`). */
  fromTokenRows?: boolean;
  /**
   * What the extension does without one scope to add (keyed by it) while the others are there,
   * where that differs from `without` (read:sessions alone still shows the Session section).
   */
  withoutScope?: Readonly<Record<string, string>>;
}

export const FEATURES: readonly FeatureScopes[] = [
  {
    id: 'browse',
    onRefreshTokens: true,
    title: 'Browse users and refresh tokens',
    what: 'listing users and their refresh tokens (`GET /users`, `GET /users/{id}/refresh-tokens`)',
    requires: [['read:users'], ['read:refresh_tokens']],
    severity: 'error',
    without: 'the Refresh Tokens view shows an error row instead of users',
    withoutScope: {
      'read:users': 'the Refresh Tokens view shows an error row instead of users',
      'read:refresh_tokens': 'users are listed, but expanding one shows an error row instead of its refresh tokens',
    },
  },
  {
    id: 'revoke',
    onRefreshTokens: true,
    title: 'Revoke refresh tokens',
    what: 'revoking refresh tokens (`DELETE /refresh-tokens/{id}`, `DELETE /users/{id}/refresh-tokens`)',
    requires: [['delete:refresh_tokens']],
    severity: 'warning',
    without: 'Auth0 refuses every revocation with 403',
  },
  {
    id: 'sessions',
    onRefreshTokens: true,
    fromTokenRows: true,
    title: 'Sessions',
    what: "showing a token's session and revoking it (`GET /sessions/{id}`, `POST /sessions/{id}/revoke`)",
    requires: [['read:sessions'], ['delete:sessions'], ['delete:refresh_tokens']],
    severity: 'warning',
    without: "the details panel's Session section names the missing scope instead of the session, and \"Revoke Session and Its Tokens…\" fails with 403",
    withoutScope: {
      'read:sessions': "the details panel's Session section names the missing scope instead of the session",
      'delete:sessions': '"Revoke Session and Its Tokens…" fails with 403',
      'delete:refresh_tokens': '"Revoke Session and Its Tokens…" fails with 403',
    },
  },
  {
    id: 'history',
    onRefreshTokens: true,
    fromTokenRows: true,
    title: 'History (log events)',
    what: "reading a user's log events (`GET /users/{id}/logs`)",
    requires: [['read:logs', 'read:logs_users']],
    severity: 'warning',
    without: "the details panel's History section names the missing scope instead of the token's log events, and the findings that need them (reuse, many devices, many networks) are not made",
  },
  {
    id: 'metadata',
    onRefreshTokens: true,
    fromTokenRows: true,
    title: 'Edit refresh-token metadata',
    what: 'editing `refresh_token_metadata` (`PATCH /refresh-tokens/{id}`)',
    requires: [['update:refresh_tokens']],
    severity: 'warning',
    without: '"Edit Metadata…" fails with 403',
  },
  {
    id: 'hunt',
    onRefreshTokens: true,
    errorWithout: ['read:refresh_tokens'],
    title: 'Hunt across users',
    what: "reading every user's refresh tokens, past the 1,000-user listing through an export job (`POST /jobs/users-exports`)",
    requires: [['read:users'], ['read:refresh_tokens']],
    severity: 'warning',
    without: 'a hunt stops at its first user',
    withoutScope: {
      'read:users': 'a hunt can look only at user ids pasted or read from a file, not pick users by query or export',
      'read:refresh_tokens': 'a hunt stops at its first user',
    },
  },
  {
    id: 'contain',
    onRefreshTokens: true,
    title: 'Contain a user',
    what: 'blocking a user, ending their sessions and revoking their refresh tokens (`PATCH /users/{id}`, `DELETE /users/{id}/sessions`, `DELETE /users/{id}/refresh-tokens`)',
    requires: [['update:users'], ['delete:sessions'], ['delete:refresh_tokens']],
    severity: 'warning',
    without: '"Contain User…" refuses to start rather than stop half done',
    withoutScope: {
      'update:users': '"Contain User…" still revokes the refresh tokens and sessions, but does not offer to block the user',
      'delete:sessions': '"Contain User…" refuses to start rather than stop half done',
      'delete:refresh_tokens': '"Contain User…" refuses to start rather than stop half done',
    },
  },
  {
    id: 'application-names',
    onRefreshTokens: false,
    title: 'Application names',
    what: 'showing applications by name and hunting by name (`GET /clients/{id}`, `GET /clients`)',
    requires: [['read:clients', 'read:client_summary']],
    severity: 'warning',
    without: 'rows and panels show client ids instead of application names, and a hunt accepts client ids only',
  },
];

/** The scopes to add so that `granted` covers `feature`: the first of each group it misses. */
export function scopesToAdd(feature: FeatureScopes, granted: ReadonlySet<string>): string[] {
  return feature.requires.filter((group) => !group.some((scope) => granted.has(scope))).map((group) => group[0]);
}

/**
 * What `feature` does without `missing` (scopes from scopesToAdd): the consequences of those
 * scopes alone, each said once (the whole-feature sentence for a feature without per-scope ones).
 */
export function consequenceOf(feature: FeatureScopes, missing: readonly string[]): string {
  if (!feature.withoutScope) {
    return feature.without;
  }
  // A missing scope whose consequence is the worst ("refuses to start") makes the lesser ones moot.
  const sentences = [...new Set(missing.map((scope) => feature.withoutScope?.[scope] ?? feature.without))];
  const refused = sentences.find((sentence) => /refuses to start/.test(sentence));
  return refused ?? sentences.join('; ');
}

/** Every scope the features need (the first of each group), in the order the features list them. */
export function everyFeatureScope(): string[] {
  return [...new Set(FEATURES.flatMap((feature) => feature.requires.map((group) => group[0])))];
}

/**
 * Where a person grants Management API scopes in the Auth0 Dashboard, and how the extension then
 * gets a token that has them, for the credentials the tenant is connected with.
 */
export function grantScopesAt(kind: CredentialKind): string {
  return kind === 'client-credentials'
    ? 'Auth0 Dashboard > Applications > APIs > Auth0 Management API > Machine To Machine Applications: expand this application, tick the scopes and press Update; then run "Auth0: Use Client Credentials…" again so a new token carries them.'
    : 'Auth0 Dashboard > Applications > APIs > Auth0 Management API > Machine To Machine Applications: expand the application the token comes from (the API Explorer Application for a token from the API Explorer tab), tick the scopes and press Update; then create a new token and run "Auth0: Set Management API Token…".';
}

/** The short form of grantScopesAt, for one feature's fix: "… under …, then …". */
export function grantScopesBriefly(kind: CredentialKind): string {
  return kind === 'client-credentials'
    ? 'to this application under Applications > APIs > Auth0 Management API > Machine To Machine Applications in the Auth0 Dashboard, then run "Auth0: Use Client Credentials…" again'
    : 'to the application the token comes from under Applications > APIs > Auth0 Management API > Machine To Machine Applications in the Auth0 Dashboard, then create a new token and run "Auth0: Set Management API Token…"';
}
