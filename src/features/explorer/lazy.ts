// The explorer feature's one way to what it loads on first use: esbuild builds explorer.lazy.ts as
// dist/explorer.lazy.js beside the bundle that requires it; under tsc the same require finds
// out/src/features/explorer/explorer.lazy.js beside this file.
import type * as Flows from './explorer.lazy';

let loaded: typeof Flows | undefined;

/** The tree's flows that activation does not need (see explorer.lazy.ts). */
export function lazy(): typeof Flows {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./explorer.lazy.js') as typeof Flows;
  return loaded;
}
