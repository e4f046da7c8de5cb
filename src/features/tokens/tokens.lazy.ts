// The command flows loaded on first use, as one bundle (dist/commandFlows.js): the "List Refresh
// Tokens" Quick Pick, export, metadata editing, "Open Refresh Token by ID…" and the prompts of
// connecting a tenant. Activation only registers the commands (see commandFlowsLoader.ts).
export { askClientCredentials, askNewTenant, askToken, domainProblem, warnAboutToken } from '../connect/credentialPrompts';
export { ListRefreshTokensCommand } from './listRefreshTokens';
export { openTokenById } from './openTokenById';
export { editTokenMetadata, exportTokens } from './tokenExport';
