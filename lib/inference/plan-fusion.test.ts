import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNormal, randomUniform, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { layers, sequential, type LayersModel } from '@tensorflow/tfjs-layers';
import { buildCnn, buildLcn } from '@/lib/models/architectures';
import { setTestBackend, TEST_BACKENDS } from '@/lib/tfjs/testing/backends';
import { compilePlan, runSteps, type ForwardPlan } from './forward-plan';
import { registerWasmKernels } from './kernels/wasm';

registerWasmKernels();

/** A sequential model of `added` with every weight drawn at random. */
function stack(...added: layers.Layer[]): LayersModel {
  const model = sequential();
  added.forEach((layer) => model.add(layer));
  model.setWeights(model.getWeights().map((w, i) => randomNormal(w.shape, 0, 0.15, 'float32', 5 + i)));
  return model;
}

const input = { inputShape: [12, 12, 3] };

/** [first step, end) of every fused run in `plan`. */
function runsOf(plan: ForwardPlan): [number, number][] {
  return plan.steps.flatMap((s, i) => (s.fused ? [[i, s.fused.end] as [number, number]] : []));
}

describe.each(TEST_BACKENDS)('fused runs of a plan on %s', (backendName) => {
  const wasm = backendName === 'wasm';
  const models: LayersModel[] = [];
  const build = (model: LayersModel) => (models.push(model), model);

  beforeAll(() => setTestBackend(backendName));
  afterAll(() => models.forEach((m) => m.dispose()));

  it('fuses the whole CNN into one run on wasm (and the LCN head after its locally connected layers), nothing elsewhere', () => {
    const cnn = compilePlan(build(buildCnn()))!;
    const lcn = compilePlan(build(buildLcn()))!;
    expect(runsOf(cnn)).toEqual(wasm ? [[0, 6]] : []);
    expect(runsOf(lcn)).toEqual(wasm ? [[4, 6]] : []);
    if (wasm) {
      expect(cnn.steps[0].fused?.stages.map((s) => s.kind)).toEqual(['convPool', 'convPool', 'flatten', 'dense']);
      // The layers' own tensors, in stage order: [kernel, bias] per weighted stage, none for the flatten.
      expect(cnn.steps[0].fused?.weights.map((w) => w.map((t) => t.shape))).toEqual([
        [[5, 5, 1, 16], [16]],
        [[5, 5, 16, 32], [32]],
        [],
        [[512, 10], [10]],
      ]);
    }
    cnn.dispose();
    lcn.dispose();
  });

  it('stops a run where the kernel cannot go and keeps only runs that replace two ops or more', () => {
    const cases: [LayersModel, [number, number][]][] = [
      // 12 filters do not fill the kernel's 8-wide blocks: the conv and pool stay tfjs ops.
      [
        stack(
          layers.conv2d({ ...input, filters: 12, kernelSize: 3, activation: 'relu' }),
          layers.maxPooling2d({ poolSize: 2 }),
          layers.flatten(),
          layers.dense({ units: 10, activation: 'softmax' }),
        ),
        [[2, 4]],
      ],
      // 'same' padding and a 3 × 3 pool do not fuse; flatten + dense are two ops (reshape, matMul).
      [
        stack(
          layers.conv2d({ ...input, filters: 8, kernelSize: 3, padding: 'same' }),
          layers.maxPooling2d({ poolSize: 2 }),
          layers.flatten(),
          layers.dense({ units: 4 }),
        ),
        [[2, 4]],
      ],
      // tanh does not fuse either; a lone linear dense would be one op either way.
      [
        stack(
          layers.conv2d({ ...input, filters: 8, kernelSize: 3 }),
          layers.maxPooling2d({ poolSize: 3 }),
          layers.flatten(),
          layers.dense({ units: 4, activation: 'tanh' }),
        ),
        [],
      ],
      [stack(layers.dense({ inputShape: [5], units: 4 })), []],
      // A run that would end on its flatten gives the flatten back.
      [
        stack(
          layers.conv2d({ ...input, filters: 8, kernelSize: 3, useBias: false }),
          layers.maxPooling2d({ poolSize: 2 }),
          layers.flatten(),
          layers.dense({ units: 4, activation: 'tanh' }),
        ),
        [[0, 2]],
      ],
    ];
    for (const [model, runs] of cases) {
      build(model);
      const plan = compilePlan(model)!;
      expect(runsOf(plan)).toEqual(wasm ? runs : []);
      const [fast, reference] = tidy(() => {
        const x = randomUniform([3, ...(model.inputs[0].shape.slice(1) as number[])], 0, 1, 'float32', 9);
        return [runSteps(plan.steps, x).dataSync(), (model.predict(x) as Tensor).dataSync()];
      });
      for (let i = 0; i < fast.length; i++) expect(Math.abs(fast[i] - reference[i])).toBeLessThan(1e-5);
      plan.dispose(); // frees the zero bias it made for the bias-free conv
    }
  });
});
