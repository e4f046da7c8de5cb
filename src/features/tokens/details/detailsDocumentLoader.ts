// Loads the details renderers on first use. esbuild builds detailsDocument.ts as its own file,
// dist/detailsDocument.js, beside the bundle that requires it; under tsc the same require finds
// out/src/details/detailsDocument.js.
import type * as DetailsDocument from './detailsDocument';

let loaded: typeof DetailsDocument | undefined;

/** The renderers of the details view (renderDetailsHtml and its error and loading pages). */
export function detailsDocument(): typeof DetailsDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./detailsDocument.js') as typeof DetailsDocument;
  return loaded;
}
