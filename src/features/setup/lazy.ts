// The setup check's one way to what it loads on first use: esbuild builds setup.lazy.ts as
// dist/setup.lazy.js (it finds every *.lazy.ts itself), beside the bundle that requires it; under
// tsc the same require finds out/src/features/setup/setup.lazy.js beside this file. Activation
// carries only the command's registration.
import type * as SetupFlow from './setup.lazy';

let loaded: typeof SetupFlow | undefined;

/** The setup check's flow, the diagnosis and the report's renderers (see setup.lazy.ts). */
export function lazy(): typeof SetupFlow {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./setup.lazy.js') as typeof SetupFlow;
  return loaded;
}
