import { io, memory, randomNormal, randomUniform, tensor2d, train, type Tensor } from '@tensorflow/tfjs-core';
import { initializers, layers, sequential, type LayersModel } from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { artifactsToFiles, loadModelFromFiles } from './artifacts';
import { LocallyConnected2D } from './locally-connected';
import { setTestBackend, TEST_BACKENDS } from '@/lib/tfjs/testing/backends';

function smallModel(strides: number | [number, number] = 1): LayersModel {
  const model = sequential();
  model.add(new LocallyConnected2D({ inputShape: [8, 7, 2], filters: 3, kernelSize: [3, 2], strides, activation: 'relu', seed: 7 }));
  model.add(layers.flatten());
  model.add(layers.dense({ units: 4, activation: 'softmax', kernelInitializer: initializers.glorotUniform({ seed: 8 }) }));
  return model;
}

/** Saves through a custom in-memory IOHandler and loads back with the app's loader. */
async function roundTrip(model: LayersModel): Promise<LayersModel> {
  let files: ReturnType<typeof artifactsToFiles> | null = null;
  await model.save(
    io.withSaveHandler(async (artifacts) => {
      files = artifactsToFiles(artifacts);
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  const { modelJson, weights } = files!;
  return loadModelFromFiles(JSON.parse(JSON.stringify(modelJson)) as io.ModelJSON, [weights]);
}

describe.each(TEST_BACKENDS)('LocallyConnected2D on %s', (backend) => {
  it('has one kernel and one bias per output position', async () => {
    await setTestBackend(backend);
    const model = smallModel();
    const [kernel, bias] = model.layers[0].getWeights();
    // 8×7 input, 3×2 window → 6×6 positions; patch 3·2·2 = 12.
    expect(kernel.shape).toEqual([36, 12, 3]);
    expect(bias.shape).toEqual([36, 3]);
    expect(model.layers[0].outputShape).toEqual([null, 6, 6, 3]);
    model.dispose();
  });

  it('supports strides', async () => {
    await setTestBackend(backend);
    const model = smallModel([2, 3]);
    expect(model.layers[0].outputShape).toEqual([null, 3, 2, 3]);
    expect(model.layers[0].getWeights()[0].shape).toEqual([6, 12, 3]);
    model.dispose();
  });

  it('survives save → load through a custom IOHandler with identical outputs', async () => {
    await setTestBackend(backend);
    const model = smallModel();
    const loaded = await roundTrip(model);
    expect(loaded.layers[0].getClassName()).toBe('LocallyConnected2D');
    expect(loaded.layers[0].getConfig()).toMatchObject({ filters: 3, kernelSize: [3, 2], strides: [1, 1], activation: 'relu' });
    const x = randomUniform([3, 8, 7, 2], 0, 1, 'float32', 1);
    const a = model.predict(x) as Tensor;
    const b = loaded.predict(x) as Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    [x, a, b].forEach((t) => t.dispose());
    model.dispose();
    loaded.dispose();
  });

  it('learns: a few SGD steps reduce the loss', async () => {
    await setTestBackend(backend);
    const model = smallModel();
    model.compile({ optimizer: train.sgd(0.5), loss: 'categoricalCrossentropy' });
    const x = randomNormal([16, 8, 7, 2], 0, 1, 'float32', 2);
    const oneHot = new Float32Array(16 * 4);
    for (let i = 0; i < 16; i++) oneHot[i * 4 + (i % 4)] = 1;
    const y = tensor2d(oneHot, [16, 4]);
    const losses: number[] = [];
    for (let step = 0; step < 8; step++) losses.push((await model.trainOnBatch(x, y)) as number);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.7);
    [x, y].forEach((t) => t.dispose());
    model.dispose();
  });

  it('leaks no tensors in predict', async () => {
    await setTestBackend(backend);
    const model = smallModel();
    const x = randomUniform([2, 8, 7, 2]);
    const before = memory().numTensors;
    (model.predict(x) as Tensor).dispose();
    expect(memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });
});
