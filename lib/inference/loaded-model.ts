import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { loadModelFromFiles } from '@/lib/models/artifacts';
import type { VerifiedModelFiles } from './download';
import { splitForEquivariance, type EquivariantSplit } from './equivariant-sweep';
import { EngineError, errorMessage } from './errors';
import { compilePlan, runSteps, type ForwardPlan, type PlanStep } from './forward-plan';
import { round3 } from './latency-stats';
import { readAndDispose, tensorFrom } from './tensors';
import type { BackendName, ModelLoadInfo, ShiftMethod } from './types';

/** The convolutional trunk a shared-weight model computes once on a padded input for every shift at once. */
export interface EquivariantTrunk {
  steps: readonly PlanStep[];
  split: EquivariantSplit;
}

/** One model built on one backend, ready to run there. */
export interface LoadedModel {
  /** The backend its weights and plan live on: activate it before running the model. */
  backend: BackendName;
  model: LayersModel;
  /** The model as a flat list of tfjs ops; null when it has a layer the plan cannot run (then model.predict runs). */
  plan: ForwardPlan | null;
  /** Present when the model's shifted copies can share one pass (weights shared across positions). */
  trunk: EquivariantTrunk | null;
  info: ModelLoadInfo;
  /** Wall times of the latest automatic-method sweeps (reported as a median, so a cold one does not skew it). */
  sweepMs: number[];
}

/**
 * Builds one model on the active backend, `backend`, from its verified files, compiles its plan and
 * times the cold first run (shader compilation, weight packing). Quantised weights (a manifest
 * entry's `quantization`) are decoded by tfjs at load, so they need nothing here.
 * @throws EngineError 'model' when the files do not make a model.
 */
export async function buildModel(files: VerifiedModelFiles, backend: BackendName): Promise<LoadedModel> {
  const t0 = performance.now();
  let model: LayersModel;
  try {
    model = await loadModelFromFiles(files.modelJson, files.weights);
  } catch (e) {
    throw new EngineError({
      code: 'model',
      modelId: files.modelId,
      message: `Model '${files.modelId}' does not build: ${errorMessage(e)}`,
    });
  }
  const plan = compilePlan(model);
  const split = plan ? splitForEquivariance(plan.steps) : null;
  const buildMs = performance.now() - t0;
  const locallyConnectedPaths = plan?.steps.flatMap((s) => (s.kind === 'locallyConnected' ? [s.weights.path] : [])) ?? [];
  const info = { modelId: files.modelId, backend, downloadMs: 0, buildMs: round3(buildMs), coldMs: 0, locallyConnectedPaths };
  const loaded: LoadedModel = { backend, model, plan, trunk: plan && split ? { steps: plan.steps, split } : null, info, sweepMs: [] };
  const t1 = performance.now();
  await readAndDispose(runModel(loaded, tensorFrom(new Float32Array(INPUT_PIXELS), 1)));
  loaded.info.coldMs = round3(performance.now() - t1);
  return loaded;
}

/** Frees the model and its plan. */
export function disposeModel(m: LoadedModel): void {
  m.plan?.dispose();
  m.model.dispose();
}

/** Runs a model on `x` (disposed here) and returns its output tensor. */
export function runModel(m: LoadedModel, x: Tensor): Tensor {
  const y = m.plan ? runSteps(m.plan.steps, x) : (m.model.predict(x) as Tensor);
  x.dispose();
  return y;
}

/**
 * The one place that decides how a model runs shifted copies of its input: by equivariance when
 * it has a shared-weight trunk and nothing else was asked for, else every copy in a batch.
 */
export function equivariantTrunk(m: LoadedModel, requested: 'auto' | 'batched' = 'auto'): EquivariantTrunk | null {
  return requested === 'auto' ? m.trunk : null;
}

/** How `m` runs shifted copies when asked for `requested` (see {@link equivariantTrunk}). */
export function shiftMethodOf(m: LoadedModel, requested: 'auto' | 'batched' = 'auto'): ShiftMethod {
  return equivariantTrunk(m, requested) ? 'equivariant' : 'batched';
}
