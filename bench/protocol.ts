// Messages between the benchmark's parent (which runs the emulator) and the worker processes
// (one per contender run, so each contender's peak RSS is its own).

export type Contender = 'ours' | 'sdk' | 'floor';

export interface Target {
  /** http://127.0.0.1:port */
  url: string;
  /** 127.0.0.1:port */
  domain: string;
  token: string;
}

/** List every refresh token of one user, page by page. */
export interface ListAllTask {
  kind: 'list-all';
  contender: Contender;
  target: Target;
  userId: string;
  take: number;
  /** Run the listing once untimed first; the parent answers 'go' before the timed runs. */
  warmUp: boolean;
  /** Timed listings after the warm-up; the result is their median (default 1). */
  repeats?: number;
}

/** Load the first page of refresh tokens of many users at once. */
export interface FanOutTask {
  kind: 'fan-out';
  contender: Exclude<Contender, 'floor'>;
  target: Target;
  userIds: string[];
}

export type WorkerTask = ListAllTask | FanOutTask;

export interface WorkerResult {
  /** Wall time of the timed run (the median of the timed listings), ms. */
  ms: number;
  /** Timed listings the result stands for (requests are divided by it). */
  repeats: number;
  /** CPU time (user + system) of this process during the timed run (the median listing), ms. */
  cpuMs: number;
  /** Wall time of the untimed first run, when there was one (a cold run in a fresh process). */
  coldMs?: number;
  /** Items received in the timed run. */
  items: number;
  /** Promises that rejected (fan-out) or 1 when the listing failed. */
  failures: number;
  /** A few failure messages, for the report. */
  errors: string[];
  /** process.memoryUsage().rss after the contender's modules were loaded, before any request, KB. */
  rssBeforeKb: number;
  /** process.resourceUsage().maxRSS at the end: the process's peak, KB. */
  maxRssKb: number;
  /** performance.now() of the worker at the timed run's start, and Date.now() at the same instant. */
  startedAtEpochMs: number;
}

export type WorkerMessage = { type: 'ready' } | { type: 'warm' } | { type: 'result'; result: WorkerResult } | { type: 'error'; message: string };

export type ParentMessage = { type: 'task'; task: WorkerTask } | { type: 'go' };

/** Prefix of the line bench/activation/host.ts prints inside VS Code. */
export const ACTIVATION_RESULT_MARKER = 'BENCH_ACTIVATION_RESULT';

// The hunt workloads' worker (bench/workers/hunt.ts): the same 'ready' / 'task' / 'result'
// exchange, with tasks and results of their own.

/** A hunt over `userIds` (background priority, the given share), while a foreground probe expands a user now and then. */
export interface HuntTask {
  kind: 'hunt';
  target: Target;
  userIds: string[];
  /** The criterion: a CIDR range (every user's tokens are read either way). */
  network: string;
  /** The client's backgroundShare (the hunt.rateShare setting). */
  share: number;
  /** Users whose first page of tokens the probe asks for, foreground, in turn. */
  probeUserIds: string[];
  /** Pause between two probes, ms. */
  probeEveryMs: number;
}

/** Streams every user of a users export (POST /jobs/users-exports, then the file), counting them. */
export interface ExportStreamTask {
  kind: 'export-stream';
  target: Target;
}

export type HuntWorkerTask = HuntTask | ExportStreamTask;

export interface HuntWorkerResult {
  /** Wall time of the hunt or the whole export (job, polls, download), ms. */
  ms: number;
  cpuMs: number;
  /** Users read (hunt) or users streamed (export). */
  items: number;
  /** Tokens the hunt matched. */
  matched: number;
  /** Users that failed, plus 1 if the hunt or the export did not complete. */
  failures: number;
  errors: string[];
  /** Foreground probe latencies, ms, in order. */
  probeMs: number[];
  rssBeforeKb: number;
  maxRssKb: number;
  /** Highest rss and heapUsed seen during the run above their values before it, sampled every 20 ms, KB. */
  peakRssGrowthKb: number;
  peakHeapGrowthKb: number;
  startedAtEpochMs: number;
}

export type HuntWorkerMessage = { type: 'ready' } | { type: 'result'; result: HuntWorkerResult } | { type: 'error'; message: string };
