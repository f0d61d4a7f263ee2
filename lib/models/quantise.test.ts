import { io, randomUniform, type Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { setTestBackend } from '@/lib/tfjs/testing/backends';
import { artifactsToFiles, loadModelFromFiles, type ModelFiles } from './artifacts';
import { WEIGHTS_FILE } from './files';
import { BYTES_PER_VALUE, quantiseModel } from './quantise';
import { getModelSpec } from './registry';

/** Files of a model whose only content is these float32 tensors (decoding needs no topology). */
function tensorFiles(tensors: Record<string, { shape: number[]; values: ArrayLike<number> }>): ModelFiles {
  const entries = Object.entries(tensors);
  const values = Float32Array.from(entries.flatMap(([, t]) => Array.from(t.values)));
  return {
    modelJson: {
      modelTopology: {},
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: entries.map(([name, t]) => ({ name, shape: t.shape, dtype: 'float32' })) }],
    },
    weights: values.buffer,
  };
}

/** Every tensor of `files` as tfjs decodes it at load (`io.decodeWeights`, after a trip through JSON like a published file). */
function decode(files: ModelFiles): Record<string, Float32Array> {
  const specs = (JSON.parse(JSON.stringify(files.modelJson)) as io.ModelJSON).weightsManifest[0].weights;
  const tensors = io.decodeWeights(files.weights, specs);
  return Object.fromEntries(
    Object.entries(tensors).map(([name, t]) => {
      const values = t.dataSync() as Float32Array;
      t.dispose();
      return [name, values];
    }),
  );
}

const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const wave = (n: number, amplitude: number) => Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin(i * 12.9898 + 1));

/** Kernels of different ranges (one with values down in float16's subnormals), constant tensors and a scalar. */
const TENSORS = {
  kernel: { shape: [50, 20], values: wave(1000, 0.3) },
  wide: { shape: [300], values: wave(300, 40).map((v, i) => (i % 3 === 0 ? v * 1e-7 : v)) },
  zeroBias: { shape: [16], values: new Float32Array(16) },
  constant: { shape: [3], values: new Float32Array(3).fill(-0.25) },
  scalar: { shape: [], values: [0.7] },
};

async function filesOf(model: LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | null = null;
  await model.save(
    io.withSaveHandler(async (artifacts) => {
      files = artifactsToFiles(artifacts);
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return files!;
}

describe('quantiseModel', () => {
  beforeAll(() => setTestBackend('cpu'));
  const float32 = tensorFiles(TENSORS);

  it('leaves float32 as it is', () => {
    expect(quantiseModel(float32, 'float32')).toBe(float32);
  });

  it('uint8: a quarter of the bytes, per-tensor min and scale, every value decoded by tfjs within scale / 2', () => {
    const uint8 = quantiseModel(float32, 'uint8');
    expect(uint8.weights.byteLength).toBe(float32.weights.byteLength / 4);
    const decoded = decode(uint8);
    for (const spec of uint8.modelJson.weightsManifest[0].weights) {
      const { min, scale } = spec.quantization as { min: number; scale: number };
      expect(spec).toMatchObject({ dtype: 'float32', quantization: { dtype: 'uint8' } });
      const original = TENSORS[spec.name as keyof typeof TENSORS].values;
      expect(min).toBe(Math.min(...Array.from(original).map(Math.fround)));
      expect(decoded[spec.name]).toHaveLength(original.length);
      // Beyond scale / 2, only the float32 rounding of the decoded value itself.
      decoded[spec.name].forEach((v, i) => expect(Math.abs(v - original[i])).toBeLessThanOrEqual(scale / 2 + Math.abs(v) * 2 ** -23));
    }
  });

  it('uint8: a constant tensor (zero biases) gets scale 0 and decodes exactly, without NaN', () => {
    const uint8 = quantiseModel(float32, 'uint8');
    const specs = Object.fromEntries(uint8.modelJson.weightsManifest[0].weights.map((s) => [s.name, s.quantization]));
    expect(specs.zeroBias).toEqual({ dtype: 'uint8', min: 0, scale: 0 });
    expect(specs.constant).toEqual({ dtype: 'uint8', min: -0.25, scale: 0 });
    expect(specs.scalar).toEqual({ dtype: 'uint8', min: Math.fround(0.7), scale: 0 });
    const decoded = decode(uint8);
    expect(Array.from(decoded.zeroBias)).toEqual(new Array(16).fill(0));
    expect(Array.from(decoded.constant)).toEqual([-0.25, -0.25, -0.25]);
    expect(decoded.scalar[0]).toBe(Math.fround(0.7));
  });

  it('float16: half the bytes, every value decoded by tfjs within half a float16 step', () => {
    const float16 = quantiseModel(float32, 'float16');
    expect(float16.weights.byteLength).toBe(float32.weights.byteLength / 2);
    const decoded = decode(float16);
    for (const spec of float16.modelJson.weightsManifest[0].weights) {
      expect(spec.quantization).toEqual({ dtype: 'float16' });
      const original = TENSORS[spec.name as keyof typeof TENSORS].values;
      expect(decoded[spec.name]).toHaveLength(count(spec.shape));
      // Relative 2^-11 for normal halves; below 2^-14 (subnormal) the step is 2^-24.
      decoded[spec.name].forEach((v, i) => expect(Math.abs(v - original[i])).toBeLessThanOrEqual(Math.max(Math.abs(original[i]) * 2 ** -11, 2 ** -25)));
    }
  });

  it('float16: IEEE half bits, little-endian as tfjs reads them, rounded to nearest even', () => {
    const cases: [number, number, number][] = [
      // value, bits, what tfjs decodes
      [1, 0x3c00, 1],
      [-2, 0xc000, -2],
      [-0, 0x8000, -0],
      [1 / 3, 0x3555, 0.333251953125],
      [65504, 0x7bff, 65504],
      [65520, 0x7c00, Infinity],
      [1 + 2 ** -11, 0x3c00, 1],
      [1 + 3 * 2 ** -11, 0x3c02, 1 + 2 ** -9],
      [2 ** -14, 0x0400, 2 ** -14],
      [2 ** -24, 0x0001, 2 ** -24],
      [2 ** -25, 0x0000, 0],
      [3 * 2 ** -25, 0x0002, 2 ** -23],
      [2 ** -26, 0x0000, 0],
    ];
    const float16 = quantiseModel(tensorFiles({ x: { shape: [cases.length], values: cases.map(([v]) => v) } }), 'float16');
    const bytes = new Uint8Array(float16.weights);
    expect(Array.from(cases, (_, i) => bytes[2 * i] | (bytes[2 * i + 1] << 8))).toEqual(cases.map(([, bits]) => bits));
    expect(Array.from(decode(float16).x)).toEqual(cases.map(([, , decoded]) => decoded));
  });

  it('refuses what it cannot write: several manifest groups, weights that do not match the specs', () => {
    const twoGroups = { ...float32, modelJson: { ...float32.modelJson, weightsManifest: [...float32.modelJson.weightsManifest, ...float32.modelJson.weightsManifest] } };
    expect(() => quantiseModel(twoGroups, 'uint8')).toThrow(/one weights-manifest group/);
    expect(() => quantiseModel({ ...float32, weights: float32.weights.slice(4) }, 'float16')).toThrow(/weight bytes/);
  });

  it('a real model, quantised, loads with loadModelFromFiles and predicts close to float32', async () => {
    const model = getModelSpec('cnn').build({ seed: 1 });
    const files = await filesOf(model);
    const x = randomUniform([16, 28, 28, 1], 0, 1, 'float32', 2);
    const probabilities = (m: LayersModel) => {
      const y = m.predict(x) as Tensor;
      const values = y.dataSync() as Float32Array;
      y.dispose();
      return values;
    };
    const want = probabilities(model);
    for (const [precision, tolerance] of [
      ['float16', 5e-4],
      ['uint8', 1e-2],
    ] as const) {
      const quantised = quantiseModel(files, precision);
      expect(quantised.weights.byteLength).toBe(getModelSpec('cnn').params * BYTES_PER_VALUE[precision]);
      const json = JSON.parse(JSON.stringify(quantised.modelJson)) as io.ModelJSON;
      const loaded = await loadModelFromFiles(json, [quantised.weights]);
      const worst = probabilities(loaded).reduce((max, v, i) => Math.max(max, Math.abs(v - want[i])), 0);
      expect(worst, precision).toBeLessThan(tolerance);
      loaded.dispose();
    }
    x.dispose();
    model.dispose();
  });
});
