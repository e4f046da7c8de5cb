// The tokens feature's public types: the details panels (the hunt opens a match in them), the token
// commands and the "List Refresh Tokens" Quick Pick, as the extension's wiring and tests know them. Types only.
export type { DetailsPanels } from './details/detailsPanels';
export type { ListRefreshTokensCommand } from './listRefreshTokens';
export type { TokenCommands } from './tokenCommands';
