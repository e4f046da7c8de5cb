// The findings analysis as one lazily loaded bundle (dist/findingsAnalysis.js): needed once a
// user's tokens are shown, never at activation (see findingsLoader.ts).
export { analyzeToken, analyzeUserTokens } from './analyzeToken';
export { mostSevereFinding, summarizeUserFindings, isFlagging } from './finding';
