// Workload 9: the watch's costs (issue 20, "Measured in the bench"), against the emulator's
// growing log in real time. Per Auth0 limit profile and tenant rate (a quiet tenant, 1 event/s;
// a busy one, 50 events/s): detection latency (an event's date to the moment the judge had it,
// which is when its alerts are raised), requests per minute against the floor (events ÷ 100 a
// request), 429s the emulator answered (none allowed), and CPU per 10,000 events judged. While
// the busy tenant is watched, a foreground probe expands a user (the first page of their tokens,
// as the hunt workload's probe) beside the same probe with no watch running, in the same run.
import { performance } from 'node:perf_hooks';
import { createManagementClient } from '../src/auth0/managementClient';
import { StaticTokenProvider } from '../src/credentials/staticTokenProvider';
import { LiveJudge } from '../src/features/watch/core/liveJudge';
import { LogTail } from '../src/features/watch/core/logTail';
import { startEmulator, type RunningEmulator } from '../test/emulator';
import type { WatchProbe, WatchRun, WatchWorkloadResult } from './results';
import { percentile } from './stats';
import type { BenchContext } from './workloads';

/** Auth0's documented limits (FACTS.md); the probe's pace is the hunt workload's for each. */
export const WATCH_LIMITS = [
  { profile: 'production', burst: 50, perSecond: 16, probeEveryMs: 500 },
  { profile: 'non-production', burst: 10, perSecond: 2, probeEveryMs: 2000 },
] as const;
/** A quiet tenant and a busy one (issue 20), events a second. */
export const WATCH_RATES = [1, 50] as const;
/** Auth0's most per page of `GET /api/v2/logs` (`take`), so the fewest requests that read every event. */
export const LOG_PAGE_MAX = 100;

/** The floor, requests a minute: every event read once, a full page a request. Pure. */
export function watchFloorPerMinute(eventsPerSecond: number): number {
  return (eventsPerSecond * 60) / LOG_PAGE_MAX;
}

/** Requests a minute from a count over `ms` milliseconds (NaN for no time). Pure. */
export function perMinute(count: number, ms: number): number {
  return ms > 0 ? (count * 60_000) / ms : Number.NaN;
}

/** Seconds a row runs: 45 in a full run (as issue 20's figures were taken), 4 in a quick run. */
export function watchRowSeconds(quick: boolean): number {
  return quick ? 4 : 45;
}

interface Prober {
  stop(): Promise<WatchProbe>;
}

/** What a person does meanwhile: expands a user in the tree (the first page, foreground), every `everyMs`. */
function startProbe(emulator: RunningEmulator, everyMs: number): Prober {
  const client = createManagementClient({ domain: emulator.domain, tokenProvider: new StaticTokenProvider(emulator.token) });
  const userIds = [emulator.users.seven, emulator.users.one, emulator.users.many];
  const ms: number[] = [];
  const errors: string[] = [];
  let probing = true;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    for (let index = 0; probing; index++) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, everyMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!probing) {
        break;
      }
      const started = performance.now();
      try {
        await client.listRefreshTokens(userIds[index % userIds.length], { take: 50, priority: 'foreground' });
        ms.push(performance.now() - started);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  })();
  return {
    async stop() {
      probing = false;
      wake?.();
      await loop;
      return { count: ms.length, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), maxMs: percentile(ms, 100), errors: errors.slice(0, 3) };
    },
  };
}

async function watchRun(limit: (typeof WATCH_LIMITS)[number], eventsPerSecond: number, seconds: number, probe: boolean): Promise<WatchRun> {
  const emulator = await startEmulator({ seed: 1, userCount: 300, rateLimit: limit.profile, liveLog: { eventsPerSecond, attacker: eventsPerSecond <= 1 } });
  try {
    const client = createManagementClient({ domain: emulator.domain, tokenProvider: new StaticTokenProvider(emulator.token) });
    const judge = new LiveJudge({ clock: Date.now });
    const tail = new LogTail({ client, tenant: emulator.domain, start: { from: 'now' } });
    const controller = new AbortController();
    const latencies: number[] = [];
    let judgeMicros = 0;
    let judged = 0;
    let alerts = 0;
    const first = emulator.requests.length;
    const prober = probe ? startProbe(emulator, limit.probeEveryMs) : undefined;
    const started = performance.now();
    const timer = setTimeout(() => controller.abort(), seconds * 1000);
    try {
      for await (const page of tail.pages(controller.signal)) {
        const now = Date.now();
        const cpu = process.cpuUsage();
        for (const event of page.events) {
          latencies.push(now - Date.parse(String(event.date)));
          alerts += judge.judge(event).length;
          judged += 1;
        }
        const used = process.cpuUsage(cpu);
        judgeMicros += used.user + used.system;
      }
    } finally {
      clearTimeout(timer);
    }
    const ms = performance.now() - started;
    const probed = await prober?.stop();
    const requests = emulator.requests.slice(first);
    const logRequests = requests.filter((request) => request.path === '/api/v2/logs').length;
    return {
      profile: limit.profile,
      burst: limit.burst,
      perSecond: limit.perSecond,
      eventsPerSecond,
      seconds: ms / 1000,
      events: judged,
      alerts,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      logRequests,
      requestsPerMinute: perMinute(logRequests, ms),
      floorPerMinute: watchFloorPerMinute(eventsPerSecond),
      rateLimited: requests.filter((request) => request.status === 429).length,
      cpuMsPer10k: judged === 0 ? Number.NaN : (judgeMicros / 1000) * (10_000 / judged),
      probe: probed,
    };
  } finally {
    await emulator.close();
  }
}

/** The probe alone on a fresh emulator of the same limit: the baseline for the probe beside the watch. */
async function probeBaseline(limit: (typeof WATCH_LIMITS)[number], seconds: number): Promise<WatchProbe & { profile: WatchRun['profile'] }> {
  const emulator = await startEmulator({ seed: 1, userCount: 300, rateLimit: limit.profile });
  try {
    const prober = startProbe(emulator, limit.probeEveryMs);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const probed = await prober.stop();
    const rateLimited = emulator.requests.filter((request) => request.status === 429).length;
    return { ...probed, profile: limit.profile, ...(rateLimited > 0 ? { errors: [...probed.errors, `${rateLimited} × 429`] } : {}) };
  } finally {
    await emulator.close();
  }
}

const secondsText = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Workload 9: each limit × each rate, one after another (CPU is read per process), then the probe's baselines. */
export async function watchWorkload(context: BenchContext): Promise<WatchWorkloadResult> {
  const seconds = watchRowSeconds(context.quick);
  const baselineSeconds = context.quick ? 2 : 20;
  context.log(`watch: ${WATCH_LIMITS.length} limits × ${WATCH_RATES.length} rates, ${seconds} s each; the probe's baseline ${baselineSeconds} s per limit`);
  const runs: WatchRun[] = [];
  for (const limit of WATCH_LIMITS) {
    for (const rate of WATCH_RATES) {
      const run = await watchRun(limit, rate, seconds, rate === WATCH_RATES[WATCH_RATES.length - 1]);
      runs.push(run);
      context.log(
        `  ${limit.profile}, ${rate} events/s: ${run.events} events, latency p50 ${secondsText(run.latencyP50Ms)}, p95 ${secondsText(run.latencyP95Ms)}; ` +
          `${run.requestsPerMinute.toFixed(1)} requests/min (floor ${run.floorPerMinute.toFixed(2)}); ${run.rateLimited === 0 ? '0 × 429' : `FAILED: ${run.rateLimited} × 429`}; ` +
          `CPU ${run.cpuMsPer10k.toFixed(0)} ms per 10,000 events${run.probe ? `; expansion p50 ${run.probe.p50Ms.toFixed(0)} ms, p95 ${run.probe.p95Ms.toFixed(0)} ms (${run.probe.count})` : ''}`,
      );
    }
  }
  const baselines = await Promise.all(WATCH_LIMITS.map((limit) => probeBaseline(limit, baselineSeconds)));
  for (const b of baselines) {
    context.log(`  ${b.profile}, no watch: expansion p50 ${b.p50Ms.toFixed(0)} ms, p95 ${b.p95Ms.toFixed(0)} ms (${b.count})`);
  }
  return {
    id: 'watch',
    title: 'Watching a tenant',
    description:
      `The watch's tail (LogTail: GET /api/v2/logs?from={log_id}&take=100 at background priority within its share of the rate) and judge (LiveJudge) against the emulator's growing log in real time, from "now", ` +
      `${seconds} s per row, a fresh emulator per row, under the production limit (burst 50, 16/s) and the non-production one (burst 10, 2/s), on a quiet tenant (1 event/s, with the attacker's story) and a busy one (50 events/s). ` +
      `Latency: an event's date to the moment the judge had it (its alerts are raised then). Floor: events ÷ ${LOG_PAGE_MAX} a request. CPU: the judge's, per 10,000 events. ` +
      `While the busy tenant is watched, a foreground probe expands a user (the first page of their tokens) every 500 ms (production) or 2 s (non-production), as in the hunt workload; ` +
      `its baseline is the same probe on a fresh emulator with no watch running (${baselineSeconds} s). A single 429 fails the workload's goal.`,
    runs,
    baselines,
  };
}
