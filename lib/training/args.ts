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
  /** Processes training at once (one per core); models are shared out among them. */
  jobs: number;
  /** Retrain and re-evaluate even models already trained with this recipe. */
  fresh: boolean;
}

/** Test images in the shift sweep of a run on fewer than all training images. */
const QUICK_SHIFT_IMAGES = 50;

const TRAIN_USAGE =
  'usage: npm run train -- [--models cnn,lcn,…] [--epochs N] [--limit N] [--out DIR] [--seed N] [--shift-images N] [--jobs N] [--fresh]';
const EVALUATE_USAGE = 'usage: npm run evaluate -- [--models cnn,lcn] [--dir models] [--shift-images N]';

/** An integer flag's value in min…max; throws naming the flag and the usage line otherwise. */
export function intFlag(flag: string, value: string | undefined, usage: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} needs an integer in ${min}…${max}, got '${value}'\n${usage}`);
  return n;
}

function modelIds(value: string | undefined, usage: string): ModelId[] {
  const ids = (value ?? '').split(',').filter(Boolean);
  const bad = ids.filter((id) => !isModelId(id));
  if (ids.length === 0 || bad.length)
    throw new Error(`--models: unknown id(s) '${bad.join(',')}', known: ${MODEL_IDS.join(',')}\n${usage}`);
  return MODEL_IDS.filter((id) => ids.includes(id));
}

/** Flags that stand alone (no value follows). */
const BOOLEAN_FLAGS = new Set(['--fresh']);

/**
 * Walks `--flag value` / `--flag=value` arguments, handing each pair to `take`, which returns false
 * for a flag it does not know; that throws with the usage line. `booleanFlags` stand alone.
 */
export function eachFlag(
  argv: readonly string[],
  usage: string,
  take: (flag: string, value: string | undefined) => boolean,
  booleanFlags: ReadonlySet<string> = BOOLEAN_FLAGS,
): void {
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (booleanFlags.has(flag)) {
      if (inline !== undefined || !take(flag, undefined)) throw new Error(`${flag} takes no value\n${usage}`);
      continue;
    }
    if (!take(flag, inline ?? argv[++i])) throw new Error(`unknown argument '${flag}'\n${usage}`);
  }
}

/** Parses `npm run train` arguments; throws with the usage line on anything unknown or out of range. */
export function parseTrainArgs(argv: readonly string[], maxTrainImages: number, testImages: number): TrainArgs {
  const args: TrainArgs = {
    models: [...MODEL_IDS],
    epochs: DEFAULT_HYPERPARAMETERS.epochs,
    limit: maxTrainImages,
    out: 'models',
    seed: DEFAULT_HYPERPARAMETERS.seed,
    shiftImages: -1,
    jobs: 1,
    fresh: false,
  };
  const usage = TRAIN_USAGE;
  eachFlag(argv, usage, (flag, value) => {
    switch (flag) {
      case '--models':
        args.models = modelIds(value, usage);
        return true;
      case '--epochs':
        args.epochs = intFlag(flag, value, usage, { min: 1 });
        return true;
      case '--limit':
        args.limit = intFlag(flag, value, usage, { min: 1, max: maxTrainImages });
        return true;
      case '--out':
        if (!value) throw new Error(`--out needs a directory\n${usage}`);
        args.out = value;
        return true;
      case '--seed':
        args.seed = intFlag(flag, value, usage, { max: 2 ** 31 - 1 });
        return true;
      case '--shift-images':
        args.shiftImages = intFlag(flag, value, usage, { max: testImages });
        return true;
      case '--jobs':
        args.jobs = intFlag(flag, value, usage, { min: 1, max: 16 });
        return true;
      case '--fresh':
        args.fresh = true;
        return true;
      default:
        return false;
    }
  });
  // A shortened run (smoke test, experiments) gets a quick shift sweep unless asked otherwise.
  if (args.shiftImages < 0) args.shiftImages = args.limit === maxTrainImages ? testImages : QUICK_SHIFT_IMAGES;
  return args;
}

/** Parsed command line of `npm run evaluate`. */
export interface EvaluateArgs {
  models: ModelId[];
  dir: string;
  /** Test images swept over the shift grid (all by default; larger values are capped). */
  shiftImages: number;
}

/** Parses `npm run evaluate` arguments; throws with the usage line on anything unknown. */
export function parseEvaluateArgs(argv: readonly string[], testImages: number): EvaluateArgs {
  const args: EvaluateArgs = { models: [...MODEL_IDS], dir: 'models', shiftImages: testImages };
  const usage = EVALUATE_USAGE;
  eachFlag(argv, usage, (flag, value) => {
    switch (flag) {
      case '--models':
        args.models = modelIds(value, usage);
        return true;
      case '--dir':
        if (!value) throw new Error(`--dir needs a directory\n${usage}`);
        args.dir = value;
        return true;
      case '--shift-images':
        args.shiftImages = Math.min(intFlag(flag, value, usage, { min: 1 }), testImages);
        return true;
      default:
        return false;
    }
  });
  return args;
}
