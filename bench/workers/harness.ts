// The worker side of a contender run: one process per run, so the peak RSS it reports
// (process.resourceUsage().maxRSS) is that contender's alone. The parent holds the emulator.
import { performance } from 'node:perf_hooks';
import type { ParentMessage, Target, WorkerMessage, WorkerResult, WorkerTask } from '../protocol';

export interface FanOutOutcome {
  items: number;
  failures: number;
  errors: string[];
}

export interface ContenderImplementation {
  /** Lists every token of `userId`; resolves with how many arrived, rejects when the listing fails. */
  listAll(target: Target, userId: string, take: number): Promise<number>;
  /** Loads the first page of each user at once; every rejected promise is a failure. */
  fanOut?(target: Target, userIds: string[]): Promise<FanOutOutcome>;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { statusCode?: unknown; status?: unknown }).statusCode ?? (error as { status?: unknown }).status;
    return `${error.name}${status === undefined ? '' : ` ${String(status)}`}: ${error.message}`.replace(/\s+/g, ' ').slice(0, 300);
  }
  return String(error).replace(/\s+/g, ' ').slice(0, 300);
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/** Idle keep-alive sockets must not keep the worker (and so the benchmark) waiting. */
function sendAndExit(message: WorkerMessage, code: number): void {
  if (!process.send) {
    process.exit(code);
  }
  process.send(message, () => process.exit(code));
}

function nextParentMessage(): Promise<ParentMessage> {
  return new Promise((resolve) => process.once('message', (message) => resolve(message as ParentMessage)));
}

async function execute(implementation: ContenderImplementation, task: WorkerTask): Promise<WorkerResult> {
  const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
  const errors: string[] = [];
  if (task.kind === 'list-all') {
    let coldMs: number | undefined;
    if (task.warmUp) {
      const started = performance.now();
      await implementation.listAll(task.target, task.userId, task.take);
      coldMs = performance.now() - started;
      send({ type: 'warm' });
      const go = await nextParentMessage();
      if (go.type !== 'go') {
        throw new Error(`expected "go", got ${JSON.stringify(go)}`);
      }
    }
    const startedAtEpochMs = Date.now();
    const repeats = Math.max(1, task.repeats ?? 1);
    const runs: { ms: number; cpuMs: number }[] = [];
    let items = 0;
    let failures = 0;
    for (let i = 0; i < repeats && failures === 0; i++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      try {
        items = await implementation.listAll(task.target, task.userId, task.take);
      } catch (error) {
        failures = 1;
        errors.push(describeError(error));
      }
      const used = process.cpuUsage(cpu);
      runs.push({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
    }
    const middle = (values: number[]) => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1];
    return {
      ms: middle(runs.map((r) => r.ms)),
      cpuMs: middle(runs.map((r) => r.cpuMs)),
      repeats: runs.length,
      coldMs,
      items,
      failures,
      errors,
      rssBeforeKb,
      maxRssKb: process.resourceUsage().maxRSS,
      startedAtEpochMs,
    };
  }
  if (!implementation.fanOut) {
    throw new Error('this contender has no fan-out');
  }
  const startedAtEpochMs = Date.now();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const outcome = await implementation.fanOut(task.target, task.userIds);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, repeats: 1, ...outcome, rssBeforeKb, maxRssKb: process.resourceUsage().maxRSS, startedAtEpochMs };
}

/** Entry point of each contender's worker module. */
export function runWorker(implementation: ContenderImplementation): void {
  void (async () => {
    try {
      send({ type: 'ready' });
      const message = await nextParentMessage();
      if (message.type !== 'task') {
        throw new Error(`expected a task, got ${JSON.stringify(message)}`);
      }
      const result = await execute(implementation, message.task);
      sendAndExit({ type: 'result', result }, 0);
    } catch (error) {
      sendAndExit({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 1);
    }
  })();
}
