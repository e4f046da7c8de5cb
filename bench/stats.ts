// Small statistics for a handful of runs: medians, and ratios taken per round (contenders
// alternate within a round, so a pair shares the machine's load at that moment).

export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function min(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Median over rounds of a[i] / b[i]. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) {
    if (b[i] > 0) {
      ratios.push(a[i] / b[i]);
    }
  }
  return median(ratios);
}

/** Median over rounds of a[i] - b[i]. */
export function pairedDifference(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const differences: number[] = [];
  for (let i = 0; i < n; i++) {
    differences.push(a[i] - b[i]);
  }
  return median(differences);
}

/**
 * The nearest-rank `p`th percentile (0 < p ≤ 100) of `values`: the smallest value with at least
 * p % of the values at or below it (p = 100 is the largest); NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
