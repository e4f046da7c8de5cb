// The tokens feature's one way to what it loads on first use: esbuild builds tokens.lazy.ts as
// dist/tokens.lazy.js (it finds every *.lazy.ts itself), beside the bundle that requires it; under
// tsc the same require finds out/src/features/tokens/tokens.lazy.js beside this file.
import type * as Flows from './tokens.lazy';

let loaded: typeof Flows | undefined;

/** The Quick Pick, export, metadata and open-by-id flows and the details renderers (see tokens.lazy.ts). */
export function lazy(): typeof Flows {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./tokens.lazy.js') as typeof Flows;
  return loaded;
}
