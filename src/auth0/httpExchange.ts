// One HTTP request and its whole body over the platform `fetch`, with a timeout that covers the
// body too, cancellation, and no redirects: a 3xx comes back as a response (the caller treats it
// as an error) so the Authorization header is never carried to another host.
// Failures that are not HTTP answers become typed errors whose messages name the tenant and the
// network reason, never a header value.

import { ManagementApiError, describeRequest, messages, redact } from './errors';

export interface HttpExchangeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** For messages: "example.auth0.com". */
  domain: string;
  /** For messages: the path without the query. */
  path: string;
  secrets: readonly (string | undefined)[];
}

export interface HttpExchangeResponse {
  status: number;
  headers: Headers;
  text: string;
}

export async function httpExchange(request: HttpExchangeRequest): Promise<HttpExchangeResponse> {
  const { signal } = request;
  const described = describeRequest(request.method, request.path);
  if (signal?.aborted) {
    throw cancelled(request);
  }
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort();
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const text = await response.text();
    // Where fetch follows the spec strictly, a manual redirect is an opaque response, status 0.
    const status = response.type === 'opaqueredirect' ? 0 : response.status;
    return { status, headers: response.headers, text };
  } catch (error) {
    if (signal?.aborted) {
      throw cancelled(request);
    }
    if (timedOut) {
      throw new ManagementApiError('timeout', messages.timeout(request.domain, request.timeoutMs, described), {
        method: request.method,
        path: request.path,
      });
    }
    throw new ManagementApiError('network', messages.network(request.domain, redact(networkReason(error), request.secrets)), {
      method: request.method,
      path: request.path,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}

function cancelled(request: HttpExchangeRequest): ManagementApiError {
  return new ManagementApiError('cancelled', messages.cancelled(), { method: request.method, path: request.path });
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers arrived in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stopped arriving',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name',
};

/**
 * A short reason from fetch's error, which wraps the socket error in `cause`. Only the error
 * code and the socket's own message are used: they describe the connection, not the request.
 */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    return REASONS[code] ? `${REASONS[code]} (${code})` : code;
  }
  if (cause instanceof Error && cause.message) {
    return cause.message;
  }
  return error instanceof Error && error.message ? error.message : 'the request failed';
}
