import { engine, getBackend, getKernel, registerKernel, type KernelFunc, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';

/**
 * A run of consecutive layers executed as ONE tfjs kernel: convolution stages (valid conv2d,
 * stride 1, + bias + activation + 2 × 2 max-pool), flatten, dense layers (+ bias + activation,
 * softmax included). For one image the tfjs ops they replace cost more in dispatch, and in
 * writing and re-reading their intermediate maps, than in arithmetic: each op dispatch walks tfjs's
 * engine bookkeeping, and between two predictions that code and data leave the CPU's caches
 * (bench/cnn-kernel.md). A backend registers an implementation and a predicate over stages; the
 * forward plan fuses only stages the active backend accepts, and runs tfjs ops elsewhere.
 */

/** Kernel name under which backends register their fused-run kernel. */
export const FUSED_RUN_KERNEL = 'WslFusedRun';

/** One layer of a fused run. Weights travel as kernel inputs w<i>, b<i> (i = stage index). */
export type FusedStage =
  | { kind: 'convPool'; kh: number; kw: number; inC: number; filters: number; pool: number; activation: 'linear' | 'relu' }
  | { kind: 'flatten' }
  | { kind: 'dense'; inSize: number; units: number; activation: 'linear' | 'relu' | 'softmax' };

export interface FusedRunAttrs extends NamedAttrMap {
  stages: FusedStage[];
}

const stageSupport = new Map<string, (stage: FusedStage) => boolean>();

/** Registers `backendName`'s fused-run kernel (idempotent); `supports` says which stages it runs. */
export function registerFusedRunKernel(backendName: string, kernelFunc: KernelFunc, supports: (stage: FusedStage) => boolean): void {
  if (stageSupport.has(backendName)) return;
  if (!getKernel(FUSED_RUN_KERNEL, backendName)) registerKernel({ kernelName: FUSED_RUN_KERNEL, backendName, kernelFunc });
  stageSupport.set(backendName, supports);
}

/** Whether the active backend runs `stage` inside a fused run. */
export function fusedStageSupported(stage: FusedStage): boolean {
  return stageSupport.get(getBackend())?.(stage) ?? false;
}

/**
 * Shape after each stage for an input of shape `input`; throws where a stage does not fit what
 * it receives (the kernels trust these shapes: they have no bounds of their own in tfjs's heap).
 */
export function fusedShapes(input: readonly number[], stages: readonly FusedStage[]): number[][] {
  let shape = [...input];
  return stages.map((stage, i) => {
    const fail = (expected: string) => new Error(`fused stage ${i} (${stage.kind}) expects ${expected}, got [${shape.join(', ')}]`);
    switch (stage.kind) {
      case 'convPool': {
        const [batch, h, w, c] = shape;
        const [oh, ow] = [Math.floor((h - stage.kh + 1) / stage.pool), Math.floor((w - stage.kw + 1) / stage.pool)];
        if (shape.length !== 4 || c !== stage.inC || oh < 1 || ow < 1)
          throw fail(`[batch, ≥${stage.kh + stage.pool - 1}, ≥${stage.kw + stage.pool - 1}, ${stage.inC}]`);
        shape = [batch, oh, ow, stage.filters];
        break;
      }
      case 'flatten':
        shape = [shape[0], shape.slice(1).reduce((a, b) => a * b, 1)];
        break;
      case 'dense':
        if (shape.length !== 2 || shape[1] !== stage.inSize) throw fail(`[batch, ${stage.inSize}]`);
        shape = [shape[0], stage.units];
        break;
    }
    return shape;
  });
}

/** Runs `stages` on `x` as one kernel; `weights` holds [kernel, bias] per stage ([] for flatten). */
export function fusedRunForward(x: Tensor, stages: FusedStage[], weights: readonly (readonly Tensor[])[]): Tensor {
  fusedShapes(x.shape, stages); // throws before any kernel reads out of bounds
  const inputs: Record<string, Tensor> = { x };
  weights.forEach((pair, i) => pair.forEach((t, k) => (inputs[`${k === 0 ? 'w' : 'b'}${i}`] = t)));
  return engine().runKernel(FUSED_RUN_KERNEL, inputs, { stages } as FusedRunAttrs) as Tensor;
}
