// How a failed Management API call is shown as a tree row: a short label naming the cause, the
// full message as its tooltip, and which fix the row offers when clicked.
import { CustomDomainError } from '../auth0/customDomain';
import { InsufficientScopeError, ManagementApiError, RateLimitedError, UnauthorizedError, pagedListingOf, waitDuration } from '../auth0/errors';
import { isSecretStorageError } from '../credentials/secretStorageErrorLoader';

export type FailureFix = 'set-credentials' | 'retry' | 'search' | 'none';

export type CredentialKind = 'token' | 'client-credentials';

export interface FailureRow {
  label: string;
  /** The action, in words: "click to set a new token". */
  description: string;
  /** The complete message, already free of secrets. */
  detail: string;
  fix: FailureFix;
  /**
   * The failure stems from the tenant's setup (a scope the token lacks, an endpoint the plan or
   * the tenant does not have): the row is followed by one that offers "Check Tenant Setup".
   */
  checkSetup?: true;
}

/** Auth0's errorCode for an endpoint the tenant's plan (or Early Access) does not include. */
const FEATURE_NOT_ENABLED = 'feature_not_enabled';

/** From a wait this long on, the row names it instead of inviting a click that would only queue. */
const NAMED_WAIT_MS = 60_000;

/**
 * The row for a failed call: `error` is what the client rejected with (a ManagementApiError, or
 * anything else), `credentials` what the tenant is connected with. Never throws; the detail is
 * the error's message, already free of secrets.
 */
export function failureRow(error: unknown, credentials: CredentialKind = 'token'): FailureRow {
  // SecretStorage failed (no OS keyring): the cause is the keyring, not Auth0 (its row names VS Code's fix).
  if (isSecretStorageError(error)) {
    return error.row();
  }
  if (!(error instanceof ManagementApiError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { label: 'Failed to load', description: 'click to retry', detail, fix: 'retry' };
  }
  const detail = error.message;
  if (error instanceof UnauthorizedError) {
    if (credentials === 'client-credentials') {
      return { label: 'Client credentials rejected', description: 'click to enter them again', detail, fix: 'set-credentials' };
    }
    return error.reason === 'expired'
      ? { label: 'Management API token expired', description: 'click to set a new token', detail, fix: 'set-credentials' }
      : { label: 'Management API token rejected', description: 'click to set a new token', detail, fix: 'set-credentials' };
  }
  if (error instanceof InsufficientScopeError) {
    const scopes = error.missingScopes.length > 0 ? error.missingScopes.join(' or ') : 'a required scope';
    return { label: `Token lacks ${scopes}`, description: 'click to set a token with it', detail, fix: 'set-credentials', checkSetup: true };
  }
  if (error instanceof CustomDomainError) {
    // New credentials cannot help: only the tenant's canonical domain serves the Management API.
    return { label: 'Not the Management API domain', description: `use ${error.canonicalDomain ?? 'the canonical domain'}`, detail, fix: 'none', checkSetup: true };
  }
  if (error.kind === 'forbidden' && error.errorCode === FEATURE_NOT_ENABLED) {
    return { label: 'Not enabled for this tenant', description: "the tenant's plan lacks it", detail, fix: 'none', checkSetup: true };
  }
  switch (error.kind) {
    case 'endpoint-unavailable':
      return { label: "Tenant's plan has no refresh-token API", description: 'Enterprise plans only', detail, fix: 'none', checkSetup: true };
    case 'rate-limited': {
      const waitMs = error instanceof RateLimitedError ? error.retryAfterMs : undefined;
      const description = waitMs !== undefined && waitMs >= NAMED_WAIT_MS ? `try again in ${waitDuration(waitMs)}` : 'click to retry';
      return { label: 'Rate limited by Auth0', description, detail, fix: 'retry' };
    }
    case 'invalid-paging':
      switch (pagedListingOf(error.path)) {
        case 'user-logs':
          return { label: 'Only the newest 1,000 log events can be paged', description: 'search the logs by date', detail, fix: 'none' };
        case 'users':
          return { label: 'Only the first 1,000 users can be listed', description: 'click to search', detail, fix: 'search' };
      }
      break;
    case 'network':
      return { label: 'Tenant unreachable', description: 'click to retry', detail, fix: 'retry' };
    case 'timeout':
      return { label: 'Tenant did not answer in time', description: 'click to retry', detail, fix: 'retry' };
    case 'server-error':
      return { label: `Auth0 server error${error.status ? ` (${error.status})` : ''}`, description: 'click to retry', detail, fix: 'retry' };
    case 'invalid-json':
      return { label: 'Unreadable answer from Auth0', description: 'click to retry', detail, fix: 'retry' };
    case 'not-found':
      return { label: 'Not found', description: 'click to retry', detail, fix: 'retry' };
    case 'forbidden':
      return { label: 'Forbidden by Auth0', description: 'click to set other credentials', detail, fix: 'set-credentials' };
    case 'redirect':
      return { label: 'Tenant redirected the request', description: 'check the domain', detail, fix: 'none' };
    case 'cancelled':
      return { label: 'Cancelled', description: 'click to retry', detail, fix: 'retry' };
    default:
      return { label: 'Failed to load', description: 'click to retry', detail, fix: 'retry' };
  }
}

