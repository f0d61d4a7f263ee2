import { randomUniform, type Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { INPUT_SIZE, NUM_CLASSES } from '@/lib/digits/constants';
import { MODEL_IDS } from './ids';
import { getModelSpec, MODEL_SPECS } from './registry';
import { setTestBackend } from '@/lib/tfjs/testing/backends';

describe('model registry', () => {
  it('has one spec per model id, in id order', () => {
    expect(MODEL_SPECS.map((s) => s.id)).toEqual([...MODEL_IDS]);
    expect(getModelSpec('lcn').weightSharing).toBe(false);
  });

  it.each(MODEL_SPECS.map((s) => [s.id, s] as const))('%s builds with the documented parameter count and a softmax over 10 digits', async (_, spec) => {
    await setTestBackend('cpu');
    const model = spec.build({ seed: 3 });
    expect(model.countParams()).toBe(spec.params);
    const x = randomUniform([2, INPUT_SIZE, INPUT_SIZE, 1]);
    const y = model.predict(x) as Tensor;
    expect(y.shape).toEqual([2, NUM_CLASSES]);
    const rowSums = Array.from(y.dataSync()).reduce((s, v, i) => ((s[Math.floor(i / NUM_CLASSES)] += v), s), [0, 0]);
    rowSums.forEach((s) => expect(s).toBeCloseTo(1, 5));
    [x, y].forEach((t) => t.dispose());
    model.dispose();
  });

  it('the same seed gives the same initial weights, another seed different ones', async () => {
    await setTestBackend('cpu');
    const weightsOf = (seed: number) => {
      const model = getModelSpec('lcn').build({ seed });
      const values = model.getWeights().map((w) => Array.from(w.dataSync().subarray(0, 50)));
      model.dispose();
      return values;
    };
    expect(weightsOf(1)).toEqual(weightsOf(1));
    expect(weightsOf(1)).not.toEqual(weightsOf(2));
  });

  it('LCN and CNN start from the same weight scale (He normal with the fans of the equivalent convolution)', async () => {
    await setTestBackend('cpu');
    const secondStage = (id: 'cnn' | 'lcn') => {
      const model = getModelSpec(id).build({ seed: 5 });
      const values = Array.from(model.getWeights()[2].dataSync());
      model.dispose();
      const sd = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
      return { sd, max: values.reduce((a, v) => Math.max(a, Math.abs(v)), 0) };
    };
    // Second feature layer: fan-in 5·5·16 = 400, σ = √(2/400) ≈ 0.0707, truncated at 2σ (sd ≈ 0.88σ).
    const sigma = Math.sqrt(2 / 400);
    for (const { sd, max } of [secondStage('cnn'), secondStage('lcn')]) {
      expect(sd).toBeGreaterThan(0.85 * sigma);
      expect(sd).toBeLessThan(0.91 * sigma);
      expect(max).toBeLessThanOrEqual(2 * sigma + 1e-6);
    }
  });
});
