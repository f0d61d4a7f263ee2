import { beforeAll, describe, expect, it } from 'vitest';
import { memory, randomNormal, randomUniform, relu, setBackend, tidy, type Tensor2D, type Tensor3D, type Tensor4D } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { locallyConnected2d, validOutputSize } from '@/lib/models/locally-connected-op';
import { nodeWasmPaths } from '../test-fixtures';
import { locallyConnectedForward, prepareLocallyConnected } from './locally-connected';
import { registerWasmKernels } from './wasm';

const CASES = [
  { name: 'LCN layer 1 (28×28×1 → 24×24×16)', inH: 28, inW: 28, inC: 1, k: 5, s: 1, filters: 16, kernelOnWasm: true },
  { name: 'LCN layer 2 (12×12×16 → 8×8×32)', inH: 12, inW: 12, inC: 16, k: 5, s: 1, filters: 32, kernelOnWasm: true },
  { name: 'strided, non-square, 24 filters (11×9×3, 3×3, stride 2)', inH: 11, inW: 9, inC: 3, k: 3, s: 2, filters: 24, kernelOnWasm: true },
  { name: 'filters not a multiple of 8 (wasm takes the depthwise path)', inH: 11, inW: 9, inC: 3, k: 3, s: 2, filters: 4, kernelOnWasm: false },
];

/** 9 = two of the wasm kernel's 4-image blocks and one image on its own (its 16- and 8-filter passes). */
const BATCH = 9;

describe.each(['cpu', 'wasm'] as const)('inference LC kernel on %s', (backend) => {
  beforeAll(async () => {
    if (backend === 'wasm') {
      setWasmPaths(nodeWasmPaths());
      await import('@tensorflow/tfjs-backend-wasm');
      registerWasmKernels();
    }
    expect(await setBackend(backend)).toBe(true);
  });

  it.each(CASES)('equals the composite op (+ ReLU) to 1e-5: $name', ({ inH, inW, inC, k, s, filters, kernelOnWasm }) => {
    const outH = validOutputSize(inH, k, s);
    const outW = validOutputSize(inW, k, s);
    const geometry = { kernelSize: [k, k] as const, strides: [s, s] as const, outShape: [outH, outW] as const };
    const before = memory().numTensors;
    const [path, fast, reference] = tidy(() => {
      // Magnitudes of the trained LCN: inputs in [0, 1], Glorot-sized weights.
      const x = randomUniform([BATCH, inH, inW, inC], 0, 1, 'float32', 1) as Tensor4D;
      const kernel = randomNormal([outH * outW, k * k * inC, filters], 0, 0.1, 'float32', 2) as Tensor3D;
      const bias = randomNormal([outH * outW, filters], 0, 0.1, 'float32', 3) as Tensor2D;
      const prepared = prepareLocallyConnected(kernel, bias, geometry, [inH, inW, inC], 'relu');
      const y = locallyConnectedForward(x, prepared);
      prepared.owned.forEach((t) => t.dispose());
      return [prepared.path, y.dataSync(), relu(locallyConnected2d(x, kernel, bias, geometry)).dataSync()] as const;
    });
    expect(path).toBe(backend === 'wasm' && kernelOnWasm ? 'kernel' : 'depthwise');
    expect(memory().numTensors).toBe(before);
    expect(fast.length).toBe(BATCH * outH * outW * filters);
    let maxDiff = 0;
    for (let i = 0; i < fast.length; i++) maxDiff = Math.max(maxDiff, Math.abs(fast[i] - reference[i]));
    expect(maxDiff).toBeLessThan(1e-5);
  });
});
