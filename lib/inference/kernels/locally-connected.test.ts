import { beforeAll, describe, expect, it } from 'vitest';
import { memory, randomNormal, randomUniform, relu, tidy, zeros, type Tensor2D, type Tensor3D, type Tensor4D } from '@tensorflow/tfjs-core';
import { locallyConnected2d, validOutputSize } from '@/lib/models/locally-connected-op';
import { setTestBackend, TEST_BACKENDS } from '@/lib/tfjs/testing/backends';
import { locallyConnectedForward, prepareLocallyConnected } from './locally-connected';
import { registerWasmKernels } from './wasm';

const GEOMETRIES = [
  { name: 'LCN layer 1 (28×28×1 → 24×24×16)', inH: 28, inW: 28, inC: 1, kh: 5, kw: 5, sh: 1, sw: 1, filters: 16, kernelOnWasm: true },
  { name: 'LCN layer 2 (12×12×16 → 8×8×32)', inH: 12, inW: 12, inC: 16, kh: 5, kw: 5, sh: 1, sw: 1, filters: 32, kernelOnWasm: true },
  {
    name: '11×9×3, 3×2 kernel, strides 2×1, 24 filters',
    inH: 11,
    inW: 9,
    inC: 3,
    kh: 3,
    kw: 2,
    sh: 2,
    sw: 1,
    filters: 24,
    kernelOnWasm: true,
  },
  {
    name: 'filters not a multiple of 8 (wasm takes the depthwise path)',
    inH: 11,
    inW: 9,
    inC: 3,
    kh: 3,
    kw: 3,
    sh: 2,
    sw: 2,
    filters: 4,
    kernelOnWasm: false,
  },
];
const CASES = GEOMETRIES.flatMap((g) => (['relu', 'linear'] as const).map((activation) => ({ ...g, activation })));

/** 9 = two of the wasm kernel's 4-image blocks and one image on its own (its 16- and 8-filter passes). */
const BATCH = 9;

// The wasm kernel is registered before any layer is prepared, as the engine's backend loader does.
registerWasmKernels();

describe.each(TEST_BACKENDS)('inference LC kernel on %s', (backend) => {
  beforeAll(() => setTestBackend(backend));

  it.each(CASES)(
    'equals the composite op to 1e-5: $name, $activation',
    ({ inH, inW, inC, kh, kw, sh, sw, filters, kernelOnWasm, activation }) => {
      const outH = validOutputSize(inH, kh, sh);
      const outW = validOutputSize(inW, kw, sw);
      const geometry = { kernelSize: [kh, kw] as const, strides: [sh, sw] as const, outShape: [outH, outW] as const };
      const before = memory().numTensors;
      const [path, fast, reference] = tidy(() => {
        // Magnitudes of the trained LCN: inputs in [0, 1], Glorot-sized weights.
        const x = randomUniform([BATCH, inH, inW, inC], 0, 1, 'float32', 1) as Tensor4D;
        const kernel = randomNormal([outH * outW, kh * kw * inC, filters], 0, 0.1, 'float32', 2) as Tensor3D;
        const bias = randomNormal([outH * outW, filters], 0, 0.1, 'float32', 3) as Tensor2D;
        const prepared = prepareLocallyConnected(kernel, bias, geometry, [inH, inW, inC], activation);
        const y = locallyConnectedForward(x, prepared);
        prepared.owned.forEach((t) => t.dispose());
        const reference = locallyConnected2d(x, kernel, bias, geometry);
        return [prepared.path, y.dataSync(), (activation === 'relu' ? relu(reference) : reference).dataSync()] as const;
      });
      expect(path).toBe(backend === 'wasm' && kernelOnWasm ? 'kernel' : 'depthwise');
      expect(memory().numTensors).toBe(before);
      expect(fast.length).toBe(BATCH * outH * outW * filters);
      let maxDiff = 0;
      for (let i = 0; i < fast.length; i++) maxDiff = Math.max(maxDiff, Math.abs(fast[i] - reference[i]));
      expect(maxDiff).toBeLessThan(1e-5);
    },
  );
});

describe('the wasm LC kernel', () => {
  beforeAll(() => setTestBackend('wasm'));

  it('refuses an input of another shape instead of reading past it', () => {
    const geometry = { kernelSize: [5, 5] as const, strides: [1, 1] as const, outShape: [8, 8] as const };
    const before = memory().numTensors;
    tidy(() => {
      const prepared = prepareLocallyConnected(
        zeros([64, 400, 32]) as Tensor3D,
        zeros([64, 32]) as Tensor2D,
        geometry,
        [12, 12, 16],
        'relu',
      );
      expect(prepared.path).toBe('kernel');
      expect(() => locallyConnectedForward(zeros([1, 10, 10, 16]) as Tensor4D, prepared)).toThrow(
        'expects [batch, 12, 12, 16], got [1, 10, 10, 16]',
      );
      prepared.owned.forEach((t) => t.dispose());
    });
    expect(memory().numTensors).toBe(before);
  });
});
