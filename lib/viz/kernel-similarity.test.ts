import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/random/prng';
import { filterKernels, neighbourSimilarity, similarityByDistance } from './kernel-similarity';

const shape = { outH: 3, outW: 4, taps: 5, filters: 2 };

/** [P, K, F] kernels: filter 0 the same at every position (shared), filter 1 random per position. */
function kernels(): Float32Array {
  const random = mulberry32(3);
  const out = new Float32Array(12 * 5 * 2);
  for (let p = 0; p < 12; p++)
    for (let k = 0; k < 5; k++) {
      out[(p * 5 + k) * 2] = k - 2 + 0.5;
      out[(p * 5 + k) * 2 + 1] = random() - 0.5;
    }
  return out;
}

describe('kernel similarity', () => {
  it('lays out one filter position by position', () => {
    const f0 = filterKernels(kernels(), shape, 0);
    expect(f0.length).toBe(60);
    expect([...f0.subarray(5, 10)]).toEqual([-1.5, -0.5, 0.5, 1.5, 2.5]);
  });

  it('finds shared kernels identical and independent ones far from it', () => {
    expect([...neighbourSimilarity(kernels(), shape, 0)].every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
    const random = neighbourSimilarity(kernels(), shape, 1);
    expect(Math.max(...random.map(Math.abs))).toBeLessThan(0.99);
  });

  it('averages by distance over every filter', () => {
    const byDistance = similarityByDistance(kernels(), shape, 2);
    expect(byDistance.map((d) => d.pairs)).toEqual([2 * (3 * 3 + 2 * 4), 2 * (3 * 2 + 1 * 4)]);
    expect(byDistance[0].mean).toBeGreaterThan(0.4); // half the pairs are identical
    expect(byDistance[0].mean).toBeLessThan(1);
  });
});
