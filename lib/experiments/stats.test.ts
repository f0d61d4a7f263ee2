import { describe, expect, it } from 'vitest';
import { compare, exceedsSpread, meanSd, welchTest } from './stats';

describe('meanSd', () => {
  it('gives the mean and the sample standard deviation (n − 1)', () => {
    expect(meanSd([1, 2, 3])).toEqual({ mean: 2, sd: 1, n: 3 });
    expect(meanSd([0.5])).toEqual({ mean: 0.5, sd: 0, n: 1 });
  });

  it('names bad input', () => {
    expect(() => meanSd([])).toThrow(/at least one value/);
    expect(() => meanSd([1, NaN])).toThrow(/finite numbers, got NaN/);
  });
});

describe("Welch's t-test", () => {
  it('matches SciPy (ttest_ind, equal_var=False)', () => {
    const w = welchTest([1, 2, 3], [4, 5, 6]);
    expect(w.t).toBeCloseTo(-3.6742346141747673, 10);
    expect(w.df).toBeCloseTo(4, 10);
    expect(w.p).toBeCloseTo(0.021311641128756713, 10);
    const unequal = welchTest([0.98, 0.985, 0.99, 0.975], [0.97, 0.99]);
    expect(unequal.t).toBeCloseTo(0.23791547571544852, 10);
    expect(unequal.df).toBeCloseTo(1.2147902551535246, 8);
    expect(unequal.p).toBeCloseTo(0.8457377432249465, 8);
  });

  it('is degenerate but defined when every seed gave the same number', () => {
    expect(welchTest([3, 3], [3, 3]).p).toBe(1);
    expect(welchTest([4, 4, 4], [3, 3, 3])).toEqual({ t: Infinity, df: 4, p: 0 });
  });

  it('refuses a side with a single run', () => {
    expect(() => welchTest([1], [1, 2])).toThrow(/at least two values a side, got 1 and 2/);
  });
});

describe('exceedsSpread and compare', () => {
  it('a difference exceeds the spread only when the runs do not overlap', () => {
    expect(exceedsSpread([0.97, 0.98], [0.99, 0.995])).toBe(true);
    expect(exceedsSpread([0.97, 0.99], [0.98, 0.995])).toBe(false);
    expect(exceedsSpread([], [1])).toBe(false);
  });

  it('calls a side higher only when significant and beyond the spread', () => {
    expect(compare([4, 5, 6], [1, 2, 3]).higher).toBe('a');
    expect(compare([1, 2, 3], [4, 5, 6]).higher).toBe('b');
    // Significant is not enough when the runs overlap: one seed of a beat one of b.
    const overlapping = compare([0, 0, 0, 0, 0, 0, 0, 0, 0, 1.1], Array(10).fill(1));
    expect(overlapping.welch!.p).toBeLessThan(0.001);
    expect(overlapping.higher).toBe('neither');
    // One run a side: no test, no verdict.
    const single = compare([5], [1]);
    expect(single.welch).toBeNull();
    expect(single.higher).toBe('neither');
    expect(single.difference).toBe(4);
  });
});
