import { INPUT_PIXELS, MAX_SHIFT } from '@/lib/digits/constants';
import { shiftGridOffsets, shiftImage } from '@/lib/digits/shift';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { MnistSplit } from '@/lib/mnist/load';
import { EVAL_BATCH, predictTop } from './metrics';
import { imagesTensor, range } from './tensors';

/** Largest shift, in px, for which prediction consistency is reported. */
export const CONSISTENCY_MAX_SHIFT = 4;

/** Result of sweeping the whole shift grid over a test set. */
export interface ShiftSweep {
  /** Test images swept. */
  images: number;
  /** Accuracy per grid cell, row-major dy −8…8 then dx −8…8. */
  accuracy: number[];
  /** consistency[d − 1]: share of (image, shift) pairs over the 4 axis-aligned d-px shifts keeping the unshifted top-1. */
  consistency: { shiftPx: number; rate: number }[];
}

function isConsistencyShift(dx: number, dy: number): boolean {
  return (dx === 0 || dy === 0) && Math.abs(dx + dy) >= 1 && Math.abs(dx + dy) <= CONSISTENCY_MAX_SHIFT;
}

/**
 * Shifts every test image by every (dx, dy) of the 17×17 grid (zero fill) and classifies it, one
 * batch of {@link EVAL_BATCH} images per model call. 289 × n forward passes over the first `images`
 * images of the split.
 */
export async function sweepShiftGrid(
  model: LayersModel,
  split: MnistSplit,
  images: number,
  onCell?: (cell: number, cells: number) => void,
): Promise<ShiftSweep> {
  const offsets = shiftGridOffsets();
  const n = Math.min(images, split.count);
  const accuracy: number[] = [];
  const topsByShift = new Map<string, Uint8Array>();
  const shifted = new Uint8Array(EVAL_BATCH * INPUT_PIXELS);
  for (const [cell, { dx, dy }] of offsets.entries()) {
    const tops = new Uint8Array(n);
    for (let start = 0; start < n; start += EVAL_BATCH) {
      const count = Math.min(EVAL_BATCH, n - start);
      for (let k = 0; k < count; k++) {
        const src = (start + k) * INPUT_PIXELS;
        shifted.set(shiftImage(split.images.subarray(src, src + INPUT_PIXELS), dx, dy), k * INPUT_PIXELS);
      }
      const xs = imagesTensor(shifted, range(count));
      tops.set(await predictTop(model, xs), start);
      xs.dispose();
    }
    let correct = 0;
    for (let i = 0; i < n; i++) if (tops[i] === split.labels[i]) correct++;
    accuracy.push(correct / n);
    if ((dx === 0 && dy === 0) || isConsistencyShift(dx, dy)) topsByShift.set(`${dx},${dy}`, tops);
    onCell?.(cell + 1, offsets.length);
  }
  const unshiftedTops = topsByShift.get('0,0')!;
  const consistency = Array.from({ length: Math.min(CONSISTENCY_MAX_SHIFT, MAX_SHIFT) }, (_, k) => {
    const d = k + 1;
    let same = 0;
    for (const [dx, dy] of [[d, 0], [-d, 0], [0, d], [0, -d]]) {
      const tops = topsByShift.get(`${dx},${dy}`)!;
      for (let i = 0; i < n; i++) if (tops[i] === unshiftedTops[i]) same++;
    }
    return { shiftPx: d, rate: same / (4 * n) };
  });
  return { images: n, accuracy, consistency };
}
