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

/**
 * Lower end of a zoomed accuracy axis: `pad` below the smallest value, rounded down to `step`,
 * never below 0. Charts that zoom say so, since the axis then does not start at zero.
 */
export function zoomedFloor(values: readonly number[], pad = 0.005, step = 0.01): number {
  const floor = Math.floor((Math.min(...values) - pad) / step) * step;
  return Math.max(0, Number(floor.toFixed(10)));
}
