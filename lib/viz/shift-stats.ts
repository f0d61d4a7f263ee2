import { MAX_SHIFT, NUM_CLASSES, SHIFT_GRID_CELLS, SHIFT_GRID_SIDE } from '@/lib/digits/constants';
import { shiftGridOffsets } from '@/lib/digits/shift';

/** Mean of one ring of the shift grid: every cell at the same distance from the centre. */
export interface DistancePoint {
  /** Shift distance in pixels, max(|dx|, |dy|) (Chebyshev): 0 … MAX_SHIFT. */
  distance: number;
  /** Unweighted mean of the grid values on that ring. */
  accuracy: number;
  /** Cells on the ring: 1 at distance 0, then 8·d. */
  cells: number;
}

function assertGrid(grid: ArrayLike<number>): void {
  if (grid.length !== SHIFT_GRID_CELLS) {
    throw new RangeError(`Expected a ${SHIFT_GRID_SIDE}×${SHIFT_GRID_SIDE} grid (${SHIFT_GRID_CELLS} values), got ${grid.length}.`);
  }
}

const GRID_OFFSETS = shiftGridOffsets();

/** Shift distance of a grid cell, max(|dx|, |dy|): the square ring of the grid the cell lies on. */
export function cellDistance(cell: number): number {
  const { dx, dy } = GRID_OFFSETS[cell];
  return Math.max(Math.abs(dx), Math.abs(dy));
}

/**
 * Accuracy against shift distance: averages a 17×17 row-major grid (dy then dx, −8…8) over each
 * square ring max(|dx|, |dy|) = d. Chebyshev rings (not Euclidean circles) because every ring is
 * then complete inside the square grid, so no distance is measured on a partial set of directions.
 */
export function accuracyByDistance(grid: ArrayLike<number>): DistancePoint[] {
  assertGrid(grid);
  const sums = new Array<number>(MAX_SHIFT + 1).fill(0);
  const counts = new Array<number>(MAX_SHIFT + 1).fill(0);
  for (let cell = 0; cell < SHIFT_GRID_CELLS; cell++) {
    const d = cellDistance(cell);
    sums[d] += grid[cell];
    counts[d]++;
  }
  return sums.map((sum, distance) => ({ distance, accuracy: sum / counts[distance], cells: counts[distance] }));
}

/** Share (0–1) of the sweep's 289 top-1 classes equal to `expected`. */
export function shareMatching(tops: ArrayLike<number>, expected: number): number {
  assertGrid(tops);
  let matching = 0;
  for (let cell = 0; cell < SHIFT_GRID_CELLS; cell++) if (tops[cell] === expected) matching++;
  return matching / SHIFT_GRID_CELLS;
}

/** Probability a sweep gave its top-1 class at one cell (`probs` is 289 × 10, row-major per cell). */
export function topConfidence(tops: ArrayLike<number>, probs: ArrayLike<number>, cell: number): number {
  return probs[cell * NUM_CLASSES + tops[cell]];
}
