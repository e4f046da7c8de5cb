// Loads the findings analysis on first use. esbuild builds findingsAnalysis.ts as its own file,
// dist/findingsAnalysis.js, beside the bundle that requires it; under tsc the same require finds
// out/src/findings/findingsAnalysis.js.
import type * as FindingsAnalysis from './findingsAnalysis.lazy';

let loaded: typeof FindingsAnalysis | undefined;

/** analyzeToken, analyzeUserTokens and the summaries (see analyzeToken.ts and finding.ts). */
export function findingsAnalysis(): typeof FindingsAnalysis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./findingsAnalysis.lazy.js') as typeof FindingsAnalysis;
  return loaded;
}
