import { cast, oneHot, tensor1d, tensor4d, tidy, type Tensor2D, type Tensor4D } from '@tensorflow/tfjs-core';
import { INPUT_PIXELS, INPUT_SIZE, NUM_CLASSES } from '@/lib/digits/constants';
import { normalisePixels } from '@/lib/digits/normalise';

/**
 * The images at `indices` (into a row-major uint8 28×28 stack) as a normalised [rows, 28, 28, 1]
 * tensor; rows past the indices are zeros (a fixed batch shape, see lib/learning/step.ts).
 */
export function imagesTensor(images: Uint8Array, indices: ArrayLike<number>, rows = indices.length): Tensor4D {
  const out = new Float32Array(rows * INPUT_PIXELS);
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k] * INPUT_PIXELS;
    normalisePixels(images.subarray(src, src + INPUT_PIXELS), out.subarray(k * INPUT_PIXELS, (k + 1) * INPUT_PIXELS));
  }
  return tensor4d(out, [rows, INPUT_SIZE, INPUT_SIZE, 1]);
}

/** One-hot [n, 10] targets for the labels at `indices`. */
export function labelsTensor(labels: Uint8Array, indices: ArrayLike<number>): Tensor2D {
  const picked = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) picked[k] = labels[indices[k]];
  return tidy(() => cast(oneHot(tensor1d(picked, 'int32'), NUM_CLASSES), 'float32') as Tensor2D);
}

/** 0…n−1. */
export function range(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}
