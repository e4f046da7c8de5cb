// Workload 8: the requests one user expansion costs the tenant (issue 18, section 7). The
// stand-in of issue 18's tenant (a user with 1,234 refresh tokens, most idle-expired for months,
// about three to a session) is expanded to the end through the extension's own core, as the tree
// does it, and every request the emulator received is counted by kind beside the floor: the pages
// alone. Its rate limit is the tenant's, shared with production, so the count and the 429s (none
// allowed) matter more than the time.
import { performance } from 'node:perf_hooks';
import { createManagementClient, type ManagementClientOptions } from '../src/auth0/managementClient';
import { StaticTokenProvider } from '../src/credentials/staticTokenProvider';
import { TenantModel, type TenantModelOptions } from '../src/model/tenantModel';
import { SESSIONS_PER_USER } from '../src/model/tokenEvidence';
import { DEFAULT_TAKE, refreshTokenPager } from '../src/paging/cursorPager';
import type { RecordedRequest, ResetReading, RunningEmulator } from '../test/emulator';
import type { ExpansionRun, ExpansionWorkloadResult } from './results';
import type { BenchContext } from './workloads';
import { freshEmulator } from './workloads';

/** The stand-in user's refresh tokens (issue 18's measurement: 1,234). */
export const STAND_IN_TOKENS = 1234;

/** Auth0's documented limits (FACTS.md), each under both readings of x-ratelimit-reset. */
export const EXPANSION_LIMITS = [
  { profile: 'production', burst: 50, perSecond: 16 },
  { profile: 'non-production', burst: 10, perSecond: 2 },
] as const;
export const RESET_READINGS: readonly ResetReading[] = ['full', 'next'];

/** Every request of one expansion, by kind. A request answered 429 counts in its kind too. */
export interface ExpansionRequestCounts {
  /** `GET /api/v2/users/{user}/refresh-tokens`: the pages, the floor's only requests. */
  pages: number;
  /** `GET /api/v2/sessions/{id}`: background evidence. */
  sessions: number;
  /** Of those, distinct session ids (equal to `sessions` when each is read once). */
  distinctSessions: number;
  /** `GET /api/v2/users/{user}/logs`: the user's log events, background evidence. */
  logPages: number;
  /** `GET /api/v2/clients/{id}`: application names for the rows. */
  applicationNames: number;
  /** Anything else, the token endpoint and other users' requests included. */
  other: number;
  total: number;
  /** Answered 429 (of all kinds). */
  rateLimited: number;
  /** Answered neither 2xx nor 429 (a session already gone answers 404), or never answered. */
  notOk: number;
}

/**
 * Counts `requests` (as the emulator recorded them: decoded path segments, status) by kind for
 * an expansion of `userId`. Pure; takes the emulator's records, returns whole counts.
 */
export function countExpansionRequests(requests: readonly RecordedRequest[], userId: string): ExpansionRequestCounts {
  const counts: ExpansionRequestCounts = { pages: 0, sessions: 0, distinctSessions: 0, logPages: 0, applicationNames: 0, other: 0, total: 0, rateLimited: 0, notOk: 0 };
  const sessionIds = new Set<string>();
  for (const request of requests) {
    counts.total += 1;
    counts.rateLimited += request.status === 429 ? 1 : 0;
    counts.notOk += request.status === 429 || (request.status >= 200 && request.status < 300) ? 0 : 1;
    const [api, version, collection, id, sub, ...rest] = request.segments;
    const managementGet = request.method === 'GET' && api === 'api' && version === 'v2' && id !== undefined && id !== '' && rest.length === 0;
    if (managementGet && collection === 'users' && id === userId && sub === 'refresh-tokens') {
      counts.pages += 1;
    } else if (managementGet && collection === 'users' && id === userId && sub === 'logs') {
      counts.logPages += 1;
    } else if (managementGet && collection === 'sessions' && sub === undefined) {
      counts.sessions += 1;
      sessionIds.add(id);
    } else if (managementGet && collection === 'clients' && sub === undefined) {
      counts.applicationNames += 1;
    } else {
      counts.other += 1;
    }
  }
  counts.distinctSessions = sessionIds.size;
  return counts;
}

export interface ExpansionOutcome {
  /** Pages of tokens that arrived (a page that failed is not counted). */
  pagesLoaded: number;
  tokens: number;
  /** 1 when a page failed (the tree would show the error row with Retry), else 0. */
  failures: number;
  errors: string[];
  /** From the first request until the last page's rows would show, ms. */
  pagesMs: number;
  /** Until the background evidence started meanwhile has ended too, ms. */
  settledMs: number;
}

/**
 * What the tree does when a person expands `userId` and clicks "Load more" until the last page,
 * the model's part of it (src/features/explorer/nodes/userNode.ts and pagedChildren.ts, without VS Code): the
 * tree's pager (`refreshTokenPager`, `take` tokens a page, the tokensPageSize setting's default);
 * after each page, as its `beforeShow`, the application names of the page, then the user's log
 * events and the sessions of the tokens loaded so far in the background (not awaited). The next
 * click comes as soon as the rows show. Resolves once the background evidence has ended too;
 * never rejects (a failed page ends the expansion, as the tree's error row would wait for Retry).
 */
export async function expandUserToTheEnd(model: TenantModel, userId: string, take: number = DEFAULT_TAKE): Promise<ExpansionOutcome> {
  const pager = refreshTokenPager(model.client, userId, take);
  const errors: string[] = [];
  let pagesLoaded = 0;
  const started = performance.now();
  do {
    let page;
    try {
      page = await pager.loadNext();
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
      break;
    }
    pagesLoaded += 1;
    await model.resolveApplicationNames(page);
    void model.evidence.loadHistory(userId);
    void model.evidence.loadSessionsOf(userId, pager.items);
  } while (pager.hasMore);
  const pagesMs = performance.now() - started;
  await model.evidence.settled();
  return { pagesLoaded, tokens: pager.items.length, failures: errors.length > 0 ? 1 : 0, errors, pagesMs, settledMs: performance.now() - started };
}

export interface ExpansionMeasure extends ExpansionOutcome {
  counts: ExpansionRequestCounts;
  /** The pages alone: ceil(tokens the user holds / take), at least 1. */
  floorRequests: number;
}

/**
 * Expands `userId` of `emulator` to the end on a new client and model made as a tenant
 * connection makes them (src/tenants/tenantConnection.ts: the settings' defaults), and counts
 * what the emulator received meanwhile. `clientOptions` and `modelOptions` are for tests (a
 * virtual clock); the benchmark passes none.
 */
export async function measureUserExpansion(
  emulator: RunningEmulator,
  userId: string,
  options: { take?: number; clientOptions?: Partial<ManagementClientOptions>; modelOptions?: TenantModelOptions } = {},
): Promise<ExpansionMeasure> {
  const take = options.take ?? DEFAULT_TAKE;
  const client = createManagementClient({ domain: emulator.domain, tokenProvider: new StaticTokenProvider(emulator.token), ...options.clientOptions });
  const model = new TenantModel(client, options.modelOptions);
  const held = emulator.refreshTokensOf(userId).length;
  const first = emulator.requests.length;
  try {
    const outcome = await expandUserToTheEnd(model, userId, take);
    return { ...outcome, counts: countExpansionRequests(emulator.requests.slice(first), userId), floorRequests: Math.max(1, Math.ceil(held / take)) };
  } finally {
    model.dispose();
  }
}

async function expansionRun(context: BenchContext, limit: (typeof EXPANSION_LIMITS)[number], reading: ResetReading): Promise<ExpansionRun> {
  // A fresh emulator per run: a full bucket, and no evidence or names known from another run.
  const emulator = await freshEmulator({ standInTokens: STAND_IN_TOKENS, rateLimit: limit.profile, rateLimitReset: reading }, (e) => [e.users.many]);
  try {
    const measure = await measureUserExpansion(emulator, emulator.users.many);
    const { counts } = measure;
    const run: ExpansionRun = {
      profile: limit.profile,
      burst: limit.burst,
      perSecond: limit.perSecond,
      resetReading: reading,
      tokens: emulator.refreshTokensOf(emulator.users.many).length,
      tokensListed: measure.tokens,
      take: DEFAULT_TAKE,
      floorRequests: measure.floorRequests,
      requests: counts.total,
      pages: counts.pages,
      sessions: counts.sessions,
      distinctSessions: counts.distinctSessions,
      logPages: counts.logPages,
      applicationNames: counts.applicationNames,
      other: counts.other,
      rateLimited: counts.rateLimited,
      notOk: counts.notOk,
      failures: measure.failures,
      errors: measure.errors.slice(0, 3),
      pagesMs: measure.pagesMs,
      settledMs: measure.settledMs,
    };
    context.log(
      `  ${limit.profile}, reset=${reading}: ${run.requests} requests = ${run.pages} pages (floor ${run.floorRequests}) + ${run.sessions} sessions (${run.distinctSessions} distinct) + ${run.logPages} log pages + ${run.applicationNames} application names + ${run.other} other; ` +
        `${run.rateLimited === 0 ? '0 × 429' : `FAILED: ${run.rateLimited} × 429`}, ${run.failures} failures; pages ${(run.pagesMs / 1000).toFixed(1)} s, settled ${(run.settledMs / 1000).toFixed(1)} s`,
    );
    return run;
  } finally {
    await emulator.close();
  }
}

/** Workload 8: the stand-in user expanded to the end, under both limits and both readings at once (each its own emulator). */
export async function userExpansionWorkload(context: BenchContext): Promise<ExpansionWorkloadResult> {
  context.log(`user expansion, ${STAND_IN_TOKENS.toLocaleString('en')} tokens, take=${DEFAULT_TAKE}: ${EXPANSION_LIMITS.length} limits × ${RESET_READINGS.length} readings of x-ratelimit-reset, at once`);
  const runs = await Promise.all(EXPANSION_LIMITS.flatMap((limit) => RESET_READINGS.map((reading) => expansionRun(context, limit, reading))));
  return {
    id: 'user-expansion',
    title: 'Requests per user expansion',
    description:
      `The stand-in user of issue 18 (users.many with ${STAND_IN_TOKENS.toLocaleString('en')} refresh tokens, about 75% idle-expired, about three to a session) expanded to the end through the extension's core as the tree does it: ` +
      `the tree's pager (take ${DEFAULT_TAKE}, the tokensPageSize default), after each page the application names (GET /clients/{id}, once per application), the user's log events and the sessions of the exchangeable tokens loaded so far in the background (at most ${SESSIONS_PER_USER} per user, each once); "Load more" as soon as the rows show. ` +
      `Under the production limit (burst 50, 16/s) and the non-production one (burst 10, 2/s), each with x-ratelimit-reset naming the moment the bucket is full ("full", Auth0's documented reading) and the moment the next request is allowed ("next"); ` +
      `a fresh emulator per run (a full bucket), all four at once. Floor = the pages alone. Counts come from the emulator's request log; a single 429 fails the workload's goal.`,
    runs,
  };
}
