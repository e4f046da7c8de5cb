// Workloads 1 to 3: paging, paging under the rate limit, and fan-out. Every measured run is a
// fresh worker process; contenders alternate within a round and the order rotates per round.
import { startEmulator, type ResetReading, type RunningEmulator } from '../test/emulator';
import type { Contender, Target, WorkerTask } from './protocol';
import type { ContenderSummary, RunRecord, WorkloadResult } from './results';
import { runContender } from './runner';
import { max, median, min, pairedDifference, pairedRatio, sum } from './stats';

export interface BenchContext {
  workerDir: string;
  rounds: number;
  quick: boolean;
  log(line: string): void;
}

/** Auth0's documented non-production limit (FACTS.md): burst 10, 2 requests/s. */
export const NON_PRODUCTION = { burst: 10, perSecond: 2 } as const;

function targetOf(emulator: RunningEmulator): Target {
  return { url: emulator.url, domain: emulator.domain, token: emulator.token };
}

/** Rotates [a, b, c] by `round` so no contender always goes first. */
function order<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Tokens are generated on first look: do it before any timed request. */
function materialise(emulator: RunningEmulator, userIds: readonly string[]): number {
  return userIds.reduce((total, userId) => total + emulator.refreshTokensOf(userId).length, 0);
}

export async function freshEmulator(options: Parameters<typeof startEmulator>[0], userIds: (e: RunningEmulator) => string[]): Promise<RunningEmulator> {
  const emulator = await startEmulator({ seed: 1, ...options });
  materialise(emulator, userIds(emulator));
  return emulator;
}

/**
 * Contenders of a rate-limited workload under each reading of x-ratelimit-reset. The auth0 v7 SDK
 * does not pace itself: it reads x-ratelimit-reset only after a 429 without Retry-After, and the
 * emulator's 429s all carry Retry-After, so the reading changes nothing it does; it runs under
 * Auth0's documented reading only. This extension paces itself from the header: both readings.
 */
export function rateLimitedContenders(reading: ResetReading): Exclude<Contender, 'floor'>[] {
  return reading === 'full' ? ['ours', 'sdk'] : ['ours'];
}

/**
 * Each round runs every contender once, in alternating order, each on a fresh emulator under the
 * non-production limit (its x-ratelimit-reset naming `reading`), so every run starts with a full
 * bucket.
 */
async function runOnFreshEmulators(
  context: BenchContext,
  reading: ResetReading,
  contenders: readonly Exclude<Contender, 'floor'>[],
  userIds: (emulator: RunningEmulator) => string[],
  taskFor: (emulator: RunningEmulator, contender: Exclude<Contender, 'floor'>) => { task: WorkerTask; timeoutMs: number },
): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  for (let round = 0; round < context.rounds; round++) {
    for (const contender of order(contenders, round)) {
      const emulator = await freshEmulator({ rateLimit: 'non-production', rateLimitReset: reading }, userIds);
      try {
        const { task, timeoutMs } = taskFor(emulator, contender);
        const run = await runContender({ workerDir: context.workerDir, emulator, task, round, timeoutMs });
        context.log(`  round ${round + 1}: ${describeRun(run)}`);
        runs.push(run);
      } finally {
        await emulator.close();
      }
    }
  }
  return runs;
}

function describeRun(run: RunRecord): string {
  const extra = [
    run.coldMs === undefined ? '' : `cold ${run.coldMs.toFixed(0)} ms`,
    `cpu ${run.cpuMs.toFixed(0)} ms`,
    `${run.requests} req`,
    run.rateLimited ? `${run.rateLimited}×429` : '',
    run.failures ? `${run.failures} FAILED` : '',
    `peak RSS ${(run.maxRssKb / 1024).toFixed(0)} MB`,
  ].filter(Boolean);
  return `${run.contender.padEnd(5)} ${run.ms.toFixed(1).padStart(9)} ms  (${extra.join(', ')})`;
}

function summarise(
  runs: RunRecord[],
  contenders: readonly Contender[],
  itemsExpected: number,
  floorMs: number | undefined,
): ContenderSummary[] {
  const of = (contender: Contender) => runs.filter((r) => r.contender === contender).sort((a, b) => a.round - b.round);
  const times = (contender: Contender) => of(contender).map((r) => r.ms);
  return contenders.map((contender) => {
    const mine = of(contender);
    const ms = times(contender);
    const cold = mine.map((r) => r.coldMs).filter((v): v is number => v !== undefined);
    const summary: ContenderSummary = {
      contender,
      runs: mine.length,
      medianMs: median(ms),
      minMs: min(ms),
      maxMs: max(ms),
      medianColdMs: cold.length > 0 ? median(cold) : undefined,
      medianCpuMs: median(mine.map((r) => r.cpuMs)),
      medianRequests: median(mine.map((r) => r.requests)),
      rateLimited: sum(mine.map((r) => r.rateLimited)),
      failures: sum(mine.map((r) => r.failures)),
      worst429PerRequest: max(mine.map((r) => (r.requests > 0 ? r.rateLimited / r.requests : 0))),
      medianMaxRssMb: median(mine.map((r) => r.maxRssKb / 1024)),
      medianRssBeforeMb: median(mine.map((r) => r.rssBeforeKb / 1024)),
      itemsExpected,
      itemsOk: mine.every((r) => r.failures > 0 || r.items === itemsExpected),
    };
    if (floorMs !== undefined) {
      summary.ratioToFloor = median(ms) / floorMs;
    } else if (contenders.includes('floor')) {
      summary.ratioToFloor = pairedRatio(ms, times('floor'));
    }
    if (contender !== 'sdk' && contenders.includes('sdk')) {
      summary.ratioToSdk = pairedRatio(ms, times('sdk'));
    }
    return summary;
  });
}

/** Keeps the timeline of each contender's median run only (the chart's), to keep the JSON small. */
function keepMedianTimelines(runs: RunRecord[]): void {
  const byContender = new Map<Contender, RunRecord[]>();
  for (const run of runs) {
    byContender.set(run.contender, [...(byContender.get(run.contender) ?? []), run]);
  }
  for (const list of byContender.values()) {
    const sorted = [...list].sort((a, b) => a.ms - b.ms);
    const keep = sorted[(sorted.length - 1) >> 1];
    for (const run of list) {
      if (run !== keep) {
        delete run.timeline;
      }
    }
  }
}

/** Workload 1: list every token of users.huge (5,000) with take=100. */
export async function pagingWorkload(context: BenchContext, emulator: RunningEmulator, latencyMs: 0 | 30): Promise<WorkloadResult> {
  const userId = emulator.users.huge;
  const take = 100;
  const tokens = emulator.refreshTokensOf(userId).length;
  const pages = Math.max(1, Math.ceil(tokens / take));
  emulator.configure({ latencyMs });
  const contenders: Contender[] = ['ours', 'sdk', 'floor'];
  const runs: RunRecord[] = [];
  context.log(`paging, ${tokens} tokens, take=${take}, latency ${latencyMs} ms, ${context.rounds} round(s)`);
  for (let round = 0; round < context.rounds; round++) {
    for (const contender of order(contenders, round)) {
      const task: WorkerTask = { kind: 'list-all', contender, target: targetOf(emulator), userId, take, warmUp: true, repeats: context.quick ? 1 : 3 };
      const run = await runContender({ workerDir: context.workerDir, emulator, task, round, timeoutMs: 120_000 });
      context.log(`  round ${round + 1}: ${describeRun(run)}`);
      runs.push(run);
    }
  }
  emulator.configure({ latencyMs: 0 });
  for (const run of runs) {
    delete run.timeline; // one request after another: nothing to chart
  }
  const series = (contender: Contender, pick: (run: RunRecord) => number) =>
    runs.filter((r) => r.contender === contender).sort((a, b) => a.round - b.round).map(pick);
  return {
    id: latencyMs === 0 ? 'paging-0ms' : 'paging-30ms',
    title: `Paging, ${latencyMs} ms latency`,
    description: `All ${tokens.toLocaleString('en')} refresh tokens of users.huge, take=${take} (${pages} pages), unlimited rate. Each run is a fresh process: one untimed cold listing, then ${context.quick ? 'one timed listing' : 'the median of 3 timed listings'}.`,
    latencyMs,
    requestsNeeded: pages,
    contenders: summarise(runs, contenders, tokens, undefined),
    perPageOverheadMs: pairedDifference(series('ours', (r) => r.ms), series('floor', (r) => r.ms)) / pages,
    perPageCpuOverheadMs: pairedDifference(series('ours', (r) => r.cpuMs), series('floor', (r) => r.cpuMs)) / pages,
    runs,
  };
}

/** What a rate-limited workload's title and description say of x-ratelimit-reset. */
function readingNote(reading: ResetReading): { title: string; description: string } {
  return reading === 'full'
    ? { title: '', description: 'x-ratelimit-reset naming the moment the bucket is full again (Auth0\'s documented reading)' }
    : {
        title: ', x-ratelimit-reset naming the next request',
        description: `x-ratelimit-reset naming the moment the next request is allowed (issue 18's tenant); this extension only (the SDK's behaviour does not depend on the reading: it follows Retry-After)`,
      };
}

/**
 * Workload 2: the same listing under the non-production limit, a full bucket at each start, with
 * x-ratelimit-reset read as `reading` (id 'rate-limited' for 'full', 'rate-limited-next').
 */
export async function rateLimitedWorkload(context: BenchContext, reading: ResetReading = 'full'): Promise<WorkloadResult> {
  const take = context.quick ? 20 : 100;
  const pick = (e: RunningEmulator) => (context.quick ? e.users.many : e.users.huge);
  const contenders = rateLimitedContenders(reading);
  let tokens = 0;
  let requestsNeeded = 0;
  let floorMs = 0;
  // A fresh emulator per run: its bucket starts full, as after a quiet minute.
  const runs = await runOnFreshEmulators(context, reading, contenders, (e) => [pick(e)], (emulator, contender) => {
    const userId = pick(emulator);
    if (requestsNeeded === 0) {
      tokens = emulator.refreshTokensOf(userId).length;
      requestsNeeded = Math.max(1, Math.ceil(tokens / take));
      floorMs = (Math.max(0, requestsNeeded - NON_PRODUCTION.burst) / NON_PRODUCTION.perSecond) * 1000;
      context.log(
        `rate-limited paging, ${tokens} tokens, take=${take} (${requestsNeeded} requests), burst ${NON_PRODUCTION.burst}, ${NON_PRODUCTION.perSecond}/s, reset=${reading}: floor ${(floorMs / 1000).toFixed(1)} s`,
      );
    }
    const task: WorkerTask = { kind: 'list-all', contender, target: targetOf(emulator), userId, take, warmUp: false };
    return { task, timeoutMs: floorMs * 4 + 60_000 };
  });
  keepMedianTimelines(runs);
  return {
    id: reading === 'full' ? 'rate-limited' : 'rate-limited-next',
    title: `Paging under the non-production rate limit${readingNote(reading).title}`,
    description: `All ${tokens.toLocaleString('en')} refresh tokens of ${context.quick ? 'users.many' : 'users.huge'}, take=${take} (${requestsNeeded} requests), emulator limit burst ${NON_PRODUCTION.burst} / ${NON_PRODUCTION.perSecond} per s, ${readingNote(reading).description}, full bucket at the start (fresh emulator per run), 0 ms latency. Floor = (requests - burst) / rate.`,
    rateLimit: { ...NON_PRODUCTION },
    resetReading: reading,
    latencyMs: 0,
    requestsNeeded,
    computedFloorMs: floorMs,
    contenders: summarise(runs, contenders, tokens, floorMs),
    runs,
  };
}

/** Workload 3: expand many users at once under the non-production limit ('fan-out', or 'fan-out-next' for the 'next' reading). */
export async function fanOutWorkload(context: BenchContext, reading: ResetReading = 'full'): Promise<WorkloadResult> {
  const userCount = context.quick ? 20 : 40;
  const contenders = rateLimitedContenders(reading);
  const floorMs = (Math.max(0, userCount - NON_PRODUCTION.burst) / NON_PRODUCTION.perSecond) * 1000;
  let tokens = 0;
  context.log(`fan-out, ${userCount} users at once, burst ${NON_PRODUCTION.burst}, ${NON_PRODUCTION.perSecond}/s, reset=${reading}: floor ${(floorMs / 1000).toFixed(1)} s`);
  const runs = await runOnFreshEmulators(context, reading, contenders, (e) => e.fanOutUsers.slice(0, userCount), (emulator, contender) => {
    const userIds = emulator.fanOutUsers.slice(0, userCount);
    if (userIds.length < userCount) {
      throw new Error(`the emulator has ${userIds.length} fan-out users, ${userCount} needed`);
    }
    tokens = materialise(emulator, userIds);
    return { task: { kind: 'fan-out', contender, target: targetOf(emulator), userIds }, timeoutMs: floorMs * 4 + 60_000 };
  });
  keepMedianTimelines(runs);
  return {
    id: reading === 'full' ? 'fan-out' : 'fan-out-next',
    title: `Fan-out: ${userCount} users expanded at once${readingNote(reading).title}`,
    description: `The first page of refresh tokens of ${userCount} users (7 tokens each) requested at once, emulator limit burst ${NON_PRODUCTION.burst} / ${NON_PRODUCTION.perSecond} per s, ${readingNote(reading).description}, full bucket. Ours: ${userCount} concurrent pager.loadNext() on one client (shared limiter, concurrency 4).${reading === 'full' ? ' SDK: Promise.allSettled over users.refreshToken.list() with its default retries.' : ''} Floor = (${userCount} - ${NON_PRODUCTION.burst}) / ${NON_PRODUCTION.perSecond} s.`,
    rateLimit: { ...NON_PRODUCTION },
    resetReading: reading,
    latencyMs: 0,
    requestsNeeded: userCount,
    computedFloorMs: floorMs,
    contenders: summarise(runs, contenders, tokens, floorMs),
    runs,
  };
}
