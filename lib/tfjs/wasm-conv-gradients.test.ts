import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { conv2d, grads, memory, mul, randomNormal, setBackend, sum, type Tensor, type Tensor4D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { setupNodeWasm } from './node-wasm';

/** Gradients of Σ conv2d(x, w) · dy with respect to x and w, as plain arrays. */
function convGradients(strides: number): Float32Array[] {
  const x = randomNormal([3, 12, 11, 4], 0, 1, 'float32', 1) as Tensor4D;
  const w = randomNormal([5, 4, 4, 6], 0, 1, 'float32', 2) as Tensor4D;
  const out = conv2d(x, w, strides, 'valid');
  const dy = randomNormal(out.shape, 0, 1, 'float32', 3);
  const [gx, gw] = grads((a: Tensor, b: Tensor) => sum(mul(conv2d(a as Tensor4D, b as Tensor4D, strides, 'valid'), dy)))([x, w]);
  const values = [gx, gw].map((g) => g.dataSync() as Float32Array);
  [x, w, out, dy, gx, gw].forEach((t) => t.dispose());
  return values;
}

function maxRelativeError(a: Float32Array, b: Float32Array): number {
  const scale = Math.max(...a.map(Math.abs));
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]))) / scale;
}

describe('wasm convolution gradients', () => {
  it.each([1, 2])('match the cpu backend at stride %i (fast path at 1, general route at 2), without leaks', async (strides) => {
    await setBackend('cpu');
    const [cpuDx, cpuDw] = convGradients(strides);
    await setupNodeWasm();
    const before = memory().numTensors;
    const [wasmDx, wasmDw] = convGradients(strides);
    expect(memory().numTensors).toBe(before);
    expect(maxRelativeError(cpuDx, wasmDx)).toBeLessThan(1e-5);
    expect(maxRelativeError(cpuDw, wasmDw)).toBeLessThan(1e-5);
  });
});
