// Loads secretStorageError.lazy.ts on the first SecretStorage failure. esbuild builds it as its own
// file, dist/secretStorageError.lazy.js, beside the bundle that requires it; under tsc the same
// require finds out/src/credentials/secretStorageError.lazy.js.
import type * as SecretStorageErrorModule from './secretStorageError.lazy';
import type { SecretOperation, SecretStorageError } from './secretStorageError.lazy';

export type { SecretStorageError } from './secretStorageError.lazy';

let loaded: typeof SecretStorageErrorModule | undefined;

/** secretStorageError.ts `secretStorageError`: the error for what a SecretStorage call failed with, free of `secrets`. */
export function secretStorageError(operation: SecretOperation, domain: string, error: unknown, secrets?: readonly string[]): SecretStorageError {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded bundle (see above)
  loaded ??= require('./secretStorageError.lazy.js') as typeof SecretStorageErrorModule;
  return loaded.secretStorageError(operation, domain, error, secrets);
}

/** Whether `error` is a SecretStorageError (by name: the class lives in the lazily loaded bundle). */
export function isSecretStorageError(error: unknown): error is SecretStorageError {
  return error instanceof Error && error.name === 'SecretStorageError';
}
