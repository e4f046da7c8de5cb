// Goals and the Markdown rendering of a benchmark report (BENCHMARKS.md's generated section).
import type { Contender } from './protocol';
import { SESSIONS_PER_USER } from '../src/model/tokenEvidence';
import type { BenchReport, ContenderSummary, ExpansionRun, Goal, WatchWorkloadResult, WorkloadResult } from './results';
import { median } from './stats';

export const GOAL_LIMITS = {
  pagingRatioAt30ms: 1.1,
  perPageOverheadMs: 2,
  rateLimitedRatio: 1.1,
  /** The limit is the tenant's, shared with production: not one 429 in any workload (issue 18). */
  max429: 0,
  fanOutRatio: 1.15,
  bundleBytes: 100 * 1024,
  activationMs: 50,
  huntRatio: 1.1,
  exportGrowthMb: 50,
} as const;

const NAMES: Record<Contender, string> = {
  ours: 'this extension (client + pager)',
  sdk: 'auth0 v7 SDK',
  floor: 'floor: bare fetch loop',
};

function contender(workload: WorkloadResult | undefined, id: Contender): ContenderSummary | undefined {
  return workload?.contenders.find((c) => c.contender === id);
}

const seconds = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const millis = (ms: number | undefined, digits = 1) => (ms === undefined || !Number.isFinite(ms) ? 'n/a' : `${ms.toFixed(digits)} ms`);
const times = (ratio: number | undefined) => (ratio === undefined || !Number.isFinite(ratio) ? '' : `${ratio.toFixed(2)}×`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function evaluateGoals(report: Omit<BenchReport, 'goals'>): Goal[] {
  const find = (id: WorkloadResult['id']) => report.workloads.find((w) => w.id === id && !w.error);
  const goals: Goal[] = [];
  const add = (id: string, text: string, measured: string | undefined, met: boolean | undefined) =>
    goals.push({ id, text, measured: measured ?? 'not measured', met: measured === undefined ? undefined : met });

  const at30 = contender(find('paging-30ms'), 'ours');
  add('paging-30ms', `Paging within ${GOAL_LIMITS.pagingRatioAt30ms.toFixed(2)}× of the floor at 30 ms latency`, at30 && times(at30.ratioToFloor), (at30?.ratioToFloor ?? Infinity) <= GOAL_LIMITS.pagingRatioAt30ms);

  const at0 = find('paging-0ms');
  add(
    'paging-0ms',
    `Per-page overhead under ${GOAL_LIMITS.perPageOverheadMs} ms at 0 ms latency`,
    at0 && `${millis(at0.perPageOverheadMs, 2)} wall${(at0.perPageOverheadMs ?? 0) <= 0 ? ' (within noise)' : ''}; ${millis(at0.perPageCpuOverheadMs, 2)} CPU`,
    (at0?.perPageOverheadMs ?? Infinity) < GOAL_LIMITS.perPageOverheadMs,
  );

  // Both readings of x-ratelimit-reset: the bucket full again (Auth0's documented one), the next request allowed.
  for (const [suffix, says] of [
    ['', ''],
    ['-next', ', x-ratelimit-reset naming the next request'],
  ] as const) {
    const rate = find(`rate-limited${suffix}`);
    const rateOurs = contender(rate, 'ours');
    add(`rate-time${suffix}`, `Rate-limited paging${says}: within ${GOAL_LIMITS.rateLimitedRatio.toFixed(2)}× of the rate floor`, rateOurs && `${times(rateOurs.ratioToFloor)} (${seconds(rateOurs.medianMs)} vs ${seconds(rate?.computedFloorMs)})`, (rateOurs?.ratioToFloor ?? Infinity) <= GOAL_LIMITS.rateLimitedRatio);
    add(`rate-failures${suffix}`, `Rate-limited paging${says}: zero failures`, rateOurs && `${rateOurs.failures} in ${rateOurs.runs} runs`, rateOurs?.failures === 0 && rateOurs.itemsOk);
    add(`rate-429${suffix}`, `Rate-limited paging${says}: no 429`, rateOurs && `${rateOurs.rateLimited} in ${rateOurs.runs} runs${rateOurs.rateLimited > GOAL_LIMITS.max429 ? ' (FAILED)' : ''}`, (rateOurs?.rateLimited ?? Infinity) <= GOAL_LIMITS.max429);

    const fan = find(`fan-out${suffix}`);
    const fanOurs = contender(fan, 'ours');
    add(
      `fan-out-failures${suffix}`,
      `Fan-out${says}: zero failures, no 429`,
      fanOurs && `${fanOurs.failures} failures, ${fanOurs.rateLimited} 429s in ${fanOurs.runs} runs${fanOurs.rateLimited > GOAL_LIMITS.max429 ? ' (FAILED)' : ''}`,
      fanOurs?.failures === 0 && fanOurs.itemsOk && fanOurs.rateLimited <= GOAL_LIMITS.max429,
    );
    add(`fan-out-time${suffix}`, `Fan-out${says}: within ${GOAL_LIMITS.fanOutRatio.toFixed(2)}× of the rate floor`, fanOurs && `${times(fanOurs.ratioToFloor)} (${seconds(fanOurs.medianMs)} vs ${seconds(fan?.computedFloorMs)})`, (fanOurs?.ratioToFloor ?? Infinity) <= GOAL_LIMITS.fanOutRatio);
  }

  const extension = report.bundle?.error ? undefined : report.bundle?.entries[0];
  add('bundle', `Activation bundle (dist/extension.js) under ${GOAL_LIMITS.bundleBytes / 1024} KB minified`, extension && `${kb(extension.bytes)} (${extension.bytes.toLocaleString('en')} bytes)`, (extension?.bytes ?? Infinity) < GOAL_LIMITS.bundleBytes);

  const micro = report.micro && !report.micro.error ? report.micro : undefined;
  add(
    'findings-page',
    'Findings of one page well under the time of that page request (under a quarter)',
    micro && `${millis(micro.pageFindingsMs, 2)} vs ${millis(micro.pageRequestMs)}`,
    micro ? micro.pageFindingsMs < micro.pageRequestMs / 4 : undefined,
  );
  for (const run of report.hunt && !report.hunt.error ? report.hunt.runs : []) {
    const next = run.resetReading === 'next';
    add(
      `hunt-${run.profile}${next ? '-next' : ''}`,
      `Hunt, ${run.profile} limit${next ? ', x-ratelimit-reset naming the next request' : ''}: within ${GOAL_LIMITS.huntRatio.toFixed(2)}× the floor for its share, 0 failures, no 429`,
      `${times(run.ratioToFloor)} (${seconds(run.ms)} vs ${seconds(run.floorMs)}), ${run.failures} failures, ${run.rateLimited} 429s${run.rateLimited > GOAL_LIMITS.max429 ? ' (FAILED)' : ''}, ${run.matched}/${run.matchedExpected} matched`,
      run.ratioToFloor <= GOAL_LIMITS.huntRatio && run.failures === 0 && run.rateLimited <= GOAL_LIMITS.max429 && run.matched === run.matchedExpected,
    );
  }
  const exported = report.exportMemory && !report.exportMemory.error ? report.exportMemory : undefined;
  add(
    'export-memory',
    `Streaming a users export: peak memory growth under ${GOAL_LIMITS.exportGrowthMb} MB`,
    exported && `${exported.peakRssGrowthMb.toFixed(1)} MB rss (${exported.peakHeapGrowthMb.toFixed(1)} MB heap) for ${exported.usersStreamed.toLocaleString('en')} users`,
    (exported?.peakRssGrowthMb ?? Infinity) < GOAL_LIMITS.exportGrowthMb && exported?.usersStreamed === exported?.users,
  );

  goals.push(...expansionGoals(report.userExpansion && !report.userExpansion.error ? report.userExpansion.runs : undefined));

  goals.push(...watchGoals(report.watch && !report.watch.error ? report.watch : undefined));

  const activation = report.activation && !report.activation.error && !report.activation.skipped ? report.activation : undefined;
  add('activation', `Activation under ${GOAL_LIMITS.activationMs} ms (the extension's activate())`, activation && millis(activation.medianOwnActivateMs), (activation?.medianOwnActivateMs ?? Infinity) < GOAL_LIMITS.activationMs);
  return goals;
}

/**
 * Workload 9's goal: not one 429 in any row (the watch's requests and the probe's), the probe
 * never failing; the requests a minute against the floor and the latency are reported with it.
 */
export function watchGoals(watch: WatchWorkloadResult | undefined): Goal[] {
  const runs = watch?.runs ?? [];
  if (runs.length === 0) {
    return [{ id: 'watch-429', text: 'Watching a tenant: no 429 under either limit, quiet or busy', measured: 'not measured', met: undefined }];
  }
  const rateLimited = runs.reduce((total, run) => total + run.rateLimited, 0);
  const probeErrors = [...runs.flatMap((run) => run.probe?.errors ?? []), ...(watch?.baselines ?? []).flatMap((b) => b.errors)];
  // A quiet row may have judged nothing in a quick run (NaN latency): the worst of those measured.
  const worst = (values: number[]) => Math.max(...values.filter((value) => Number.isFinite(value)));
  const busiest = worst(runs.map((run) => run.requestsPerMinute / run.floorPerMinute));
  const slowest = worst(runs.map((run) => run.latencyP95Ms));
  return [
    {
      id: 'watch-429',
      text: 'Watching a tenant: no 429 under either limit, quiet or busy (requests a minute and latency reported against the floor)',
      measured:
        `${rateLimited} 429s in ${runs.length} rows${rateLimited > GOAL_LIMITS.max429 ? ` (FAILED: ${runs.filter((r) => r.rateLimited > 0).map((r) => `${r.profile}/${r.eventsPerSecond} events/s ${r.rateLimited}`).join(', ')})` : ''}` +
        `${probeErrors.length > 0 ? `; ${probeErrors.length} probe error(s)` : ''}; at most ${times(busiest)} the floor's requests a minute; detection latency p95 at most ${seconds(slowest)}`,
      met: rateLimited <= GOAL_LIMITS.max429 && probeErrors.length === 0,
    },
  ];
}

/**
 * Workload 8's goals: not one 429 in any run (both limits, both readings), every token listed; and
 * the background evidence within its bound (at most SESSIONS_PER_USER sessions, each read once,
 * the history's first page once), so the requests stay near the floor, the pages alone.
 */
function expansionGoals(runs: readonly ExpansionRun[] | undefined): Goal[] {
  const measured = runs !== undefined && runs.length > 0;
  const rateLimited = runs?.reduce((total, run) => total + run.rateLimited, 0) ?? 0;
  const incomplete = runs?.filter((run) => run.failures > 0 || run.tokensListed !== run.tokens) ?? [];
  const most = (pick: (run: ExpansionRun) => number) => Math.max(...(runs ?? []).map(pick));
  const widest = measured ? [...runs].sort((a, b) => b.requests - a.requests)[0] : undefined;
  const tokens = widest ? widest.tokens.toLocaleString('en') : 'stand-in';
  return [
    {
      id: 'user-expansion-429',
      text: `Expanding the ${tokens}-token user to the end: no 429 under either limit and either reading of x-ratelimit-reset, every token listed`,
      measured: measured
        ? `${rateLimited} 429s in ${runs.length} runs${rateLimited > GOAL_LIMITS.max429 ? ` (FAILED: ${runs.filter((r) => r.rateLimited > 0).map((r) => `${r.profile}/${r.resetReading} ${r.rateLimited}`).join(', ')})` : ''}${incomplete.length > 0 ? `; ${incomplete.length} run(s) did not list every token` : ''}`
        : 'not measured',
      met: measured ? rateLimited <= GOAL_LIMITS.max429 && incomplete.length === 0 : undefined,
    },
    {
      id: 'user-expansion-requests',
      text: `Expanding that user: background evidence within its bound (at most ${SESSIONS_PER_USER} sessions, each read once, one page of log events), nothing else but the rows' application names`,
      measured: widest
        ? `at most ${widest.requests} requests = ${widest.pages} pages (the floor: ${widest.floorRequests}) + ${widest.sessions} sessions + ${widest.logPages} log page${widest.logPages === 1 ? '' : 's'} + ${widest.applicationNames} application names + ${widest.other} other (${times(widest.requests / widest.floorRequests)} the floor)`
        : 'not measured',
      met: measured
        ? most((r) => r.sessions) <= SESSIONS_PER_USER && runs.every((r) => r.distinctSessions === r.sessions) && most((r) => r.logPages) <= 1 && most((r) => r.other) === 0 && runs.every((r) => r.pages === r.floorRequests)
        : undefined,
    },
  ];
}

function verdict(goal: Goal): string {
  return goal.met === undefined ? 'not measured' : goal.met ? 'met' : '**not met**';
}

function pagingRows(workload: WorkloadResult): string[] {
  return workload.contenders.map((c) =>
    [
      `${workload.latencyMs} ms`,
      NAMES[c.contender],
      millis(c.medianMs),
      `${millis(c.minMs, 0)}–${millis(c.maxMs, 0)}`,
      millis(c.medianCpuMs, 0),
      millis(c.medianColdMs, 0),
      String(c.medianRequests),
      `${c.medianMaxRssMb.toFixed(0)} MB (${c.medianRssBeforeMb.toFixed(0)} MB)`,
      c.contender === 'floor' ? '1.00×' : times(c.ratioToFloor),
      times(c.ratioToSdk),
      c.itemsOk ? `${c.itemsExpected.toLocaleString('en')} ✓` : 'WRONG',
    ].join(' | '),
  );
}

function rateRows(workload: WorkloadResult): string[] {
  const sdk = contender(workload, 'sdk');
  // A ratio to an SDK run that ended early in failures would flatter the SDK: say so instead.
  const toSdk = (c: ContenderSummary) => (c.contender === 'sdk' ? '' : sdk && sdk.failures > 0 ? 'n/a (the SDK failed)' : times(c.ratioToSdk));
  return workload.contenders.map((c) =>
    [
      NAMES[c.contender],
      seconds(c.medianMs),
      `${seconds(c.minMs)}–${seconds(c.maxMs)}`,
      `${times(c.ratioToFloor)}${c.failures > 0 ? ' (ended in failures)' : ''}`,
      toSdk(c),
      String(c.medianRequests),
      // This extension's 429s fail the workload (issue 18); the SDK's are what it is measured against.
      `${c.contender === 'ours' && c.rateLimited > GOAL_LIMITS.max429 ? '**FAILED:** ' : ''}${c.rateLimited} (worst run ${(c.worst429PerRequest * 50).toFixed(1)} per 50 requests)`,
      `${c.failures}${c.failures > 0 ? ` of ${c.runs * (workload.id === 'fan-out' ? workload.requestsNeeded : 1)}` : ''}`,
      `${c.medianMaxRssMb.toFixed(0)} MB`,
    ].join(' | '),
  );
}

function errorsOf(workload: WorkloadResult): string[] {
  const samples = [...new Set(workload.runs.flatMap((r) => r.errors.map((e) => `${NAMES[r.contender]}: ${e}`)))].slice(0, 3);
  return samples.length === 0 ? [] : ['', 'Errors seen (first few):', '', ...samples.map((s) => `- \`${s.replace(/`/g, "'")}\``)];
}

export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const lines: string[] = [];
  const workload = (id: WorkloadResult['id']) => report.workloads.find((w) => w.id === id);
  lines.push(
    `Generated by \`npm run bench${report.mode === 'quick' ? ' -- --quick' : ''}\` on ${machine.date} in ${Math.round(report.durationSeconds)} s (${report.mode} mode, ${report.rounds} round${report.rounds === 1 ? '' : 's'} per contender).`,
    '',
    `- Machine: ${machine.cores} × ${machine.cpuModel}, ${machine.totalMemoryGb.toFixed(0)} GB, ${machine.platform}; load average at the start ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' / ')} (the cores are shared with other work).`,
    `- Node ${machine.node}; VS Code ${machine.vscode ?? 'n/a'}; auth0 SDK ${machine.auth0Sdk}; commit ${machine.commit ?? 'n/a'}.`,
    '',
    '### Goals',
    '',
    '| Goal | Measured | Verdict |',
    '| --- | --- | --- |',
    ...report.goals.map((g) => `| ${g.text} | ${g.measured} | ${verdict(g)} |`),
  );

  const paging = [workload('paging-0ms'), workload('paging-30ms')].filter((w): w is WorkloadResult => w !== undefined);
  if (paging.length > 0) {
    lines.push(
      '',
      '### 1. Paging',
      '',
      paging[0].description,
      '',
      '| Latency | Contender | Median (warm) | Min–max | CPU (median) | Cold run | Requests | Peak RSS (before work) | × floor | × SDK | Tokens |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...paging.flatMap((w) => (w.error ? [`| ${w.latencyMs} ms | error: ${w.error.split('\n')[0]} | | | | | | | | | |`] : pagingRows(w)).map((row) => `| ${row} |`)),
      '',
      ...paging
        .filter((w) => !w.error)
        .map(
          (w) =>
            `Per-page overhead of this extension over the floor at ${w.latencyMs} ms: ${millis(w.perPageOverheadMs, 2)} wall time, ${millis(w.perPageCpuOverheadMs, 2)} CPU time of the client process (medians over rounds of (ours − floor) / ${w.requestsNeeded} pages).`,
        )
        .flatMap((line, i) => (i === 0 ? [line] : ['', line])),
    );
  }
  for (const [id, heading] of [
    ['rate-limited', '### 2. Paging under the rate limit'],
    ['rate-limited-next', '### 2b. Paging under the rate limit, x-ratelimit-reset naming the next request'],
    ['fan-out', '### 3. Fan-out'],
    ['fan-out-next', '### 3b. Fan-out, x-ratelimit-reset naming the next request'],
  ] as const) {
    const w = workload(id);
    if (!w) {
      continue;
    }
    lines.push('', heading, '', w.description, '');
    if (w.error) {
      lines.push(`Error: \`${w.error.split('\n')[0]}\``);
      continue;
    }
    lines.push(
      `| Contender | Median | Min–max | × floor (${seconds(w.computedFloorMs)}) | × SDK | Requests (median) | 429s, all runs | Failures, all runs | Peak RSS |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rateRows(w).map((row) => `| ${row} |`),
      ...errorsOf(w),
    );
  }
  if (report.bundle) {
    lines.push('', '### 4. Bundle size', '', `${report.bundle.settings}.`, '');
    if (report.bundle.error) {
      lines.push(`Error: \`${report.bundle.error.split('\n')[0]}\``);
    } else {
      const base = report.bundle.entries[0].bytes;
      lines.push(
        '| Program | Minified | gzip -9 | vs the activation bundle | What it is |',
        '| --- | --- | --- | --- | --- |',
        ...report.bundle.entries.map((e) => `| ${e.name} (\`${e.entry}\`) | ${kb(e.bytes)} | ${kb(e.gzipBytes)} | ${(e.bytes / base).toFixed(2)}× | ${e.note} |`),
      );
    }
  }
  if (report.micro) {
    const m = report.micro;
    lines.push('', '### 6. Per-token and per-render costs', '');
    if (m.error) {
      lines.push(`Error: \`${m.error.split('\n')[0]}\``);
    } else {
      lines.push(
        '| Measure | Median | For scale |',
        '| --- | --- | --- |',
        ...m.findings.map((f) => `| findings of the ${f.tokens.toLocaleString('en')}-token user with ${f.events.toLocaleString('en')} log events | ${millis(f.ms)} (${f.perTokenUs.toFixed(1)} µs per token) | |`),
        `| findings of one 50-token page (its fields) | ${millis(m.pageFindingsMs)} | the page request itself: ${millis(m.pageRequestMs)} at 0 ms latency (${(m.pageFindingsMs / m.pageRequestMs).toFixed(3)}×) |`,
        `| describeUserAgent of a 10,000-character header | ${millis(m.userAgentMs)} | |`,
        `| render the Findings section | ${millis(m.findingsRenderMs)} | |`,
        `| render the History section (${m.historyEvents} events, timeline) | ${millis(m.historyRenderMs)} | |`,
      );
    }
  }
  if (report.activation) {
    const a = report.activation;
    lines.push('', '### 5. Activation in the real VS Code of the test bed', '');
    if (a.skipped || a.error) {
      lines.push(a.skipped ? `Skipped: ${a.skipped}.` : `Error: \`${(a.error ?? '').split('\n')[0]}\``);
    } else {
      const per = (pick: (s: (typeof a.starts)[number]) => number) => a.starts.map((s) => pick(s).toFixed(1)).join(', ');
      lines.push(
        `${a.starts.length} VS Code start${a.starts.length === 1 ? '' : 's'} (code-server + headless Chromium, fresh user data each), the production bundle, an emulator tenant at 0 ms latency.`,
        '',
        '| Measure | Median | Per start (ms) |',
        '| --- | --- | --- |',
        `| activate() itself (the activationMs it returns) | ${millis(a.medianOwnActivateMs)} | ${per((s) => s.ownActivateMs)} |`,
        `| extension.activate() seen by the host (loads the bundle, then activate()) | ${millis(a.medianHostActivateMs)} | ${per((s) => s.hostActivateMs)} |`,
        `| connectTenant command (settings + secret storage) | ${millis(a.medianConnectMs)} | ${per((s) => s.connectMs)} |`,
        `| connected → first user rows (tenant rows, then getChildren(tenant)) | ${millis(a.medianFirstRowsMs)} | ${per((s) => s.firstRowsMs)} |`,
        `| activation start → first user rows (all of the above) | ${millis(a.medianActivationToFirstRowsMs)} | ${per((s) => s.activationToFirstRowsMs)} |`,
        ...baselineRows(report.activationBaseline),
        `| refresh → first user rows (warm client, ${a.starts[0]?.refreshToFirstRowsMs.length ?? 0} per start) | ${millis(a.medianRefreshToFirstRowsMs)} | ${a.starts.map((s) => s.refreshToFirstRowsMs.map((v) => v.toFixed(1)).join(' ')).join('; ')} |`,
        `| for scale: one workbench round trip (setContext) | ${millis(median(a.starts.map((s) => s.diagnostics.setContextMs)))} | ${per((s) => s.diagnostics.setContextMs)} |`,
        `| for scale: one user-settings write | ${millis(median(a.starts.map((s) => s.diagnostics.settingsWriteMs)))} | ${per((s) => s.diagnostics.settingsWriteMs)} |`,
        `| for scale: bare fetch of the same users page, warm | ${millis(median(a.starts.flatMap((s) => s.diagnostics.bareFetchMs)))} | ${a.starts.map((s) => s.diagnostics.bareFetchMs.map((v) => v.toFixed(1)).join(' ')).join('; ')} |`,
      );
    }
  }
  if (report.hunt) {
    const h = report.hunt;
    lines.push('', '### 6. Hunt across a tenant', '', h.description, '');
    if (h.error) {
      lines.push(`Error: \`${h.error.split('\n')[0]}\``);
    } else {
      lines.push(
        '| Limit | Users | Time | Floor | × floor | Hunt requests | Listings per user | 429s | Failures | Matched (expected) | Foreground expansion p50 / p95 / max (n) | Peak RSS |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...h.runs.map((r) =>
          `| ${r.profile} (burst ${r.burst}, ${r.perSecond}/s; share ${r.share}; reset: ${r.resetReading ?? 'full'}) | ${r.users.toLocaleString('en')} | ${seconds(r.ms)} | ${seconds(r.floorMs)} | ${times(r.ratioToFloor)} | ${r.requests} | ${r.requestsPerUser === undefined ? '–' : r.requestsPerUser.toFixed(2)} | ${r.rateLimited > GOAL_LIMITS.max429 ? `**FAILED:** ${r.rateLimited}` : r.rateLimited} | ${r.failures} | ${r.matched} (${r.matchedExpected}) | ${millis(r.probeP50Ms, 0)} / ${millis(r.probeP95Ms, 0)} / ${millis(r.probeMaxMs, 0)} (${r.probeCount}) | ${r.maxRssMb.toFixed(0)} MB |`),
        ...[...new Set(h.runs.flatMap((r) => r.errors))].slice(0, 3).map((e) => `- \`${e.replace(/`/g, "'")}\``),
      );
    }
  }
  if (report.exportMemory) {
    const e = report.exportMemory;
    lines.push('', '### 7. Streaming a users export', '');
    if (e.error) {
      lines.push(`Error: \`${e.error.split('\n')[0]}\``);
    } else {
      lines.push(
        `Every user of a ${e.users.toLocaleString('en')}-user tenant through "All users": POST /jobs/users-exports, GET /jobs/{id} until completed, then the gzipped NDJSON file from the export origin (no Authorization header), read line by line. Memory sampled every 20 ms in the worker process.`,
        '',
        '| Users streamed | Time | CPU | RSS before | Peak RSS growth | Peak heap growth | Peak RSS |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        `| ${e.usersStreamed.toLocaleString('en')} | ${seconds(e.ms)} | ${millis(e.cpuMs, 0)} | ${e.rssBeforeMb.toFixed(0)} MB | ${e.peakRssGrowthMb.toFixed(1)} MB | ${e.peakHeapGrowthMb.toFixed(1)} MB | ${e.maxRssMb.toFixed(0)} MB |`,
      );
    }
  }
  if (report.userExpansion) {
    const x = report.userExpansion;
    lines.push('', '### 8. Requests per user expansion', '', x.description, '');
    if (x.error) {
      lines.push(`Error: \`${x.error.split('\n')[0]}\``);
    } else {
      lines.push(
        '| Limit | x-ratelimit-reset names | Tokens listed | Requests | Floor (the pages alone) | × floor | Pages | Sessions (distinct) | Log pages | Application names | Other | 429s | Failures | Last page shown | Background ended |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...x.runs.map((r) =>
          [
            `${r.profile} (burst ${r.burst}, ${r.perSecond}/s)`,
            r.resetReading === 'full' ? 'the bucket full again' : 'the next request allowed',
            `${r.tokensListed.toLocaleString('en')} of ${r.tokens.toLocaleString('en')}`,
            String(r.requests),
            String(r.floorRequests),
            times(r.requests / r.floorRequests),
            String(r.pages),
            `${r.sessions} (${r.distinctSessions})`,
            String(r.logPages),
            String(r.applicationNames),
            String(r.other),
            r.rateLimited > GOAL_LIMITS.max429 ? `**FAILED: ${r.rateLimited}**` : String(r.rateLimited),
            String(r.failures),
            seconds(r.pagesMs),
            seconds(r.settledMs),
          ].join(' | '),
        ).map((row) => `| ${row} |`),
        ...[...new Set(x.runs.flatMap((r) => r.errors))].slice(0, 3).map((e) => `- \`${e.replace(/`/g, "'")}\``),
      );
    }
  }
  if (report.watch) {
    lines.push('', ...renderWatch(report.watch));
  }
  if (report.errors.length > 0) {
    lines.push('', '### Benchmark errors', '', ...report.errors.map((e) => `- \`${e.split('\n')[0]}\``));
  }
  return lines.join('\n') + '\n';
}

/** Workload 9's section: one row per limit and rate, then the probe beside the watch and without it. */
export function renderWatch(watch: WatchWorkloadResult): string[] {
  const lines = ['### 9. Watching a tenant', '', watch.description, ''];
  if (watch.error) {
    return [...lines, `Error: \`${watch.error.split('\n')[0]}\``];
  }
  lines.push(
    '| Limit | Events/s | Ran | Events judged | Alerts | Latency p50 | Latency p95 | Requests/min | Floor/min | × floor | 429s | CPU per 10,000 events |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...watch.runs.map(
      (r) =>
        `| ${r.profile} (burst ${r.burst}, ${r.perSecond}/s) | ${r.eventsPerSecond} | ${r.seconds.toFixed(0)} s | ${r.events.toLocaleString('en')} | ${r.alerts} | ${seconds(r.latencyP50Ms)} | ${seconds(r.latencyP95Ms)} | ` +
        `${r.requestsPerMinute.toFixed(1)} | ${r.floorPerMinute.toFixed(2)} | ${times(r.requestsPerMinute / r.floorPerMinute)} | ${r.rateLimited > GOAL_LIMITS.max429 ? `**FAILED: ${r.rateLimited}**` : String(r.rateLimited)} | ${millis(r.cpuMsPer10k, 0)} |`,
    ),
    '',
    "A person's tree expansion (the first page of a user's tokens, foreground) while the busy tenant is watched, and with no watch running:",
    '',
    '| Limit | Watch | Expansions | p50 | p95 | Max | Errors |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const run of watch.runs.filter((r) => r.probe)) {
    const p = run.probe!;
    lines.push(`| ${run.profile} | running (${run.eventsPerSecond} events/s) | ${p.count} | ${millis(p.p50Ms, 0)} | ${millis(p.p95Ms, 0)} | ${millis(p.maxMs, 0)} | ${p.errors.length} |`);
    const baseline = watch.baselines.find((b) => b.profile === run.profile);
    if (baseline) {
      lines.push(`| ${run.profile} | none (baseline) | ${baseline.count} | ${millis(baseline.p50Ms, 0)} | ${millis(baseline.p95Ms, 0)} | ${millis(baseline.maxMs, 0)} | ${baseline.errors.length} |`);
    }
  }
  return lines;
}

/** The baseline's rows in the activation table: the whole extension as one bundle, same run. */
function baselineRows(baseline: BenchReport['activationBaseline']): string[] {
  if (!baseline) {
    return [];
  }
  if (baseline.error || baseline.skipped) {
    return [`| baseline (one bundle) | ${baseline.error ? 'error' : 'skipped'} | ${(baseline.error ?? baseline.skipped ?? '').split('\n')[0]} |`];
  }
  const { starts } = baseline;
  const per = (pick: (s: (typeof starts)[number]) => number) => starts.map((s) => pick(s).toFixed(1)).join(', ');
  return [
    `| baseline, one bundle: extension.activate() seen by the host | ${millis(baseline.medianHostActivateMs)} | ${per((s) => s.hostActivateMs)} |`,
    `| baseline, one bundle: activation start → first user rows | ${millis(baseline.medianActivationToFirstRowsMs)} | ${per((s) => s.activationToFirstRowsMs)} |`,
  ];
}

export function renderGoalsForConsole(goals: Goal[]): string {
  return goals.map((g) => `  ${g.met === undefined ? 'n/a    ' : g.met ? 'met    ' : 'NOT MET'}  ${g.text}: ${g.measured}`).join('\n');
}
