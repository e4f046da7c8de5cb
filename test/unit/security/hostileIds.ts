// Ids that must each reach Auth0 as exactly one path segment; shared by the unit and integration
// security suites.

/** Refresh-token ids with every character that could end, split or climb out of a segment. */
export const HOSTILE_TOKEN_IDS: readonly string[] = [
  'rt/../../users/auth0|1',
  'rt?take=1&from=x#frag',
  'rt%2F%25%20literal',
  'rt ü 日本語 | pipe',
  '../rt',
  'rt/..',
  'rt\\..\\back',
  'rt;param=1',
];
