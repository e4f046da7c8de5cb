// Shared helpers for the emulator's tests: real HTTP with the global fetch, and schema checks.
import assert from 'node:assert/strict';
import { validateResponse, type ApiName } from '../../contract/validate';
import type { RunningEmulator } from '../../emulator/index';

export interface ApiResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

export interface CallOptions {
  /** Bearer token; default the emulator's full-scope token; null sends no Authorization header. */
  token?: string | null;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** Builds `/api/v2/users/{user_id}/...` with each parameter percent-encoded as ONE segment. */
export function apiPath(template: string, params: Record<string, string> = {}): string {
  return '/api/v2' + template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
}

export async function call(emulator: RunningEmulator, method: string, path: string, options: CallOptions = {}): Promise<ApiResult> {
  const query = options.query === undefined ? '' : '?' + new URLSearchParams(options.query).toString();
  const token = options.token === undefined ? emulator.token : options.token;
  const response = await fetch(emulator.url + path + query, {
    method,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...options.headers },
    body: options.body,
  });
  const text = await response.text();
  let body: unknown;
  if (text !== '') {
    body = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** Calls one documented operation and asserts that the answer matches its schema for that status. */
export async function operation(
  emulator: RunningEmulator,
  method: string,
  template: string,
  params: Record<string, string> = {},
  options: CallOptions = {},
): Promise<ApiResult> {
  const result = await call(emulator, method, apiPath(template, params), options);
  assertMatchesSchema('management', method, template, result);
  return result;
}

/** Call options for a JSON body (POST, PATCH), e.g. `{ ...json({ blocked: true }) }`. */
export function json(value: unknown, options: CallOptions = {}): CallOptions {
  return { ...options, body: JSON.stringify(value), headers: { 'content-type': 'application/json', ...options.headers } };
}

export function assertMatchesSchema(api: ApiName, method: string, template: string, result: ApiResult): void {
  const validation = validateResponse(api, method, template, result.status, result.body ?? result.text);
  assert.ok(validation.valid, `${method} ${template} ${result.status}: ${validation.errors}\n${result.text.slice(0, 500)}`);
}

export async function postToken(emulator: RunningEmulator, body: Record<string, string>, form = false): Promise<ApiResult> {
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === '' ? undefined : JSON.parse(text) };
}

export function clientCredentials(emulator: RunningEmulator): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
    audience: `https://${emulator.domain}/api/v2/`,
  };
}

/**
 * Polls `condition` until it holds: for effects Auth0 applies in the background (deletions).
 * It waits on the observable state, never for a fixed time, and fails after `timeoutMs`.
 */
export async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      assert.fail(`${what} did not hold within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5)); // poll interval, not a synchronisation sleep
  }
}

export interface TokenListPage {
  tokens: { id: string; [field: string]: unknown }[];
  next?: string;
  total?: number;
}

/**
 * Follows `next` to the empty page that ends the list (a real tenant sends `next` on the last
 * non-empty page too); returns every page, the empty one included.
 */
export async function allTokenPages(emulator: RunningEmulator, userId: string, take: number, query: Record<string, string> = {}): Promise<TokenListPage[]> {
  const pages: TokenListPage[] = [];
  let from: string | undefined;
  do {
    const result = await call(emulator, 'GET', apiPath('/users/{user_id}/refresh-tokens', { user_id: userId }), {
      query: { ...query, take: String(take), ...(from === undefined ? {} : { from }) },
    });
    assert.equal(result.status, 200, result.text);
    const page = result.body as TokenListPage;
    pages.push(page);
    from = page.next;
  } while (from !== undefined && pages.length < 10_000);
  return pages;
}
