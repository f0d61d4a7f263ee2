import { describe, expect, it } from 'vitest';
import { MAX_SHIFT, NUM_CLASSES, SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import { shiftGridIndex, shiftGridOffsets } from '@/lib/digits/shift';
import { accuracyByDistance, cellDistance, shareMatching, topConfidence } from './shift-stats';

describe('cellDistance', () => {
  it('is max(|dx|, |dy|) of the cell', () => {
    expect(cellDistance(shiftGridIndex(0, 0))).toBe(0);
    expect(cellDistance(shiftGridIndex(-3, 2))).toBe(3);
    expect(cellDistance(shiftGridIndex(1, -7))).toBe(7);
    expect(cellDistance(0)).toBe(MAX_SHIFT);
  });
});

describe('accuracyByDistance', () => {
  it('averages each square ring and counts 1, 8, 16, … cells', () => {
    // Accuracy 1 − d/10 on ring d: every ring's mean is exactly that.
    const grid = shiftGridOffsets().map(({ dx, dy }) => 1 - Math.max(Math.abs(dx), Math.abs(dy)) / 10);
    const points = accuracyByDistance(grid);
    expect(points).toHaveLength(MAX_SHIFT + 1);
    points.forEach((p, d) => {
      expect(p.distance).toBe(d);
      expect(p.accuracy).toBeCloseTo(1 - d / 10, 12);
      expect(p.cells).toBe(d === 0 ? 1 : 8 * d);
    });
    expect(points.reduce((n, p) => n + p.cells, 0)).toBe(SHIFT_GRID_CELLS);
  });

  it('gives every cell of a ring equal weight', () => {
    const grid = new Array<number>(SHIFT_GRID_CELLS).fill(0);
    grid[shiftGridIndex(1, 0)] = 1; // one of ring 1's eight cells
    expect(accuracyByDistance(grid)[1].accuracy).toBeCloseTo(1 / 8, 12);
  });

  it('rejects a grid of the wrong size', () => {
    expect(() => accuracyByDistance([1, 2, 3])).toThrow(RangeError);
  });
});

describe('shareMatching', () => {
  it('is the share of cells whose top-1 equals the expected class', () => {
    const tops = new Uint8Array(SHIFT_GRID_CELLS).fill(7);
    expect(shareMatching(tops, 7)).toBe(1);
    expect(shareMatching(tops, 3)).toBe(0);
    tops.fill(1, 0, 100);
    expect(shareMatching(tops, 7)).toBeCloseTo(189 / 289, 12);
  });
});

describe('topConfidence', () => {
  it('reads the probability of the top class of a cell', () => {
    const tops = new Uint8Array(SHIFT_GRID_CELLS);
    const probs = new Float32Array(SHIFT_GRID_CELLS * NUM_CLASSES);
    tops[5] = 4;
    probs[5 * NUM_CLASSES + 4] = 0.75;
    expect(topConfidence(tops, probs, 5)).toBe(0.75);
  });
});
