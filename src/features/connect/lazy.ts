// The connect feature's one way to what it loads on first use: esbuild builds connect.lazy.ts as
// dist/connect.lazy.js (it finds every *.lazy.ts itself), beside the bundle that requires it; under
// tsc the same require finds out/src/features/connect/connect.lazy.js beside this file.
import type * as Prompts from './connect.lazy';

let loaded: typeof Prompts | undefined;

/** The prompts of connecting a tenant and setting its credentials (see credentialPrompts.ts). */
export function lazy(): typeof Prompts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./connect.lazy.js') as typeof Prompts;
  return loaded;
}
