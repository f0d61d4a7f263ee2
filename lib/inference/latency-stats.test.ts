import { describe, expect, it } from 'vitest';
import { median, quantile, summarize, timeRuns } from './latency-stats';

describe('latency statistics', () => {
  it('interpolates quantiles between order statistics', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('summarises p50/p95 and counts the runs', () => {
    const values = Array.from({ length: 21 }, (_, i) => i);
    expect(summarize(values)).toEqual({ p50Ms: 10, p95Ms: 19, runs: 21 });
  });

  it('times each run after untimed warm-up runs', async () => {
    let clock = 0;
    let calls = 0;
    const times = await timeRuns(
      async () => {
        calls++;
        clock += calls;
      },
      3,
      2,
      () => clock,
    );
    expect(calls).toBe(5);
    expect(times).toEqual([3, 4, 5]);
  });
});
