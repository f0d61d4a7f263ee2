import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, randomNormal, randomUniform, tidy, type Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildCnn, buildLcn } from '@/lib/models/architectures';
import { getModelSpec } from '@/lib/models/registry';
import { setTestBackend, TEST_BACKENDS } from '@/lib/tfjs/testing/backends';
import { compilePlan, runSteps } from './forward-plan';

/** Every weight (biases too) drawn at random, so a dropped bias or a swapped layout shows. */
function randomise(model: LayersModel, seed: number): LayersModel {
  model.setWeights(model.getWeights().map((w, i) => randomNormal(w.shape, 0, 0.15, 'float32', seed + i)));
  return model;
}

describe.each(TEST_BACKENDS)('forward plan on %s', (backendName) => {
  const models: LayersModel[] = [];
  const build = (model: LayersModel) => (models.push(model), model);

  beforeAll(() => setTestBackend(backendName));
  afterAll(() => models.forEach((m) => m.dispose()));

  it.each([
    ['cnn', () => randomise(buildCnn({ seed: 3 }), 100)],
    ['lcn', () => randomise(buildLcn({ seed: 3 }), 200)],
    ['cnn-gap', () => randomise(getModelSpec('cnn-gap').build({ seed: 3 }), 400)],
    ['lcn-gap', () => randomise(getModelSpec('lcn-gap').build({ seed: 3 }), 500)],
    ['mlp', () => randomise(getModelSpec('mlp').build({ seed: 3 }), 600)],
  ] as const)('runs the %s like model.predict (the tfjs-layers op path) to 1e-5, one image and a batch', (_, make) => {
    const model = build(make());
    const plan = compilePlan(model)!;
    // On wasm the fused-run kernel is what is compared (plan-fusion.test.ts says which steps).
    expect(plan.steps.some((s) => s.fused)).toBe(backendName === 'wasm');
    for (const batch of [1, 7]) {
      const before = memory().numTensors;
      const [fast, reference] = tidy(() => {
        const x = randomUniform([batch, 28, 28, 1], 0, 1, 'float32', batch);
        return [runSteps(plan.steps, x).dataSync(), (model.predict(x) as Tensor).dataSync()];
      });
      let maxDiff = 0;
      for (let i = 0; i < fast.length; i++) maxDiff = Math.max(maxDiff, Math.abs(fast[i] - reference[i]));
      expect(fast.length).toBe(batch * 10);
      expect(maxDiff).toBeLessThan(1e-5);
      expect(memory().numTensors).toBe(before);
    }
    plan.dispose();
  });

  it('runs a fused run only when the whole run is in range (the equivariant sweep runs the trunk step by step)', () => {
    const model = build(randomise(buildCnn(), 300));
    const plan = compilePlan(model)!;
    const [whole, parts] = tidy(() => {
      const x = randomUniform([2, 28, 28, 1], 0, 1, 'float32', 4);
      return [runSteps(plan.steps, x).dataSync(), runSteps(plan.steps, runSteps(plan.steps, x, 0, 4), 4).dataSync()];
    });
    for (let i = 0; i < whole.length; i++) expect(Math.abs(whole[i] - parts[i])).toBeLessThan(1e-5);
    plan.dispose();
  });
});
