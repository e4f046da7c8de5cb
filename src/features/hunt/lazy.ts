// Loads the hunt and incident-response flows on first use. esbuild builds huntFlows.ts as its own
// file, dist/huntFlows.js, beside the bundle that requires it; under tsc the same require finds
// out/src/commands/huntFlows.js.
import type * as HuntFlows from './hunt.lazy';

let loaded: typeof HuntFlows | undefined;

/** The hunt, its results panel, Revoke Selected and Contain User (see huntFlows.ts). */
export function huntFlows(): typeof HuntFlows {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./hunt.lazy.js') as typeof HuntFlows;
  return loaded;
}
