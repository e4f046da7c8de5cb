// Everything this extension contributes in package.json, by name: command ids, view ids,
// context keys, setting keys, the webview type and the secret-storage key prefix. One module,
// free of `vscode`, that every layer may import; test/unit/contributions.test.ts holds it to
// package.json so a renamed command cannot silently break a menu or a row.

const id = (name: string) => `auth0TokenInspector.${name}`;

export const EXTENSION_PREFIX = 'auth0TokenInspector';

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
  showFlaggedOnly: id('showFlaggedOnly'),
  showAllTokens: id('showAllTokens'),
  openTokenById: id('openTokenById'),
  checkTenantSetup: id('checkTenantSetup'),
  huntRefreshTokens: id('huntRefreshTokens'),
  showHuntResults: id('showHuntResults'),
  containUser: id('containUser'),
  showAuditLog: id('showAuditLog'),
  judgeAllTokens: id('judgeAllTokens'),
  watchTenant: id('watchTenant'),
  showWatchAlerts: id('showWatchAlerts'),
  stopWatching: id('stopWatching'),
  exportWatchAlerts: id('exportWatchAlerts'),
  watchMenu: id('watchMenu'),
} as const;

export const VIEWS = {
  explorer: id('explorer'),
} as const;

/** The webview panel type of a token's details (also an activation event). */
export const DETAILS_VIEW_TYPE = id('tokenDetails');

/** The webview panel type of a tenant's setup report ("Check Tenant Setup…"); not restored after a reload. */
export const SETUP_REPORT_VIEW_TYPE = id('tenantSetup');
/** The webview panel type of a hunt's results. */
export const HUNT_RESULTS_VIEW_TYPE = id('huntResults');

export const CONTEXT_KEYS = {
  hasTenants: id('hasTenants'),
  flaggedOnly: id('flaggedOnly'),
} as const;

/** The section of every setting; keys below are relative to it. */
export const SETTINGS_SECTION = EXTENSION_PREFIX;

export const SETTINGS = {
  tenants: 'tenants',
  tokensPageSize: 'tokensPageSize',
  usersPageSize: 'usersPageSize',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  concurrency: 'concurrency',
  deviceLimit: 'findings.deviceLimit',
  networkLimit: 'findings.networkLimit',
  ipLimit: 'findings.ipLimit',
  longLivedDays: 'findings.longLivedDays',
  dormantDays: 'findings.dormantDays',
  huntRateShare: 'hunt.rateShare',
  watchRateShare: 'watch.rateShare',
} as const;

/** SecretStorage keys are this prefix plus the lower-cased tenant domain. */
export const SECRET_KEY_PREFIX = id('credentials:');

/** globalState key of the recent users of "List Refresh Tokens". */
export const RECENT_USERS_KEY = id('recentUsers');

/** globalState key prefix (plus the lower-cased tenant domain) of whether a tenant has the Early Access refresh-token endpoints. */
export const EARLY_ACCESS_KEY_PREFIX = id('earlyAccess:');

/** Files in the extension's global storage: the hunt checkpoint and the audit log. */
export const STORAGE_FILES = { huntCheckpoint: 'hunt-checkpoint.json', auditLog: 'audit.ndjson' } as const;
