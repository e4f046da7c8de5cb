// Loads failureRow.lazy.ts on the first failure a row shows: esbuild builds it as its own file,
// dist/failureRow.lazy.js, beside the bundle that requires it; under tsc the same require finds
// out/src/presentation/failureRow.lazy.js. A tenant that answers never loads it.
import type * as FailureRowModule from './failureRow.lazy';
import type { CredentialKind, FailureRow } from './failureRow.lazy';

export type { CredentialKind, FailureFix, FailureRow } from './failureRow.lazy';

let loaded: typeof FailureRowModule | undefined;

/** failureRow.lazy.ts `failureRow`: how a failed Management API call is shown as a row (label, tooltip, fix). */
export function failureRow(error: unknown, credentials: CredentialKind = 'token'): FailureRow {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./failureRow.lazy.js') as typeof FailureRowModule;
  return loaded.failureRow(error, credentials);
}
