// Loads the command flows on first use. esbuild builds commandFlows.ts as its own file,
// dist/commandFlows.js, beside the bundle that requires it; under tsc the same require finds
// out/src/commands/commandFlows.js.
import type * as CommandFlows from './tokens.lazy';

let loaded: typeof CommandFlows | undefined;

/** The Quick Pick, export, metadata and open-by-id flows (see commandFlows.ts). */
export function commandFlows(): typeof CommandFlows {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./tokens.lazy.js') as typeof CommandFlows;
  return loaded;
}
