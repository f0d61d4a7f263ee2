/**
 * `npm run evaluate -- [--models cnn,lcn] [--dir models] [--shift-images N]`
 *
 * Recomputes `<dir>/card.json` from the saved models and their training.json, so anyone can check
 * the committed numbers: full test set, training set, 17×17 shift grid and shift consistency.
 */
import { loadMnist } from '@/lib/mnist/load';
import { isModelId, MODEL_IDS, type ModelId } from '@/lib/models/ids';
import { writeCard } from './card-writer';
import { useWasmBackend } from './wasm-backend';

const USAGE = 'usage: npm run evaluate -- [--models cnn,lcn] [--dir models] [--shift-images N]';

function parseArgs(argv: readonly string[], testImages: number) {
  let models: ModelId[] = [...MODEL_IDS];
  let dir = 'models';
  let shiftImages = testImages;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (flag === '--models') {
      const ids = (value ?? '').split(',');
      if (!ids.every(isModelId)) throw new Error(`--models: unknown id in '${value}'\n${USAGE}`);
      models = MODEL_IDS.filter((id) => ids.includes(id));
    } else if (flag === '--dir' && value) {
      dir = value;
    } else if (flag === '--shift-images' && Number.isInteger(Number(value)) && Number(value) > 0) {
      shiftImages = Math.min(Number(value), testImages);
    } else {
      throw new Error(`bad argument '${argv[i]}'\n${USAGE}`);
    }
  }
  return { models, dir, shiftImages };
}

async function main(): Promise<void> {
  const trainSet = loadMnist('train');
  const testSet = loadMnist('test');
  const { models, dir, shiftImages } = parseArgs(process.argv.slice(2), testSet.count);
  await useWasmBackend();
  const started = performance.now();
  await writeCard(dir, models, trainSet, testSet, shiftImages, (line) => console.log(line));
  console.log(`evaluation took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
