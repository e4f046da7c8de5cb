// Workloads 6 and 7: a hunt across a tenant under Auth0's rate limits, and the memory of streaming
// a large users export. Each run is a fresh worker process (bench/workers/hunt.ts) against a fresh
// emulator; the parent counts what the emulator received.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { createManagementClient } from '../src/auth0/managementClient';
import { StaticTokenProvider } from '../src/credentials/staticTokenProvider';
import { usersExportSource } from '../src/features/hunt/core/usersExportSource';
import { startEmulator, type ResetReading, type RunningEmulator } from '../test/emulator';
import type { HuntWorkerMessage, HuntWorkerResult, HuntWorkerTask, Target } from './protocol';
import type { ExportMemoryResult, HuntRun, HuntWorkloadResult } from './results';
import type { BenchContext } from './workloads';

/** Auth0's documented limits (FACTS.md): production and non-production Enterprise tenants. */
export const HUNT_LIMITS = [
  { profile: 'production', burst: 50, perSecond: 16 },
  { profile: 'non-production', burst: 10, perSecond: 2 },
] as const;

/**
 * What x-ratelimit-reset names: the bucket full again (Auth0's documented reading) or the next
 * request allowed (issue 18's tenant). Every hunt runs under both.
 */
export const HUNT_RESET_READINGS: readonly ResetReading[] = ['full', 'next'];

/** The hunt's share of the rate: the hunt.rateShare setting's default. */
export const HUNT_SHARE = 0.5;
const TOKENS_PER_USER = 7;
/** The hunt's page size (huntTokenSource.ts): the largest Auth0 allows. */
const LISTING_TAKE = 100;

function targetOf(emulator: RunningEmulator): Target {
  return { url: emulator.url, domain: emulator.domain, token: emulator.token };
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs one task in a fresh worker; resolves with its result and the emulator's requests during it. */
async function runHuntWorker(workerDir: string, emulator: RunningEmulator, task: HuntWorkerTask, timeoutMs: number) {
  const child = fork(path.join(workerDir, 'worker-hunt.js'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let first = emulator.requests.length;
  const result = await new Promise<HuntWorkerResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${task.kind}: no result within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('message', (raw) => {
      const message = raw as HuntWorkerMessage;
      if (message.type === 'ready') {
        first = emulator.requests.length;
        child.send({ type: 'task', task });
      } else if (message.type === 'result') {
        clearTimeout(timer);
        resolve(message.result);
      } else {
        clearTimeout(timer);
        reject(new Error(`${task.kind} worker failed: ${message.message}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${task.kind} worker exited (${signal ?? code}) before its result`));
    });
  });
  await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  return { result, requests: emulator.requests.slice(first).filter((request) => request.path.startsWith('/api/v2/')) };
}

/**
 * A tenant whose first `count` listed users (the named ones aside) hold exactly 7 refresh tokens
 * each, prepared without a rate limit; then the limit is switched on (a full bucket).
 */
async function huntTenant(count: number, profile: 'production' | 'non-production', reading: ResetReading): Promise<{ emulator: RunningEmulator; userIds: string[]; probeUserIds: string[] }> {
  const emulator = await startEmulator({ seed: 1, userCount: count + 60 });
  const named = new Set(Object.values(emulator.users));
  // Every user, past the 1,000-result cap of a listing: the users export, as "All users" reads it.
  const client = createManagementClient({ domain: emulator.domain, tokenProvider: new StaticTokenProvider(emulator.token) });
  const userIds: string[] = [];
  for await (const user of usersExportSource(client, { pollDelaysMs: [50] }).users(new AbortController().signal)) {
    if (!named.has(user.userId) && userIds.length < count) {
      userIds.push(user.userId);
    }
  }
  if (userIds.length < count) {
    await emulator.close();
    throw new Error(`the emulator listed ${userIds.length} users, ${count} needed`);
  }
  for (const userId of userIds) {
    const tokens = emulator.refreshTokensOf(userId);
    tokens.slice(TOKENS_PER_USER).forEach((token) => emulator.removeRefreshToken(token.id));
    for (let missing = TOKENS_PER_USER - Math.min(TOKENS_PER_USER, tokens.length); missing > 0; missing--) {
      emulator.addRefreshToken(userId);
    }
  }
  emulator.configure({ rateLimit: profile, rateLimitReset: reading });
  return { emulator, userIds, probeUserIds: [emulator.users.seven, emulator.users.one, emulator.users.many] };
}

async function huntRun(context: BenchContext, limit: (typeof HUNT_LIMITS)[number], users: number, reading: ResetReading): Promise<HuntRun> {
  const { emulator, userIds, probeUserIds } = await huntTenant(users, limit.profile, reading);
  try {
    const share = HUNT_SHARE;
    // The background bucket starts with share × burst tokens and refills at share × rate.
    const floorFor = (requests: number) => (Math.max(0, requests - share * limit.burst) / (share * limit.perSecond)) * 1000;
    const floorMs0 = floorFor(users);
    const probeEveryMs = limit.profile === 'production' ? 500 : 2000;
    context.log(`hunt, ${users} users × ${TOKENS_PER_USER} tokens, ${limit.profile} (burst ${limit.burst}, ${limit.perSecond}/s, reset=${reading}), share ${share}: floor ${(floorMs0 / 1000).toFixed(1)} s and ${(1 / (share * limit.perSecond)).toFixed(3)} s per application name looked up`);
    const expected = userIds.flatMap((userId) => emulator.refreshTokensOf(userId)).filter((token) => [token.device?.initial_ip, token.device?.last_ip].some((ip) => typeof ip === 'string' && ip.startsWith('203.0.113.'))).length;
    const { result, requests } = await runHuntWorker(
      context.workerDir,
      emulator,
      { kind: 'hunt', target: targetOf(emulator), userIds, network: '203.0.113.0/24', share, probeUserIds, probeEveryMs },
      floorMs0 * 3 + 120_000,
    );
    const huntRequests = requests.filter((request) => !probeUserIds.some((id) => request.path === `/api/v2/users/${id}/refresh-tokens`));
    // What the hunt needs: one listing per page of each user's tokens (include_totals tells the
    // last page, although a real tenant sends `next` on it too: one request for 7 tokens), and one
    // name per application it names. Requests beyond that (an empty page, a 429) are not floor.
    const listings = huntRequests.filter((request) => /^\/api\/v2\/users\/.+\/refresh-tokens$/.test(request.path));
    const names = huntRequests.filter((request) => request.path.startsWith('/api/v2/clients/') && request.status !== 429).length;
    const needed = users * Math.max(1, Math.ceil(TOKENS_PER_USER / LISTING_TAKE)) + names;
    const floorMs = floorFor(needed);
    const run: HuntRun = {
      profile: limit.profile,
      burst: limit.burst,
      perSecond: limit.perSecond,
      resetReading: reading,
      share,
      users,
      usersRead: result.items,
      matched: result.matched,
      matchedExpected: expected,
      requests: huntRequests.length,
      requestsNeeded: needed,
      requestsPerUser: listings.length / users,
      probeRequests: requests.length - huntRequests.length,
      rateLimited: requests.filter((request) => request.status === 429).length,
      otherErrors: requests.filter((request) => request.status !== 429 && !(request.status >= 200 && request.status < 300)).length,
      failures: result.failures,
      errors: result.errors.slice(0, 5),
      ms: result.ms,
      floorMs,
      ratioToFloor: result.ms / floorMs,
      probeCount: result.probeMs.length,
      probeP50Ms: percentile(result.probeMs, 50),
      probeP95Ms: percentile(result.probeMs, 95),
      probeMaxMs: percentile(result.probeMs, 100),
      maxRssMb: result.maxRssKb / 1024,
    };
    context.log(
      `  ${limit.profile}, reset=${reading}: ${(run.ms / 1000).toFixed(1)} s = ${run.ratioToFloor.toFixed(3)}× floor, ${run.requests} hunt requests (${(run.requestsPerUser ?? 0).toFixed(2)} listings per user), ${run.rateLimited}×429, ${run.failures} failures, ` +
        `${run.rateLimited > 0 ? 'FAILED (429s), ' : ''}${run.matched}/${run.matchedExpected} matched; foreground expansion p50 ${run.probeP50Ms.toFixed(0)} ms, p95 ${run.probeP95Ms.toFixed(0)} ms (${run.probeCount})`,
    );
    return run;
  } finally {
    await emulator.close();
  }
}

/**
 * Workload 6: the hunt under both limits and both readings of x-ratelimit-reset, side by side
 * (each has its own emulator and bucket).
 */
export async function huntWorkload(context: BenchContext): Promise<HuntWorkloadResult> {
  const sizes = { production: context.quick ? 60 : 1000, 'non-production': context.quick ? 20 : 1000 };
  const runs = await Promise.all(HUNT_LIMITS.flatMap((limit) => HUNT_RESET_READINGS.map((reading) => huntRun(context, limit, sizes[limit.profile], reading))));
  return {
    id: 'hunt',
    title: 'Hunt across a tenant',
    description:
      `A hunt (HuntSession, as the extension runs it) over ${sizes.production.toLocaleString('en')} users of ${TOKENS_PER_USER} refresh tokens each under the production limit ` +
      `and ${sizes['non-production'].toLocaleString('en')} under the non-production one, criterion 203.0.113.0/24, hunt.rateShare ${HUNT_SHARE}: one GET /users/{id}/refresh-tokens per user at background priority. ` +
      `Meanwhile a foreground probe expands a user (first page of their tokens) every 500 ms (production) or 2 s (non-production). ` +
      `Floor = (requests − share × burst) / (share × rate), requests being one per user and one per application named (GET /clients/{id}): the background bucket starts with share × burst tokens and refills at share × rate. Each limit twice, x-ratelimit-reset naming the moment the bucket is full again (Auth0's documented reading) and the moment the next request is allowed (issue 18's tenant): the four runs at once, each on its own emulator.`,
    runs,
  };
}

/** Workload 7: peak memory growth while every user of a large users export is streamed. */
export async function exportMemoryWorkload(context: BenchContext): Promise<ExportMemoryResult> {
  const users = context.quick ? 10_000 : 100_000;
  context.log(`users export, ${users.toLocaleString('en')} users: starting the emulator`);
  const emulator = await startEmulator({ seed: 1, userCount: users });
  try {
    const { result } = await runHuntWorker(context.workerDir, emulator, { kind: 'export-stream', target: targetOf(emulator) }, 600_000);
    const run: ExportMemoryResult = {
      id: 'export-memory',
      users,
      usersStreamed: result.items,
      ms: result.ms,
      cpuMs: result.cpuMs,
      peakRssGrowthMb: result.peakRssGrowthKb / 1024,
      peakHeapGrowthMb: result.peakHeapGrowthKb / 1024,
      rssBeforeMb: result.rssBeforeKb / 1024,
      maxRssMb: result.maxRssKb / 1024,
      errors: result.errors,
    };
    context.log(
      `  streamed ${run.usersStreamed.toLocaleString('en')} users in ${(run.ms / 1000).toFixed(1)} s; peak growth rss ${run.peakRssGrowthMb.toFixed(1)} MB, heap ${run.peakHeapGrowthMb.toFixed(1)} MB (rss before ${run.rssBeforeMb.toFixed(0)} MB)`,
    );
    return run;
  } finally {
    await emulator.close();
  }
}
