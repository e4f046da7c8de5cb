// The connect feature's one way to what it loads on first use: esbuild builds connect.lazy.ts as
// dist/connect.lazy.js (it finds every *.lazy.ts itself), beside the bundle that requires it; under
// tsc the same require finds out/src/features/connect/connect.lazy.js beside this file. Activation
// carries only the commands' registration.
import type * as ConnectFlows from './connect.lazy';

let loaded: typeof ConnectFlows | undefined;

/** Connecting a tenant, setting its credentials, signing out and removing it (see connect.lazy.ts). */
export function lazy(): typeof ConnectFlows {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./connect.lazy.js') as typeof ConnectFlows;
  return loaded;
}
