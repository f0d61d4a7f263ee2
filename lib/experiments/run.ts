/**
 * `npm run experiments -- [--groups seeds,samples,permuted] [--jobs N] [--quick --out DIR]`
 *
 * Trains the evidence page's experiments with the zoo's recipe (lib/training's `fit`) and writes
 * every finished run to `<out>/runs/<group>/<key>.json` with its flags and results, then
 * `<out>/summary.json`. Resumable: a run whose record holds the planned flags is skipped.
 * `--jobs N` shares the runs out among N processes, one per core. README "Experiments and the
 * evidence page" describes the groups.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadMnist, type MnistSplit } from '@/lib/mnist/load';
import { getModelSpec } from '@/lib/models/registry';
import { setupNodeWasm } from '@/lib/tfjs/node-wasm';
import { shareOutBy } from '@/lib/training/share-out';
import { parseExperimentArgs, type ExperimentArgs } from './args';
import { FULL_SETTINGS, planRuns, QUICK_SETTINGS, runId, type PlannedRun } from './plan';
import { permuteSplit, pixelPermutation } from './pixels';
import { readFinishedRecord, writeRecord, writeSummary } from './records';
import { runExperiment, type RunData } from './run-one';
import { GROUP_NAMES } from './schema';

/** Rough cost of a run for sharing out: training images seen × parameters (the LCN dominates, as in training). */
const runCost = (run: PlannedRun) => run.flags.trainImages * run.flags.epochs * getModelSpec(run.flags.model).params;

/** The same command for a share of the runs, one process. */
function childArgs(args: ExperimentArgs, runs: readonly PlannedRun[]): string[] {
  return [
    ...['--groups', args.groups.join(','), '--out', args.out, '--runs', runs.map(runId).join(',')],
    ...(args.quick ? ['--quick'] : []),
  ];
}

async function runInParallel(args: ExperimentArgs, runs: readonly PlannedRun[]): Promise<void> {
  const shares = shareOutBy(runs, args.jobs, runCost);
  console.log(`${shares.length} processes: ${shares.map((s) => `${s.length} runs`).join(' | ')}`);
  const codes = await Promise.all(
    shares.map(
      (share) =>
        new Promise<number>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...childArgs(args, share)], {
            stdio: 'inherit',
          });
          child.on('exit', (code) => resolve(code ?? 1));
        }),
    ),
  );
  if (codes.some((c) => c !== 0)) throw new Error(`an experiments process failed (exit codes ${codes.join(', ')})`);
}

/** Natural images, and the permuted ones made once per permutation seed. */
function dataLoader(): (run: PlannedRun) => RunData {
  const natural = { train: loadMnist('train'), test: loadMnist('test') };
  const permuted = new Map<number, RunData>();
  return ({ flags: { permutationSeed } }) => {
    if (permutationSeed === null) return natural;
    let data = permuted.get(permutationSeed);
    if (!data) {
      const permutation = pixelPermutation(permutationSeed);
      const permute = (split: MnistSplit) => permuteSplit(split, permutation);
      data = { train: permute(natural.train), test: permute(natural.test) };
      permuted.set(permutationSeed, data);
    }
    return data;
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const args = parseExperimentArgs(process.argv.slice(2));
  const settings = args.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  // The summary covers every group of the mode, whichever this command runs.
  const fullPlan = planRuns(settings, GROUP_NAMES);
  const plan = planRuns(settings, args.groups).filter((r) => !args.runs || args.runs.includes(runId(r)));
  const unknown = args.runs?.filter((id) => !plan.some((r) => runId(r) === id)) ?? [];
  if (unknown.length) throw new Error(`--runs: not in the plan: ${unknown.join(', ')}`);

  const todo: PlannedRun[] = [];
  for (const run of plan) {
    if (await readFinishedRecord(args.out, run)) console.log(`[${runId(run)}] finished with these flags: skipped`);
    else todo.push(run);
  }
  console.log(`${plan.length} runs in ${args.groups.join(', ')}, ${todo.length} to do, out ${args.out}`);

  if (args.jobs > 1 && todo.length > 1) await runInParallel(args, todo);
  else if (todo.length) {
    const dataFor = dataLoader();
    await setupNodeWasm();
    for (const run of todo) {
      const record = await runExperiment(run, dataFor(run), (line) => console.log(line));
      await writeRecord(args.out, run, record);
      const r = record.results;
      console.log(
        `[${runId(run)}] done: test ${(r.testAccuracy * 100).toFixed(2)} %, train ${(r.trainAccuracy * 100).toFixed(2)} %, ` +
          `checkpoint at step ${r.selectedStep}/${r.steps}, ${r.trainSeconds.toFixed(0)} s training`,
      );
      await writeSummary(args.out, fullPlan, settings.quick);
    }
  }
  const summary = await writeSummary(args.out, fullPlan, settings.quick);
  const counts = Object.entries(summary.groups).map(([g, s]) => `${g} ${s.runs.length}/${s.planned}`);
  console.log(`summary: ${counts.join(', ') || 'no finished run'}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
