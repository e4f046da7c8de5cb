// Runs one contender run in its own Node process and counts what the emulator saw of it.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { RunningEmulator } from '../test/emulator';
import type { Contender, ParentMessage, WorkerMessage, WorkerResult, WorkerTask } from './protocol';
import type { RunRecord } from './results';

export interface RunOptions {
  /** Folder holding worker-ours.js, worker-sdk.js, worker-floor.js. */
  workerDir: string;
  emulator: RunningEmulator;
  task: WorkerTask;
  round: number;
  timeoutMs: number;
}

export async function runContender(options: RunOptions): Promise<RunRecord> {
  const { emulator, task } = options;
  const child = fork(path.join(options.workerDir, `worker-${task.contender}.js`), [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let firstRequest = emulator.requests.length;
  const result = await new Promise<WorkerResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${task.contender} ${task.kind}: no result within ${Math.round(options.timeoutMs / 1000)} s`));
    }, options.timeoutMs);
    const post = (message: ParentMessage) => child.send(message);
    child.on('message', (raw) => {
      const message = raw as WorkerMessage;
      if (message.type === 'ready') {
        firstRequest = emulator.requests.length;
        post({ type: 'task', task });
      } else if (message.type === 'warm') {
        firstRequest = emulator.requests.length;
        post({ type: 'go' });
      } else if (message.type === 'result') {
        clearTimeout(timer);
        resolve(message.result);
      } else {
        clearTimeout(timer);
        reject(new Error(`${task.contender} ${task.kind} worker failed: ${message.message}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${task.contender} ${task.kind} worker exited (${signal ?? code}) before its result`));
    });
  });
  await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  const seen = emulator.requests.slice(firstRequest).filter((r) => r.path.startsWith('/api/v2/'));
  const record: RunRecord = {
    contender: task.contender as Contender,
    round: options.round,
    ms: result.ms,
    cpuMs: result.cpuMs,
    coldMs: result.coldMs,
    items: result.items,
    failures: result.failures,
    errors: result.errors,
    // Per timed listing (a paging run may time several in a row and keep their median).
    requests: seen.length / result.repeats,
    rateLimited: seen.filter((r) => r.status === 429).length / result.repeats,
    otherErrors: seen.filter((r) => r.status !== 429 && !(r.status >= 200 && r.status < 300)).length / result.repeats,
    rssBeforeKb: result.rssBeforeKb,
    maxRssKb: result.maxRssKb,
    timeline: seen.map((r) => [Math.max(0, r.at - result.startedAtEpochMs), r.status]),
  };
  return record;
}
