// The watch's one way to what it loads on first use: esbuild builds watch.lazy.ts as
// dist/watch.lazy.js (it finds every *.lazy.ts itself); under tsc the same require finds
// out/src/features/watch/watch.lazy.js beside this file.
import type * as Flows from './watch.lazy';

let loaded: typeof Flows | undefined;

/** The watch controller: the core's TenantWatch, the feed, the notifications, the status bar (see watch.lazy.ts). */
export function lazy(): typeof Flows {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./watch.lazy.js') as typeof Flows;
  return loaded;
}
