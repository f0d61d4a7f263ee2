/**
 * Per-step cost of the committed models' forward plans on tfjs-wasm in Node (the engine's code
 * path, without the browser): `npx tsx bench/plan-steps.ts [runs] [ops]`. Medians in ms for one
 * image and for a 289-image batch (one shift sweep), interleaved round by round: the plan as the
 * engine runs it (runSteps, with its fused runs), the same plan with its fused runs left out (tfjs
 * ops only), and every step on its own, each waited for. `ops` leaves the project's wasm kernels
 * unregistered, so locally connected layers take their tfjs-op path too. Used for
 * bench/lc-layouts.md and bench/cnn-kernel.md.
 */
import { setBackend, randomUniform, type Tensor, type Tensor4D } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { INPUT_SIZE, SHIFT_GRID_CELLS } from '../lib/digits/constants';
import { compilePlan, runStep, runSteps } from '../lib/inference/forward-plan';
import { median } from '../lib/inference/latency-stats';
import { registerWasmKernels } from '../lib/inference/kernels/wasm';
import { MODEL_IDS } from '../lib/models/ids';
import { loadModelFromDir } from '../lib/models/model-dir';
import { nodeWasmPaths } from '../lib/tfjs/node-wasm';

const runs = Number(process.argv[2] ?? 25);
const withKernel = process.argv[3] !== 'ops';

async function main(): Promise<void> {
  setWasmPaths(nodeWasmPaths());
  if (withKernel) registerWasmKernels();
  if (!(await setBackend('wasm'))) throw new Error('wasm backend unavailable');
  console.log(
    `| model | batch | plan (runSteps) | plan, no fused runs | steps one by one | steps |\n| --- | --- | --- | --- | --- | --- |`,
  );
  for (const id of MODEL_IDS) {
    const model = await loadModelFromDir(`models/${id}`);
    const plan = compilePlan(model);
    if (!plan) throw new Error(`${id}: no forward plan`);
    for (const batch of [1, SHIFT_GRID_CELLS]) {
      const x = randomUniform([batch, INPUT_SIZE, INPUT_SIZE, 1]) as Tensor4D;
      const steps: number[][] = plan.steps.map(() => []);
      const totals: number[] = [];
      const whole: number[] = [];
      const unfused: number[] = [];
      const opsOnly = plan.steps.map((step) => ({ ...step, fused: undefined }));
      for (let r = 0; r < runs + 3; r++) {
        for (const [planSteps, times] of [
          [plan.steps, whole],
          [opsOnly, unfused],
        ] as const) {
          const t = performance.now();
          const out = runSteps(planSteps, x);
          out.dataSync();
          out.dispose();
          if (r >= 3) times.push(performance.now() - t);
        }
        const made: Tensor[] = [];
        const t0 = performance.now();
        let y: Tensor = x;
        plan.steps.forEach((step, i) => {
          const t = performance.now();
          y = runStep(step, y);
          y.dataSync(); // wait for the step itself, not the ones queued after it
          made.push(y);
          if (r >= 3) steps[i].push(performance.now() - t);
        });
        if (r >= 3) totals.push(performance.now() - t0);
        made.forEach((t) => t !== x && t.dispose());
      }
      const cells = plan.steps.map((s, i) => `${s.kind} ${median(steps[i]).toFixed(3)}`).join(' · ');
      console.log(
        `| ${id} | ${batch} | ${median(whole).toFixed(3)} | ${median(unfused).toFixed(3)} | ${median(totals).toFixed(3)} | ${cells} |`,
      );
      x.dispose();
    }
    plan.dispose();
    model.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
