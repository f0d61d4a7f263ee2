/**
 * `npm run train -- [--models cnn,lcn] [--epochs N] [--limit N] [--out DIR] [--seed N]`
 *
 * Trains every selected model with identical hyperparameters, data order and seed on the tfjs wasm
 * backend, saves each to `<out>/<id>/` (model.json + weights.bin + training.json) and finally
 * evaluates them into `<out>/card.json`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getBackend } from '@tensorflow/tfjs-core';
import { loadMnist, MNIST_COUNTS } from '@/lib/mnist/load';
import { getModelSpec } from '@/lib/models/registry';
import { parseTrainArgs } from './args';
import { fit, type TrainProgress } from './fit';
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from './hyperparameters';
import { saveModelToDir } from '@/lib/models/model-dir';
import { TRAINING_FILE, type TrainingRecord } from './training-record';
import { setupNodeWasm } from '@/lib/tfjs/node-wasm';
import { writeCard } from './card-writer';

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

async function main(): Promise<void> {
  const args = parseTrainArgs(process.argv.slice(2), MNIST_COUNTS.train, MNIST_COUNTS.test);
  const trainSet = loadMnist('train');
  const testSet = loadMnist('test');
  await setupNodeWasm();
  const hp: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, epochs: args.epochs, seed: args.seed, trainImages: args.limit };
  console.log(`training ${args.models.join(', ')} on ${hp.trainImages} images, backend ${getBackend()}, out ${args.out}`);
  console.log(`hyperparameters ${JSON.stringify(hp)}`);

  for (const id of args.models) {
    const spec = getModelSpec(id);
    const model = spec.build({ seed: hp.seed });
    const result = await fit(model, trainSet, testSet, hp, (p) => logProgress(id, p));
    const dir = path.join(args.out, id);
    const saved = await saveModelToDir(model, dir);
    const record: TrainingRecord = {
      id,
      hyperparameters: hp,
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
  await writeCard(args.out, args.models, trainSet, testSet, args.shiftImages, (line) => console.log(line));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
