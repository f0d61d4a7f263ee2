import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NUM_CLASSES } from '@/lib/digits/constants';
import type { MnistSplit } from '@/lib/mnist/load';
import { loadModelFromFiles, type ModelFiles } from '@/lib/models/artifacts';
import { parseCard, type Card, type ModelCard } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import { MODEL_SPECS, getModelSpec } from '@/lib/models/registry';
import { CARD_FILE } from '@/lib/models/files';
import { compileForEvaluation, predictSplit } from './metrics';
import { readModelFiles } from '@/lib/models/model-dir';
import { choosePrecision, MAX_ACCURACY_CHANGE, MIN_AGREEMENT, WEIGHT_PRECISIONS, type PrecisionMeasurement } from '@/lib/models/precision';
import { quantiseModel } from '@/lib/models/quantise';
import { sweepShiftGrid, type ShiftSweep } from './shift-eval';
import { range } from './tensors';
import { TRAINING_FILE, type TrainingRecord } from './training-record';

/** Precise definitions stored in the card itself. */
const CARD_DEFINITIONS: Record<string, string> = {
  testAccuracy: 'Top-1 accuracy on all 10,000 MNIST test images, pixels / 255, no shift.',
  trainAccuracy: 'Top-1 accuracy on the training images the model was trained on (hyperparameters.trainImages).',
  generalisationGap: 'trainAccuracy − testAccuracy.',
  confusion: 'confusion[true][predicted] = number of test images.',
  shiftGrid:
    'Accuracy on the first shiftGridImages test images (all 10,000 for the committed models), each translated by (dx, dy) px with zero fill (positive dx = right, dy = down); 289 values row-major, dy from −8 to 8, dx from −8 to 8 within a row.',
  consistency:
    'For d = 1…4: over the 4 axis-aligned shifts (+d,0), (−d,0), (0,+d), (0,−d) of every test image, the share of the 4 × shiftGridImages (image, shift) pairs whose top-1 equals the top-1 of the unshifted image (right or wrong).',
  curve:
    'Every curveEvery optimiser steps (and at the last step): cross-entropy and accuracy on the first curveTestImages test images; trainLoss = mean batch loss since the previous point.',
  samplesPerSecond: 'Training images processed per second by one Node process on the tfjs wasm backend, excluding curve sampling.',
  precisions:
    "The trained float32 weights stored at each precision in tfjs's weights-manifest quantisation (float16: IEEE half per value, round to nearest even; uint8: per tensor, value = min + scale · q, q = 0…255 spread over the tensor's min…max): weightBytes = size of the weights file, testAccuracy = top-1 accuracy on all 10,000 test images, agreement = share of the 10,000 test images whose top-1 equals the float32 top-1.",
  precision: `The precision the weights are published at: the smallest of float16 and uint8 whose agreement is ≥ ${MIN_AGREEMENT * 100} % and whose testAccuracy is within ${MAX_ACCURACY_CHANGE * 100} percentage points of float32's, else float32.`,
};

/**
 * Evaluates one saved model: full test set, its training images, then the shift grid chunk by
 * chunk; `onEntry` receives the card entry after every chunk (a partial sweep until the last).
 */
async function evaluateModel(
  dir: string,
  id: ModelId,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  shiftImages: number,
  log: (line: string) => void,
  onEntry: (entry: ModelCard) => Promise<void>,
): Promise<ModelCard> {
  const started = performance.now();
  const spec = getModelSpec(id);
  const record = JSON.parse(await readFile(path.join(dir, TRAINING_FILE), 'utf8')) as TrainingRecord;
  const files = await readModelFiles(dir);
  const model = await loadModelFromFiles(files.modelJson, [files.weights]);
  const release = compileForEvaluation(model);
  const weightBytes = files.weights.byteLength;

  const testTops = await predictSplit(model, testSet, range(testSet.count));
  const precisions = await measurePrecisions(files, testSet, testTops);
  const precision = choosePrecision(precisions);
  const confusion = Array.from({ length: NUM_CLASSES }, () => new Array<number>(NUM_CLASSES).fill(0));
  testTops.forEach((top, i) => confusion[testSet.labels[i]][top]++);
  const testAccuracy = confusion.reduce((s, row, digit) => s + row[digit], 0) / testSet.count;
  const perClassAccuracy = confusion.map((row, digit) => row[digit] / row.reduce((a, b) => a + b, 0));

  const trainImages = record.hyperparameters.trainImages;
  const trainTops = await predictSplit(model, trainSet, range(trainImages));
  const trainAccuracy = trainTops.reduce((s, top, i) => s + (top === trainSet.labels[i] ? 1 : 0), 0) / trainImages;
  log(
    `[${id}] test ${pct(testAccuracy)}, train ${pct(trainAccuracy)}, ` +
      precisions.map((p) => `${p.dtype} ${pct(p.testAccuracy)} (agreement ${pct(p.agreement)})`).join(', ') +
      ` → published as ${precision} (${((performance.now() - started) / 1000).toFixed(0)} s); sweeping the shift grid over ${shiftImages} test images`,
  );

  const entryOf = (sweep: ShiftSweep): ModelCard => ({
    id,
    name: spec.name,
    description: spec.description,
    weightSharing: spec.weightSharing,
    factors: spec.factors,
    params: spec.params,
    weightBytes,
    training: {
      hyperparameters: record.hyperparameters,
      steps: record.steps,
      samplesPerSecond: record.samplesPerSecond,
      wallSeconds: record.wallSeconds,
      backend: record.backend,
      trainShift: record.trainShift ?? 0,
      date: record.date,
      curve: record.curve,
    },
    testAccuracy,
    trainAccuracy,
    generalisationGap: trainAccuracy - testAccuracy,
    perClassAccuracy,
    confusion,
    shiftGrid: sweep.accuracy,
    shiftGridImages: sweep.images,
    consistency: sweep.consistency,
    evaluationSeconds: (performance.now() - started) / 1000,
    precisions,
    precision,
  });
  const sweepStarted = performance.now();
  const sweep = await sweepShiftGrid(model, testSet, shiftImages, async (partial) => {
    const elapsed = (performance.now() - sweepStarted) / 1000;
    const eta = (elapsed / partial.images) * (Math.min(shiftImages, testSet.count) - partial.images);
    log(`[${id}] shift grid over ${partial.images} images, ${elapsed.toFixed(0)} s, ETA ${eta.toFixed(0)} s`);
    await onEntry(entryOf(partial));
  });
  release();
  model.dispose();
  return entryOf(sweep);
}

/**
 * The model at every precision on the whole test set: float32 from its predictions already made, the
 * smaller ones quantised in memory, loaded and run (one pass over the test set each).
 */
async function measurePrecisions(files: ModelFiles, testSet: MnistSplit, float32Tops: Uint8Array): Promise<PrecisionMeasurement[]> {
  const measurements: PrecisionMeasurement[] = [];
  for (const dtype of WEIGHT_PRECISIONS) {
    const quantised = quantiseModel(files, dtype);
    let tops = float32Tops;
    if (dtype !== 'float32') {
      const model = await loadModelFromFiles(quantised.modelJson, [quantised.weights]);
      const release = compileForEvaluation(model);
      tops = await predictSplit(model, testSet, range(testSet.count));
      release();
      model.dispose();
    }
    measurements.push({
      dtype,
      weightBytes: quantised.weights.byteLength,
      testAccuracy: shareEqual(tops, testSet.labels),
      agreement: shareEqual(tops, float32Tops),
    });
  }
  return measurements;
}

/** Share of the positions of `a` where `b` holds the same value. */
function shareEqual(a: Uint8Array, b: Uint8Array): number {
  return a.reduce((n, value, i) => n + (value === b[i] ? 1 : 0), 0) / a.length;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)} %`;
}

/** The card in `file`, or null when there is none (or it does not parse). */
export async function readExistingCard(file: string): Promise<Card | null> {
  try {
    return parseCard(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Merges entries into `file` (keeping other models' entries, registry order) and writes it atomically. */
async function mergeIntoCard(file: string, entries: ModelCard[]): Promise<Card> {
  // Re-read just before writing: a parallel process may have added its model meanwhile.
  const existing = (await readExistingCard(file))?.models ?? [];
  const byId = new Map<string, ModelCard>([...existing, ...entries].map((m) => [m.id, m]));
  const card: Card = {
    version: 1,
    generatedAt: new Date().toISOString(),
    definitions: CARD_DEFINITIONS,
    models: MODEL_SPECS.flatMap((s) => byId.get(s.id) ?? []),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(card, null, 1) + '\n');
  await rename(tmp, file);
  return card;
}

/**
 * Evaluates the given models saved under `outDir` into `outDir/card.json`, keeping the entries of
 * other models already in the card (models trained in separate processes merge). The card is
 * rewritten after every shift-grid chunk, so it is always valid while a long sweep runs.
 */
export async function writeCard(
  outDir: string,
  ids: readonly ModelId[],
  trainSet: MnistSplit,
  testSet: MnistSplit,
  shiftImages: number,
  log: (line: string) => void,
): Promise<Card> {
  const file = path.join(outDir, CARD_FILE);
  let card: Card | null = null;
  for (const id of ids) {
    const entry = await evaluateModel(path.join(outDir, id), id, trainSet, testSet, shiftImages, log, async (partial) => {
      await mergeIntoCard(file, [partial]);
    });
    card = await mergeIntoCard(file, [entry]);
    log(
      `[${id}] test ${pct(entry.testAccuracy)}, train ${pct(entry.trainAccuracy)}, ` +
        `consistency@1px ${pct(entry.consistency[0].rate)}, evaluated in ${entry.evaluationSeconds.toFixed(0)} s`,
    );
  }
  log(`wrote ${file}`);
  if (!card) throw new Error('writeCard: no model to evaluate');
  return card;
}
