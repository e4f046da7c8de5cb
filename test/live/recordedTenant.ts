// The recorded tenant: a loopback HTTP server that answers the live suite's calls with a real
// Auth0 tenant's recorded bodies (test/fixtures/recorded/, go-vcr recordings from auth0/go-auth0,
// MIT). `npm test`'s live stage points the suite at it, so each difference between the emulator
// and a real tenant is reported, not only those of the emulator with itself.
//
// It answers only what was recorded: a request is matched to a recorded one by method and path
// (ids in either are wildcards, since the recordings' ids are placeholders such as `UserID`), then
// by the query parameters they share; anything else is 404 with a body that says it was not
// recorded, never a made-up answer.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { load } from 'js-yaml';

export const RECORDINGS_FOLDER = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'recorded');

export interface RecordedInteraction {
  /** The recording it comes from, without `.yaml`: "TestUserManager_ListRefreshTokens". */
  recording: string;
  method: string;
  /** The request's path, decoded: "/api/v2/users/UserID/refresh-tokens". */
  path: string;
  query: URLSearchParams;
  status: number;
  contentType: string | undefined;
  body: string;
}

interface GoVcrFile {
  interactions?: Array<{
    request?: { url?: string; method?: string };
    response?: { code?: number; body?: string; headers?: Record<string, string[]> };
  }>;
}

/** Every interaction of every recording in `folder`, in file then recorded order. Throws when a file is not a go-vcr recording. */
export function loadRecordings(folder = RECORDINGS_FOLDER): RecordedInteraction[] {
  const interactions: RecordedInteraction[] = [];
  for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort()) {
    const parsed = load(fs.readFileSync(path.join(folder, file), 'utf8')) as GoVcrFile;
    if (!Array.isArray(parsed?.interactions)) {
      throw new Error(`${file} is not a go-vcr recording (no interactions)`);
    }
    for (const interaction of parsed.interactions) {
      const url = new URL(interaction.request?.url ?? '');
      interactions.push({
        recording: file.replace(/\.yaml$/, ''),
        method: (interaction.request?.method ?? 'GET').toUpperCase(),
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        status: interaction.response?.code ?? 0,
        contentType: interaction.response?.headers?.['Content-Type']?.[0],
        body: interaction.response?.body ?? '',
      });
    }
  }
  return interactions;
}

/** The path with each id segment as `*`: "/api/v2/users/*\/refresh-tokens". The fixed segments are the API's resource names. */
export function pathTemplate(pathname: string): string {
  const fixed = new Set(['api', 'v2', 'users', 'refresh-tokens', 'sessions', 'logs', 'clients', 'jobs', 'users-exports', 'users-imports', 'errors', 'revoke', 'user-blocks', 'users-by-email', 'connections', 'oauth', 'token']);
  return pathname
    .split('/')
    .map((segment) => (segment === '' || fixed.has(segment) ? segment : '*'))
    .join('/');
}

/**
 * Query parameters that change the answer's shape: a listing asked with `include_totals=true` is an
 * object with paging fields, without it it may be a bare array, so a recording asked otherwise is
 * no answer to it (it would report a difference of the question, not of Auth0).
 */
const SHAPE_PARAMETERS = ['include_totals', 'fields', 'include_fields'];

/**
 * The recorded interaction that answers `method pathname?query`: same method and path template,
 * the same shape parameters (SHAPE_PARAMETERS), a 2xx answer before an error one, then the most query parameter names in common, then the
 * fewest it lacks, then the longest body (an empty listing recorded after a delete says less than
 * the listing before it), then the first recorded. Undefined when nothing of the kind was recorded.
 */
export function findRecordedAnswer(interactions: readonly RecordedInteraction[], method: string, pathname: string, query: URLSearchParams): RecordedInteraction | undefined {
  const template = pathTemplate(decodeURIComponent(pathname));
  const asked = new Set(query.keys());
  // include_totals=false asks for what its absence does.
  const shapeOf = (parameters: URLSearchParams, name: string) => parameters.get(name) ?? (name === 'include_totals' ? 'false' : '');
  const sameShape = (interaction: RecordedInteraction) => SHAPE_PARAMETERS.every((name) => shapeOf(query, name) === shapeOf(interaction.query, name));
  const candidates = interactions.filter((interaction) => interaction.method === method && pathTemplate(interaction.path) === template && interaction.status !== 0 && sameShape(interaction));
  const score = (interaction: RecordedInteraction) => {
    const recorded = new Set(interaction.query.keys());
    const shared = [...asked].filter((name) => recorded.has(name)).length;
    const missing = [...asked].filter((name) => !recorded.has(name)).length + [...recorded].filter((name) => !asked.has(name)).length;
    return { success: interaction.status < 300 ? 1 : 0, shared, missing, length: interaction.body.length };
  };
  let best: RecordedInteraction | undefined;
  let bestScore: ReturnType<typeof score> | undefined;
  for (const candidate of candidates) {
    const candidateScore = score(candidate);
    if (
      !bestScore ||
      candidateScore.success > bestScore.success ||
      (candidateScore.success === bestScore.success && (candidateScore.shared > bestScore.shared || (candidateScore.shared === bestScore.shared && (candidateScore.missing < bestScore.missing || (candidateScore.missing === bestScore.missing && candidateScore.length > bestScore.length)))))
    ) {
      best = candidate;
      bestScore = candidateScore;
    }
  }
  return best;
}

export interface RecordedTenant {
  /** "127.0.0.1:PORT": a loopback domain, reached over plain http like the emulator's. */
  readonly domain: string;
  readonly url: string;
  /** The recordings each answer came from, in order: for the report. */
  readonly answeredFrom: ReadonlyArray<{ method: string; path: string; recording: string | undefined }>;
  close(): Promise<void>;
}

/** Starts the recorded tenant on a free loopback port. */
export async function startRecordedTenant(folder = RECORDINGS_FOLDER): Promise<RecordedTenant> {
  const interactions = loadRecordings(folder);
  const answeredFrom: Array<{ method: string; path: string; recording: string | undefined }> = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://recorded.invalid');
    const method = (request.method ?? 'GET').toUpperCase();
    const answer = findRecordedAnswer(interactions, method, url.pathname, url.searchParams);
    answeredFrom.push({ method, path: pathTemplate(decodeURIComponent(url.pathname)), recording: answer?.recording });
    request.resume();
    if (!answer) {
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: `The recordings hold no answer to ${method} ${pathTemplate(url.pathname)}.`, errorCode: NOT_RECORDED }));
      return;
    }
    // Only Content-Type was recorded: no rate-limit headers, no Date beyond what Node adds.
    response.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    domain: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    answeredFrom,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The error code of the recorded tenant's 404 for what the recordings do not hold. */
export const NOT_RECORDED = 'not_recorded';

/** Whether an answer is the recorded tenant's "the recordings hold no answer to this". */
export function isNotRecorded(status: number, body: unknown): boolean {
  return status === 404 && (body as { errorCode?: unknown } | undefined)?.errorCode === NOT_RECORDED;
}

/**
 * Why a difference between the recorded tenant's answer and the emulator's owes to how the
 * recordings were sanitised rather than to Auth0, or undefined when nothing explains it (then it
 * is the emulator's to fix). `line` is a report line ("header x-ratelimit-reset: absent from the
 * tenant's answer"); `recordedText` the recorded body that was served.
 */
export function explainRecordedDifference(line: string, recordedText: string): string | undefined {
  // The recorded users were made by the SDK's tests a moment before: database users who never signed in.
  if (/^field users\[\]\.(last_login|last_ip|logins_count): present in the emulator's answer \([a-z|]+\), not the tenant's$/.test(line)) {
    return "the recorded users were created by the SDK's tests and never signed in, so nothing a sign-in writes is there";
  }
  if (line === 'type users[].identities[].user_id: the tenant sends string, the emulator number|string') {
    return "the recorded users are all database users; a social identity's user_id may be a number (Auth0's Go SDK reads both)";
  }
  if (/^field (?:logs)?\[\]\.(tenant_name|environment_name): present in the emulator's answer \(string\), not the tenant's$/.test(line)) {
    return "no recorded log event (2023) carries it; Auth0's published log-event schema now requires it, so the emulator keeps it";
  }
  if (/^header x-ratelimit-[a-z]+: absent from the tenant's answer$/.test(line)) {
    return 'the recordings kept only the Content-Type header';
  }
  if (recordedText.includes('"InitialUserAgent"')) {
    return 'the recorded body was written by hand (placeholder values such as "InitialUserAgent")';
  }
  return undefined;
}

/** Items of the emulator's own answers (its users, refresh tokens and tenant log events), to see what it also sends. */
export interface EmulatorSample {
  users: unknown[];
  tokens: unknown[];
  logs: unknown[];
}

/** The value at a dotted path ("device.initial_ip") of an item, and whether the path is there at all. */
function valueAt(item: unknown, dotted: string): { present: boolean; value?: unknown } {
  let current: unknown = item;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in current)) {
      return { present: false };
    }
    current = (current as Record<string, unknown>)[key];
  }
  return { present: true, value: current };
}

/** Which sampled items an operation's answer holds, by its path in the OpenAPI subset. */
function sampledItemsOf(template: string, sample: EmulatorSample): { items: unknown[]; noun: string } | undefined {
  switch (template) {
    case '/users':
      return { items: sample.users, noun: 'users' };
    case '/users/{user_id}/refresh-tokens':
    case '/refresh-tokens/{id}':
      return { items: sample.tokens, noun: 'refresh tokens' };
    case '/logs':
    case '/users/{id}/logs':
      return { items: sample.logs, noun: 'log events' };
    default:
      return undefined;
  }
}

/**
 * Whether a difference is only one of data: the tenant's item lacks a field (or sends it null)
 * that the emulator's compared item has, while other items of the emulator's default data answer
 * exactly as the tenant did. Auth0 sends such fields for some items and not others (a token issued
 * without a device, an event of an address it could not place), so the emulator must answer both
 * ways, and does. `template` is the operation's path ("/users/{user_id}/refresh-tokens").
 * Undefined when no sampled item answers as the tenant did (then the emulator must change).
 */
export function explainBySample(line: string, template: string, sample: EmulatorSample): string | undefined {
  const absent = /^field (?:(?:users|tokens|logs)?\[\]\.)?([\w.]+): present in the emulator's answer \([a-z|]+\), not the tenant's$/.exec(line);
  const nulled = /^type (?:(?:users|tokens|logs)?\[\]\.)?([\w.]+): the tenant sends (?:null|null\|[a-z|]+|[a-z|]+\|null), the emulator [a-z|]+$/.exec(line);
  const match = absent ?? nulled;
  const sampled = sampledItemsOf(template, sample);
  if (!match || !sampled) {
    return undefined;
  }
  const path = match[1];
  const alike = sampled.items.filter((item) => {
    const found = valueAt(item, path);
    return absent ? !found.present : found.present && found.value === null;
  }).length;
  if (alike === 0) {
    return undefined;
  }
  return `the emulator also sends ${sampled.noun} ${absent ? 'without it' : 'with it null'} (${alike} of ${sampled.items.length} sampled), as the recorded tenant did; the items compared differ`;
}

/**
 * A problem the vendored schema finds in a recorded answer that the recordings explain, or
 * undefined: an address the SDK's authors replaced with "[REDACTED]" is no IP address, and no
 * recorded log event (2023) carries `tenant_name` or `environment_name`, which the published
 * schema now requires. `problem` is one line of the validator's output.
 */
export function explainRecordedSchemaProblem(problem: string, recordedText: string): string | undefined {
  if (/^\/ip must match (format "ipv[46]"|a schema in anyOf)/.test(problem) && recordedText.includes('"ip":"[REDACTED]"')) {
    return 'addresses were replaced with "[REDACTED]"';
  }
  if (/must have required property '(tenant_name|environment_name)'/.test(problem)) {
    return 'no recorded log event (2023) carries tenant_name or environment_name';
  }
  return undefined;
}
