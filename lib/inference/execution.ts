/** Running loaded models: one input, the 17×17 shift sweep, and the top-1 of many shifted digits. */
import { argMax, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { MAX_SHIFT, NUM_CLASSES, SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import { shiftBatch, shiftGridOffsets, type ShiftOffset } from '@/lib/digits/shift';
import { equivariantForward } from './equivariant-sweep';
import { round3 } from './latency-stats';
import { equivariantTrunk, runModel, type LoadedModel } from './loaded-model';
import { argmaxOf, readAndDispose, tensorFrom } from './tensors';
import type { Prediction, ShiftMethod, SweepResult } from './types';

/** The 17×17 shifts of a sweep, row-major (dy, then dx). */
const GRID_OFFSETS = shiftGridOffsets();

/** Probabilities, top-1 and wall time (including the read-back) of one normalised input. */
export async function predictOne(m: LoadedModel, x: Float32Array): Promise<Prediction> {
  const t0 = performance.now();
  const probs = await readAndDispose(runModel(m, tensorFrom(x, 1)));
  const latencyMs = round3(performance.now() - t0);
  return { probs: Array.from(probs), top: argmaxOf(probs, 0, NUM_CLASSES), latencyMs, backend: m.backend };
}

/** Every shift of the shift grid for one normalised input, by `requested` (see `equivariantTrunk`). */
export async function sweepOne(m: LoadedModel, x: Float32Array, requested: 'auto' | 'batched'): Promise<SweepResult> {
  const t0 = performance.now();
  const { output, method } = forwardShifted(m, x, 1, GRID_OFFSETS, requested);
  const probs = await readAndDispose(output);
  const tops = new Uint8Array(SHIFT_GRID_CELLS);
  for (let c = 0; c < SHIFT_GRID_CELLS; c++) tops[c] = argmaxOf(probs, c * NUM_CLASSES, NUM_CLASSES);
  return { tops, probs, ms: round3(performance.now() - t0), method, backend: m.backend };
}

/** Top-1 of `digits` normalised images under every shift, digit-major: [digits · shifts]. */
export async function topsUnderShifts(
  m: LoadedModel,
  x: Float32Array,
  digits: number,
  shifts: readonly ShiftOffset[],
): Promise<{ tops: Int32Array; method: ShiftMethod }> {
  const { output, method } = forwardShifted(m, x, digits, shifts, 'auto');
  const tops = tidy(() => argMax(output, 1));
  output.dispose();
  try {
    return { tops: (await tops.data()) as Int32Array, method };
  } finally {
    tops.dispose();
  }
}

/** Outputs [digits · shifts, classes] of `m` for every normalised image of `x` under every shift, digit-major. */
function forwardShifted(
  m: LoadedModel,
  x: Float32Array,
  digits: number,
  shifts: readonly ShiftOffset[],
  requested: 'auto' | 'batched',
): { output: Tensor; method: ShiftMethod } {
  const trunk = equivariantTrunk(m, requested);
  if (trunk) {
    const input = tensorFrom(x, digits);
    const output = equivariantForward(trunk.steps, trunk.split, input, shifts, MAX_SHIFT);
    input.dispose();
    return { output, method: 'equivariant' };
  }
  // x is normalised already: a zero-fill shift commutes with the ÷255.
  return { output: runModel(m, tensorFrom(shiftBatch(x, digits, shifts), digits * shifts.length)), method: 'batched' };
}
