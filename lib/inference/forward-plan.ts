import {
  fused,
  maxPool,
  mean,
  relu,
  reshape,
  sigmoid,
  softmax,
  tanh,
  tidy,
  type Tensor,
  type Tensor1D,
  type Tensor2D,
  type Tensor3D,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { LocallyConnected2dGeometry } from '@/lib/models/locally-connected-op';
import { fusedRunForward } from './kernels/fused-run';
import { locallyConnectedForward, prepareLocallyConnected, type PreparedLocallyConnected } from './kernels/locally-connected';
import { markFusedRuns, type FusedRun } from './plan-fusion';

/** Activations a step can apply; the fused ones run inside the conv/matMul kernel. */
export type PlanActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';

/** One layer of a sequential model, reduced to what inference needs. Tensors are the model's own. */
export type LayerStep =
  | {
      kind: 'conv2d';
      kernel: Tensor4D;
      bias: Tensor1D | null;
      activation: PlanActivation;
      kernelSize: [number, number];
      strides: [number, number];
      dilation: [number, number];
      padding: 'valid' | 'same';
    }
  | { kind: 'maxPool'; poolSize: [number, number]; strides: [number, number]; padding: 'valid' | 'same' }
  | { kind: 'flatten' }
  /** Mean of each channel over all positions: [B, H, W, C] → [B, C]. */
  | { kind: 'globalAveragePool' }
  | { kind: 'dense'; kernel: Tensor2D; bias: Tensor1D | null; activation: PlanActivation }
  | { kind: 'activation'; activation: PlanActivation }
  | { kind: 'locallyConnected'; weights: PreparedLocallyConnected; geometry: LocallyConnected2dGeometry; activation: PlanActivation };

/** A step, possibly the first of a run that the active backend fuses into one kernel (plan-fusion.ts). */
export type PlanStep = LayerStep & { fused?: FusedRun };

/**
 * A model compiled to a flat list of tfjs ops. Running the ops directly skips tfjs-layers'
 * symbolic bookkeeping (measurable at sub-millisecond latencies) and lets locally connected layers
 * use the fastest kernel of the active backend; where that backend has a fused-run kernel, runs of
 * steps go through it as one op. `dispose` frees only tensors the plan created.
 */
export interface ForwardPlan {
  steps: PlanStep[];
  dispose(): void;
}

const ACTIVATIONS = new Set<PlanActivation>(['linear', 'relu', 'sigmoid', 'tanh', 'softmax']);

/** Reads an activation from a layer config; null if the plan cannot run it. */
function activationOf(config: Record<string, unknown>): PlanActivation | null {
  const a = (config.activation ?? 'linear') as string;
  return ACTIVATIONS.has(a as PlanActivation) ? (a as PlanActivation) : null;
}

function pair(v: unknown): [number, number] {
  return Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)];
}

/**
 * Compiles a sequential LayersModel whose layers are Conv2D, MaxPooling2D, Flatten,
 * GlobalAveragePooling2D, Dense, Activation or LocallyConnected2D (channels-last). Returns null for anything else; the caller then
 * runs `model.predict` instead.
 */
export function compilePlan(model: LayersModel): ForwardPlan | null {
  const steps: PlanStep[] = [];
  const owned: Tensor[] = [];
  for (const layer of model.layers) {
    const config = layer.getConfig() as Record<string, unknown>;
    if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast') return abandon(owned);
    const weights = layer.getWeights();
    const activation = activationOf(config);
    switch (layer.getClassName()) {
      case 'InputLayer':
        break;
      case 'Conv2D': {
        if (!activation || (config.padding !== 'valid' && config.padding !== 'same')) return abandon(owned);
        steps.push({
          kind: 'conv2d',
          kernel: weights[0] as Tensor4D,
          bias: config.useBias ? (weights[1] as Tensor1D) : null,
          activation,
          kernelSize: pair(config.kernelSize),
          strides: pair(config.strides ?? 1),
          dilation: pair(config.dilationRate ?? 1),
          padding: config.padding,
        });
        break;
      }
      case 'MaxPooling2D': {
        if (config.padding !== 'valid' && config.padding !== 'same') return abandon(owned);
        const poolSize = pair(config.poolSize);
        steps.push({ kind: 'maxPool', poolSize, strides: config.strides ? pair(config.strides) : poolSize, padding: config.padding });
        break;
      }
      case 'Flatten':
        steps.push({ kind: 'flatten' });
        break;
      case 'GlobalAveragePooling2D':
        steps.push({ kind: 'globalAveragePool' });
        break;
      case 'Dense':
        if (!activation) return abandon(owned);
        steps.push({ kind: 'dense', kernel: weights[0] as Tensor2D, bias: config.useBias ? (weights[1] as Tensor1D) : null, activation });
        break;
      case 'Activation':
        if (!activation) return abandon(owned);
        steps.push({ kind: 'activation', activation });
        break;
      case 'LocallyConnected2D': {
        if (!activation) return abandon(owned);
        const inputShape = (layer.input as { shape: (number | null)[] }).shape;
        const outputShape = layer.outputShape as (number | null)[];
        const geometry: LocallyConnected2dGeometry = {
          kernelSize: pair(config.kernelSize),
          strides: pair(config.strides ?? 1),
          outShape: [Number(outputShape[1]), Number(outputShape[2])],
        };
        const prepared = prepareLocallyConnected(
          weights[0] as Tensor3D,
          config.useBias === false ? null : (weights[1] as Tensor2D),
          geometry,
          [Number(inputShape[1]), Number(inputShape[2]), Number(inputShape[3])],
          activation === 'relu' ? 'relu' : 'linear',
        );
        owned.push(...prepared.owned);
        steps.push({ kind: 'locallyConnected', weights: prepared, geometry, activation });
        break;
      }
      default:
        return abandon(owned);
    }
  }
  markFusedRuns(steps, owned);
  return { steps, dispose: () => owned.forEach((t) => t.dispose()) };
}

function abandon(owned: Tensor[]): null {
  owned.forEach((t) => t.dispose());
  return null;
}

/** Applies a non-fused activation. */
export function applyActivation(x: Tensor, activation: PlanActivation): Tensor {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return relu(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return tanh(x);
    case 'softmax':
      return softmax(x);
  }
}

/** Fused kernels take these; softmax and tanh run after them. */
function fusable(a: PlanActivation): 'linear' | 'relu' | 'sigmoid' | null {
  return a === 'linear' || a === 'relu' || a === 'sigmoid' ? a : null;
}

/** Runs one step on `x` (not tidied: call inside tidy). */
export function runStep(step: PlanStep, x: Tensor): Tensor {
  switch (step.kind) {
    case 'conv2d': {
      const inKernel = fusable(step.activation);
      const y = fused.conv2d({
        x: x as Tensor4D,
        filter: step.kernel,
        strides: step.strides,
        pad: step.padding,
        dilations: step.dilation,
        bias: step.bias ?? undefined,
        activation: inKernel ?? 'linear',
      });
      return inKernel ? y : applyActivation(y, step.activation);
    }
    case 'maxPool':
      return maxPool(x as Tensor4D, step.poolSize, step.strides, step.padding);
    case 'flatten':
      return reshape(x, [x.shape[0], -1]);
    case 'globalAveragePool':
      return mean(x, [1, 2]);
    case 'dense': {
      const inKernel = fusable(step.activation);
      const y = fused.matMul({ a: x as Tensor2D, b: step.kernel, bias: step.bias ?? undefined, activation: inKernel ?? 'linear' });
      return inKernel ? y : applyActivation(y, step.activation);
    }
    case 'activation':
      return applyActivation(x, step.activation);
    case 'locallyConnected': {
      const y = locallyConnectedForward(x as Tensor4D, step.weights);
      return step.weights.attrs.activation === step.activation ? y : applyActivation(y, step.activation);
    }
  }
}

/**
 * Runs `steps` from `from` (inclusive) to `to` (exclusive) on `x`; tidy inside. A fused run whose
 * steps all lie in that range runs as its one kernel.
 */
export function runSteps(steps: readonly PlanStep[], x: Tensor, from = 0, to = steps.length): Tensor {
  return tidy(() => {
    let y = x;
    for (let i = from; i < to;) {
      const run = steps[i].fused;
      if (run && run.end <= to) {
        y = fusedRunForward(y, run.stages, run.weights);
        i = run.end;
      } else {
        y = runStep(steps[i], y);
        i += 1;
      }
    }
    return y;
  });
}
