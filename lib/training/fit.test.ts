import { describe, expect, it } from 'vitest';
import { loadMnist } from '@/lib/mnist/load';
import { MODEL_SPECS } from '@/lib/models/registry';
import { fit } from './fit';
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from './hyperparameters';
import { setupNodeWasm } from '@/lib/tfjs/node-wasm';

const trainSet = loadMnist('train');
const testSet = loadMnist('test');
const hp: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, epochs: 2, trainImages: 192, curveEvery: 2, curveTestImages: 100 };

async function trainedWeights(id: (typeof MODEL_SPECS)[number]['id'], seed: number): Promise<Float32Array[]> {
  const model = MODEL_SPECS.find((s) => s.id === id)!.build({ seed });
  const result = await fit(model, trainSet, testSet, { ...hp, seed }, () => {});
  expect(result.steps).toBe(6);
  // Points at steps 0, 2, 4, 6.
  expect(result.curve.map((p) => p.step)).toEqual([0, 2, 4, 6]);
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.dispose();
  return weights;
}

describe('fit on the wasm backend', () => {
  it.each(['cnn', 'lcn'] as const)('%s: the same seed gives bit-identical weights, another seed different ones', async (id) => {
    await setupNodeWasm();
    const a = await trainedWeights(id, 1);
    const b = await trainedWeights(id, 1);
    const c = await trainedWeights(id, 2);
    a.forEach((w, i) => expect(Buffer.from(w.buffer).equals(Buffer.from(b[i].buffer))).toBe(true));
    expect(Buffer.from(a[0].buffer).equals(Buffer.from(c[0].buffer))).toBe(false);
  });
});
