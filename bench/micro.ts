// Workload 6: the per-token and per-render costs that unit tests must not assert (timings belong
// here): judging a user's refresh tokens (findings), next to the time of one page request they
// must stay well under; reading a hostile 10,000-character user agent; rendering the details
// sections. Each is the median of several repetitions on the emulator's own data.
import { performance } from 'node:perf_hooks';
import { createManagementClient } from '../src/auth0/managementClient';
import type { RefreshToken } from '../src/auth0/types';
import { StaticTokenProvider } from '../src/credentials/staticTokenProvider';
import { renderFindingsSection } from '../src/features/tokens/details/renderFindingsSection';
import { renderHistorySection } from '../src/features/tokens/details/renderHistorySection';
import { analyzeUserTokens } from '../src/findings/analyzeToken';
import type { TokenLogEvent } from '../src/findings/logEvents';
import { refreshTokenPager } from '../src/paging/cursorPager';
import { describeUserAgent } from '../src/presentation/userAgentLoader';
import { startEmulator } from '../test/emulator';
import type { MicroResult } from './results';
import { median } from './stats';

function timeMs(repeats: number, action: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    action();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** `events` log events of one user, shaped like the emulator's (sertft of one family, many IPs). */
function syntheticEvents(tokens: readonly RefreshToken[], count: number, now: number): TokenLogEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const token = tokens[i % tokens.length];
    return {
      log_id: `bench-${i}`,
      type: 'sertft',
      date: new Date(now - i * 60_000).toISOString(),
      ip: `198.51.100.${i % 250}`,
      user_agent: i % 2 ? 'Chrome 131.0.0 / Windows 10.0.0' : 'Safari 17.4.1 / Mac OS X 10.15.7',
      client_id: token.client_id,
      user_id: token.user_id,
      details: { familyId: `family-${i % 40}`, refresh_token: { session_id: token.session_id ?? undefined } },
    };
  });
}

export async function microWorkload(quick: boolean): Promise<MicroResult> {
  const repeats = quick ? 3 : 7;
  const emulator = await startEmulator({ seed: 1 });
  try {
    const client = createManagementClient({ domain: emulator.domain, tokenProvider: new StaticTokenProvider(emulator.token) });
    const tokens = emulator.refreshTokensOf(emulator.users.huge);
    const now = new Date();
    const findings = (events: number) => {
      const log = syntheticEvents(tokens, events, now.getTime());
      const ms = timeMs(repeats, () => analyzeUserTokens(tokens, { events: log, now }));
      return { tokens: tokens.length, events, ms, perTokenUs: (ms * 1000) / tokens.length };
    };
    const page = tokens.slice(0, 50);
    const pageFindingsMs = timeMs(repeats * 3, () => analyzeUserTokens(page, { now }));
    const requestSamples: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const started = performance.now();
      await refreshTokenPager(client, emulator.users.seven, 50).loadNext();
      requestSamples.push(performance.now() - started);
    }
    const pageRequestMs = median(requestSamples);
    const hostileAgent = `Mozilla/5.0 (${'x'.repeat(10_000)})`;
    describeUserAgent('warm-up/1.0');
    const userAgentMs = timeMs(repeats, () => describeUserAgent(hostileAgent));
    const analysis = analyzeUserTokens(tokens.slice(0, 200), { events: syntheticEvents(tokens.slice(0, 200), 1000, now.getTime()), now });
    const [withHistory] = [...analysis.values()].sort((a, b) => (b.history?.length ?? 0) - (a.history?.length ?? 0));
    const findingsRenderMs = timeMs(repeats * 3, () => renderFindingsSection({ findings: withHistory.findings, now }));
    const historyRenderMs = timeMs(repeats * 3, () => renderHistorySection({ state: 'loaded', events: withHistory.history ?? [], now, hasMore: true }));
    return {
      findings: [findings(quick ? 300 : 1000), findings(quick ? 1000 : 3000)],
      pageFindingsMs,
      pageRequestMs,
      userAgentMs,
      findingsRenderMs,
      historyRenderMs,
      historyEvents: withHistory.history?.length ?? 0,
    };
  } finally {
    await emulator.close();
  }
}
