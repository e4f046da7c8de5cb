// The HTTP side: records every request, applies latency, faults and the rate limit, checks the
// bearer token and scopes, then routes to a handler. Node's built-in http only.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenAuthority } from './auth';
import type { TenantStore } from './data/store';
import { errors, type EmulatorResponse } from './errors';
import type { UsersExports } from './exports';
import { FaultInjector, MALFORMED_BODY, truncate, type FaultKind } from './faults';
import type { CursorPagingProfile } from './cursorPaging';
import type { HandlerContext } from './handlers/context';
import { exchangeToken, type PasswordGrantContext } from './handlers/oauthToken';
import { scopesOf } from './jwt';
import { Rng } from './prng';
import type { RateLimitBuckets } from './rateLimiter';
import { parseRequestTarget } from './requestTarget';
import { matchRoute } from './router';

export interface RecordedRequest {
  method: string;
  path: string;
  rawPath: string;
  segments: string[];
  query: Record<string, string>;
  /** 0 until answered; stays 0 for a reset connection or a request left hanging. */
  status: number;
  authorization?: string;
  /** The body of a Management API request as sent (POST, PATCH), for checking what a client sent. */
  body?: string;
  at: number;
}

/**
 * 'without-refresh-tokens' answers 403 on the refresh-token endpoints, like a non-Enterprise
 * tenant; 'without-refresh-tokens-and-sessions' on the session endpoints too.
 */
export type Plan = 'enterprise' | 'without-refresh-tokens' | 'without-refresh-tokens-and-sessions';

export interface RuntimeSettings {
  latencyMs: number;
  jitterMs: number;
  deleteDelayMs: number;
  plan: Plan;
  /** Whether the tenant has the Early Access refresh-token endpoints (list and bulk revoke). */
  earlyAccess: 'present' | 'absent';
  logRetentionDays: number;
  /** How far the tenant's clock is ahead (+) or behind (-): shifts `Date` and `x-ratelimit-reset`. */
  clockOffsetSeconds: number;
  /** How cursor listings answer (see cursorPaging.ts). */
  cursorPaging: CursorPagingProfile;
}

export interface ServerWiring {
  store: TenantStore;
  authority: TokenAuthority;
  bucket: RateLimitBuckets;
  faults: FaultInjector;
  settings: RuntimeSettings;
  tenantName: string;
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  exports: UsersExports;
  /** The test application's password grant (see RunningEmulator.testApplication). */
  passwordGrant?: PasswordGrantContext;
  /** The clock of the `Date` header (default Date.now). */
  dateClock?: () => number;
}

const MAX_BODY_BYTES = 1 << 20;
const SLOW_BODY_CHUNKS = 10;

export class EmulatorServer {
  readonly requests: RecordedRequest[] = [];
  tokenRequests = 0;
  private wiring: ServerWiring | undefined;
  private readonly server = http.createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      // A bug in a handler must show up as a 500 in the test that hit it, not crash the run.
      process.stderr.write(`auth0 emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(errors.internal().json));
      }
    });
  });
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly jitter: Rng;
  private closed = false;

  constructor(seed: number) {
    this.jitter = Rng.for(seed, 'latency');
    // Keep-alive clients must not hold close() up.
    this.server.keepAliveTimeout = 1000;
  }

  async listen(port: number): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  wire(wiring: ServerWiring): void {
    this.wiring = wiring;
  }

  /** Runs `apply` after `ms`, unless the emulator is closed first. */
  later(ms: number, apply: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      apply();
    }, ms);
    this.timers.add(timer);
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.hanging.forEach((res) => res.destroy());
    this.hanging.clear();
    const closedServer = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closedServer;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const wiring = this.wiring;
    if (wiring === undefined || this.closed) {
      res.destroy();
      return;
    }
    const target = parseRequestTarget(req.url ?? '/');
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RecordedRequest = {
      method,
      path: target.path,
      rawPath: target.rawPath,
      segments: target.segments ?? target.rawPath.split('/').slice(1),
      query: target.query,
      status: 0,
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
      at: Date.now(),
    };
    this.requests.push(record);

    // Faults and the bucket are decided in arrival order, before any waiting, so a seed
    // reproduces the same sequence however the event loop interleaves the answers.
    const fault = wiring.faults.draw(target.path);
    const isManagementApi = target.path === '/api/v2' || target.path.startsWith('/api/v2/');
    const rate = isManagementApi ? (fault === 'tooManyRequests' ? wiring.bucket.refuseWithoutTaking() : wiring.bucket.take()) : undefined;

    let body: string;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    if (body !== '' && isManagementApi) {
      // Management API bodies only: a POST /oauth/token body carries the client secret.
      record.body = body;
    }
    const { latencyMs, jitterMs } = wiring.settings;
    const delayMs = latencyMs + (jitterMs > 0 ? this.jitter.float() * jitterMs : 0);
    if (delayMs > 0) {
      await new Promise<void>((resolve) => this.later(delayMs, resolve));
    }
    if (this.closed || res.destroyed) {
      return;
    }
    if (fault === 'hang') {
      // Accept and never answer: the client's timeout is the only way out.
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (fault === 'connectionReset') {
      req.socket.destroy();
      return;
    }

    let response: EmulatorResponse;
    if (rate !== undefined && !rate.allowed) {
      response = { ...errors.tooManyRequests(), headers: { 'retry-after': String(rate.retryAfterSeconds ?? 1) } };
    } else if (fault === 'serverError') {
      response = errors.internal();
    } else if (fault === 'unavailable') {
      response = errors.unavailable();
    } else if (isManagementApi) {
      response = this.managementApi(method, target.segments, target.query, body, req, wiring);
    } else if (target.path === '/oauth/token' && method === 'POST') {
      response = exchangeToken(body, req.headers['content-type'], req.headers.authorization, wiring);
    } else {
      response = errors.routeNotFound();
    }
    if (target.path === '/oauth/token' && method === 'POST') {
      this.tokenRequests++;
    }
    const rateHeaders = response.withoutRateLimitHeaders ? undefined : rate?.headers;
    response.headers = { ...rateHeaders, ...response.headers, ...this.clockHeaders(rateHeaders, wiring.settings.clockOffsetSeconds, wiring.dateClock ?? Date.now) };
    this.send(res, record, response, fault, wiring.faults.slowBodyMsFor(target.path));
  }

  private managementApi(
    method: string,
    segments: string[] | undefined,
    query: Record<string, string>,
    rawBody: string,
    req: IncomingMessage,
    wiring: ServerWiring,
  ): EmulatorResponse {
    if (segments === undefined) {
      return errors.invalidUri();
    }
    const match = matchRoute(method, segments.slice(2));
    if (match === undefined) {
      return errors.routeNotFound();
    }
    const { route } = match;
    const { settings } = wiring;
    if (route.earlyAccessAbsent !== undefined && settings.earlyAccess === 'absent' && method === 'GET') {
      // A route this tenant does not have: answered before the token is even looked at.
      return route.earlyAccessAbsent();
    }
    const bearer = wiring.authority.check(req.headers.authorization, route.anyOfScopes);
    if (!bearer.ok) {
      return bearer.response;
    }
    if (route.allOfScopes !== undefined) {
      const granted = scopesOf(bearer.claims);
      const missing = route.allOfScopes.filter((scope) => !granted.has(scope));
      if (missing.length > 0) {
        return errors.insufficientScopeAll(missing);
      }
    }
    const withoutRefreshTokens = settings.plan !== 'enterprise';
    const withoutSessions = settings.plan === 'without-refresh-tokens-and-sessions';
    if ((route.feature === 'refresh-tokens' && withoutRefreshTokens) || (route.feature === 'sessions' && withoutSessions)) {
      return errors.featureNotEnabled();
    }
    if (route.earlyAccessAbsent !== undefined && settings.earlyAccess === 'absent') {
      return route.earlyAccessAbsent();
    }
    let body: unknown;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        return errors.invalidJson();
      }
    }
    const remote = req.socket.remoteAddress ?? '127.0.0.1';
    const context: HandlerContext = {
      store: wiring.store,
      tenantName: wiring.tenantName,
      deferDeletion: (apply) => this.later(settings.deleteDelayMs, apply),
      caller: { ip: remote.replace(/^::ffff:/, ''), userAgent: String(req.headers['user-agent'] ?? '') },
      logRetentionDays: settings.logRetentionDays,
      exports: wiring.exports,
      cursorPaging: settings.cursorPaging,
    };
    return route.handle({ params: match.params, query, body, scopes: scopesOf(bearer.claims) }, context);
  }

  /** `Date` always, and `x-ratelimit-reset` moved by the tenant's clock offset. */
  private clockHeaders(rateHeaders: Record<string, string> | undefined, offsetSeconds: number, clock: () => number): Record<string, string> {
    const headers: Record<string, string> = { date: new Date(clock() + offsetSeconds * 1000).toUTCString() };
    const reset = rateHeaders?.['x-ratelimit-reset'];
    if (reset !== undefined && offsetSeconds !== 0) {
      headers['x-ratelimit-reset'] = String(Number(reset) + Math.round(offsetSeconds));
    }
    return headers;
  }

  private send(res: ServerResponse, record: RecordedRequest, response: EmulatorResponse, fault: FaultKind | undefined, slowBodyMs: number): void {
    let status = response.status;
    let payload = response.rawBody ?? (response.json === undefined ? '' : JSON.stringify(response.json));
    const headers: Record<string, string> = { ...response.headers };
    if (payload !== '' || response.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    if (fault === 'malformedJson') {
      status = 200;
      payload = MALFORMED_BODY;
    } else if (fault === 'truncatedJson') {
      status = 200;
      payload = truncate(payload === '' ? '{"tokens":[]}' : payload);
    }
    const bytes = Buffer.from(payload, 'utf8');
    headers['content-length'] = String(bytes.length);
    record.status = status;
    res.writeHead(status, headers);
    if (slowBodyMs <= 0 || bytes.length === 0) {
      res.end(bytes);
      return;
    }
    // Drip the body so that the whole of it takes slowBodyMs to arrive.
    const chunkSize = Math.ceil(bytes.length / SLOW_BODY_CHUNKS);
    const interval = slowBodyMs / SLOW_BODY_CHUNKS;
    let offset = 0;
    const writeNext = () => {
      if (res.destroyed) {
        return;
      }
      const chunk = bytes.subarray(offset, offset + chunkSize);
      offset += chunk.length;
      if (offset >= bytes.length) {
        res.end(chunk);
      } else {
        res.write(chunk);
        this.later(interval, writeNext);
      }
    };
    this.later(interval, writeNext);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new Error('request body too large');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
