// The explorer's public types: the view's provider and its rows, as other features (the "List
// Refresh Tokens" Quick Pick, "Open Refresh Token by ID…", the token commands) know them. Types only;
// what a row offers to commands is read through src/workbench/nodeTargets.ts.
export type { ExplorerProvider } from './explorerProvider';
export type { ExplorerNode } from './nodes/explorerNode';
