import { describe, expect, it } from 'vitest';
import { compareShiftedStage, mapShift, nearestMapShift, relativeDifference, shiftBackCompare } from './equivariance';

/** A 6×5×2 map whose values depend on position, and the same map translated by (tx, ty) with zero fill. */
function maps(tx = 0, ty = 0): Float32Array {
  const out = new Float32Array(6 * 5 * 2);
  for (let y = 0; y < 6; y++)
    for (let x = 0; x < 5; x++)
      for (let c = 0; c < 2; c++) {
        const sy = y - ty;
        const sx = x - tx;
        out[(y * 5 + x) * 2 + c] = sy >= 0 && sy < 6 && sx >= 0 && sx < 5 ? 1 + sy * 10 + sx + c * 0.5 : 0;
      }
  return out;
}
const shape = { height: 6, width: 5, channels: 2 };

describe('shiftBackCompare', () => {
  it('finds a translated map equal to the original over the interior', () => {
    const r = shiftBackCompare(maps(), maps(2, -1), shape, 2, -1);
    expect(r.relativeError).toBe(0);
    expect(r.interiorPositions).toBe(5 * 3);
    expect(Number.isNaN(r.difference[0])).toBe(true); // (0, 0) has no partner one row up
    expect(r.difference[(1 * 5 + 0) * 2]).toBe(0);
  });

  it('measures a mismatch relative to the original', () => {
    const r = shiftBackCompare(maps(), maps(1, 0), shape, 0, 0);
    expect(r.relativeError).toBeGreaterThan(0.05);
    const scaled = shiftBackCompare(
      maps(),
      maps().map((v) => v * 1.1),
      shape,
      0,
      0,
    );
    expect(scaled.relativeError).toBeCloseTo(0.1, 6);
  });

  it('refuses maps of the wrong size', () => {
    expect(() => shiftBackCompare(new Float32Array(3), new Float32Array(3), shape, 0, 0)).toThrow('6×5×2');
  });
});

describe('map shifts', () => {
  it('divides the input shift by the stride when it can', () => {
    expect(mapShift(4, -2, 2)).toEqual({ dx: 2, dy: -1 });
    expect(mapShift(3, 2, 2)).toBeNull();
    expect(mapShift(3, 2, 1)).toEqual({ dx: 3, dy: 2 });
    expect(nearestMapShift(3, -3, 2)).toEqual({ dx: 1, dy: -1 });
  });
});

describe('compareShiftedStage', () => {
  it('moves back by the exact map shift when the stride divides the input shift', () => {
    const r = compareShiftedStage(maps(), maps(1, -1), shape, 2, -2, 2);
    expect(r).toMatchObject({ moveBack: { dx: 1, dy: -1 }, exact: true, relativeError: 0 });
  });

  it('falls back to the nearest whole move otherwise, and says so', () => {
    const r = compareShiftedStage(maps(), maps(1, 1), shape, 3, 2, 2);
    expect(r.moveBack).toEqual({ dx: 1, dy: 1 });
    expect(r.exact).toBe(false);
  });
});

describe('relativeDifference', () => {
  it('is the L2 distance relative to the first vector', () => {
    expect(relativeDifference([3, 4], [3, 4])).toBe(0);
    expect(relativeDifference([3, 4], [0, 4])).toBeCloseTo(0.6, 12);
    expect(relativeDifference([0, 0], [0, 0])).toBe(0);
    expect(relativeDifference([0, 0], [1, 0])).toBe(Infinity);
    expect(() => relativeDifference([1], [1, 2])).toThrow();
  });
});
