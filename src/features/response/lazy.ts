// The response feature's one way to what it loads on first use: esbuild builds response.lazy.ts as
// dist/response.lazy.js (it finds every *.lazy.ts itself), beside the bundle that requires it;
// under tsc the same require finds out/src/features/response/response.lazy.js beside this file.
import type * as Flows from './response.lazy';

let loaded: typeof Flows | undefined;

/** Contain User and Revoke Selected (see response.lazy.ts). */
export function lazy(): typeof Flows {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./response.lazy.js') as typeof Flows;
  return loaded;
}
