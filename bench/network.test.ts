import { describe, expect, it } from 'vitest';
import { NETWORK_PROFILES } from '../e2e/network';
import { networkMarkdown, summariseNetworkRuns, type NetworkRun } from './network';

const run = (first: number, all: number, bytes = 500_000): NetworkRun => ({
  firstPredictionMs: first,
  allPredictionsMs: all,
  predictionMs: { cnn: first, lcn: all },
  filesVerifiedMs: { cnn: first - 100, lcn: all - 100 },
  sampleClickMs: 1_800,
  bytesToFirst: bytes,
  bytesToAll: bytes * 9,
});

describe('network figures', () => {
  it('are medians over the runs, each goal judged on its median', () => {
    const figures = summariseNetworkRuns(NETWORK_PROFILES.slow, [run(3_900, 24_000), run(4_400, 22_000), run(3_700, 23_000)]);
    expect(figures.median).toMatchObject({ firstPredictionMs: 3_900, allPredictionsMs: 23_000, predictionMs: { cnn: 3_900, lcn: 23_000 } });
    expect(figures.met).toEqual({ first: true, all: false });
    const [, , row] = networkMarkdown([figures]);
    expect(row).toBe(
      '| 1.6 Mbit/s, 150 ms | 3 | 3.90 s (3.90 s, 4.40 s, 3.70 s) | ≤ 4.00 s: met | 23.00 s (24.00 s, 22.00 s, 23.00 s) | ≤ 10.00 s: **missed** | 488 KB / 4395 KB |',
    );
  });
});
