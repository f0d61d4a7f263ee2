import { isModelId, MODEL_IDS, type ModelId } from '@/lib/models/ids';
import { DEFAULT_HYPERPARAMETERS } from './hyperparameters';

/** Parsed command line of `npm run train`. */
export interface TrainArgs {
  models: ModelId[];
  epochs: number;
  limit: number;
  out: string;
  seed: number;
  /** Test images swept over the 289-cell shift grid for the card (all 10,000 by default on full runs). */
  shiftImages: number;
}

/** Test images in the shift sweep of a run on fewer than all training images. */
const QUICK_SHIFT_IMAGES = 50;

const USAGE = 'usage: npm run train -- [--models cnn,lcn] [--epochs N] [--limit N] [--out DIR] [--seed N] [--shift-images N]';

function positiveInt(flag: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${flag} needs an integer in 0…${max}, got '${value}'\n${USAGE}`);
  return n;
}

/** Parses `--flag value` / `--flag=value` arguments; throws with the usage line on anything unknown. */
export function parseTrainArgs(argv: readonly string[], maxTrainImages: number, testImages: number): TrainArgs {
  const args: TrainArgs = {
    models: [...MODEL_IDS],
    epochs: DEFAULT_HYPERPARAMETERS.epochs,
    limit: maxTrainImages,
    out: 'models',
    seed: DEFAULT_HYPERPARAMETERS.seed,
    shiftImages: -1,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    switch (flag) {
      case '--models': {
        const ids = (value ?? '').split(',').filter(Boolean);
        const bad = ids.filter((id) => !isModelId(id));
        if (ids.length === 0 || bad.length) throw new Error(`--models: unknown id(s) '${bad.join(',')}', known: ${MODEL_IDS.join(',')}\n${USAGE}`);
        args.models = MODEL_IDS.filter((id) => ids.includes(id));
        break;
      }
      case '--epochs':
        args.epochs = positiveInt(flag, value);
        break;
      case '--limit':
        args.limit = positiveInt(flag, value, maxTrainImages);
        break;
      case '--out':
        if (!value) throw new Error(`--out needs a directory\n${USAGE}`);
        args.out = value;
        break;
      case '--seed':
        args.seed = positiveInt(flag, value, 2 ** 31 - 1);
        break;
      case '--shift-images':
        args.shiftImages = positiveInt(flag, value, testImages);
        break;
      default:
        throw new Error(`unknown argument '${argv[i]}'\n${USAGE}`);
    }
  }
  if (args.limit < 1 || args.epochs < 1) throw new Error(`--limit and --epochs must be at least 1\n${USAGE}`);
  // A shortened run (smoke test, experiments) gets a quick shift sweep unless asked otherwise.
  if (args.shiftImages < 0) args.shiftImages = args.limit === maxTrainImages ? testImages : QUICK_SHIFT_IMAGES;
  return args;
}
