import { shiftGridOffsets } from '@/lib/digits/shift';

/** One cell of a 17×17 shift grid with its value, ready for a chart. */
export interface GridCellValue {
  dx: number;
  dy: number;
  value: number;
}

/** A row-major 289-value shift grid (dy then dx, −8…8) as labelled cells. */
export function gridCells(grid: ArrayLike<number>): GridCellValue[] {
  return shiftGridOffsets().map(({ dx, dy }, cell) => ({ dx, dy, value: grid[cell] }));
}

/** First training step at which the curve's test accuracy reached `threshold` (0–1), or null if it never did. */
export function stepsToReach(curve: ReadonlyArray<{ step: number; testAccuracy: number }>, threshold: number): number | null {
  return curve.find((point) => point.testAccuracy >= threshold)?.step ?? null;
}

/** Which of several training curves got to an accuracy first (see `convergenceRace`). */
export interface ConvergenceRace {
  /** The accuracy the race was run to: the highest milestone at least one curve reached. */
  threshold: number;
  /** Step at which each curve first reached it, null if it never did; in input order. */
  steps: Array<number | null>;
  /** Index of the curve that reached it in the fewest steps; null on a tie. */
  leader: number | null;
}

/**
 * Compares how fast curves converge: picks the highest of `milestones` (accuracies, 0–1) that at
 * least one curve reached and reports who reached it first. Null when no curve reached any milestone.
 */
export function convergenceRace(
  curves: ReadonlyArray<ReadonlyArray<{ step: number; testAccuracy: number }>>,
  milestones: readonly number[] = [0.98, 0.95, 0.9, 0.8, 0.5],
): ConvergenceRace | null {
  for (const threshold of [...milestones].sort((a, b) => b - a)) {
    const steps = curves.map((curve) => stepsToReach(curve, threshold));
    const reached = steps.filter((step): step is number => step !== null);
    if (reached.length === 0) continue;
    const best = Math.min(...reached);
    const leaders = steps.flatMap((step, index) => (step === best ? [index] : []));
    return { threshold, steps, leader: leaders.length === 1 ? leaders[0] : null };
  }
  return null;
}

/**
 * Lower end of a zoomed accuracy axis: `pad` below the smallest value, rounded down to `step`,
 * never below 0. Charts that zoom say so, since the axis then does not start at zero.
 */
export function zoomedFloor(values: readonly number[], pad = 0.005, step = 0.01): number {
  const floor = Math.floor((Math.min(...values) - pad) / step) * step;
  return Math.max(0, Number(floor.toFixed(10)));
}

/** The shared-weights and the unshared model among `models`, when both are there (for comparative sentences). */
export function sharedAndUnshared<T extends { weightSharing: boolean }>(models: readonly T[]): { shared: T; unshared: T } | null {
  const shared = models.find((m) => m.weightSharing);
  const unshared = models.find((m) => !m.weightSharing);
  return shared && unshared ? { shared, unshared } : null;
}
