/**
 * Inside the networks, measured on the committed models: `npx tsx bench/inside.ts [--digits N]`.
 *
 * Runs lib/inference/feature-maps.ts (what the lab's section runs in its worker) in Node on the
 * wasm backend, on the first N MNIST test digits (default 100), for a few shifts, and writes
 * bench/inside.md: per model and stage the relative L2 difference of "shift back and compare"
 * over the interior (test digit 0, and the median and maximum over the N digits), and the
 * locally connected layer's kernel similarity by distance. The update time in the browser is
 * measured by `npm run bench` (bench/run.ts, "inside the networks").
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { INPUT_PIXELS } from '../lib/digits/constants';
import type { ShiftOffset } from '../lib/digits/shift';
import { insideOf } from '../lib/inference/feature-maps';
import { compilePlan } from '../lib/inference/forward-plan';
import { median } from '../lib/inference/latency-stats';
import type { LoadedModel } from '../lib/inference/loaded-model';
import { loadMnist } from '../lib/mnist/load';
import { MODEL_IDS } from '../lib/models/ids';
import { loadModelFromDir } from '../lib/models/model-dir';
import { setupNodeWasm } from '../lib/tfjs/node-wasm';

const root = path.resolve(import.meta.dirname, '..');
const digitsArg = process.argv.indexOf('--digits');
const digits = digitsArg > 0 ? Number(process.argv[digitsArg + 1]) : 100;
const SHIFTS: ShiftOffset[] = [
  { dx: 0, dy: 0 },
  { dx: 1, dy: 0 },
  { dx: 2, dy: 2 },
  { dx: 3, dy: 2 },
  { dx: 5, dy: 0 },
  { dx: -4, dy: 2 },
];

const fmt = (v: number) => (v === 0 ? '0' : v < 1e-3 ? v.toExponential(1) : v.toFixed(3));

async function main(): Promise<void> {
  await setupNodeWasm();
  const mnist = loadMnist('test');
  const lines = [
    '# Inside the networks: shift back and compare',
    '',
    `${new Date().toISOString()}, \`npx tsx bench/inside.ts --digits ${digits}\`, tfjs wasm backend in Node, the committed models (models/).`,
    '',
    'Relative L2 difference over the interior between the shifted input’s maps moved back by the shift (÷ the stage’s stride;',
    'the nearest whole move when the stride does not divide it) and the unshifted input’s maps. Stage 1 = first conv/LC layer + ReLU',
    '(24×24×16, stride 1), stage 2 = second (8×8×32, stride 2), both before their pool. Test digit 0 (a 7), then median [max] over',
    `the first ${digits} test digits.`,
    '',
    '| model | stage | ' + SHIFTS.map((s) => `(${s.dx}, ${s.dy})`).join(' | ') + ' |',
    '| --- | --- | ' + SHIFTS.map(() => '---').join(' | ') + ' |',
  ];
  const similarity: string[] = [];
  for (const id of MODEL_IDS) {
    const model = await loadModelFromDir(path.join(root, 'models', id));
    const m = { model, plan: compilePlan(model), trunk: null, info: { modelId: id }, sweepMs: [] } as unknown as LoadedModel;
    const byStage: number[][][] = []; // [stage][shift][digit]
    for (let d = 0; d < digits; d++) {
      const x = Float32Array.from(mnist.images.subarray(d * INPUT_PIXELS, (d + 1) * INPUT_PIXELS), (v) => v / 255);
      for (const [k, shift] of SHIFTS.entries()) {
        const inside = await insideOf(m, x, shift, d === 0 && k === 0 ? { weights: { filter: 0 } } : {});
        inside.stages.forEach((s, i) => ((byStage[i] ??= SHIFTS.map(() => []))[k][d] = s.relativeError));
        if (inside.weights?.kind === 'locallyConnected') {
          similarity.push(
            `${id}, first layer, mean cosine similarity of kernels d positions apart (rows and columns, all ${inside.weights.filters} filters): ` +
              inside.weights.byDistance.map((b) => `d=${b.distance}: ${b.mean.toFixed(4)}`).join(', ') +
              `; filter 0, mean over positions of the similarity with the direct neighbours: ${(inside.weights.neighbourSimilarity.reduce((a, b) => a + b, 0) / inside.weights.tiles).toFixed(4)}.`,
          );
        }
      }
    }
    byStage.forEach((shifts, i) =>
      lines.push(
        `| ${id} | ${i + 1} | ` + shifts.map((v) => `${fmt(v[0])} · ${fmt(median(v))} [${fmt(Math.max(...v))}]`).join(' | ') + ' |',
      ),
    );
    m.plan?.dispose();
    model.dispose();
  }
  lines.push('', ...similarity, '');
  const md = lines.join('\n');
  writeFileSync(path.join(root, 'bench/inside.md'), md);
  console.log(md);
}

await main();
