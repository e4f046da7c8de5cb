// Maps a failed Management API response to a typed error. Auth0's body is
// {statusCode, error, message, errorCode}; `errorCode` is the reliable part, `message` the
// fallback (older responses and proxies omit the code).

import type { Auth0ErrorBody } from './types';
import { CustomDomainError, isServiceNotEnabledMessage } from './customDomain';
import {
  InsufficientScopeError,
  ManagementApiError,
  RateLimitedError,
  TooManyJobsError,
  UnauthorizedError,
  describeRequest,
  pagedListingOf,
  isTooManyJobsMessage,
  messages,
  parseExpectedScopes,
  redact,
} from './errors';

export interface FailedResponse {
  status: number;
  /** The raw body text. */
  text: string;
  method: string;
  path: string;
  domain: string;
  retryAfterMs?: number;
  /** Plan-gated endpoints (refresh tokens): a 403/404 that is not about scope or a missing item means "not on this plan". */
  planGated?: boolean;
  /** The message for a 404 that means "that item does not exist". */
  notFoundMessage?: string;
  /** Values that must never appear in a message. */
  secrets: readonly (string | undefined)[];
}

/** The error body, when the text is one; never throws. */
export function parseErrorBody(text: string): Auth0ErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const body = parsed as Record<string, unknown>;
      const string = (value: unknown) => (typeof value === 'string' ? value : undefined);
      return {
        statusCode: typeof body.statusCode === 'number' ? body.statusCode : undefined,
        error: string(body.error),
        message: string(body.message) ?? string(body.error_description),
        errorCode: string(body.errorCode) ?? (string(body.error_description) ? string(body.error) : undefined),
      };
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone decides.
  }
  return {};
}

const MAX_SERVER_MESSAGE = 300;

export function errorFromResponse(response: FailedResponse): ManagementApiError {
  const body = parseErrorBody(response.text);
  const serverMessage = body.message === undefined ? undefined : cleanServerMessage(body.message, response.secrets);
  const errorCode = body.errorCode;
  const { status, method, path, domain } = response;
  const details = { status, errorCode, serverMessage, method, path };
  const request = describeRequest(method, path);

  if (status < 200 || (status >= 300 && status < 400)) {
    return new ManagementApiError('redirect', messages.redirect(domain, status, request), details);
  }
  if (status === 401) {
    const expired = errorCode === 'token_expired' || /expired/i.test(serverMessage ?? '');
    return expired
      ? new UnauthorizedError('expired', messages.expiredToken(), details)
      : new UnauthorizedError('invalid', messages.invalidToken(serverMessage), details);
  }
  if (status === 403) {
    if (errorCode === 'insufficient_scope' || /insufficient scope/i.test(serverMessage ?? '')) {
      const scopes = parseExpectedScopes(serverMessage);
      return new InsufficientScopeError(scopes, messages.insufficientScope(scopes, serverMessage), details);
    }
    if (isServiceNotEnabledMessage(serverMessage)) {
      // A custom domain: no scope or plan helps, only the tenant's canonical domain.
      return new CustomDomainError(domain, undefined, serverMessage, { status, errorCode, method, path });
    }
    if (response.planGated) {
      return new ManagementApiError('endpoint-unavailable', messages.endpointUnavailable(domain), details);
    }
    return new ManagementApiError('forbidden', messages.forbidden(request, serverMessage), details);
  }
  if (status === 404) {
    // A missing item comes with an errorCode ("inexistent_user"); a missing route does not.
    if (response.planGated && errorCode === undefined) {
      return new ManagementApiError('endpoint-unavailable', messages.endpointUnavailable(domain), details);
    }
    return new ManagementApiError('not-found', response.notFoundMessage ?? `Auth0 found nothing at ${request}.`, details);
  }
  if (status === 429 && isTooManyJobsMessage(serverMessage)) {
    return new TooManyJobsError(messages.tooManyJobs(serverMessage), details);
  }
  if (status === 429) {
    return new RateLimitedError(response.retryAfterMs, messages.rateLimitedGaveUp(response.retryAfterMs), details);
  }
  if (status === 400 && (errorCode === 'invalid_paging' || /page through the first 1000/i.test(serverMessage ?? ''))) {
    return new ManagementApiError('invalid-paging', messages.invalidPaging(pagedListingOf(path)), details);
  }
  if (status >= 500) {
    return new ManagementApiError('server-error', messages.serverError(domain, status, request), details);
  }
  return new ManagementApiError('bad-request', messages.badRequest(request, serverMessage), details);
}

/** Server text shown to a person: secrets removed, control characters dropped, length bounded. */
export function cleanServerMessage(message: string, secrets: readonly (string | undefined)[]): string {
  const printable = redact(message, secrets)
    // Anything shaped like a JWT, even one that is not ours or is cut short, stays out too.
    .replace(/eyJ[A-Za-z0-9_-]{4,}(\.[A-Za-z0-9_-]*){0,2}/g, '[redacted]')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  return printable.length > MAX_SERVER_MESSAGE ? `${printable.slice(0, MAX_SERVER_MESSAGE)}…` : printable;
}
