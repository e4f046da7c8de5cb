// `npm run bench` (see scripts/bench.js): this project's client and pager against the official
// SDK (auth0 v7) and the physical floor, on the emulator; then bundle size and activation in the
// real VS Code of the test bed. Writes test-results/bench.json (bench-quick.json in quick mode),
// and in full mode BENCHMARKS.md's generated section and docs/images/bench-*.svg.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { activationWorkload } from './activation/run';
import { bundleWorkload } from './bundle';
import { microWorkload } from './micro';
import { renderTimelineSvg } from './chart';
import { evaluateGoals, renderGoalsForConsole, renderMarkdown } from './report';
import type { ActivationResult, BenchReport, BundleResult, ExpansionWorkloadResult, ExportMemoryResult, HuntWorkloadResult, Machine, MicroResult, WatchWorkloadResult, WorkloadResult } from './results';
import { exportMemoryWorkload, huntWorkload } from './huntWorkloads';
import { userExpansionWorkload } from './userExpansion';
import { watchWorkload } from './watchWorkload';
import { fanOutWorkload, freshEmulator, NON_PRODUCTION, pagingWorkload, rateLimitedWorkload, type BenchContext } from './workloads';

const WORKLOADS = ['paging', 'rate-limited', 'fan-out', 'hunt', 'export-memory', 'user-expansion', 'watch', 'bundle', 'micro', 'activation'] as const;
type WorkloadName = (typeof WORKLOADS)[number];

interface Arguments {
  quick: boolean;
  /** Re-render BENCHMARKS.md and the charts from test-results/bench.json; measure nothing. */
  render: boolean;
  rounds: number;
  only: Set<WorkloadName>;
  activationStarts: number;
}

function parseArguments(argv: string[]): Arguments {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const known = new Set(['--quick', '--render']);
  for (const arg of argv) {
    if (!known.has(arg) && !/^--(rounds|only|activation-starts)=/.test(arg)) {
      throw new Error(`unknown argument ${arg}; use --quick, --rounds=N, --only=${WORKLOADS.join(',')}, --activation-starts=N, --render`);
    }
  }
  const quick = argv.includes('--quick');
  const onlyText = value('only');
  const only = new Set<WorkloadName>();
  // Quick mode leaves out the VS Code start (20-40 s here on its own) to stay under a minute;
  // `--quick --only=...,activation` puts it back.
  for (const name of onlyText ? onlyText.split(',') : quick ? WORKLOADS.filter((w) => w !== 'activation') : WORKLOADS) {
    if (!(WORKLOADS as readonly string[]).includes(name)) {
      throw new Error(`unknown workload "${name}"; workloads: ${WORKLOADS.join(', ')}`);
    }
    only.add(name as WorkloadName);
  }
  const rounds = Number(value('rounds') ?? (quick ? 1 : 5));
  const activationStarts = Number(value('activation-starts') ?? (quick ? 1 : 3));
  if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(activationStarts) || activationStarts < 1) {
    throw new Error('--rounds and --activation-starts take a whole number >= 1');
  }
  return { quick, render: argv.includes('--render'), rounds, only, activationStarts };
}

function repositoryRoot(): string {
  if (process.env.BENCH_REPO_ROOT) {
    return process.env.BENCH_REPO_ROOT;
  }
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.readFileSync(path.join(dir, 'package.json'), 'utf8').includes('"auth0-token-inspector"')) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error('cannot find the repository root; run `npm run bench`');
    }
    dir = parent;
  }
  return dir;
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function machine(repoRoot: string): Machine {
  const cpus = os.cpus();
  const manifest = readJson(path.join(repoRoot, 'package.json')) as { testbed?: { codeServerVersion?: string } } | undefined;
  const codeServerVersion = manifest?.testbed?.codeServerVersion;
  const cacheRoot = process.env.AUTH0_INSPECTOR_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'auth0-token-inspector');
  const vscode = codeServerVersion ? readJson(path.join(cacheRoot, `code-server-${codeServerVersion}`, 'lib', 'vscode', 'package.json'))?.version : undefined;
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
    commit += dirty ? ' (plus uncommitted changes)' : '';
  } catch {
    commit = undefined;
  }
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    loadAverageAtStart: os.loadavg(),
    totalMemoryGb: os.totalmem() / 1024 ** 3,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    vscode: typeof vscode === 'string' ? `${vscode} (code-server ${codeServerVersion})` : undefined,
    auth0Sdk: String(readJson(require.resolve('auth0/package.json'))?.version ?? 'not installed'),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
  };
}

const BEGIN = '<!-- bench:results:begin (generated by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated section of BENCHMARKS.md, keeping the hand-written text around it. */
function writeBenchmarksMarkdown(file: string, section: string): void {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Benchmarks\n\n## Results\n\n${BEGIN}\n${END}\n`;
  const begin = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  const block = `${BEGIN}\n${section}${END}`;
  const updated = begin >= 0 && end > begin ? existing.slice(0, begin) + block + existing.slice(end + END.length) : `${existing.trimEnd()}\n\n## Results\n\n${block}\n`;
  fs.writeFileSync(file, updated);
}

/** BENCHMARKS.md's generated section and the charts, from a complete full run. */
function writeFullRunOutputs(repoRoot: string, report: BenchReport, markdown: string, log: (line: string) => void): void {
  const imagesDir = path.join(repoRoot, 'docs', 'images');
  fs.mkdirSync(imagesDir, { recursive: true });
  for (const workload of report.workloads) {
    if ((workload.id !== 'fan-out' && workload.id !== 'rate-limited') || workload.error) {
      continue;
    }
    const series = (['ours', 'sdk'] as const).flatMap((contender) => {
      const run = workload.runs.find((r) => r.contender === contender && r.timeline);
      return run ? [{ label: contender === 'ours' ? 'This extension (median run)' : 'auth0 v7 SDK (median run)', run }] : [];
    });
    const file = path.join(imagesDir, `bench-${workload.id}.svg`);
    fs.writeFileSync(
      file,
      renderTimelineSvg({
        title: workload.title,
        subtitle: `Emulator limit: burst ${NON_PRODUCTION.burst}, ${NON_PRODUCTION.perSecond} requests/s; ${workload.requestsNeeded} successful requests needed; ${report.machine.date}`,
        burst: NON_PRODUCTION.burst,
        perSecond: NON_PRODUCTION.perSecond,
        floorMs: workload.computedFloorMs ?? 0,
        series,
      }),
    );
    log(`wrote ${path.relative(repoRoot, file)}`);
  }
  writeBenchmarksMarkdown(path.join(repoRoot, 'BENCHMARKS.md'), markdown);
  log('wrote BENCHMARKS.md');
}

async function main(): Promise<number> {
  const started = performance.now();
  const args = parseArguments(process.argv.slice(2));
  const repoRoot = repositoryRoot();
  const log = (line: string) => console.log(`[bench] ${line}`);
  if (args.render) {
    const saved = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test-results', 'bench.json'), 'utf8')) as BenchReport;
    const goals = evaluateGoals(saved);
    writeFullRunOutputs(repoRoot, { ...saved, goals }, renderMarkdown({ ...saved, goals }), log);
    return 0;
  }
  const context: BenchContext = { workerDir: __dirname, rounds: args.rounds, quick: args.quick, log };
  const info = machine(repoRoot);
  log(`${args.quick ? 'quick' : 'full'} run, ${args.rounds} round(s): ${[...args.only].join(', ')}`);
  log(`${info.cores} × ${info.cpuModel}, load ${info.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}, Node ${info.node}, auth0 ${info.auth0Sdk}`);

  const errors: string[] = [];
  const workloads: WorkloadResult[] = [];
  const failed = (what: string, error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    errors.push(`${what}: ${message}`);
    log(`ERROR in ${what}: ${message}`);
    return message;
  };

  if (args.only.has('paging')) {
    const emulator = await freshEmulator({}, (e) => [e.users.huge]);
    try {
      for (const latency of args.quick ? ([0] as const) : ([0, 30] as const)) {
        try {
          workloads.push(await pagingWorkload(context, emulator, latency));
        } catch (error) {
          const message = failed(`paging at ${latency} ms`, error);
          workloads.push({ id: latency === 0 ? 'paging-0ms' : 'paging-30ms', title: `Paging, ${latency} ms`, description: '', latencyMs: latency, requestsNeeded: 0, contenders: [], runs: [], error: message });
        }
      }
    } finally {
      await emulator.close();
    }
  }
  // Each under both readings of x-ratelimit-reset (issue 18): the bucket full again, the next request allowed.
  for (const [name, run] of [
    ['rate-limited', rateLimitedWorkload],
    ['fan-out', fanOutWorkload],
  ] as const) {
    if (!args.only.has(name)) {
      continue;
    }
    for (const reading of ['full', 'next'] as const) {
      const id = reading === 'full' ? name : (`${name}-next` as const);
      try {
        workloads.push(await run(context, reading));
      } catch (error) {
        const message = failed(id, error);
        workloads.push({ id, title: id, description: '', resetReading: reading, latencyMs: 0, requestsNeeded: 0, contenders: [], runs: [], error: message });
      }
    }
  }

  let hunt: HuntWorkloadResult | undefined;
  if (args.only.has('hunt')) {
    try {
      hunt = await huntWorkload(context);
    } catch (error) {
      hunt = { id: 'hunt', title: 'Hunt across a tenant', description: '', runs: [], error: failed('hunt', error) };
    }
  }
  let exportMemory: ExportMemoryResult | undefined;
  if (args.only.has('export-memory')) {
    try {
      exportMemory = await exportMemoryWorkload(context);
    } catch (error) {
      const message = failed('export-memory', error);
      exportMemory = { id: 'export-memory', users: 0, usersStreamed: 0, ms: NaN, cpuMs: NaN, peakRssGrowthMb: NaN, peakHeapGrowthMb: NaN, rssBeforeMb: NaN, maxRssMb: NaN, errors: [], error: message };
    }
  }

  let userExpansion: ExpansionWorkloadResult | undefined;
  if (args.only.has('user-expansion')) {
    try {
      userExpansion = await userExpansionWorkload(context);
    } catch (error) {
      userExpansion = { id: 'user-expansion', title: 'Requests per user expansion', description: '', runs: [], error: failed('user-expansion', error) };
    }
  }

  let watch: WatchWorkloadResult | undefined;
  if (args.only.has('watch')) {
    try {
      watch = await watchWorkload(context);
    } catch (error) {
      watch = { id: 'watch', title: 'Watching a tenant', description: '', runs: [], baselines: [], error: failed('watch', error) };
    }
  }

  let bundle: BundleResult | undefined;
  if (args.only.has('bundle')) {
    log('bundle sizes');
    try {
      bundle = await bundleWorkload(repoRoot);
      for (const entry of bundle.entries) {
        log(`  ${entry.name}: ${(entry.bytes / 1024).toFixed(1)} KB minified, ${(entry.gzipBytes / 1024).toFixed(1)} KB gzip`);
      }
    } catch (error) {
      bundle = { entries: [], settings: '', error: failed('bundle', error) };
    }
  }

  let micro: MicroResult | undefined;
  if (args.only.has('micro')) {
    log('per-token and per-render costs');
    try {
      micro = await microWorkload(args.quick);
      for (const f of micro.findings) {
        log(`  findings: ${f.tokens} tokens, ${f.events} events: ${f.ms.toFixed(1)} ms (${f.perTokenUs.toFixed(1)} µs per token)`);
      }
      log(`  one page: findings ${micro.pageFindingsMs.toFixed(2)} ms vs the page request ${micro.pageRequestMs.toFixed(1)} ms; user agent of 10,000 characters ${micro.userAgentMs.toFixed(2)} ms`);
    } catch (error) {
      micro = { findings: [], pageFindingsMs: NaN, pageRequestMs: NaN, userAgentMs: NaN, findingsRenderMs: NaN, historyRenderMs: NaN, historyEvents: 0, error: failed('micro', error) };
    }
  }

  const measureActivation = async (variant: 'split' | 'one-bundle'): Promise<ActivationResult> => {
    log(`activation (${variant === 'split' ? 'as shipped: lazy bundles' : 'baseline: one bundle'}): ${args.activationStarts} VS Code start(s)`);
    try {
      const result = await activationWorkload({ repoRoot, distDir: __dirname, starts: args.activationStarts, repeats: args.quick ? 2 : 5, log, variant });
      // The version the extension host reports wins over the one read from the install folder.
      const reported = result.starts[0]?.vscodeVersion;
      if (reported && !info.vscode?.startsWith(reported)) {
        info.vscode = reported;
      }
      return { ...result, variant };
    } catch (error) {
      return {
        variant,
        starts: [],
        medianHostActivateMs: NaN,
        medianOwnActivateMs: NaN,
        medianConnectMs: NaN,
        medianFirstRowsMs: NaN,
        medianActivationToFirstRowsMs: NaN,
        medianRefreshToFirstRowsMs: NaN,
        error: failed(`activation (${variant})`, error),
      };
    }
  };
  // The baseline first, then as shipped: the same machine, the same run.
  const activationBaseline = args.only.has('activation') ? await measureActivation('one-bundle') : undefined;
  const activation = args.only.has('activation') ? await measureActivation('split') : undefined;

  const partial = { mode: args.quick ? 'quick' : 'full', rounds: args.rounds, machine: info, workloads, bundle, micro, activation, activationBaseline, hunt, exportMemory, userExpansion, watch, durationSeconds: 0, errors } as const;
  const report: BenchReport = { ...partial, goals: evaluateGoals(partial), durationSeconds: (performance.now() - started) / 1000 };
  const markdown = renderMarkdown(report);

  const resultsDir = path.join(repoRoot, 'test-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  // Only a complete full run replaces bench.json, the charts and BENCHMARKS.md's figures.
  const complete = !args.quick && args.only.size === WORKLOADS.length;
  const jsonFile = path.join(resultsDir, args.quick ? 'bench-quick.json' : complete ? 'bench.json' : 'bench-partial.json');
  fs.writeFileSync(jsonFile, JSON.stringify(report, null, 2) + '\n');
  log(`wrote ${path.relative(repoRoot, jsonFile)}`);
  if (complete) {
    writeFullRunOutputs(repoRoot, report, markdown, log);
  } else {
    log('BENCHMARKS.md, bench.json and the charts left as they are (not a complete full run)');
  }
  console.log(`\n${markdown}`);
  console.log('Goals:');
  console.log(renderGoalsForConsole(report.goals));
  console.log(`\nbench: ${errors.length === 0 ? 'ran' : `BROKE (${errors.length} error(s))`} in ${report.durationSeconds.toFixed(0)} s`);
  return errors.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
