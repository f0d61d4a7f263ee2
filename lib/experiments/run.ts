/**
 * `npm run experiments -- [--groups seeds,samples,permuted] [--jobs N] [--quick --out DIR]`
 *
 * Trains the evidence page's experiments with the zoo's recipe (lib/training's `fit`) and writes
 * every finished run to `<out>/runs/<group>/<key>.json` with its flags and results, then
 * `<out>/summary.json`. Resumable: a run whose record holds the planned flags is skipped.
 * `--jobs N` runs a pool of N processes, one per core, that take the runs one at a time.
 * README "Experiments and the evidence page" describes the groups.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadMnist, type MnistSplit } from '@/lib/mnist/load';
import { getModelSpec } from '@/lib/models/registry';
import { setupNodeWasm } from '@/lib/tfjs/node-wasm';
import { parseExperimentArgs, type ExperimentArgs } from './args';
import { FULL_SETTINGS, planRuns, queueOrder, QUICK_SETTINGS, runId, type PlannedRun } from './plan';
import { permuteSplit, pixelPermutation } from './pixels';
import { readFinishedRecord, writeRecord, writeSummary } from './records';
import { runExperiment, type RunData } from './run-one';
import { GROUP_NAMES } from './schema';

/** Rough cost of a run for the queue: training images seen × parameters (the LCN dominates, as in training). */
const runCost = (run: PlannedRun) => run.flags.trainImages * run.flags.epochs * getModelSpec(run.flags.model).params;

/** Messages of the pool: the parent sends a run's id, the process answers when it has finished it. */
type Done = { id: string; ok: boolean };

/**
 * A pool of `--jobs` processes (one per core), each loading the data once and taking the next run of
 * the queue whenever it finishes one, so no core idles while runs remain.
 */
async function runInParallel(args: ExperimentArgs, runs: readonly PlannedRun[]): Promise<void> {
  const queue = queueOrder(runs, runCost);
  console.log(`${args.jobs} processes take ${queue.length} runs in this order: ${queue.map(runId).join(', ')}`);
  const failed: string[] = [];
  const poolProcess = () =>
    new Promise<void>((resolve) => {
      const argv = ['--groups', args.groups.join(','), '--out', args.out, '--worker', ...(args.quick ? ['--quick'] : [])];
      const child = fork(fileURLToPath(import.meta.url), argv, { execArgv: ['--import', 'tsx'] });
      let current: PlannedRun | undefined;
      const next = () => {
        current = queue.shift();
        if (current) child.send(runId(current));
        else child.disconnect();
      };
      child.on('message', (done: Done) => {
        if (!done.ok) failed.push(done.id);
        next();
      });
      child.on('exit', (code) => {
        if (code !== 0 && current) failed.push(`${runId(current)} (process exited with ${code})`);
        resolve();
      });
      next();
    });
  await Promise.all(Array.from({ length: Math.min(args.jobs, queue.length) }, poolProcess));
  if (failed.length) throw new Error(`experiment runs failed: ${failed.join(', ')}`);
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

/** Trains one run and saves its record and the summary. */
type Trainer = (run: PlannedRun) => Promise<void>;

async function trainer(args: ExperimentArgs, fullPlan: readonly PlannedRun[], quick: boolean): Promise<Trainer> {
  const dataFor = dataLoader();
  await setupNodeWasm();
  return async (run) => {
    const record = await runExperiment(run, dataFor(run), (line) => console.log(line));
    await writeRecord(args.out, run, record);
    const r = record.results;
    console.log(
      `[${runId(run)}] done: test ${(r.testAccuracy * 100).toFixed(2)} %, train ${(r.trainAccuracy * 100).toFixed(2)} %, ` +
        `checkpoint at step ${r.selectedStep}/${r.steps}, ${r.trainSeconds.toFixed(0)} s training`,
    );
    await writeSummary(args.out, fullPlan, quick);
  };
}

/** A pool process: trains each run its parent sends, answers, and ends when the parent lets go. */
async function serve(plan: readonly PlannedRun[], train: Trainer): Promise<void> {
  const send = (done: Done) => process.send?.(done);
  process.on('message', (id: string) => {
    const run = plan.find((r) => runId(r) === id);
    if (!run) return send({ id, ok: false });
    train(run).then(
      () => send({ id, ok: true }),
      (error: unknown) => {
        console.error(`[${id}] failed: ${error instanceof Error ? error.message : String(error)}`);
        send({ id, ok: false });
      },
    );
  });
  await new Promise((resolve) => process.once('disconnect', resolve));
}

async function main(): Promise<void> {
  const started = performance.now();
  const args = parseExperimentArgs(process.argv.slice(2));
  const settings = args.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  // The summary covers every group of the mode, whichever this command runs.
  const fullPlan = planRuns(settings, GROUP_NAMES);
  const plan = planRuns(settings, args.groups);
  if (args.worker) return serve(plan, await trainer(args, fullPlan, settings.quick));

  const todo: PlannedRun[] = [];
  for (const run of plan) {
    if (await readFinishedRecord(args.out, run)) console.log(`[${runId(run)}] finished with these flags: skipped`);
    else todo.push(run);
  }
  console.log(`${plan.length} runs in ${args.groups.join(', ')}, ${todo.length} to do, out ${args.out}`);

  if (args.jobs > 1 && todo.length > 1) await runInParallel(args, todo);
  else if (todo.length) {
    const train = await trainer(args, fullPlan, settings.quick);
    for (const run of todo) await train(run);
  }
  const summary = await writeSummary(args.out, fullPlan, settings.quick);
  const counts = Object.entries(summary.groups).map(([g, s]) => `${g} ${s.runs.length}/${s.planned}`);
  console.log(`summary: ${counts.join(', ') || 'no finished run'}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
