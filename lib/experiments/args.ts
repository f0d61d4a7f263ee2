import { eachFlag, intFlag } from '@/lib/training/args';
import { GROUP_NAMES, isGroupName, type GroupName } from './schema';

/** Parsed command line of `npm run experiments`. */
export interface ExperimentArgs {
  groups: GroupName[];
  jobs: number;
  quick: boolean;
  /** Where runs/ and summary.json go. */
  out: string;
  /** A pool process: takes runs (`group/key`) from its parent over IPC instead of planning its own. */
  worker: boolean;
}

/** Where the full experiments write: committed, read by the evidence page. */
export const EXPERIMENTS_DIR = 'experiments';

const USAGE = 'usage: npm run experiments -- [--groups seeds,samples,permuted] [--jobs N] [--quick --out DIR]';

/** Parses `npm run experiments` arguments; throws with the usage line on anything unknown or out of range. */
export function parseExperimentArgs(argv: readonly string[]): ExperimentArgs {
  const args: ExperimentArgs = { groups: [...GROUP_NAMES], jobs: 1, quick: false, out: EXPERIMENTS_DIR, worker: false };
  let outGiven = false;
  eachFlag(
    argv,
    USAGE,
    (flag, value) => {
      switch (flag) {
        case '--groups': {
          const names = (value ?? '').split(',').filter(Boolean);
          const bad = names.filter((g) => !isGroupName(g));
          if (names.length === 0 || bad.length)
            throw new Error(`--groups: unknown group(s) '${bad.join(',')}', known: ${GROUP_NAMES.join(',')}\n${USAGE}`);
          args.groups = GROUP_NAMES.filter((g) => names.includes(g));
          return true;
        }
        case '--jobs':
          args.jobs = intFlag(flag, value, USAGE, { min: 1, max: 16 });
          return true;
        case '--quick':
          args.quick = true;
          return true;
        case '--out':
          if (!value) throw new Error(`--out needs a directory\n${USAGE}`);
          args.out = value;
          outGiven = true;
          return true;
        case '--worker':
          args.worker = true;
          return true;
        default:
          return false;
      }
    },
    new Set(['--quick', '--worker']),
  );
  // Quick numbers mean nothing: they must never land where the page reads.
  if (args.quick && !outGiven) throw new Error(`--quick needs --out DIR (a scratch directory, not ${EXPERIMENTS_DIR}/)\n${USAGE}`);
  return args;
}
