// Loads "Check Tenant Setup…" on first use. esbuild builds tenantSetup.ts as its own file,
// dist/tenantSetup.js, beside the bundle that requires it; under tsc the same require finds
// out/src/commands/tenantSetup.js. Activation carries only the command's registration.
import type * as TenantSetup from './setup.lazy';

let loaded: typeof TenantSetup | undefined;

/** The setup check's flow, the diagnosis and the report's renderers (see tenantSetup.ts). */
export function tenantSetup(): typeof TenantSetup {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./setup.lazy.js') as typeof TenantSetup;
  return loaded;
}
