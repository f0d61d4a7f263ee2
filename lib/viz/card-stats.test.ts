import { describe, expect, it } from 'vitest';
import { SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import { shiftGridIndex } from '@/lib/digits/shift';
import { convergenceRace, gridCells, sharedAndUnshared, stepsToReach, zoomedFloor } from './card-stats';

describe('gridCells', () => {
  it('labels each of the 289 values with its shift, row-major', () => {
    const grid = Array.from({ length: SHIFT_GRID_CELLS }, (_, i) => i / 1000);
    const cells = gridCells(grid);
    expect(cells).toHaveLength(SHIFT_GRID_CELLS);
    expect(cells[0]).toEqual({ dx: -8, dy: -8, value: 0 });
    expect(cells[shiftGridIndex(3, -2)]).toEqual({ dx: 3, dy: -2, value: shiftGridIndex(3, -2) / 1000 });
  });
});

describe('stepsToReach', () => {
  const curve = [
    { step: 0, testAccuracy: 0.1 },
    { step: 100, testAccuracy: 0.9 },
    { step: 200, testAccuracy: 0.97 },
  ];
  it('finds the first step at or above the threshold', () => {
    expect(stepsToReach(curve, 0.9)).toBe(100);
    expect(stepsToReach(curve, 0.95)).toBe(200);
  });
  it('is null when the curve never gets there', () => {
    expect(stepsToReach(curve, 0.99)).toBeNull();
  });
});

describe('zoomedFloor', () => {
  it('pads below the smallest value and rounds down to the step', () => {
    expect(zoomedFloor([0.987, 0.9912])).toBe(0.98);
    expect(zoomedFloor([0.9712, 0.999], 0.005, 0.05)).toBe(0.95);
  });
  it('never goes below zero', () => {
    expect(zoomedFloor([0.001])).toBe(0);
  });
});

describe('convergenceRace', () => {
  const curve = (...accuracies: number[]) => accuracies.map((testAccuracy, i) => ({ step: i * 100, testAccuracy }));

  it('races to the highest milestone anyone reached and names the first', () => {
    const fast = curve(0.1, 0.92, 0.96);
    const slow = curve(0.1, 0.6, 0.91);
    expect(convergenceRace([fast, slow])).toEqual({ threshold: 0.95, steps: [200, null], leader: 0 });
  });

  it('reports a tie as no leader', () => {
    expect(convergenceRace([curve(0.1, 0.96), curve(0.2, 0.97)])).toEqual({ threshold: 0.95, steps: [100, 100], leader: null });
  });

  it('is null when no curve reached any milestone', () => {
    expect(convergenceRace([curve(0.1, 0.3)], [0.9, 0.5])).toBeNull();
  });
});

describe('sharedAndUnshared', () => {
  it('finds the first shared-weights and the first unshared model, or nothing without both', () => {
    const cnn = { id: 'cnn', weightSharing: true };
    const lcn = { id: 'lcn', weightSharing: false };
    expect(sharedAndUnshared([lcn, cnn, { id: 'cnn-gap', weightSharing: true }])).toEqual({ shared: cnn, unshared: lcn });
    expect(sharedAndUnshared([cnn])).toBeNull();
    expect(sharedAndUnshared([])).toBeNull();
  });
});
