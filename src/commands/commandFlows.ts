// The command flows loaded on first use, as one bundle (dist/commandFlows.js): the "List Refresh
// Tokens" Quick Pick, export, metadata editing and "Open Refresh Token by ID…". Activation only
// registers the commands (see commandFlowsLoader.ts).
export { ListRefreshTokensCommand } from './listRefreshTokens';
export { openTokenById } from './openTokenById';
export { editTokenMetadata, exportTokens } from './tokenExport';
