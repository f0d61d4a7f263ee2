import { INPUT_PIXELS, INPUT_SIZE, MAX_SHIFT, SHIFT_GRID_CELLS, SHIFT_GRID_SIDE } from './constants';

/** A 28×28 network input, row-major: bytes (0–255) or floats. */
export type DigitPixels = Uint8Array | Float32Array;

/** One cell of the shift grid: the translation applied to the input. */
export interface ShiftOffset {
  dx: number;
  dy: number;
}

/** Throw a RangeError unless `value` is an integer in −MAX_SHIFT…MAX_SHIFT. */
export function assertShift(value: number, axis: 'dx' | 'dy'): void {
  if (!Number.isInteger(value) || Math.abs(value) > MAX_SHIFT) {
    throw new RangeError(`${axis} must be an integer from ${-MAX_SHIFT} to ${MAX_SHIFT}, got ${value}.`);
  }
}

function assertInput(pixels: DigitPixels): void {
  if (pixels.length !== INPUT_PIXELS) {
    throw new RangeError(`Expected ${INPUT_PIXELS} pixels (${INPUT_SIZE}×${INPUT_SIZE}), got ${pixels.length}.`);
  }
}

/**
 * Translate a 28×28 image by (dx, dy) pixels — positive dx moves the content right, positive dy
 * down — filling the uncovered area with 0. Returns a new array of the input's type.
 */
export function shiftImage<T extends DigitPixels>(pixels: T, dx: number, dy: number): T {
  assertInput(pixels);
  assertShift(dx, 'dx');
  assertShift(dy, 'dy');
  const out = (pixels instanceof Uint8Array ? new Uint8Array(INPUT_PIXELS) : new Float32Array(INPUT_PIXELS)) as T;
  writeShifted(pixels, dx, dy, out, 0);
  return out;
}

/**
 * Copy `pixels` (one image) shifted by (dx, dy) into `target` at `offset`, without allocating; the
 * target's range must be zeroed and the shift in range (this is the unchecked inner loop of
 * shiftImage and shiftBatch).
 */
export function writeShifted(pixels: DigitPixels, dx: number, dy: number, target: DigitPixels, offset: number): void {
  const x0 = Math.max(0, dx);
  const x1 = Math.min(INPUT_SIZE, INPUT_SIZE + dx);
  for (let y = Math.max(0, dy); y < Math.min(INPUT_SIZE, INPUT_SIZE + dy); y++) {
    const from = (y - dy) * INPUT_SIZE + (x0 - dx);
    target.set(pixels.subarray(from, from + (x1 - x0)), offset + y * INPUT_SIZE + x0);
  }
}

/** Every shift along one axis, −MAX_SHIFT…MAX_SHIFT in order: the grid's columns (dx) and rows (dy). */
export const AXIS_SHIFTS: readonly number[] = Array.from({ length: SHIFT_GRID_SIDE }, (_, i) => i - MAX_SHIFT);

/** Every shift in the grid, row-major: dy from −MAX_SHIFT to MAX_SHIFT, dx likewise within a row. */
export function shiftGridOffsets(): ShiftOffset[] {
  return Array.from({ length: SHIFT_GRID_CELLS }, (_, cell) => ({
    dx: (cell % SHIFT_GRID_SIDE) - MAX_SHIFT,
    dy: Math.floor(cell / SHIFT_GRID_SIDE) - MAX_SHIFT,
  }));
}

/** Row-major index of (dx, dy) in the shift grid (see `shiftGridOffsets`). */
export function shiftGridIndex(dx: number, dy: number): number {
  assertShift(dx, 'dx');
  assertShift(dy, 'dy');
  return (dy + MAX_SHIFT) * SHIFT_GRID_SIDE + (dx + MAX_SHIFT);
}

/**
 * Every image of `images` (`count` × 784 values) under every offset of `shifts`, image-major
 * (count × shifts × 784 values, unscaled), ready to be one batched model call.
 */
export function shiftBatch(images: DigitPixels, count: number, shifts: readonly ShiftOffset[]): Float32Array<ArrayBuffer> {
  if (images.length !== count * INPUT_PIXELS) throw new RangeError(`Expected ${count} × ${INPUT_PIXELS} pixels, got ${images.length}.`);
  shifts.forEach(({ dx, dy }) => (assertShift(dx, 'dx'), assertShift(dy, 'dy')));
  const batch = new Float32Array(count * shifts.length * INPUT_PIXELS);
  for (let d = 0; d < count; d++) {
    const image = images.subarray(d * INPUT_PIXELS, (d + 1) * INPUT_PIXELS);
    shifts.forEach(({ dx, dy }, k) => writeShifted(image, dx, dy, batch, (d * shifts.length + k) * INPUT_PIXELS));
  }
  return batch;
}

/** All 289 shifted copies of one input, in grid order (289 × 784 values, unscaled). */
export function shiftGridBatch(pixels: DigitPixels): Float32Array<ArrayBuffer> {
  assertInput(pixels);
  return shiftBatch(pixels, 1, shiftGridOffsets());
}
