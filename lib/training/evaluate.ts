/**
 * `npm run evaluate -- [--models cnn,lcn] [--dir models] [--shift-images N]`
 *
 * Recomputes `<dir>/card.json` from the saved models and their training.json, so anyone can check
 * the committed numbers: full test set, training set, 17×17 shift grid and shift consistency.
 */
import { loadMnist, MNIST_COUNTS } from '@/lib/mnist/load';
import { parseEvaluateArgs } from './args';
import { writeCard } from './card-writer';
import { setupNodeWasm } from '@/lib/tfjs/node-wasm';

async function main(): Promise<void> {
  const { models, dir, shiftImages } = parseEvaluateArgs(process.argv.slice(2), MNIST_COUNTS.test);
  const trainSet = loadMnist('train');
  const testSet = loadMnist('test');
  await setupNodeWasm();
  const started = performance.now();
  await writeCard(dir, models, trainSet, testSet, shiftImages, (line) => console.log(line));
  console.log(`evaluation took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
