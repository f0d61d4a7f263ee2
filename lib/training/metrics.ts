import { argMax, clipByValue, dispose, log, mul, neg, sum, tidy, type Tensor, type Tensor4D } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { MnistSplit } from '@/lib/mnist/load';
import { compilePlan, runSteps, type ForwardPlan } from '@/lib/inference/forward-plan';
import { imagesTensor, labelsTensor } from './tensors';

/** Images per forward pass during evaluation: big enough to amortise overhead, small enough for memory. */
export const EVAL_BATCH = 1_000;

const plans = new WeakMap<LayersModel, ForwardPlan>();

/**
 * Until the returned release is called, evaluation runs `model` through the lab's own forward plan
 * (its locally connected and fused kernels: the code the lab runs, and several times faster than
 * tfjs-layers' training op). Only for a trained model: the plan keeps copies of the weights.
 */
export function compileForEvaluation(model: LayersModel): () => void {
  const plan = compilePlan(model);
  if (plan) plans.set(model, plan);
  return () => {
    plans.delete(model);
    plan?.dispose();
  };
}

/** The plan registered by {@link compileForEvaluation}, if any. */
export function evaluationPlanOf(model: LayersModel): ForwardPlan | undefined {
  return plans.get(model);
}

/** The model's output for a batch (call inside tidy). */
function forward(model: LayersModel, inputs: Tensor4D): Tensor {
  const plan = plans.get(model);
  return plan ? runSteps(plan.steps, inputs) : (model.predict(inputs, { batchSize: EVAL_BATCH }) as Tensor);
}

function chunkOf(indices: ArrayLike<number>, start: number): number[] {
  return Array.prototype.slice.call(indices, start, Math.min(start + EVAL_BATCH, indices.length)) as number[];
}

/** Top-1 class of every input in a normalised [n, 28, 28, 1] tensor. */
export async function predictTop(model: LayersModel, inputs: Tensor4D): Promise<Uint8Array> {
  const top = tidy(() => argMax(forward(model, inputs), 1));
  const values = await top.data();
  top.dispose();
  return Uint8Array.from(values);
}

/** Top-1 predictions for the split's images at `indices`. */
export async function predictSplit(model: LayersModel, split: MnistSplit, indices: ArrayLike<number>): Promise<Uint8Array> {
  const out = new Uint8Array(indices.length);
  for (let start = 0; start < indices.length; start += EVAL_BATCH) {
    const xs = imagesTensor(split.images, chunkOf(indices, start));
    out.set(await predictTop(model, xs), start);
    xs.dispose();
  }
  return out;
}

/** Mean categorical cross-entropy (probabilities clipped to [1e-7, 1], as Keras does) and accuracy. */
export async function evaluateLossAndAccuracy(
  model: LayersModel,
  split: MnistSplit,
  indices: ArrayLike<number>,
): Promise<{ loss: number; accuracy: number }> {
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < indices.length; start += EVAL_BATCH) {
    const chunk = chunkOf(indices, start);
    const xs = imagesTensor(split.images, chunk);
    const ys = labelsTensor(split.labels, chunk);
    const [lossT, topT] = tidy(() => {
      const probs = forward(model, xs);
      return [sum(neg(sum(mul(ys, log(clipByValue(probs, 1e-7, 1))), 1))), argMax(probs, 1)];
    });
    lossSum += (await lossT.data())[0];
    const tops = await topT.data();
    chunk.forEach((i, k) => {
      if (tops[k] === split.labels[i]) correct++;
    });
    dispose([xs, ys, lossT, topT]);
  }
  return { loss: lossSum / indices.length, accuracy: correct / indices.length };
}
