/** Timing statistics, pure so they can be tested without a browser. */

/** The q-quantile (0–1) of `values` by linear interpolation between order statistics; NaN if empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median of `values`. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median and 95th percentile, rounded to 0.001 ms. */
export function summarize(values: readonly number[]): { p50Ms: number; p95Ms: number; runs: number } {
  return { p50Ms: round3(quantile(values, 0.5)), p95Ms: round3(quantile(values, 0.95)), runs: values.length };
}

/** Rounds to three decimals (microseconds, for ms figures). */
export function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * Times `run` `count` times after `warmup` untimed runs and returns the durations (ms). `run` must
 * include reading its output back, so that asynchronous GPU work is really finished.
 */
export async function timeRuns(run: () => Promise<unknown>, count: number, warmup = 0, now = () => performance.now()): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = now();
    await run();
    times.push(now() - t0);
  }
  return times;
}
