/**
 * What the "Inside the networks" section says about its numbers: computed from the measurement
 * and the kind of layer, never written per model.
 */
import { formatShift } from '@/lib/viz/format';

/** Below this relative difference the maps count as equal (float32 rounding stays far below it). */
export const EQUAL_BELOW = 1e-4;

/** A relative difference for display: "0", "3.2e-7", "0.012", "1.24". */
export function formatRelative(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  if (value === 0) return '0';
  if (value < 1e-3) return value.toExponential(1);
  return value < 0.1 ? value.toFixed(3) : value.toFixed(2);
}

/** "(3, −2)" */
export function formatOffset({ dx, dy }: { dx: number; dy: number }): string {
  return `(${formatShift(dx)}, ${formatShift(dy)})`;
}

interface StageFacts {
  layer: 'conv2d' | 'locallyConnected';
  relativeError: number;
  exact: boolean;
  stride: number;
  moveBack: { dx: number; dy: number };
}

/** One sentence on a stage's shift-back difference: what it shows and why. */
export function stageVerdict(stage: StageFacts, shift: { dx: number; dy: number }): string {
  if (shift.dx === 0 && shift.dy === 0) return 'No shift: pick one above to compare.';
  const equal = stage.relativeError < EQUAL_BELOW;
  if (!stage.exact) {
    return (
      `The shift ${formatOffset(shift)} is not a multiple of this stage’s stride ${stage.stride}: its maps would have to move by a fraction of a position, ` +
      `so they are compared after the nearest whole move ${formatOffset(stage.moveBack)}` +
      (equal ? ' and still match.' : ' and differ, even with shared weights.')
    );
  }
  if (equal) return 'The maps moved with the input, exactly: shifted back they match.';
  return stage.layer === 'locallyConnected'
    ? 'The maps changed, not just moved: every position has its own kernels, so the shifted digit meets different weights.'
    : 'The maps changed, not just moved.';
}

/** The legend's words for a stage's stride. */
export function strideNote(stride: number): string {
  return stride === 1
    ? 'stride 1: a shift of the input moves these maps by the same number of positions'
    : `stride ${stride}: the maps move by 1/${stride} of the input’s shift, so only shifts by multiples of ${stride} move them by whole positions`;
}
