// The user-agent parser (bowser, 34 KB minified) is loaded on first use, not at activation: the
// tree's first rows never need it; hovers, the details view, findings and exports do. esbuild
// builds src/presentation/userAgent.ts as its own file, dist/userAgent.js, beside the bundle
// that requires it; under tsc the same require finds out/src/presentation/userAgent.js.
import type * as UserAgentModule from './userAgent.lazy';
import type { UserAgentDescription } from './userAgent.lazy';

let parser: typeof UserAgentModule | undefined;

function userAgentModule(): typeof UserAgentModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  parser ??= require('./userAgent.lazy.js') as typeof UserAgentModule;
  return parser;
}

/** The user agent in words (see userAgent.ts `describeUserAgent`); loads the parser on first call. */
export function describeUserAgent(userAgent: string | null | undefined): UserAgentDescription {
  return userAgentModule().describeUserAgent(userAgent);
}
