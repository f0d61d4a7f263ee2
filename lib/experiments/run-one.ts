import { clone, getBackend, type Tensor } from '@tensorflow/tfjs-core';
import type { MnistSplit } from '@/lib/mnist/load';
import { getModelSpec } from '@/lib/models/registry';
import { fit } from '@/lib/training/fit';
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from '@/lib/training/hyperparameters';
import { compileForEvaluation, evaluateLossAndAccuracy } from '@/lib/training/metrics';
import { sweepShiftGrid } from '@/lib/training/shift-eval';
import { range } from '@/lib/training/tensors';
import { accuracyByDistance } from '@/lib/viz/shift-stats';
import { bestPoint, convergenceOf } from './curve';
import { runId, type PlannedRun } from './plan';
import { lastIndices } from './pixels';
import { CONVERGENCE_TARGETS, type RunCurvePoint, type RunRecord } from './schema';

/** Shift distances the records keep (the claims quote 1–4 px). */
const SHIFT_DISTANCES = 4;

/** The images a run sees: natural, or all permuted by the run's permutation. */
export interface RunData {
  train: MnistSplit;
  test: MnistSplit;
}

/**
 * Trains one planned run with the zoo's recipe through `fit` (the curve on the validation split,
 * the best checkpoint kept), then measures that checkpoint: test, train, and the shift sweep.
 */
export async function runExperiment(run: PlannedRun, data: RunData, log: (line: string) => void): Promise<RunRecord> {
  const { flags } = run;
  const hp: Hyperparameters = {
    ...DEFAULT_HYPERPARAMETERS,
    seed: flags.seed,
    trainImages: flags.trainImages,
    epochs: flags.epochs,
    learningRateDecayPerEpoch: flags.learningRateDecayPerEpoch,
    curveEvery: flags.curveEvery,
    curveTestImages: flags.validationImages,
  };
  const model = getModelSpec(flags.model).build({ seed: flags.seed });
  const curve: RunCurvePoint[] = [];
  // The best checkpoint so far: its validation accuracy and a copy of its weights.
  const best: { accuracy: number; weights: Tensor[] } = { accuracy: -1, weights: [] };
  const result = await fit(model, data.train, data.test, hp, () => {}, 0, {
    on: { split: data.train, indices: lastIndices(data.train.count, flags.validationImages) },
    onPoint: (point, trainSeconds) => {
      curve.push({ step: point.step, trainSeconds, validationLoss: point.testLoss, validationAccuracy: point.testAccuracy });
      log(`[${runId(run)}] step ${point.step}: validation ${(point.testAccuracy * 100).toFixed(2)} %, ${trainSeconds.toFixed(0)} s training`);
      // Strictly better only: on a tie the earlier checkpoint stays, as bestPoint picks it.
      if (point.testAccuracy <= best.accuracy) return;
      best.weights.forEach((w) => w.dispose());
      best.accuracy = point.testAccuracy;
      best.weights = model.getWeights().map((w) => clone(w));
    },
  });
  model.setWeights(best.weights);
  best.weights.forEach((w) => w.dispose());

  const release = compileForEvaluation(model);
  const test = await evaluateLossAndAccuracy(model, data.test, range(flags.testImages));
  const train = await evaluateLossAndAccuracy(model, data.train, range(flags.trainImages));
  const sweep = flags.shiftImages > 0 ? await sweepShiftGrid(model, data.test, flags.shiftImages) : null;
  release();
  model.dispose();

  return {
    version: 1,
    key: run.key,
    flags,
    hyperparameters: { ...hp },
    results: {
      selectedStep: bestPoint(curve).step,
      validationAccuracy: best.accuracy,
      testAccuracy: test.accuracy,
      trainAccuracy: train.accuracy,
      generalisationGap: train.accuracy - test.accuracy,
      steps: result.steps,
      samplesPerSecond: result.samplesPerSecond,
      trainSeconds: curve[curve.length - 1].trainSeconds,
      wallSeconds: result.wallSeconds,
      convergence: convergenceOf(curve, CONVERGENCE_TARGETS),
      shiftAccuracy: sweep
        ? accuracyByDistance(sweep.accuracy)
            .slice(0, SHIFT_DISTANCES + 1)
            .map(({ distance, accuracy }) => ({ distance, accuracy }))
        : [],
      curve,
    },
    backend: getBackend(),
    date: new Date().toISOString(),
  };
}
