import { train } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { getModelSpec } from '@/lib/models/registry';
import { setTestBackend } from '@/lib/tfjs/testing/backends';
import { fixedBatch, trainStep } from './step';

const images = Uint8Array.from({ length: 10 * INPUT_PIXELS }, (_, i) => (i * 37) % 256);
const labels = Uint8Array.from({ length: 10 }, (_, i) => i % 10);

describe('fixed-shape training steps', () => {
  beforeAll(() => setTestBackend('cpu'));

  it('pads a short batch with zero rows of weight 0, which gives exactly the short batch’s step', async () => {
    const indices = [3, 1, 4];
    const padded = fixedBatch(images, labels, indices, 8);
    expect(padded.xs.shape).toEqual([8, 28, 28, 1]);
    expect(Array.from(await padded.rowWeights.data())).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from((await padded.xs.data()).subarray(3 * INPUT_PIXELS)).every((v) => v === 0)).toBe(true);
    const exact = fixedBatch(images, labels, indices, 3);

    const run = async (batch: typeof padded) => {
      const model = getModelSpec('mlp').build({ seed: 7 });
      const optimizer = train.adam(3e-3);
      const losses = [];
      for (let i = 0; i < 2; i++) {
        const loss = trainStep(model, optimizer, batch);
        losses.push((await loss.data())[0]);
        loss.dispose();
      }
      const weights = (await model.weights[0].read().data()) as Float32Array;
      model.dispose();
      optimizer.dispose();
      return { losses, weights };
    };
    const a = await run(padded);
    const b = await run(exact);
    expect(a.losses[0]).toBeCloseTo(b.losses[0], 5);
    expect(a.losses[1]).toBeCloseTo(b.losses[1], 5);
    expect(a.losses[1]).toBeLessThan(a.losses[0]);
    expect(a.weights.reduce((max, w, i) => Math.max(max, Math.abs(w - b.weights[i])), 0)).toBeLessThan(1e-6);
    expect(() => fixedBatch(images, labels, [1, 2, 3], 2)).toThrow(/do not fit/);
  });
});
