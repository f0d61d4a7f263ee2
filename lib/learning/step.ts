import {
  argMax,
  clipByValue,
  div,
  log,
  mul,
  neg,
  scalar,
  sum,
  tensor1d,
  tidy,
  type Optimizer,
  type Scalar,
  type Tensor,
  type Tensor2D,
  type Tensor4D,
  type Variable,
} from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { imagesTensor, labelsTensor } from './tensors';

/** Keras' clipping of probabilities in categorical cross-entropy (tfjs-layers' epsilon). */
const EPSILON = 1e-7;

/** One training batch in a fixed shape: `size` rows, of which the first `count` are real and the rest zero with weight 0. */
export interface FixedBatch {
  xs: Tensor4D;
  ys: Tensor2D;
  /** 1 for a real row, 0 for padding. */
  rowWeights: Tensor;
  count: number;
}

/**
 * The images and labels at `indices`, padded to `size` rows. WebGPU's buffer pool keeps a buffer of
 * every size it has seen, so the short last batch of an epoch must not make new shapes: its missing
 * rows are zeros that the loss weighs 0, which gives exactly the gradient of the short batch.
 */
export function fixedBatch(images: Uint8Array, labels: Uint8Array, indices: ArrayLike<number>, size: number): FixedBatch {
  if (indices.length > size) throw new Error(`fixedBatch: ${indices.length} indices do not fit a batch of ${size}`);
  const padded = new Int32Array(size);
  padded.set(indices);
  const weights = new Float32Array(size).fill(1, 0, indices.length);
  return {
    xs: imagesTensor(images, indices, size),
    ys: labelsTensor(labels, padded),
    rowWeights: tensor1d(weights),
    count: indices.length,
  };
}

/**
 * One optimiser step of `model` on `batch`: mean categorical cross-entropy over the real rows (the
 * recipe's loss, as tfjs-layers computes it), minimised by `optimizer` over the trainable weights.
 * Returns the loss (a scalar the caller disposes).
 */
export function trainStep(model: LayersModel, optimizer: Optimizer, batch: FixedBatch): Scalar {
  const variables = model.trainableWeights.map((w) => w.read() as Variable);
  const loss = optimizer.minimize(
    () => {
      const probs = model.apply(batch.xs, { training: true }) as Tensor2D;
      const crossEntropy = neg(sum(mul(batch.ys, log(clipByValue(probs, EPSILON, 1 - EPSILON))), -1));
      return div(sum(mul(crossEntropy, batch.rowWeights)), scalar(batch.count)) as Scalar;
    },
    true,
    variables,
  );
  if (!loss) throw new Error('trainStep: the optimiser returned no loss');
  return loss;
}

/** Top-1 class of every image of a normalised [n, 28, 28, 1] chunk (inference mode). */
export async function predictClasses(model: LayersModel, chunk: Tensor4D): Promise<Int32Array> {
  const top = tidy(() => argMax(model.apply(chunk, { training: false }) as Tensor2D, 1));
  try {
    return (await top.data()) as Int32Array;
  } finally {
    top.dispose();
  }
}
