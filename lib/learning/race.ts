/**
 * "Train them yourself": two models trained side by side from the same seeded initialisation on the
 * same batches in the same order, with the zoo's recipe (lib/learning/recipe.ts), on whatever tfjs
 * backend is active. Framework-free and backend-agnostic: the training worker runs it in the
 * browser, the unit tests in Node.
 */
import { dispose, memory, train, type Optimizer, type Tensor4D } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { getModelSpec } from '@/lib/models/registry';
import { mulberry32 } from '@/lib/random/prng';
import { evaluationInterval, type RaceModelId, type RaceSettings } from './race-settings';
import { DEFAULT_HYPERPARAMETERS } from './recipe';
import { epochBatches, learningRateForEpoch, stepsPerEpoch } from './schedule';
import { fixedBatch, predictClasses, trainStep } from './step';
import { imagesTensor } from './tensors';

/** Digits as the shipped sample holds them: `count` 28×28 uint8 images (0 = background) and labels. */
export interface DigitSet {
  count: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** A point of a curve: after `step` optimiser steps, `value` (mean training loss since the last point, or held-out accuracy 0–1). */
export type CurvePoint = [step: number, value: number];

/** One model's side of a race, as far as it has got. */
export interface RaceModelProgress {
  modelId: RaceModelId;
  step: number;
  totalSteps: number;
  /** Mean training loss over each stretch of steps. */
  loss: CurvePoint[];
  /** Accuracy on the held-out digits, from step 0 on. */
  accuracy: CurvePoint[];
  /** Seconds spent on this model: its optimiser steps and its evaluations. */
  seconds: number;
  /** Seconds spent in its optimiser steps alone (throughput = samples / this). */
  trainSeconds: number;
}

/** A finished or stopped race. */
export interface RaceResult {
  settings: RaceSettings;
  backend: string;
  outcome: 'done' | 'stopped';
  /** From the first step to the last evaluation, seconds. */
  wallSeconds: number;
  heldOutDigits: number;
  models: [RaceModelSummary, RaceModelSummary];
}

/** One model's summary: its curves and what they end at. */
export interface RaceModelSummary extends RaceModelProgress {
  /** Latest held-out accuracy, 0–1. */
  finalAccuracy: number;
  /** Training samples per second of its optimiser steps. */
  samplesPerSecond: number;
}

export interface RaceOptions {
  settings: RaceSettings;
  train: DigitSet;
  heldOut: DigitSet;
  backend: string;
  /** Called with both sides after every step (the caller throttles what it forwards). */
  onProgress?: (models: [RaceModelProgress, RaceModelProgress], evaluated: boolean) => void;
  /** Checked between steps: true ends the race as 'stopped'. */
  shouldStop?: () => boolean;
  /** Awaited between steps, so the worker answers messages (Stop) while it trains. */
  yieldNow?: () => Promise<void>;
  /** The finished models are handed over instead of disposed ("try your models"); the caller disposes them. */
  keepModels?: (models: [LayersModel, LayersModel]) => void;
}

/** Held-out images per forward pass: a fixed shape, like the training batches. */
const EVAL_CHUNK = 250;

/** The held-out digits as fixed-size normalised chunks (the last padded with zeros and ignored). */
function heldOutChunks(set: DigitSet): Tensor4D[] {
  const chunks: Tensor4D[] = [];
  for (let start = 0; start < set.count; start += EVAL_CHUNK) {
    const indices = Uint32Array.from({ length: Math.min(EVAL_CHUNK, set.count - start) }, (_, k) => start + k);
    chunks.push(imagesTensor(set.pixels, indices, EVAL_CHUNK));
  }
  return chunks;
}

async function heldOutAccuracy(model: LayersModel, chunks: Tensor4D[], set: DigitSet): Promise<number> {
  let correct = 0;
  for (let c = 0; c < chunks.length; c++) {
    const top = await predictClasses(model, chunks[c]);
    for (let k = 0; k < EVAL_CHUNK && c * EVAL_CHUNK + k < set.count; k++) if (top[k] === set.labels[c * EVAL_CHUNK + k]) correct++;
  }
  return correct / set.count;
}

/** Steps averaged into one loss point: about a hundred points a run. */
function lossInterval(totalSteps: number): number {
  return Math.max(1, Math.ceil(totalSteps / 100));
}

/**
 * Runs the race. Both models are built with the recipe's seed (so a CNN and an LCN start from the
 * same weight scale per layer), get their own Adam with the recipe's learning rate and decay, and
 * take turns on each batch of one seeded order (padded to the recipe's batch size). Every tensor it
 * makes is disposed by the time it returns or throws, except models handed to `keepModels`.
 */
export async function runRace({
  settings,
  train: trainSet,
  heldOut,
  backend,
  onProgress,
  shouldStop = () => false,
  yieldNow = () => Promise.resolve(),
  keepModels,
}: RaceOptions): Promise<RaceResult> {
  const hp = DEFAULT_HYPERPARAMETERS;
  if (settings.trainImages > trainSet.count)
    throw new Error(`only ${trainSet.count} training digits are available, not ${settings.trainImages}`);
  const steps = stepsPerEpoch(settings.trainImages, hp.batchSize);
  const totalSteps = steps * settings.epochs;
  const evalEvery = evaluationInterval(totalSteps);
  const lossEvery = lossInterval(totalSteps);

  const models: LayersModel[] = [];
  const optimizers: Optimizer[] = [];
  let chunks: Tensor4D[] = [];
  let kept = false;
  try {
    for (const id of settings.models) {
      models.push(getModelSpec(id).build({ seed: hp.seed }));
      optimizers.push(train.adam(hp.learningRate));
    }
    chunks = heldOutChunks(heldOut);
    const sides = settings.models.map((modelId): RaceModelProgress => ({
      modelId,
      step: 0,
      totalSteps,
      loss: [],
      accuracy: [],
      seconds: 0,
      trainSeconds: 0,
    })) as [RaceModelProgress, RaceModelProgress];
    const lossSums = [0, 0];
    const evaluate = async (step: number) => {
      for (let m = 0; m < 2; m++) {
        const t0 = performance.now();
        sides[m].accuracy.push([step, await heldOutAccuracy(models[m], chunks, heldOut)]);
        sides[m].seconds += (performance.now() - t0) / 1000;
      }
    };

    const started = performance.now();
    await evaluate(0);
    onProgress?.(sides, true);
    const random = mulberry32(hp.seed);
    let step = 0;
    let samples = 0;
    let stopped = false;
    outer: for (let epoch = 0; epoch < settings.epochs; epoch++) {
      for (const optimizer of optimizers) (optimizer as unknown as { learningRate: number }).learningRate = learningRateForEpoch(hp, epoch);
      for (const indices of epochBatches(settings.trainImages, hp.batchSize, random)) {
        await yieldNow();
        if (shouldStop()) {
          stopped = true;
          break outer;
        }
        const batch = fixedBatch(trainSet.pixels, trainSet.labels, indices, hp.batchSize);
        try {
          for (let m = 0; m < 2; m++) {
            const t0 = performance.now();
            const lossTensor = trainStep(models[m], optimizers[m], batch);
            const loss = (await lossTensor.data())[0];
            lossTensor.dispose();
            const seconds = (performance.now() - t0) / 1000;
            sides[m].seconds += seconds;
            sides[m].trainSeconds += seconds;
            lossSums[m] += loss;
          }
        } finally {
          dispose([batch.xs, batch.ys, batch.rowWeights]);
        }
        step++;
        samples += indices.length;
        for (const side of sides) side.step = step;
        if (step % lossEvery === 0 || step === totalSteps) {
          const since = step - (sides[0].loss.at(-1)?.[0] ?? 0);
          sides.forEach((side, m) => side.loss.push([step, lossSums[m] / since]));
          lossSums.fill(0);
        }
        const evaluated = step % evalEvery === 0 || step === totalSteps;
        if (evaluated) await evaluate(step);
        onProgress?.(sides, evaluated);
      }
    }
    // A stopped race still ends on measured points: the steps since the last loss point, and an evaluation.
    const lastLossStep = sides[0].loss.at(-1)?.[0] ?? 0;
    if (stopped && step > lastLossStep) sides.forEach((side, m) => side.loss.push([step, lossSums[m] / (step - lastLossStep)]));
    if (stopped && sides[0].accuracy.at(-1)?.[0] !== step) {
      await evaluate(step);
      onProgress?.(sides, true);
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const summaries = sides.map((side): RaceModelSummary => ({
      ...side,
      finalAccuracy: side.accuracy.at(-1)![1],
      samplesPerSecond: side.trainSeconds > 0 ? samples / side.trainSeconds : 0,
    })) as [RaceModelSummary, RaceModelSummary];
    if (!stopped && keepModels) {
      keepModels([models[0], models[1]]);
      kept = true;
    }
    return { settings, backend, outcome: stopped ? 'stopped' : 'done', wallSeconds, heldOutDigits: heldOut.count, models: summaries };
  } finally {
    dispose(chunks);
    for (const optimizer of optimizers) optimizer.dispose();
    if (!kept) for (const model of models) model.dispose();
  }
}

/** Tensors alive in tfjs now (all backends): the leak check's measure. */
export function liveTensors(): number {
  return memory().numTensors;
}
