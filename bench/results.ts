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
  id: 'paging-0ms' | 'paging-30ms' | 'rate-limited' | 'fan-out';
  title: string;
  description: string;
  /** Emulator rate limit, when any. */
  rateLimit?: { burst: number; perSecond: number };
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
  goals: Goal[];
  durationSeconds: number;
  errors: string[];
}
