// What the tokens feature loads on first use, as one bundle (dist/tokens.lazy.js): the "List Refresh
// Tokens" Quick Pick, export, metadata editing, "Open Refresh Token by ID…" and the details
// panel with its renderers. Activation only registers the commands and the panels (see register.ts and lazy.ts).
export { DetailsPanel } from './details/detailsPanel';
export { ListRefreshTokensCommand } from './listRefreshTokens';
export { openTokenById } from './openTokenById';
export { editTokenMetadata, exportTokens } from './tokenExport';
