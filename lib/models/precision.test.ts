import { describe, expect, it } from 'vitest';
import { choosePrecision, type PrecisionMeasurement, type WeightPrecision } from './precision';

const BYTES: Record<WeightPrecision, number> = { float32: 4000, float16: 2000, uint8: 1000 };
const FLOAT32_ACCURACY = 0.9886;

function measured(dtype: WeightPrecision, testAccuracy: number, agreement: number): PrecisionMeasurement {
  return { dtype, weightBytes: BYTES[dtype], testAccuracy, agreement };
}

/** float32 as the reference, then float16 and uint8 as given. */
function choose(float16: [number, number], uint8: [number, number]): WeightPrecision {
  return choosePrecision([
    measured('float32', FLOAT32_ACCURACY, 1),
    measured('float16', ...float16),
    measured('uint8', ...uint8),
  ]);
}

describe('choosePrecision', () => {
  it('picks uint8, the smallest, when both smaller precisions qualify', () => {
    expect(choose([0.9886, 1], [0.9885, 0.9995])).toBe('uint8');
  });

  it('picks float16 when uint8 changes too many top-1 answers', () => {
    expect(choose([0.9886, 0.9999], [0.9886, 0.9985])).toBe('float16');
  });

  it('picks float16 when uint8 moves test accuracy by more than 0.05 pp, in either direction', () => {
    expect(choose([0.9886, 1], [0.988, 0.9992])).toBe('float16');
    expect(choose([0.9886, 1], [0.9892, 0.9992])).toBe('float16');
  });

  it('stays at float32 when neither smaller precision qualifies', () => {
    expect(choose([0.9879, 0.9995], [0.9886, 0.998])).toBe('float32');
  });

  it('takes both thresholds inclusively, despite binary rounding of 5 / 10,000 (0.9886 − 0.9881 > 0.0005 in floats)', () => {
    expect(choose([0.9886, 1], [0.9881, 0.999])).toBe('uint8');
    expect(choose([0.9886, 1], [0.9891, 0.999])).toBe('uint8');
    expect(choose([0.9886, 1], [0.9881, 0.9989])).toBe('float16');
  });

  it('does not depend on the order of the measurements', () => {
    const list = [measured('uint8', 0.9886, 0.9995), measured('float16', 0.9886, 1), measured('float32', FLOAT32_ACCURACY, 1)];
    expect(choosePrecision(list)).toBe('uint8');
  });

  it('needs float32 to compare with', () => {
    expect(() => choosePrecision([measured('uint8', 0.9886, 1)])).toThrow(/float32/);
  });
});
