import { dispose, train, type Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { MnistSplit } from '@/lib/mnist/load';
import type { CurvePoint } from '@/lib/models/card';
import type { Hyperparameters } from '@/lib/learning/recipe';
import { evaluateLossAndAccuracy } from './metrics';
import { mulberry32, streamSeed } from '@/lib/random/prng';
import { epochBatches, learningRateForEpoch, stepsPerEpoch as epochSteps } from '@/lib/learning/schedule';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { writeShifted } from '@/lib/digits/shift';
import { imagesTensor, labelsTensor, range } from './tensors';

/** Progress of a training run, reported every few steps. */
export interface TrainProgress {
  epoch: number;
  epochs: number;
  step: number;
  totalSteps: number;
  /** Mean training loss since the last report. */
  loss: number;
  samplesPerSecond: number;
  etaSeconds: number;
}

/** What a finished training run measured. */
export interface FitResult {
  curve: CurvePoint[];
  steps: number;
  /** Training throughput, excluding the time spent sampling the curve. */
  samplesPerSecond: number;
  /** Wall time of the whole run, including curve sampling, seconds. */
  wallSeconds: number;
}

/** Where the training curve is measured, and who hears of each point. */
export interface CurveOptions {
  /** These images of this split instead of the first `hp.curveTestImages` test images (e.g. a validation split). */
  on?: { split: MnistSplit; indices: ArrayLike<number> };
  /** Called after each curve point with the training seconds so far (curve sampling excluded): e.g. keep the best checkpoint. */
  onPoint?: (point: CurvePoint, trainSeconds: number) => Promise<void> | void;
}

/** Steps between two progress reports. */
const REPORT_EVERY = 50;

/**
 * The batch's images, each shifted by its own random (dx, dy) in [−maxShift, maxShift]² with zero
 * fill, drawn from `random` (a stream of its own, so the data order does not depend on it).
 */
export function shiftedBatch(images: Uint8Array, indices: ArrayLike<number>, maxShift: number, random: () => number): Uint8Array {
  const out = new Uint8Array(indices.length * INPUT_PIXELS);
  const draw = () => Math.floor(random() * (2 * maxShift + 1)) - maxShift;
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k] * INPUT_PIXELS;
    writeShifted(images.subarray(src, src + INPUT_PIXELS), draw(), draw(), out, k * INPUT_PIXELS);
  }
  return out;
}

/**
 * Trains `model` in place with Adam on the first `hp.trainImages` images of `trainSet`, in a seeded
 * order (one shuffle per epoch from one PRNG), so identical inputs give identical weights.
 * Samples loss and accuracy on the first `hp.curveTestImages` test images (or `curveOptions.on`)
 * every `hp.curveEvery` steps. With `trainShift` > 0 every training image is shifted at random on
 * every presentation.
 */
export async function fit(
  model: LayersModel,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  hp: Hyperparameters,
  onProgress: (p: TrainProgress) => void,
  trainShift = 0,
  curveOptions: CurveOptions = {},
): Promise<FitResult> {
  const optimizer = train.adam(hp.learningRate);
  model.compile({ optimizer, loss: hp.loss });
  const stepsPerEpoch = epochSteps(hp.trainImages, hp.batchSize);
  const totalSteps = stepsPerEpoch * hp.epochs;
  const random = mulberry32(hp.seed);
  const shiftRandom = mulberry32(streamSeed(hp.seed, 'train-shift'));
  const curveOn = curveOptions.on ?? { split: testSet, indices: range(Math.min(hp.curveTestImages, testSet.count)) };
  const curve: CurvePoint[] = [];
  let trainMs = 0;
  const sampleCurve = async (step: number, trainLoss: number | null) => {
    const { loss, accuracy } = await evaluateLossAndAccuracy(model, curveOn.split, curveOn.indices);
    const point: CurvePoint = { step, epoch: step / stepsPerEpoch, trainLoss, testLoss: loss, testAccuracy: accuracy };
    curve.push(point);
    await curveOptions.onPoint?.(point, trainMs / 1000);
  };

  const started = performance.now();
  let step = 0;
  let lossSum = 0;
  let lossCount = 0;
  let curveLossSum = 0;
  let curveLossCount = 0;
  let reportStart = performance.now();
  let reportSamples = 0;
  await sampleCurve(0, null);

  for (let epoch = 0; epoch < hp.epochs; epoch++) {
    // Adam reads its learning rate on every step; the field is protected in the typings only.
    (optimizer as unknown as { learningRate: number }).learningRate = learningRateForEpoch(hp, epoch);
    for (const indices of epochBatches(hp.trainImages, hp.batchSize, random)) {
      const t0 = performance.now();
      const xs =
        trainShift > 0
          ? imagesTensor(shiftedBatch(trainSet.images, indices, trainShift, shiftRandom), range(indices.length))
          : imagesTensor(trainSet.images, indices);
      const ys = labelsTensor(trainSet.labels, indices);
      const loss = (await model.trainOnBatch(xs, ys)) as number;
      dispose([xs, ys] as Tensor[]);
      trainMs += performance.now() - t0;
      step++;
      lossSum += loss;
      lossCount++;
      curveLossSum += loss;
      curveLossCount++;
      reportSamples += indices.length;

      if (step % REPORT_EVERY === 0 || step === totalSteps) {
        const now = performance.now();
        const samplesPerSecond = reportSamples / ((now - reportStart) / 1000);
        const remainingSamples = (totalSteps - step) * hp.batchSize;
        onProgress({
          epoch: epoch + 1,
          epochs: hp.epochs,
          step,
          totalSteps,
          loss: lossSum / lossCount,
          samplesPerSecond,
          etaSeconds: remainingSamples / samplesPerSecond,
        });
        lossSum = 0;
        lossCount = 0;
        reportSamples = 0;
        reportStart = now;
      }
      if (step % hp.curveEvery === 0 || step === totalSteps) {
        await sampleCurve(step, curveLossSum / curveLossCount);
        curveLossSum = 0;
        curveLossCount = 0;
        reportStart = performance.now();
      }
    }
  }
  optimizer.dispose();
  return {
    curve,
    steps: step,
    samplesPerSecond: (hp.trainImages * hp.epochs) / (trainMs / 1000),
    wallSeconds: (performance.now() - started) / 1000,
  };
}
