// A plain-SVG chart of requests over time for the rate-limited workloads: one panel per
// contender, with the 2xx answers so far (green dots) and the 429s so far (red crosses) against
// the token bucket's bound on 2xx answers, burst + rate × t (dashed). No library: the markup is
// written here.
import type { RunRecord } from './results';

export interface ChartSeries {
  label: string;
  run: RunRecord;
}

export interface ChartOptions {
  title: string;
  subtitle: string;
  burst: number;
  perSecond: number;
  floorMs: number;
  series: ChartSeries[];
}

const WIDTH = 920;
const PANEL_HEIGHT = 230;
const MARGIN = { left: 64, right: 24, top: 64, bottom: 64 };
const PANEL_GAP = 56;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

function niceStep(range: number, ticks: number): number {
  const raw = range / Math.max(1, ticks);
  const power = 10 ** Math.floor(Math.log10(raw));
  const candidates = [1, 2, 5, 10].map((m) => m * power);
  return candidates.find((c) => c >= raw) ?? raw;
}

export function renderTimelineSvg(options: ChartOptions): string {
  const series = options.series.filter((s) => s.run.timeline && s.run.timeline.length > 0);
  const maxSeconds = Math.max(options.floorMs / 1000, ...series.map((s) => Math.max(s.run.ms, ...s.run.timeline!.map(([t]) => t)) / 1000)) * 1.04;
  const count = (s: ChartSeries, ok: boolean) => s.run.timeline!.filter(([, status]) => (status >= 200 && status < 300) === ok).length;
  const maxRequests = Math.max(...series.map((s) => Math.max(count(s, true), count(s, false))), options.burst) * 1.08;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - 30;
  const height = MARGIN.top + series.length * (PANEL_HEIGHT + PANEL_GAP) - PANEL_GAP + MARGIN.bottom;
  const x = (seconds: number) => MARGIN.left + (seconds / maxSeconds) * plotWidth;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="16" font-weight="600" fill="#111">${escapeXml(options.title)}</text>`,
    `<text x="${MARGIN.left}" y="44" fill="#555">${escapeXml(options.subtitle)}</text>`,
  );
  const xStep = niceStep(maxSeconds, 10);
  const yStep = niceStep(maxRequests, 5);
  series.forEach((s, index) => {
    const top = MARGIN.top + index * (PANEL_HEIGHT + PANEL_GAP) + 20;
    const bottom = top + plotHeight;
    const y = (requests: number) => bottom - (requests / maxRequests) * plotHeight;
    const timeline = [...s.run.timeline!].sort((a, b) => a[0] - b[0]);
    const ok = timeline.filter(([, status]) => status >= 200 && status < 300).length;
    const limited = timeline.filter(([, status]) => status === 429).length;
    out.push(
      `<text x="${MARGIN.left}" y="${top - 8}" font-weight="600" fill="#111">${escapeXml(s.label)}: ${(s.run.ms / 1000).toFixed(1)} s, ` +
        `${timeline.length} requests (${ok} ok, ${limited} × 429), ${s.run.failures} failure${s.run.failures === 1 ? '' : 's'}</text>`,
    );
    for (let t = 0; t <= maxSeconds; t += xStep) {
      out.push(`<line x1="${x(t).toFixed(1)}" y1="${top}" x2="${x(t).toFixed(1)}" y2="${bottom}" stroke="#eee"/>`);
      out.push(`<text x="${x(t).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" fill="#555">${Number(t.toFixed(3))}</text>`);
    }
    for (let r = 0; r <= maxRequests; r += yStep) {
      out.push(`<line x1="${MARGIN.left}" y1="${y(r).toFixed(1)}" x2="${MARGIN.left + plotWidth}" y2="${y(r).toFixed(1)}" stroke="#eee"/>`);
      out.push(`<text x="${MARGIN.left - 8}" y="${(y(r) + 4).toFixed(1)}" text-anchor="end" fill="#555">${r}</text>`);
    }
    out.push(`<rect x="${MARGIN.left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`);
    out.push(
      `<text x="${MARGIN.left - 44}" y="${(top + bottom) / 2}" transform="rotate(-90 ${MARGIN.left - 44} ${(top + bottom) / 2})" text-anchor="middle" fill="#555">responses so far</text>`,
    );
    out.push(`<text x="${MARGIN.left + plotWidth}" y="${bottom + 32}" text-anchor="end" fill="#555">seconds since the run started</text>`);
    // The bucket's bound on successful requests by time t: burst + rate × t.
    const boundEnd = Math.min(maxSeconds, (maxRequests - options.burst) / options.perSecond);
    out.push(
      `<line x1="${x(0)}" y1="${y(options.burst).toFixed(1)}" x2="${x(boundEnd).toFixed(1)}" y2="${y(options.burst + boundEnd * options.perSecond).toFixed(1)}" stroke="#1f6feb" stroke-dasharray="6 4"/>`,
    );
    const floorX = x(options.floorMs / 1000);
    out.push(`<line x1="${floorX.toFixed(1)}" y1="${top}" x2="${floorX.toFixed(1)}" y2="${bottom}" stroke="#1f6feb" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${(floorX - 4).toFixed(1)}" y="${top + 14}" text-anchor="end" fill="#1f6feb">floor ${(options.floorMs / 1000).toFixed(1)} s</text>`);
    // Each kind of answer counted on its own: 2xx so far (bounded by the bucket line) and 429 so far.
    let okSoFar = 0;
    let limitedSoFar = 0;
    let otherSoFar = 0;
    for (const [t, status] of timeline) {
      const cx = x(t / 1000);
      if (status === 429) {
        limitedSoFar += 1;
        const cy = y(limitedSoFar);
        out.push(`<path d="M${(cx - 3.5).toFixed(1)} ${(cy - 3.5).toFixed(1)}l7 7m0 -7l-7 7" stroke="#d1242f" stroke-width="1.6"/>`);
      } else if (status >= 200 && status < 300) {
        okSoFar += 1;
        out.push(`<circle cx="${cx.toFixed(1)}" cy="${y(okSoFar).toFixed(1)}" r="3.2" fill="#1a7f37"/>`);
      } else {
        otherSoFar += 1;
        out.push(`<rect x="${(cx - 3).toFixed(1)}" y="${(y(otherSoFar) - 3).toFixed(1)}" width="6" height="6" fill="#9a6700"/>`);
      }
    }
  });
  const legendY = height - 12;
  out.push(
    `<circle cx="${MARGIN.left + 4}" cy="${legendY - 4}" r="3.2" fill="#1a7f37"/><text x="${MARGIN.left + 12}" y="${legendY}" fill="#333">2xx so far</text>`,
    `<path d="M${MARGIN.left + 84} ${legendY - 8}l7 7m0 -7l-7 7" stroke="#d1242f" stroke-width="1.6"/><text x="${MARGIN.left + 96}" y="${legendY}" fill="#333">429 so far</text>`,
    `<line x1="${MARGIN.left + 170}" y1="${legendY - 4}" x2="${MARGIN.left + 196}" y2="${legendY - 4}" stroke="#1f6feb" stroke-dasharray="6 4"/>` +
      `<text x="${MARGIN.left + 202}" y="${legendY}" fill="#333">the most 2xx the bucket allows by then: burst ${options.burst} + ${options.perSecond}/s × t</text>`,
    '</svg>',
  );
  return out.join('\n') + '\n';
}
