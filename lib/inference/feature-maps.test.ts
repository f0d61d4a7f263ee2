import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBackend, memory, randomNormal } from '@tensorflow/tfjs-core';
import { layers, sequential, type LayersModel } from '@tensorflow/tfjs-layers';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { shiftImage } from '@/lib/digits/shift';
import { buildCnn, buildLcn } from '@/lib/models/architectures';
import { loadMnist } from '@/lib/mnist/load';
import { setTestBackend, TEST_BACKENDS } from '@/lib/tfjs/testing/backends';
import { insideOf, SIMILARITY_DISTANCES, type ModelInside } from './feature-maps';
import { compilePlan } from './forward-plan';
import type { LoadedModel } from './loaded-model';
import type { BackendName } from './types';

const mnist = loadMnist('test');
const digit = Float32Array.from(mnist.images.subarray(0, INPUT_PIXELS), (v) => v / 255);

/** Every weight drawn at random (biases too), so a dropped bias or a swapped layout shows. */
function randomise(model: LayersModel, seed: number): LayersModel {
  model.setWeights(model.getWeights().map((w, i) => randomNormal(w.shape, 0, 0.15, 'float32', seed + i)));
  return model;
}

/** A model as the engine holds it, compiled on the active backend (null plan: the layers run one by one). */
function loaded(model: LayersModel, modelId = 'cnn'): LoadedModel {
  const plan = compilePlan(model);
  const backend = getBackend() as BackendName;
  return {
    backend,
    model,
    plan,
    trunk: null,
    info: { modelId, backend, downloadMs: 0, buildMs: 0, coldMs: 0, locallyConnectedPaths: [] },
    sweepMs: [],
  } as LoadedModel;
}

/** conv → pool → conv → pool → global average → dense: the zoo's `cnn-gap`, built here with tfjs-layers. */
function buildGap(): LayersModel {
  const model = sequential();
  model.add(layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 5, activation: 'relu' }));
  model.add(layers.maxPooling2d({ poolSize: 2 }));
  model.add(layers.conv2d({ filters: 6, kernelSize: 5, activation: 'relu' }));
  model.add(layers.maxPooling2d({ poolSize: 2 }));
  model.add(layers.globalAveragePooling2d({}));
  model.add(layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

/** flatten → dense 256 → dense 10: the zoo's `mlp`. */
function buildMlp(): LayersModel {
  const model = sequential();
  model.add(layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(layers.dense({ units: 256, activation: 'relu' }));
  model.add(layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

const errors = (inside: ModelInside) => inside.stages.map((s) => s.relativeError);

describe.each(TEST_BACKENDS)('feature maps on %s', (backendName) => {
  const held: LoadedModel[] = [];
  const hold = (m: LoadedModel) => (held.push(m), m);
  let cnn: LoadedModel;
  let lcn: LoadedModel;

  beforeAll(async () => {
    await setTestBackend(backendName);
    cnn = hold(loaded(randomise(buildCnn({ seed: 1 }), 10)));
    lcn = hold(loaded(randomise(buildLcn({ seed: 1 }), 20), 'lcn'));
  });
  afterAll(() => held.forEach((m) => (m.plan?.dispose(), m.model.dispose())));

  it('finds both feature stages: 24×24×16 at stride 1 (5×5 field), 8×8×32 at stride 2 (14×14 field)', async () => {
    for (const m of [cnn, lcn]) {
      const inside = await insideOf(m, digit, { dx: 0, dy: 0 });
      expect(inside.stages.map((s) => [s.layer, s.shape, s.stride, s.field.size])).toEqual([
        [m === cnn ? 'conv2d' : 'locallyConnected', { height: 24, width: 24, channels: 16 }, 1, 5],
        [m === cnn ? 'conv2d' : 'locallyConnected', { height: 8, width: 8, channels: 32 }, 2, 14],
      ]);
      expect(inside.pooled).toBeNull();
      expect(errors(inside)).toEqual([0, 0]);
    }
  });

  it('reads the maps off the plan, unfused, equal to the layers’ own outputs', async () => {
    // On wasm the plan fuses the whole CNN into one kernel: the maps must still come out.
    expect(cnn.plan!.steps.some((s) => s.fused)).toBe(backendName === 'wasm');
    const inside = await insideOf(cnn, digit, { dx: 2, dy: -1 });
    const input = (await import('./tensors')).tensorFrom(shiftImage(digit, 2, -1), 1);
    const first = cnn.model.layers[0].apply(input) as ReturnType<typeof randomNormal>;
    const expected = first.dataSync();
    input.dispose();
    first.dispose();
    let maxDiff = 0;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(expected[i] - inside.stages[0].shifted[i]));
    expect(maxDiff).toBeLessThan(1e-5);
  });

  it('shift back and compare: the CNN matches at stage 1 for any shift and at stage 2 for even ones; the LCN never', async () => {
    const before = memory().numTensors;
    const odd = await insideOf(cnn, digit, { dx: 3, dy: 2 });
    expect(odd.stages[0]).toMatchObject({ exact: true, moveBack: { dx: 3, dy: 2 } });
    expect(odd.stages[0].relativeError).toBeLessThan(1e-5);
    expect(odd.stages[1]).toMatchObject({ exact: false, moveBack: { dx: 1, dy: 1 } });
    expect(odd.stages[1].relativeError).toBeGreaterThan(0.1);

    const even = await insideOf(cnn, digit, { dx: 2, dy: -2 });
    expect(even.stages[1]).toMatchObject({ exact: true, moveBack: { dx: 1, dy: -1 } });
    expect(errors(even).every((e) => e < 1e-5)).toBe(true);

    for (const shift of [
      { dx: 3, dy: 2 },
      { dx: 2, dy: 2 },
    ]) {
      expect(errors(await insideOf(lcn, digit, shift)).every((e) => e > 0.1)).toBe(true);
    }
    expect(memory().numTensors).toBe(before);
  });

  it('gives the conv’s first-stage kernels as 16 pictures, and a locally connected filter’s 576 kernels with their similarity', async () => {
    const conv = (await insideOf(cnn, digit, { dx: 0, dy: 0 }, { weights: { filter: 0 } })).weights!;
    const kernel = cnn.model.layers[0].getWeights()[0].dataSync(); // [5, 5, 1, 16]
    expect(conv).toMatchObject({ kind: 'conv2d', size: 5, tiles: 16 });
    expect(conv.values[3 * 25 + 2 * 5 + 4]).toBe(kernel[(2 * 5 + 4) * 16 + 3]);

    const lc = (await insideOf(lcn, digit, { dx: 0, dy: 0 }, { weights: { filter: 5 } })).weights!;
    const lcKernel = lcn.model.layers[0].getWeights()[0].dataSync(); // [576, 25, 16]
    if (lc.kind !== 'locallyConnected') throw new Error(lc.kind);
    expect(lc).toMatchObject({ size: 5, tiles: 576, filter: 5, filters: 16, outH: 24, outW: 24 });
    expect(lc.values[100 * 25 + 7]).toBe(lcKernel[(100 * 25 + 7) * 16 + 5]);
    expect(lc.neighbourSimilarity).toHaveLength(576);
    expect(lc.byDistance.map((d) => d.distance)).toEqual(Array.from({ length: SIMILARITY_DISTANCES }, (_, i) => i + 1));
    // Independent random kernels: no sharing.
    for (const d of lc.byDistance) expect(Math.abs(d.mean)).toBeLessThan(0.05);
    // A filter out of range is clamped; asking twice gives fresh arrays (the cache keeps its own, the answer is transferred).
    const again = (await insideOf(lcn, digit, { dx: 0, dy: 0 }, { weights: { filter: 99 } })).weights!;
    expect(again).toMatchObject({ filter: 15 });
    expect(again.values.buffer).not.toBe(lc.values.buffer);
  });

  it('shows a global-average head’s pooled vector, which a shift by a multiple of the stride leaves nearly unchanged', async () => {
    const gap = hold(loaded(randomise(buildGap(), 30)));
    const inside = await insideOf(gap, digit, { dx: 4, dy: 0 }, { weights: { filter: 0 } });
    expect(inside.stages.map((s) => s.shape.channels)).toEqual([4, 6]);
    expect(inside.pooled).toMatchObject({ layer: 'GlobalAveragePooling2D' });
    expect(inside.pooled!.unshifted).toHaveLength(6);
    // The pooled vector is the mean of the stage-2 maps after their 2×2 max-pool (8×8 → 4×4).
    const maps = inside.stages[1].unshifted;
    for (let c = 0; c < 6; c++) {
      let sum = 0;
      for (let y = 0; y < 4; y++)
        for (let x = 0; x < 4; x++) {
          const at = (yy: number, xx: number) => maps[(yy * 8 + xx) * 6 + c];
          sum += Math.max(at(2 * y, 2 * x), at(2 * y, 2 * x + 1), at(2 * y + 1, 2 * x), at(2 * y + 1, 2 * x + 1));
        }
      expect(inside.pooled!.unshifted[c]).toBeCloseTo(sum / 16, 5);
    }
    expect(inside.pooled!.relativeError).toBeLessThan(0.5);
    expect(inside.weights).toMatchObject({ kind: 'conv2d', tiles: 4 });
  });

  it('has no maps for an MLP, and gives its first dense layer as 256 pictures of 28×28', async () => {
    const mlp = hold(loaded(randomise(buildMlp(), 40)));
    const inside = await insideOf(mlp, digit, { dx: 1, dy: 1 }, { weights: { filter: 0 } });
    expect(inside.stages).toEqual([]);
    expect(inside.pooled).toBeNull();
    const kernel = mlp.model.layers[1].getWeights()[0].dataSync(); // [784, 256]
    expect(inside.weights).toMatchObject({ kind: 'dense', size: 28, tiles: 256 });
    expect(inside.weights!.values[200 * 784 + 300]).toBe(kernel[300 * 256 + 200]);
  });
});
