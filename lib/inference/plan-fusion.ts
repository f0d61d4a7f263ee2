import { zeros, type Tensor } from '@tensorflow/tfjs-core';
import { fusedStageSupported, type FusedStage } from './kernels/fused-run';
import type { PlanStep } from './forward-plan';

/**
 * Which steps of a forward plan run as one fused-run kernel (kernels/fused-run.ts). Decided once
 * per plan, on the backend the plan is compiled for: a one-image CNN prediction is then one tfjs
 * op instead of seven.
 */

/**
 * Steps [this one, `end`) as one fused-run kernel on the active backend: set on the run's first
 * step. `weights` holds [kernel, bias] per stage ([] for a flatten; zeros where a layer has no
 * bias). runSteps takes it only when the whole run is in its range; the equivariant sweep, which
 * runs the trunk step by step, never does.
 */
export interface FusedRun {
  end: number;
  stages: FusedStage[];
  weights: Tensor[][];
}

/**
 * The fused stage that starts at steps[i], how many steps it covers and its weights, or null: a
 * conv2d (valid, stride 1, linear or ReLU) with the square max-pool after it (pool = stride,
 * valid) is one stage; a flatten and a dense (linear, ReLU or softmax) are one each.
 */
function fusedStageAt(steps: readonly PlanStep[], i: number): { stage: FusedStage; covers: number; weights: (Tensor | null)[] } | null {
  const step = steps[i];
  switch (step.kind) {
    case 'conv2d': {
      const pool = steps[i + 1];
      if (pool?.kind !== 'maxPool' || (step.activation !== 'relu' && step.activation !== 'linear')) return null;
      const plain = step.padding === 'valid' && [...step.strides, ...step.dilation].every((v) => v === 1);
      const square = pool.padding === 'valid' && pool.poolSize[0] === pool.poolSize[1] && pool.strides.every((v) => v === pool.poolSize[0]);
      if (!plain || !square) return null;
      const [kh, kw, inC, filters] = step.kernel.shape;
      return {
        stage: { kind: 'convPool', kh, kw, inC, filters, pool: pool.poolSize[0], activation: step.activation },
        covers: 2,
        weights: [step.kernel, step.bias],
      };
    }
    case 'flatten':
      return { stage: { kind: 'flatten' }, covers: 1, weights: [] };
    case 'dense': {
      if (step.activation !== 'relu' && step.activation !== 'linear' && step.activation !== 'softmax') return null;
      const [inSize, units] = step.kernel.shape;
      return { stage: { kind: 'dense', inSize, units, activation: step.activation }, covers: 1, weights: [step.kernel, step.bias] };
    }
    default:
      return null;
  }
}

/** tfjs ops the stages replace: one a step, and one more for a softmax (it runs after the matMul). */
function opsReplaced(stages: readonly FusedStage[], steps: number): number {
  return steps + stages.filter((s) => s.kind === 'dense' && s.activation === 'softmax').length;
}

/**
 * Marks on `steps` the longest runs that the active backend's fused-run kernel takes, where a run
 * replaces at least two tfjs ops. A run never ends on a flatten (alone, that is a reshape).
 * Missing biases become zeros, pushed to `owned` (the plan disposes them).
 */
export function markFusedRuns(steps: PlanStep[], owned: Tensor[]): void {
  for (let start = 0; start < steps.length;) {
    const stages: FusedStage[] = [];
    const weights: (Tensor | null)[][] = [];
    let end = start;
    while (end < steps.length) {
      const found = fusedStageAt(steps, end);
      if (!found || !fusedStageSupported(found.stage)) break;
      stages.push(found.stage);
      weights.push(found.weights);
      end += found.covers;
    }
    while (stages.at(-1)?.kind === 'flatten') {
      stages.pop();
      weights.pop();
      end -= 1;
    }
    if (opsReplaced(stages, end - start) < 2) {
      start += 1;
      continue;
    }
    const filled = stages.map((stage, s) =>
      weights[s].map((t) => {
        if (t) return t;
        const bias = zeros([stage.kind === 'convPool' ? stage.filters : stage.kind === 'dense' ? stage.units : 0]);
        owned.push(bias);
        return bias;
      }),
    );
    steps[start].fused = { end, stages, weights: filled };
    start = end;
  }
}
