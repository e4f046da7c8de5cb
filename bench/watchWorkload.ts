// The watch's costs, measured against the emulator's growing log in real time (not part of
// `npm run bench` yet; run alone: `npx tsc -p . && node out/bench/watchWorkload.js [seconds]`).
// Per Auth0 limit profile and tenant rate: detection latency (an event's date to the moment the
// judge had it, which is when its alerts are raised), requests per minute against the floor
// (events ÷ 100 a request), 429s seen by the emulator, and CPU per 10,000 events judged.
import { createManagementClient } from '../src/auth0/managementClient';
import { StaticTokenProvider } from '../src/credentials/staticTokenProvider';
import { LiveJudge } from '../src/features/watch/core/liveJudge';
import { LogTail } from '../src/features/watch/core/logTail';
import { startEmulator, type RateLimitProfile } from '../test/emulator';

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(rateLimit: RateLimitProfile, eventsPerSecond: number, seconds: number) {
  const emulator = await startEmulator({ seed: 1, userCount: 300, rateLimit, liveLog: { eventsPerSecond, attacker: eventsPerSecond <= 1 } });
  const client = createManagementClient({ domain: emulator.domain, tokenProvider: new StaticTokenProvider(emulator.token) });
  const judge = new LiveJudge({ clock: Date.now });
  const tail = new LogTail({ client, tenant: emulator.domain, start: { from: 'now' } });
  const controller = new AbortController();
  const latencies: number[] = [];
  let judgeMicros = 0;
  let judged = 0;
  const firstRequest = emulator.requests.length;
  const startedAt = Date.now();
  const timer = setTimeout(() => controller.abort(), seconds * 1000);
  for await (const page of tail.pages(controller.signal)) {
    const now = Date.now();
    const cpu = process.cpuUsage();
    for (const event of page.events) {
      latencies.push(now - Date.parse(String(event.date)));
      judge.judge(event);
      judged += 1;
    }
    const used = process.cpuUsage(cpu);
    judgeMicros += used.user + used.system;
  }
  clearTimeout(timer);
  const elapsedMin = (Date.now() - startedAt) / 60_000;
  const requests = emulator.requests.slice(firstRequest).filter((request) => request.path === '/api/v2/logs');
  const status = tail.currentStatus();
  const result = {
    profile: rateLimit,
    eventsPerSecond,
    seconds,
    events: status.events,
    latencyP50s: percentile(latencies, 50) / 1000,
    latencyP95s: percentile(latencies, 95) / 1000,
    requestsPerMinute: Number((requests.length / elapsedMin).toFixed(1)),
    floorPerMinute: Number(((eventsPerSecond * 60) / 100).toFixed(2)),
    tooManyRequests: emulator.requests.slice(firstRequest).filter((request) => request.status === 429).length,
    cpuMsPer10k: judged === 0 ? Number.NaN : Number(((judgeMicros / 1000) * (10_000 / judged)).toFixed(0)),
  };
  await emulator.close();
  return result;
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 60);
  const rows = [];
  for (const profile of ['production', 'non-production'] as const) {
    for (const rate of [1, 50]) {
      const row = await measure(profile, rate, seconds);
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
}

void main();
