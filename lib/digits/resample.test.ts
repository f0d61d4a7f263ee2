import { describe, expect, it } from 'vitest';
import { areaResample } from './resample';

describe('areaResample', () => {
  it('averages whole blocks when shrinking by an integer factor', () => {
    const source = Float32Array.from([0, 4, 8, 8, 4, 0, 8, 8, 1, 1, 2, 2, 1, 1, 2, 2]);
    expect(Array.from(areaResample(source, 4, 4, 2, 2))).toEqual([2, 8, 1, 2]);
  });

  it('weights fractional overlaps exactly', () => {
    // Three pixels into two: each output covers 1.5 source pixels.
    const out = areaResample(Float32Array.from([3, 6, 9]), 3, 1, 2, 1);
    expect(out[0]).toBeCloseTo((3 + 0.5 * 6) / 1.5);
    expect(out[1]).toBeCloseTo((0.5 * 6 + 9) / 1.5);
  });

  it('keeps a one-pixel line as grey instead of dropping it', () => {
    const source = new Float32Array(10 * 10);
    for (let y = 0; y < 10; y++) source[y * 10 + 3] = 255;
    const out = areaResample(source, 10, 10, 2, 2);
    expect(out[0]).toBeCloseTo(51);
    expect(out[1]).toBe(0);
  });

  it('preserves the mean brightness', () => {
    const source = Float32Array.from({ length: 37 * 23 }, (_, i) => (i * 97) % 256);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(areaResample(source, 37, 23, 20, 13))).toBeCloseTo(mean(source), 0);
  });

  it('replicates pixels when enlarging by an integer factor', () => {
    expect(Array.from(areaResample(Float32Array.from([1, 2]), 2, 1, 4, 2))).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
  });

  it('rejects mismatched or empty sizes', () => {
    expect(() => areaResample(new Float32Array(3), 2, 2, 1, 1)).toThrow(RangeError);
    expect(() => areaResample(new Float32Array(4), 2, 2, 0, 1)).toThrow(RangeError);
  });
});
