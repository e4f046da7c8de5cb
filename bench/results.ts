// The shape of test-results/bench.json (and what BENCHMARKS.md is rendered from).
import type { Contender } from './protocol';

export interface RunRecord {
  contender: Contender;
  round: number;
  /** Wall time of the measured run, ms. */
  ms: number;
  /** CPU time of the contender's process during the measured run, ms. */
  cpuMs: number;
  /** First (untimed, cold) run in the same process, ms; paging only. */
  coldMs?: number;
  items: number;
  /** Rejected promises the caller saw (a failed listing counts 1). */
  failures: number;
  errors: string[];
  /** HTTP requests the emulator received during the measured run. */
  requests: number;
  /** Of which answered 429. */
  rateLimited: number;
  /** Of which answered anything else but 2xx/429 (or never answered). */
  otherErrors: number;
  rssBeforeKb: number;
  maxRssKb: number;
  /** [ms since the run started, status] per request; kept for the median run only. */
  timeline?: [number, number][];
}

export interface ContenderSummary {
  contender: Contender;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  medianColdMs?: number;
  medianCpuMs: number;
  medianRequests: number;
  /** Totals over all runs. */
  rateLimited: number;
  failures: number;
  /** The worst run's 429s per request sent. */
  worst429PerRequest: number;
  medianMaxRssMb: number;
  medianRssBeforeMb: number;
  /** Median over rounds of this contender's time / the floor's (measured or computed). */
  ratioToFloor?: number;
  /** Median over rounds of this contender's time / the SDK's. */
  ratioToSdk?: number;
  itemsExpected: number;
  itemsOk: boolean;
}

export interface WorkloadResult {
  /** The '-next' variants run under x-ratelimit-reset naming the next request allowed (issue 18). */
  id: 'paging-0ms' | 'paging-30ms' | 'rate-limited' | 'rate-limited-next' | 'fan-out' | 'fan-out-next';
  title: string;
  description: string;
  /** Emulator rate limit, when any. */
  rateLimit?: { burst: number; perSecond: number };
  /** What the emulator's x-ratelimit-reset named, when rate-limited (absent in reports before issue 18: 'full'). */
  resetReading?: 'full' | 'next';
  latencyMs: number;
  /** Successful requests the workload needs at least. */
  requestsNeeded: number;
  /** For rate-limited workloads: (requestsNeeded - burst) / rate, ms. */
  computedFloorMs?: number;
  contenders: ContenderSummary[];
  /** Per-page overhead of ours over the measured floor (paired medians), wall time, ms. */
  perPageOverheadMs?: number;
  /** The same in CPU time of the client process: far less sensitive to the machine's load. */
  perPageCpuOverheadMs?: number;
  runs: RunRecord[];
  error?: string;
}

export interface BundleEntry {
  name: string;
  entry: string;
  bytes: number;
  gzipBytes: number;
  note: string;
}

/** Per-token and per-render costs (bench/micro.ts). */
export interface MicroResult {
  findings: { tokens: number; events: number; ms: number; perTokenUs: number }[];
  /** Findings of one 50-token page, from the tokens' fields. */
  pageFindingsMs: number;
  /** One 50-token page request to the emulator at 0 ms latency (the least a page costs). */
  pageRequestMs: number;
  /** describeUserAgent of a 10,000-character header. */
  userAgentMs: number;
  findingsRenderMs: number;
  historyRenderMs: number;
  historyEvents: number;
  error?: string;
}

export interface BundleResult {
  entries: BundleEntry[];
  settings: string;
  error?: string;
}

export interface ActivationStart {
  /** Was the extension already active when the benchmark module started? */
  wasActive: boolean;
  /** extension.activate() as the host sees it: loading the bundle plus activate(). */
  hostActivateMs: number;
  /** activationMs that activate() itself returns. */
  ownActivateMs: number;
  /** The connectTenant command (settings and secret storage writes). */
  connectMs: number;
  /** From connected until explorer.getChildren(tenantRow) resolved with user rows. */
  firstRowsMs: number;
  /** From before extension.activate() until the first user rows. */
  activationToFirstRowsMs: number;
  /** After explorer.refresh(): tenant rows then user rows, each repeat. */
  refreshToFirstRowsMs: number[];
  /** Measured last, for scale: one workbench round trip, one settings write, warm bare fetches of the same page. */
  diagnostics: { setContextMs: number; settingsWriteMs: number; bareFetchMs: number[] };
  userRows: number;
  vscodeVersion: string;
  nodeVersion: string;
  /** Wall time of the whole VS Code start, ms. */
  launchMs: number;
  /** GET /api/v2/users the emulator answered during the start (expected: 1 + repeats + 5 bare fetches). */
  userListings: number;
}

export interface ActivationResult {
  /** 'split' as shipped, or 'one-bundle': the baseline with everything in dist/extension.js. */
  variant?: 'split' | 'one-bundle';
  starts: ActivationStart[];
  medianHostActivateMs: number;
  medianOwnActivateMs: number;
  medianConnectMs: number;
  medianFirstRowsMs: number;
  medianActivationToFirstRowsMs: number;
  medianRefreshToFirstRowsMs: number;
  skipped?: string;
  error?: string;
}

export interface Goal {
  id: string;
  text: string;
  measured: string;
  met: boolean | undefined;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  loadAverageAtStart: number[];
  totalMemoryGb: number;
  platform: string;
  node: string;
  vscode?: string;
  auth0Sdk: string;
  date: string;
  commit?: string;
}

/** One hunt under one rate limit (workload 6). */
export interface HuntRun {
  profile: 'production' | 'non-production';
  burst: number;
  perSecond: number;
  /** What the emulator's x-ratelimit-reset named (absent in reports before issue 18: 'full'). */
  resetReading?: 'full' | 'next';
  /** The hunt's share of the rate (hunt.rateShare). */
  share: number;
  users: number;
  usersRead: number;
  matched: number;
  /** Tokens of those users the criterion matches, counted in the emulator. */
  matchedExpected: number;
  /** Requests of the hunt the emulator received (probes excluded). */
  requests: number;
  /** One listing per page of each user's tokens, one name per application named. */
  requestsNeeded: number;
  /** GET /users/{id}/refresh-tokens of the hunt per user: 1 where the tokens fit one page. */
  requestsPerUser?: number;
  probeRequests: number;
  /** Of all requests (hunt and probes). */
  rateLimited: number;
  otherErrors: number;
  /** Users that failed, plus 1 if the hunt did not complete. */
  failures: number;
  errors: string[];
  ms: number;
  /** (users − share × burst) / (share × rate), ms. */
  floorMs: number;
  ratioToFloor: number;
  /** The foreground probe: a user's first page of tokens, while the hunt runs. */
  probeCount: number;
  probeP50Ms: number;
  probeP95Ms: number;
  probeMaxMs: number;
  maxRssMb: number;
}

export interface HuntWorkloadResult {
  id: 'hunt';
  title: string;
  description: string;
  runs: HuntRun[];
  error?: string;
}

/** Streaming a users export (workload 7). */
export interface ExportMemoryResult {
  id: 'export-memory';
  users: number;
  usersStreamed: number;
  ms: number;
  cpuMs: number;
  /** Highest rss / heapUsed above their values before the export started, sampled every 20 ms. */
  peakRssGrowthMb: number;
  peakHeapGrowthMb: number;
  rssBeforeMb: number;
  maxRssMb: number;
  errors: string[];
  error?: string;
}

/** One expansion of the stand-in user to the end, under one limit and one reading (workload 8). */
export interface ExpansionRun {
  profile: 'production' | 'non-production';
  burst: number;
  perSecond: number;
  /** What the emulator's x-ratelimit-reset named: the bucket full again, or the next request allowed. */
  resetReading: 'full' | 'next';
  /** The user's refresh tokens in the emulator, and those the expansion listed. */
  tokens: number;
  tokensListed: number;
  take: number;
  /** The pages alone: ceil(tokens / take). */
  floorRequests: number;
  /** Every request the emulator received during the expansion, then by kind (429s included in their kind). */
  requests: number;
  pages: number;
  sessions: number;
  distinctSessions: number;
  logPages: number;
  applicationNames: number;
  other: number;
  /** Answered 429: must be 0. */
  rateLimited: number;
  /** Answered neither 2xx nor 429 (a session already gone answers 404). */
  notOk: number;
  /** 1 when a page failed. */
  failures: number;
  errors: string[];
  /** Until the last page's rows, and until the background evidence had ended too, ms. */
  pagesMs: number;
  settledMs: number;
}

export interface ExpansionWorkloadResult {
  id: 'user-expansion';
  title: string;
  description: string;
  runs: ExpansionRun[];
  error?: string;
}

/** A foreground probe's expansions (the first page of a user's tokens), ms. */
export interface WatchProbe {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  errors: string[];
}

/** The watch on one tenant rate under one limit (workload 9). */
export interface WatchRun {
  profile: 'production' | 'non-production';
  burst: number;
  perSecond: number;
  /** The emulator's growing log, events a second. */
  eventsPerSecond: number;
  /** How long the watch ran, s. */
  seconds: number;
  /** Events judged, and the alerts they raised. */
  events: number;
  alerts: number;
  /** An event's date to the moment the judge had it, ms. */
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** GET /api/v2/logs the emulator received, and a minute's worth. */
  logRequests: number;
  requestsPerMinute: number;
  /** events a minute ÷ 100 (a full page a request). */
  floorPerMinute: number;
  /** Of every request (the watch's and the probe's): must be 0. */
  rateLimited: number;
  /** The judge's CPU per 10,000 events, ms. */
  cpuMsPer10k: number;
  /** The foreground probe while the watch ran (the busy tenant's rows). */
  probe?: WatchProbe;
}

export interface WatchWorkloadResult {
  id: 'watch';
  title: string;
  description: string;
  runs: WatchRun[];
  /** The same probe with no watch running, per limit. */
  baselines: (WatchProbe & { profile: 'production' | 'non-production' })[];
  error?: string;
}

export interface BenchReport {
  mode: 'full' | 'quick';
  rounds: number;
  machine: Machine;
  workloads: WorkloadResult[];
  bundle?: BundleResult;
  micro?: MicroResult;
  activation?: ActivationResult;
  /** The same measures with the whole extension in one bundle (before lazy loading). */
  activationBaseline?: ActivationResult;
  hunt?: HuntWorkloadResult;
  exportMemory?: ExportMemoryResult;
  userExpansion?: ExpansionWorkloadResult;
  watch?: WatchWorkloadResult;
  goals: Goal[];
  durationSeconds: number;
  errors: string[];
}
