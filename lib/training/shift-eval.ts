import { INPUT_PIXELS, MAX_SHIFT } from '@/lib/digits/constants';
import { shiftGridOffsets, writeShifted } from '@/lib/digits/shift';
import { argMax, tidy } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { equivariantForward, splitForEquivariance } from '@/lib/inference/equivariant-sweep';
import type { MnistSplit } from '@/lib/mnist/load';
import { EVAL_BATCH, evaluationPlanOf, predictTop } from './metrics';
import { imagesTensor, range } from './tensors';

/** Images per equivariant pass: 50 × 289 shifted copies share one trunk computation. */
const EQUIVARIANT_BATCH = 50;

/** Largest shift, in px, for which prediction consistency is reported. */
const CONSISTENCY_MAX_SHIFT = Math.min(4, MAX_SHIFT);

/** Result of sweeping the shift grid over the first `images` images of a split. */
export interface ShiftSweep {
  /** Images swept so far. */
  images: number;
  /** Accuracy per grid cell, row-major dy −8…8 then dx −8…8. */
  accuracy: number[];
  /** consistency[d − 1]: share of (image, shift) pairs over the 4 axis-aligned d-px shifts keeping the unshifted top-1. */
  consistency: { shiftPx: number; rate: number }[];
}

/** Grid cells of the four axis-aligned shifts of d px. */
function axisShiftCells(offsets: { dx: number; dy: number }[], d: number): number[] {
  return offsets.flatMap(({ dx, dy }, cell) => ((dx === 0 && Math.abs(dy) === d) || (dy === 0 && Math.abs(dx) === d) ? [cell] : []));
}

/**
 * Shifts test images by every (dx, dy) of the 17×17 grid (zero fill) and classifies them: 289
 * batched model calls per chunk of {@link EVAL_BATCH} images. Chunks run one after another and
 * `onChunk` receives the sweep over all images so far, so a long run always has a valid result
 * over a prefix of the test set.
 */
export async function sweepShiftGrid(
  model: LayersModel,
  split: MnistSplit,
  images: number,
  onChunk?: (sweep: ShiftSweep) => Promise<void> | void,
): Promise<ShiftSweep> {
  const offsets = shiftGridOffsets();
  const centre = offsets.findIndex(({ dx, dy }) => dx === 0 && dy === 0);
  const consistencyCells = Array.from({ length: CONSISTENCY_MAX_SHIFT }, (_, k) => axisShiftCells(offsets, k + 1));
  const n = Math.min(images, split.count);
  const correct = new Array<number>(offsets.length).fill(0);
  const unchanged = new Array<number>(CONSISTENCY_MAX_SHIFT).fill(0);
  const shifted = new Uint8Array(EVAL_BATCH * INPUT_PIXELS);
  let sweep: ShiftSweep = { images: 0, accuracy: [], consistency: [] };
  const plan = evaluationPlanOf(model);
  const equivariant = plan && splitForEquivariance(plan.steps);

  /** tops[cell][k]: top-1 of image start + k shifted by offsets[cell]. */
  const topsOf = async (start: number, count: number): Promise<Uint8Array[]> => {
    const tops: Uint8Array[] = offsets.map(() => new Uint8Array(count));
    if (plan && equivariant) {
      // Shared weights: every shift of a sub-batch from one pass of the padded input (exact; lib/inference/equivariant-sweep.ts).
      for (let from = 0; from < count; from += EQUIVARIANT_BATCH) {
        const m = Math.min(EQUIVARIANT_BATCH, count - from);
        const xs = imagesTensor(
          split.images,
          range(m).map((k) => start + from + k),
        );
        const top = tidy(() => argMax(equivariantForward(plan.steps, equivariant, xs, offsets, MAX_SHIFT), 1));
        const values = await top.data();
        [xs, top].forEach((t) => t.dispose());
        for (let k = 0; k < m; k++)
          for (let cell = 0; cell < offsets.length; cell++) tops[cell][from + k] = values[k * offsets.length + cell];
      }
      return tops;
    }
    for (const [cell, { dx, dy }] of offsets.entries()) {
      shifted.fill(0);
      for (let k = 0; k < count; k++) {
        const src = (start + k) * INPUT_PIXELS;
        writeShifted(split.images.subarray(src, src + INPUT_PIXELS), dx, dy, shifted, k * INPUT_PIXELS);
      }
      const xs = imagesTensor(shifted, range(count));
      tops[cell] = await predictTop(model, xs);
      xs.dispose();
    }
    return tops;
  };

  for (let start = 0; start < n; start += EVAL_BATCH) {
    const count = Math.min(EVAL_BATCH, n - start);
    const tops = await topsOf(start, count);
    for (let cell = 0; cell < offsets.length; cell++)
      for (let k = 0; k < count; k++) if (tops[cell][k] === split.labels[start + k]) correct[cell]++;
    consistencyCells.forEach((cells, d) => {
      for (const cell of cells) for (let k = 0; k < count; k++) if (tops[cell][k] === tops[centre][k]) unchanged[d]++;
    });
    const done = start + count;
    sweep = {
      images: done,
      accuracy: correct.map((c) => c / done),
      consistency: unchanged.map((u, d) => ({ shiftPx: d + 1, rate: u / (consistencyCells[d].length * done) })),
    };
    await onChunk?.(sweep);
  }
  return sweep;
}
