import { tensor4d, type Tensor, type Tensor4D } from '@tensorflow/tfjs-core';
import { INPUT_SIZE } from '@/lib/digits/constants';

/** `batch` normalised 28×28 inputs as the networks take them: [batch, 28, 28, 1]. */
export function tensorFrom(values: Float32Array, batch: number): Tensor4D {
  return tensor4d(values, [batch, INPUT_SIZE, INPUT_SIZE, 1]);
}

/** Reads a tensor back (waiting for the backend to finish it) and frees it. */
export async function readAndDispose(t: Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Index of the largest of `length` values starting at `offset`. */
export function argmaxOf(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[offset + i] > values[offset + best]) best = i;
  return best;
}
