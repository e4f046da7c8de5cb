// Management API tokens from a machine-to-machine application (client credentials grant):
// POST https://{domain}/oauth/token. The token is cached and renewed shortly before it expires;
// concurrent callers share one token request, so 40 parallel API calls cost one token.

import { CustomDomainError, isServiceNotEnabledMessage } from '../auth0/customDomain';
import { cancelledError, delay, raceWithSignal } from '../auth0/cancellation';
import { ManagementApiError, UnauthorizedError, describeRequest, isManagementApiError, messages } from '../auth0/errors';
import { httpExchange } from '../auth0/httpExchange';
import { parseRetryAfter } from '../auth0/rateLimiter';
import { notify, type RequestListener } from '../auth0/requestLog';
import { cleanServerMessage, errorFromResponse, parseErrorBody } from '../auth0/responseErrors';
import { DEFAULT_RETRY_POLICY, runWithRetries, type RetryPolicy, type Sleep } from '../auth0/retryPolicy';
import { parseTenantDomain, type TenantEndpoint } from '../auth0/tenantDomain';
import { missingScopes, type ManagementTokenProvider, type TokenInfo } from '../auth0/tokenProvider';
import { decodeManagementToken } from './decodeManagementToken';

export interface ClientCredentialsOptions {
  /** "example.us.auth0.com", or an endpoint already parsed. */
  domain: string | TenantEndpoint;
  clientId: string;
  clientSecret: string;
  /** Per token request (default 30 s). */
  timeoutMs?: number;
  /** Renew this long before expiry at most (default 60 s); never more than 10% of the lifetime. */
  renewBeforeExpiryMs?: number;
  onRequest?: RequestListener;
  /** Token requests retry server and network errors too, fewer times than API calls. */
  retry?: Partial<RetryPolicy>;
  /** Local time in ms (default Date.now). */
  clock?: () => number;
  /** How waits between token requests are made (default: timers); tests inject one that records them. */
  sleep?: Sleep;
}

interface CachedToken {
  token: string;
  expiresAt: number;
  renewAt: number;
  scopes?: string[];
}

const TOKEN_PATH = '/oauth/token';
/** Auth0's default Management API token lifetime, used when a response omits expires_in. */
const DEFAULT_LIFETIME_SECONDS = 86_400;

export class ClientCredentialsTokenProvider implements ManagementTokenProvider {
  readonly endpoint: TenantEndpoint;
  private readonly clientId: string;
  private readonly clientSecret: string;
  private readonly timeoutMs: number;
  private readonly renewBeforeExpiryMs: number;
  private readonly retry: RetryPolicy;
  private readonly clock: () => number;
  private readonly sleep: Sleep;
  private readonly onRequest?: RequestListener;
  private cached?: CachedToken;
  private pending?: Promise<CachedToken>;

  constructor(options: ClientCredentialsOptions) {
    this.endpoint = typeof options.domain === 'string' ? parseTenantDomain(options.domain) : options.domain;
    this.clientId = options.clientId.trim();
    this.clientSecret = options.clientSecret;
    if (this.clientId === '' || this.clientSecret === '') {
      throw new UnauthorizedError('invalid', 'Client credentials need both a client id and a client secret.');
    }
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.renewBeforeExpiryMs = options.renewBeforeExpiryMs ?? 60_000;
    this.retry = { ...DEFAULT_RETRY_POLICY, maxRetries: 2, maxTotalMs: 30_000, ...options.retry };
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? delay;
    this.onRequest = options.onRequest;
  }

  /**
   * The cached token, or a new one from POST https://{domain}/oauth/token (client credentials
   * grant, retried per the policy through runWithRetries). Rejects with a ManagementApiError:
   * 'unauthorized' for refused credentials, 'forbidden' for an application not authorised on the
   * Management API, 'rate-limited' with the wait, 'cancelled' when `signal` aborts.
   */
  async getToken(signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) {
      throw cancelledError();
    }
    const now = this.clock();
    const cached = this.cached;
    if (cached && now < cached.renewAt) {
      return cached.token;
    }
    if (!this.pending) {
      // Not tied to one caller's signal: other callers may be waiting for the same token.
      this.pending = this.requestToken().finally(() => {
        this.pending = undefined;
      });
    }
    try {
      const fresh = await raceWithSignal(this.pending, signal);
      this.cached = fresh;
      return fresh.token;
    } catch (error) {
      // A renewal that fails while the old token is still valid costs nothing yet.
      if (cached && this.clock() < cached.expiresAt && !isManagementApiError(error, 'cancelled') && this.cached === cached) {
        return cached.token;
      }
      throw error;
    }
  }

  /** Forgets `token` if it is the cached one, so the next getToken fetches another. */
  invalidate(token: string): void {
    if (this.cached?.token === token) {
      this.cached = undefined;
    }
  }

  describe(): TokenInfo {
    return {
      source: 'client-credentials',
      clientId: this.clientId,
      expiresAt: this.cached ? new Date(this.cached.expiresAt) : undefined,
      scopes: this.cached?.scopes,
    };
  }

  /** The scopes in `required` the current token lacks; none before a token was fetched. */
  missingScopes(required: readonly string[]): string[] {
    return missingScopes(this.describe(), required);
  }

  /** Not tied to any caller's signal: the request is shared. 429s wait as Retry-After says, or back off. */
  private requestToken(): Promise<CachedToken> {
    return runWithRetries({
      method: 'POST',
      policy: this.retry,
      clock: this.clock,
      sleep: this.sleep,
      attempt: (attempt) => this.requestTokenOnce(attempt),
    });
  }

  private async requestTokenOnce(attempt: number): Promise<CachedToken> {
    const { endpoint } = this;
    const secrets = [this.clientSecret];
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.clientId,
      client_secret: this.clientSecret,
      audience: endpoint.audience,
    });
    const startedAt = this.clock();
    const record = (status: number | undefined, outcome: 'ok' | ManagementApiError['kind']) =>
      notify(this.onRequest, { method: 'POST', path: TOKEN_PATH, status, durationMs: this.clock() - startedAt, attempt, outcome });
    let response;
    try {
      response = await httpExchange({
        url: endpoint.tokenUrl,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        timeoutMs: this.timeoutMs,
        domain: endpoint.domain,
        path: TOKEN_PATH,
        secrets,
      });
    } catch (error) {
      record(undefined, error instanceof ManagementApiError ? error.kind : 'network');
      throw error;
    }
    const { status, text } = response;
    if (status < 200 || status >= 300) {
      const failure = this.tokenRequestError(status, text, parseRetryAfter(response.headers.get('retry-after'), this.clock()));
      record(status, failure.kind);
      throw failure;
    }
    const token = this.readTokenResponse(text, startedAt);
    record(status, token ? 'ok' : 'invalid-json');
    if (!token) {
      throw new ManagementApiError('invalid-json', messages.invalidJson(endpoint.domain, describeRequest('POST', TOKEN_PATH)), {
        status,
        method: 'POST',
        path: TOKEN_PATH,
      });
    }
    return token;
  }

  private readTokenResponse(text: string, requestedAt: number): CachedToken | undefined {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return undefined;
      }
      body = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
    const token = body.access_token;
    if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token)) {
      return undefined;
    }
    const lifetimeSeconds =
      typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_SECONDS;
    const lifetimeMs = lifetimeSeconds * 1000;
    // Counted from when the request left, so network time only makes the estimate safer.
    const expiresAt = requestedAt + lifetimeMs;
    const renewAt = expiresAt - Math.min(this.renewBeforeExpiryMs, lifetimeMs * 0.1);
    const scopes =
      typeof body.scope === 'string' ? body.scope.split(/\s+/).filter((scope) => scope !== '') : decodeManagementToken(token).scopes;
    return { token, expiresAt, renewAt, scopes };
  }

  private tokenRequestError(status: number, text: string, retryAfterMs: number | undefined): ManagementApiError {
    const { domain } = this.endpoint;
    const body = parseErrorBody(text);
    const description = body.message ? cleanServerMessage(body.message, [this.clientSecret]) : undefined;
    const details = { status, errorCode: body.errorCode, serverMessage: description, method: 'POST', path: TOKEN_PATH };
    const said = description ? ` (${description})` : '';
    if (status === 401 || body.errorCode === 'invalid_client') {
      return new UnauthorizedError(
        'invalid',
        `Auth0 rejected the client credentials of application ${this.clientId} on tenant ${domain}${said}. Check the client id and secret.`,
        details,
      );
    }
    if (status === 403 && isServiceNotEnabledMessage(description)) {
      // Not about the application's grant: the domain is a custom domain, which serves no Management API.
      return new CustomDomainError(domain, undefined, description, { status, errorCode: body.errorCode, method: 'POST', path: TOKEN_PATH });
    }
    if (status === 403) {
      return new ManagementApiError(
        'forbidden',
        `Application ${this.clientId} may not get Management API tokens on tenant ${domain}${said}. Authorise it under ` +
          'APIs > Auth0 Management API > Machine to Machine Applications in the Auth0 Dashboard.',
        details,
      );
    }
    return errorFromResponse({
      status,
      text,
      method: 'POST',
      path: TOKEN_PATH,
      domain,
      retryAfterMs,
      notFoundMessage: `Tenant ${domain} has no token endpoint at ${TOKEN_PATH}. Check the tenant domain.`,
      secrets: [this.clientSecret],
    });
  }
}
