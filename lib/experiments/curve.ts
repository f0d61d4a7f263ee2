import type { Convergence, RunCurvePoint } from './schema';

/** The checkpoint a run keeps: the curve point with the highest validation accuracy, the earliest on a tie. */
export function bestPoint<T extends Pick<RunCurvePoint, 'validationAccuracy'>>(curve: readonly T[]): T {
  if (curve.length === 0) throw new RangeError('bestPoint needs a curve with at least one point');
  return curve.reduce((best, p) => (p.validationAccuracy > best.validationAccuracy ? p : best));
}

/** Where the curve first reached each target validation accuracy (steps and training seconds), or null. */
export function convergenceOf(curve: readonly RunCurvePoint[], targets: readonly number[]): Convergence[] {
  return targets.map((target) => {
    const reached = curve.find((p) => p.validationAccuracy >= target);
    return { target, step: reached?.step ?? null, trainSeconds: reached?.trainSeconds ?? null };
  });
}
