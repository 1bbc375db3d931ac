/** Percentiles of a set of durations, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Summarizes `values` (milliseconds; sorted in place). Percentiles use the nearest-rank method;
 * an empty set gives zeros with `count: 0`.
 */
export function summarizeLatencies(values: Float64Array | number[]): LatencySummary {
  const count = values.length;
  if (count === 0) return { count: 0, p50: 0, p99: 0, max: 0, mean: 0 };
  const sorted = values instanceof Float64Array ? values.sort() : values.sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(count - 1, Math.ceil((p / 100) * count) - 1)]!;
  let sum = 0;
  for (const value of sorted) sum += value;
  return { count, p50: rank(50), p99: rank(99), max: sorted[count - 1]!, mean: sum / count };
}
