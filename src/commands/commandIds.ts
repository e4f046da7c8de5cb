// Command ids, as contributed in package.json.
const id = (name: string) => `auth0TokenInspector.${name}`;

export const COMMANDS = {
  connectTenant: id('connectTenant'),
  setManagementToken: id('setManagementToken'),
  useClientCredentials: id('useClientCredentials'),
  signOut: id('signOut'),
  removeTenant: id('removeTenant'),
  refresh: id('refresh'),
  searchUsers: id('searchUsers'),
  clearSearch: id('clearSearch'),
  loadMore: id('loadMore'),
  listRefreshTokens: id('listRefreshTokens'),
  showTokenDetails: id('showTokenDetails'),
  copyTokenJson: id('copyTokenJson'),
  copyTokenId: id('copyTokenId'),
  copyUserId: id('copyUserId'),
  revokeToken: id('revokeToken'),
  revokeAllTokens: id('revokeAllTokens'),
  exportTokens: id('exportTokens'),
  showLog: id('showLog'),
} as const;
