/**
 * "Shift back and compare": how far a feature stage is from equivariance. A stage's maps are
 * [H, W, C] row-major. The shifted input's maps, moved back by the input's shift (divided by the
 * stage's cumulative stride), are compared with the unshifted input's maps over the interior: the
 * positions present in both after the move, where zero fill cannot make a difference. For a
 * convolution the two agree exactly (away from the borders) whenever the shift is a multiple of the
 * stride; for a locally connected layer they do not, because every position has its own kernel.
 */

export interface MapShape {
  height: number;
  width: number;
  channels: number;
}

/** The shift of a stage's maps for an input shift, or null when the stride does not divide it. */
export function mapShift(dx: number, dy: number, stride: number): { dx: number; dy: number } | null {
  return dx % stride === 0 && dy % stride === 0 ? { dx: dx / stride, dy: dy / stride } : null;
}

/** The stride-aligned move used for shifts the stride does not divide (rounded toward zero), so a difference is still drawn. */
export function nearestMapShift(dx: number, dy: number, stride: number): { dx: number; dy: number } {
  return { dx: Math.trunc(dx / stride), dy: Math.trunc(dy / stride) };
}

/** Result of comparing a stage's maps with the shifted input's maps moved back. */
export interface ShiftBackComparison {
  /** shifted-back − unshifted over the interior, NaN outside it; [H, W, C]. */
  difference: Float32Array;
  /** ‖shifted-back − unshifted‖₂ / ‖unshifted‖₂ over the interior (0 when both are zero there). */
  relativeError: number;
  /** Positions (y, x) inside the interior. */
  interiorPositions: number;
}

/**
 * Compares `unshifted` with `shifted` moved back by (mx, my) map pixels: position (y, x) of the
 * unshifted maps against (y + my, x + mx) of the shifted maps.
 */
export function shiftBackCompare(
  unshifted: Float32Array,
  shifted: Float32Array,
  shape: MapShape,
  mx: number,
  my: number,
): ShiftBackComparison {
  const { height, width, channels } = shape;
  if (unshifted.length !== height * width * channels || shifted.length !== unshifted.length) {
    throw new RangeError(`shiftBackCompare: maps must have ${height}×${width}×${channels} values`);
  }
  const difference = new Float32Array(unshifted.length).fill(NaN);
  let errorSq = 0;
  let normSq = 0;
  let interiorPositions = 0;
  for (let y = Math.max(0, -my); y < Math.min(height, height - my); y++) {
    for (let x = Math.max(0, -mx); x < Math.min(width, width - mx); x++) {
      interiorPositions++;
      const at = (y * width + x) * channels;
      const from = ((y + my) * width + (x + mx)) * channels;
      for (let c = 0; c < channels; c++) {
        const d = shifted[from + c] - unshifted[at + c];
        difference[at + c] = d;
        errorSq += d * d;
        normSq += unshifted[at + c] ** 2;
      }
    }
  }
  const relativeError = normSq > 0 ? Math.sqrt(errorSq / normSq) : errorSq > 0 ? Infinity : 0;
  return { difference, relativeError, interiorPositions };
}

/** A stage compared with its shifted input's maps, moved back by the whole map positions the input shift allows. */
export interface StageComparison extends ShiftBackComparison {
  /** The move applied to the shifted maps, in map positions. */
  moveBack: { dx: number; dy: number };
  /** Whether the stride divides the input shift, so a convolution's maps can match exactly. */
  exact: boolean;
}

/**
 * Shift back and compare for an input shift (dx, dy) at a stage of cumulative stride `stride`: by
 * the exact map shift when the stride divides the input shift, else by the nearest whole move
 * (then even shared weights cannot match: the maps moved by a fraction of a position).
 */
export function compareShiftedStage(
  unshifted: Float32Array,
  shifted: Float32Array,
  shape: MapShape,
  dx: number,
  dy: number,
  stride: number,
): StageComparison {
  const exact = mapShift(dx, dy, stride);
  const moveBack = exact ?? nearestMapShift(dx, dy, stride);
  return { ...shiftBackCompare(unshifted, shifted, shape, moveBack.dx, moveBack.dy), moveBack, exact: exact !== null };
}

/** ‖b − a‖₂ / ‖a‖₂ (0 when both are zero), e.g. a pooled vector before and after a shift. */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`relativeDifference: ${a.length} against ${b.length} values`);
  let errorSq = 0;
  let normSq = 0;
  for (let i = 0; i < a.length; i++) {
    errorSq += (b[i] - a[i]) ** 2;
    normSq += a[i] ** 2;
  }
  return normSq > 0 ? Math.sqrt(errorSq / normSq) : errorSq > 0 ? Infinity : 0;
}
