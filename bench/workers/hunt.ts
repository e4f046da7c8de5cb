// The hunt workloads' worker: one process per run, so its peak memory is its own. A hunt runs
// exactly as the extension runs it (HuntSession over a TenantModel, the client's backgroundShare
// as the hunt.rateShare setting sets it); the export stream reads a users export as "All users"
// does. The parent holds the emulator and counts what it received.
import { performance } from 'node:perf_hooks';
import { createManagementClient } from '../../src/auth0/managementClient';
import { StaticTokenProvider } from '../../src/credentials/staticTokenProvider';
import { memoryEarlyAccess } from '../../src/features/hunt/core/huntTokenSource';
import { listUserSource } from '../../src/features/hunt/core/userSources';
import { usersExportSource } from '../../src/features/hunt/core/usersExportSource';
import { HuntSession } from '../../src/features/hunt/core/huntSession';
import { TenantModel } from '../../src/model/tenantModel';
import type { ExportStreamTask, HuntTask, HuntWorkerMessage, HuntWorkerResult, HuntWorkerTask } from '../protocol';
import { describeError } from './harness';

function send(message: HuntWorkerMessage, exit?: number): void {
  if (!process.send) {
    process.exit(exit ?? 0);
  }
  process.send(message, () => exit !== undefined && process.exit(exit));
}

/** Samples memory every 20 ms; answers the highest growth over the values at the start. */
function memorySampler() {
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, 20);
  return {
    rssBeforeKb: Math.round(before.rss / 1024),
    stop: () => {
      clearInterval(timer);
      const now = process.memoryUsage();
      return { peakRssGrowthKb: Math.round((Math.max(rss, now.rss) - before.rss) / 1024), peakHeapGrowthKb: Math.round((Math.max(heap, now.heapUsed) - before.heapUsed) / 1024) };
    },
  };
}

async function hunt(task: HuntTask): Promise<HuntWorkerResult> {
  const client = createManagementClient({ domain: task.target.domain, tokenProvider: new StaticTokenProvider(task.target.token), backgroundShare: task.share });
  const model = new TenantModel(client);
  const session = new HuntSession({
    huntId: 'bench',
    model,
    tenant: task.target.domain,
    criteria: { deviceSide: 'either', networks: [task.network] },
    users: listUserSource(task.userIds.map((userId) => ({ userId })), 'bench users'),
    earlyAccess: memoryEarlyAccess(),
  });
  const memory = memorySampler();
  const probeMs: number[] = [];
  const errors: string[] = [];
  let probing = true;
  // What a person does meanwhile: expands a user in the tree (the first page, foreground).
  const probe = (async () => {
    for (let index = 0; probing; index++) {
      await new Promise((resolve) => setTimeout(resolve, task.probeEveryMs));
      if (!probing) {
        break;
      }
      const started = performance.now();
      try {
        await client.listRefreshTokens(task.probeUserIds[index % task.probeUserIds.length], { take: 50 });
        probeMs.push(performance.now() - started);
      } catch (error) {
        errors.push(`probe: ${describeError(error)}`);
      }
    }
  })();
  const startedAtEpochMs = Date.now();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await session.start();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  probing = false;
  await probe;
  const growth = memory.stop();
  errors.push(...result.failures.slice(0, 3).map((failure) => `${failure.userId}: ${failure.message}`));
  if (result.stopCause) {
    errors.push(`stopped: ${result.stopCause.message}`);
  }
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    items: result.progress.usersDone,
    matched: result.matches.length,
    failures: result.failures.length + (result.outcome === 'completed' ? 0 : 1),
    errors,
    probeMs,
    rssBeforeKb: memory.rssBeforeKb,
    maxRssKb: process.resourceUsage().maxRSS,
    ...growth,
    startedAtEpochMs,
  };
}

async function exportStream(task: ExportStreamTask): Promise<HuntWorkerResult> {
  const client = createManagementClient({ domain: task.target.domain, tokenProvider: new StaticTokenProvider(task.target.token) });
  const source = usersExportSource(client, { pollDelaysMs: [250] });
  const memory = memorySampler();
  const startedAtEpochMs = Date.now();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let items = 0;
  const errors: string[] = [];
  try {
    for await (const user of source.users(new AbortController().signal)) {
      items += user.userId === '' ? 0 : 1;
    }
  } catch (error) {
    errors.push(describeError(error));
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const growth = memory.stop();
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    items,
    matched: 0,
    failures: errors.length,
    errors,
    probeMs: [],
    rssBeforeKb: memory.rssBeforeKb,
    maxRssKb: process.resourceUsage().maxRSS,
    ...growth,
    startedAtEpochMs,
  };
}

process.once('message', (raw) => {
  const message = raw as { type: 'task'; task: HuntWorkerTask };
  const run = message.task.kind === 'hunt' ? hunt(message.task) : exportStream(message.task);
  run.then(
    (result) => send({ type: 'result', result }, 0),
    (error: unknown) => send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 1),
  );
});
send({ type: 'ready' });
