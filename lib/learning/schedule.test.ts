import { describe, expect, it } from 'vitest';
import { mulberry32, shuffledIndices } from '@/lib/random/prng';
import { DEFAULT_HYPERPARAMETERS } from './recipe';
import { epochBatches, learningRateForEpoch, stepsPerEpoch } from './schedule';

describe('the recipe schedule', () => {
  it('cuts a seeded shuffle into batches, the last one partial, the same order for the same seed', () => {
    const batches = epochBatches(150, 64, mulberry32(42));
    expect(batches.map((b) => b.length)).toEqual([64, 64, 22]);
    expect(stepsPerEpoch(150, 64)).toBe(3);
    const all = Array.from(batches.flatMap((b) => Array.from(b))).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 150 }, (_, i) => i));
    // Exactly the order one shuffle of the generator gives (what Node's fit always used).
    expect(Array.from(batches[0])).toEqual(Array.from(shuffledIndices(150, mulberry32(42)).subarray(0, 64)));
    expect(epochBatches(150, 64, mulberry32(42)).map((b) => Array.from(b))).toEqual(batches.map((b) => Array.from(b)));
    expect(Array.from(epochBatches(150, 64, mulberry32(43))[0])).not.toEqual(Array.from(batches[0]));
  });

  it('decays the learning rate once per epoch', () => {
    expect(learningRateForEpoch(DEFAULT_HYPERPARAMETERS, 0)).toBe(3e-3);
    expect(learningRateForEpoch(DEFAULT_HYPERPARAMETERS, 2)).toBeCloseTo(3e-3 * 0.85 * 0.85, 12);
  });
});
