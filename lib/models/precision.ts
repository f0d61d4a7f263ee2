/** The precisions a model's weights can be published at, and the rule that picks one from measurements. tfjs-free. */

/** Largest first; float32 is what training writes. */
export const WEIGHT_PRECISIONS = ['float32', 'float16', 'uint8'] as const;
export type WeightPrecision = (typeof WEIGHT_PRECISIONS)[number];

export function isWeightPrecision(value: unknown): value is WeightPrecision {
  return typeof value === 'string' && (WEIGHT_PRECISIONS as readonly string[]).includes(value);
}

/** One precision of a model measured against its float32 weights on the full test set. */
export interface PrecisionMeasurement {
  dtype: WeightPrecision;
  /** Size of the weights file at this precision, bytes. */
  weightBytes: number;
  /** Top-1 accuracy (0–1) on all test images. */
  testAccuracy: number;
  /** Share of the test images whose top-1 equals the float32 weights' top-1 (1 for float32 itself). */
  agreement: number;
}

/** A smaller precision must keep the float32 top-1 on at least this share of the test images… */
export const MIN_AGREEMENT = 0.999;
/** …and move test accuracy by at most this much (0.05 percentage points). */
export const MAX_ACCURACY_CHANGE = 0.0005;
// Counts over 10,000 images land a hair off their decimals in binary (0.9886 − 0.9881 > 0.0005), so the
// thresholds compare with this slack; real differences are multiples of 1e-4.
const SLACK = 1e-9;

/**
 * The precision to publish at: the smallest whose top-1 agrees with float32 on ≥ {@link MIN_AGREEMENT}
 * of the test images and whose test accuracy is within {@link MAX_ACCURACY_CHANGE} of float32's; float32
 * when no smaller one qualifies. `measurements` must include float32, the reference.
 */
export function choosePrecision(measurements: readonly PrecisionMeasurement[]): WeightPrecision {
  const reference = measurements.find((m) => m.dtype === 'float32');
  if (!reference) throw new Error('choosePrecision: no float32 measurement to compare with');
  const qualifies = (m: PrecisionMeasurement) =>
    m.agreement >= MIN_AGREEMENT - SLACK && Math.abs(m.testAccuracy - reference.testAccuracy) <= MAX_ACCURACY_CHANGE + SLACK;
  return measurements.filter(qualifies).reduce((best, m) => (m.weightBytes < best.weightBytes ? m : best), reference).dtype;
}
