import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, tensor4d, tidy, type Tensor2D } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MAX_SHIFT } from '@/lib/digits/constants';
import { shiftGridBatch, shiftGridOffsets } from '@/lib/digits/shift';
import { loadMnist } from '@/lib/mnist/load';
import { buildCnn } from '@/lib/models/architectures';
import { getModelSpec } from '@/lib/models/registry';
import { setTestBackend, TEST_BACKENDS } from '@/lib/tfjs/testing/backends';
import { equivariantForward, splitForEquivariance, trackShifts } from './equivariant-sweep';
import { compilePlan, runSteps, type ForwardPlan } from './forward-plan';
import { randomDigit } from '@/lib/digits/testing/images';

const test = loadMnist('test');
const digits = [0, 1, 2].map((i) => ({ pixels: test.images.subarray(i * 784, (i + 1) * 784), label: test.labels[i] }));

function normalised(pixels: Float32Array | Uint8Array): Float32Array {
  return Float32Array.from(pixels, (v) => v / 255);
}

describe.each(TEST_BACKENDS)('equivariant sweep on %s', (backendName) => {
  let model: LayersModel;
  let plan: ForwardPlan;

  beforeAll(async () => {
    await setTestBackend(backendName);
    model = buildCnn({ seed: 7 });
    const compiled = compilePlan(model);
    if (!compiled) throw new Error('CNN did not compile');
    plan = compiled;
  });

  afterAll(() => {
    plan.dispose();
    model.dispose();
  });

  it('splits the CNN at its flatten and refuses non-equivariant stacks', () => {
    const split = splitForEquivariance(plan.steps);
    expect(split).toEqual({ tailStart: 4 });
    expect(splitForEquivariance(plan.steps.filter((s) => s.kind !== 'flatten'))).toBeNull();
    const geometry = trackShifts(plan.steps, 3, [28, 28], MAX_SHIFT, [
      { dx: 0, dy: 0 },
      { dx: 8, dy: -8 },
      { dx: -1, dy: 3 },
    ]);
    expect(geometry).toMatchObject({ classes: 4, windowH: 8, windowW: 8 });
    expect(geometry.positions).toEqual([
      { cls: 0, y: 4, x: 4 },
      { cls: 0, y: 8, x: 0 },
      { cls: 3, y: 2, x: 4 },
    ]);
    // Through the second pool too: 16 classes of 4×4 windows.
    const deep = trackShifts(plan.steps, 4, [28, 28], MAX_SHIFT, [
      { dx: 0, dy: 0 },
      { dx: -1, dy: 3 },
    ]);
    expect(deep).toMatchObject({ classes: 16, windowH: 4, windowW: 4 });
    expect(deep.positions).toEqual([
      { cls: 0, y: 2, x: 2 },
      { cls: 3 * 4 + 0 * 2 + 0, y: 1, x: 2 },
    ]);
  });

  const inputs = [
    ...[11, 22, 33].map((seed) => ({ name: `random ${seed}`, pixels: randomDigit(seed) as Uint8Array })),
    ...digits.map((d, i) => ({ name: `MNIST test #${i} (${d.label})`, pixels: d.pixels })),
  ];

  it.each(inputs)('matches 289 separate forward passes: $name', ({ pixels }) => {
    const split = splitForEquivariance(plan.steps)!;
    const before = memory().numTensors;
    const [fast, reference] = tidy(() => {
      const x = tensor4d(normalised(pixels), [1, 28, 28, 1]);
      const eq = equivariantForward(plan.steps, split, x, shiftGridOffsets(), MAX_SHIFT);
      const batch = tensor4d(normalised(shiftGridBatch(pixels)), [289, 28, 28, 1]);
      const ref = runSteps(plan.steps, batch) as Tensor2D;
      return [eq.dataSync(), ref.dataSync()];
    });
    expect(memory().numTensors).toBe(before);
    expect(fast.length).toBe(289 * 10);
    let maxDiff = 0;
    for (let i = 0; i < fast.length; i++) maxDiff = Math.max(maxDiff, Math.abs(fast[i] - reference[i]));
    expect(maxDiff).toBeLessThan(1e-5);
    for (let c = 0; c < 289; c++) {
      const row = (a: Float32Array) => Array.from(a.subarray(c * 10, c * 10 + 10));
      const top = (r: number[]) => r.indexOf(Math.max(...r));
      expect(top(row(fast as Float32Array))).toBe(top(row(reference as Float32Array)));
    }
  });

  it('evaluates several digits under a subset of shifts in one call', () => {
    const split = splitForEquivariance(plan.steps)!;
    const shifts = [
      { dx: 0, dy: 0 },
      { dx: 3, dy: -5 },
      { dx: -8, dy: 8 },
    ];
    const [fast, reference] = tidy(() => {
      const x = tensor4d(normalised(new Uint8Array([...digits[0].pixels, ...digits[1].pixels])), [2, 28, 28, 1]);
      const eq = equivariantForward(plan.steps, split, x, shifts, MAX_SHIFT).dataSync();
      const grid = shiftGridOffsets();
      const rows: number[] = [];
      for (const d of [0, 1]) {
        const all = runSteps(plan.steps, tensor4d(normalised(shiftGridBatch(digits[d].pixels)), [289, 28, 28, 1])).dataSync();
        for (const s of shifts) {
          const cell = grid.findIndex((g) => g.dx === s.dx && g.dy === s.dy);
          rows.push(...all.subarray(cell * 10, cell * 10 + 10));
        }
      }
      return [eq, rows];
    });
    expect(fast.length).toBe(reference.length);
    for (let i = 0; i < fast.length; i++) expect(Math.abs(fast[i] - reference[i])).toBeLessThan(1e-5);
  });

  it('agrees with model.predict (the plan runs the same maths as tfjs-layers)', () => {
    const [viaPlan, viaLayers] = tidy(() => {
      const x = tensor4d(normalised(digits[0].pixels), [1, 28, 28, 1]);
      return [runSteps(plan.steps, x).dataSync(), (model.predict(x) as Tensor2D).dataSync()];
    });
    for (let i = 0; i < 10; i++) expect(Math.abs(viaPlan[i] - viaLayers[i])).toBeLessThan(1e-6);
  });
});

describe.each(TEST_BACKENDS)('equivariant sweep of the global-average-pooling CNN on %s', (backendName) => {
  it('splits at the global pool and matches 289 separate forward passes', async () => {
    await setTestBackend(backendName);
    const model = getModelSpec('cnn-gap').build({ seed: 9 });
    const plan = compilePlan(model)!;
    const split = splitForEquivariance(plan.steps);
    expect(split).toEqual({ tailStart: 4 });
    expect(plan.steps[4].kind).toBe('globalAveragePool');
    const [fast, reference] = tidy(() => {
      const x = tensor4d(normalised(digits[1].pixels), [1, 28, 28, 1]);
      const eq = equivariantForward(plan.steps, split!, x, shiftGridOffsets(), MAX_SHIFT);
      const ref = runSteps(plan.steps, tensor4d(normalised(shiftGridBatch(digits[1].pixels)), [289, 28, 28, 1]));
      return [eq.dataSync(), ref.dataSync()];
    });
    expect(fast.length).toBe(289 * 10);
    let maxDiff = 0;
    for (let i = 0; i < fast.length; i++) maxDiff = Math.max(maxDiff, Math.abs(fast[i] - reference[i]));
    expect(maxDiff).toBeLessThan(1e-5);
    plan.dispose();
    model.dispose();
  });
});
