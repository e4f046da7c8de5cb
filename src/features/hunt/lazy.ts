// The hunt's one way to what it loads on first use: esbuild builds hunt.lazy.ts as
// dist/hunt.lazy.js (it finds every *.lazy.ts itself), beside the bundle that requires it; under
// tsc the same require finds out/src/features/hunt/hunt.lazy.js beside this file.
import type * as Flows from './hunt.lazy';

let loaded: typeof Flows | undefined;

/** The hunt controller: its form, progress, checkpoint and results panel (see hunt.lazy.ts). */
export function lazy(): typeof Flows {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./hunt.lazy.js') as typeof Flows;
  return loaded;
}
