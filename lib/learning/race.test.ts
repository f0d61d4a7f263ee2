import type { LayersModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { loadMnist } from '@/lib/mnist/load';
import { setTestBackend } from '@/lib/tfjs/testing/backends';
import { liveTensors, runRace, type DigitSet } from './race';

const trainSplit = loadMnist('train');
const testSplit = loadMnist('test');
const first = (split: typeof trainSplit, count: number): DigitSet => ({
  count,
  pixels: split.images.subarray(0, count * INPUT_PIXELS),
  labels: split.labels.subarray(0, count),
});
const train = first(trainSplit, 300);
const heldOut = first(testSplit, 300);

describe('runRace on wasm (the browser worker runs it the same way)', () => {
  beforeAll(() => setTestBackend('wasm'));

  it('trains both models on the same batches, learns, is reproducible and leaves no tensor behind', async () => {
    const before = liveTensors();
    const settings = { models: ['cnn', 'lcn'] as ['cnn', 'lcn'], trainImages: 300, epochs: 2 };
    const updates: number[] = [];
    const result = await runRace({ settings, train, heldOut, backend: 'wasm', onProgress: ([a]) => updates.push(a.step) });
    expect(liveTensors()).toBe(before);
    expect(result.outcome).toBe('done');
    for (const side of result.models) {
      expect(side.step).toBe(10); // ⌈300 / 64⌉ × 2
      expect(side.accuracy[0][0]).toBe(0);
      expect(side.accuracy.at(-1)![0]).toBe(10);
      expect(side.finalAccuracy).toBeGreaterThan(0.4); // chance is 0.1; 10 steps on 300 digits
      expect(side.loss.length).toBe(10);
      expect(side.loss.at(-1)![1]).toBeLessThan(side.loss[0][1]);
      expect(side.samplesPerSecond).toBeGreaterThan(0);
    }
    expect(updates.at(-1)).toBe(10);
    const again = await runRace({ settings, train, heldOut, backend: 'wasm' });
    expect(again.models.map((m) => m.loss)).toEqual(result.models.map((m) => m.loss));
    expect(liveTensors()).toBe(before);
  }, 120_000);

  it('stops between steps on a measured point, and hands over finished models only when asked', async () => {
    const before = liveTensors();
    const settings = { models: ['cnn', 'mlp'] as ['cnn', 'mlp'], trainImages: 300, epochs: 3 };
    let steps = 0;
    const stopped = await runRace({
      settings,
      train,
      heldOut,
      backend: 'wasm',
      onProgress: ([a]) => (steps = a.step),
      shouldStop: () => steps >= 3,
    });
    expect(stopped.outcome).toBe('stopped');
    expect(stopped.models[0].step).toBe(3);
    expect(stopped.models[0].accuracy.at(-1)![0]).toBe(3);
    expect(stopped.models[0].loss.at(-1)![0]).toBe(3);
    expect(liveTensors()).toBe(before);

    let kept: [LayersModel, LayersModel] | undefined;
    await runRace({ settings: { ...settings, epochs: 1 }, train, heldOut, backend: 'wasm', keepModels: (m) => (kept = m) });
    expect(kept).toHaveLength(2);
    expect(liveTensors()).toBe(before + kept!.reduce((n, m) => n + m.weights.length, 0));
    kept!.forEach((m) => m.dispose());
    expect(liveTensors()).toBe(before);
  }, 120_000);
});
