/**
 * `npm run train -- [--models cnn,lcn,…] [--epochs N] [--limit N] [--out DIR] [--seed N] [--jobs N] [--fresh]`
 *
 * Trains every selected model with identical hyperparameters, data order and seed on the tfjs wasm
 * backend, saves each to `<out>/<id>/` (model.json + weights.bin + training.json) and evaluates
 * them into `<out>/card.json`. Resumable: a model already trained with this recipe is kept, one
 * trained but not evaluated is only evaluated (`--fresh` redoes everything). `--jobs N` shares the
 * models out among N processes, one per core.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getBackend } from '@tensorflow/tfjs-core';
import { loadMnist, MNIST_COUNTS } from '@/lib/mnist/load';
import { CARD_FILE } from '@/lib/models/files';
import type { ModelId } from '@/lib/models/ids';
import { getModelSpec } from '@/lib/models/registry';
import { saveModelToDir } from '@/lib/models/model-dir';
import { setupNodeWasm } from '@/lib/tfjs/node-wasm';
import { parseTrainArgs, type TrainArgs } from './args';
import { readExistingCard, writeCard } from './card-writer';
import { fit, type TrainProgress } from './fit';
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from './hyperparameters';
import { progressOf } from './resume';
import { shareOut } from './share-out';
import { TRAINING_FILE, type TrainingRecord } from './training-record';

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function logProgress(id: string, p: TrainProgress): void {
  console.log(
    `[${id}] epoch ${p.epoch}/${p.epochs} step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(4)} ` +
      `${p.samplesPerSecond.toFixed(0)} samples/s ETA ${formatDuration(p.etaSeconds)}`,
  );
}

/** The same command for a subset of the models, one process. */
function childArgs(args: TrainArgs, models: readonly string[]): string[] {
  return [
    ...['--models', models.join(','), '--epochs', String(args.epochs), '--limit', String(args.limit)],
    ...['--out', args.out, '--seed', String(args.seed), '--shift-images', String(args.shiftImages)],
    ...(args.fresh ? ['--fresh'] : []),
  ];
}

/** Runs one process per group of models (each writes its models and merges them into the card). */
async function trainInParallel(args: TrainArgs): Promise<void> {
  const groups = shareOut(args.models, args.jobs);
  console.log(`${groups.length} processes: ${groups.map((g) => g.join(', ')).join(' | ')}`);
  const codes = await Promise.all(
    groups.map(
      (group) =>
        new Promise<number>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...childArgs(args, group)], {
            stdio: 'inherit',
          });
          child.on('exit', (code) => resolve(code ?? 1));
        }),
    ),
  );
  if (codes.some((c) => c !== 0)) throw new Error(`a training process failed (exit codes ${codes.join(', ')})`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const args = parseTrainArgs(process.argv.slice(2), MNIST_COUNTS.train, MNIST_COUNTS.test);
  if (args.jobs > 1 && args.models.length > 1) {
    await trainInParallel(args);
    console.log(`all models done in ${formatDuration((performance.now() - started) / 1000)}`);
    return;
  }
  const trainSet = loadMnist('train');
  const testSet = loadMnist('test');
  await setupNodeWasm();
  const hp: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, epochs: args.epochs, seed: args.seed, trainImages: args.limit };
  console.log(`training ${args.models.join(', ')} on ${hp.trainImages} images, backend ${getBackend()}, out ${args.out}`);
  console.log(`hyperparameters ${JSON.stringify(hp)}`);

  const card = await readExistingCard(path.join(args.out, CARD_FILE));
  const toEvaluate: ModelId[] = [];
  for (const id of args.models) {
    const spec = getModelSpec(id);
    const trainShift = spec.factors.trainShift;
    const progress = args.fresh ? 'none' : await progressOf(args.out, id, hp, trainShift, card, args.shiftImages);
    if (progress === 'evaluated') {
      console.log(`[${id}] already trained with this recipe and evaluated: kept (--fresh redoes it)`);
      continue;
    }
    toEvaluate.push(id);
    if (progress === 'trained') {
      console.log(`[${id}] already trained with this recipe: kept, evaluating only`);
      continue;
    }
    const model = spec.build({ seed: hp.seed });
    const result = await fit(model, trainSet, testSet, hp, (p) => logProgress(id, p), trainShift);
    const dir = path.join(args.out, id);
    const saved = await saveModelToDir(model, dir);
    const record: TrainingRecord = {
      id,
      hyperparameters: hp,
      trainShift,
      steps: result.steps,
      samplesPerSecond: result.samplesPerSecond,
      wallSeconds: result.wallSeconds,
      backend: getBackend(),
      date: new Date().toISOString(),
      curve: result.curve,
    };
    await writeFile(path.join(dir, TRAINING_FILE), JSON.stringify(record, null, 1));
    const last = result.curve[result.curve.length - 1];
    console.log(
      `[${id}] done in ${formatDuration(result.wallSeconds)}, ${result.samplesPerSecond.toFixed(0)} samples/s, ` +
        `subset test accuracy ${(last.testAccuracy * 100).toFixed(2)} %, saved ${saved.weightBytes} weight bytes to ${dir}`,
    );
    model.dispose();
  }
  if (toEvaluate.length) await writeCard(args.out, toEvaluate, trainSet, testSet, args.shiftImages, (line) => console.log(line));
  console.log(`${args.models.join(', ')} done in ${formatDuration((performance.now() - started) / 1000)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
