import {
  add,
  grads,
  matMul,
  memory,
  mul,
  randomNormal,
  reshape,
  slice,
  stack,
  sum,
  tensor,
  tidy,
  type Tensor,
  type Tensor2D,
  type Tensor3D,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
// Registers the gradients of conv2d, transpose, … (tfjs-layers does this in the app).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';
import { locallyConnected2d, validOutputSize } from './locally-connected-op';
import { setTestBackend, TEST_BACKENDS } from '@/lib/tfjs/testing/backends';

interface Case {
  batch: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  filters: number;
  sh: number;
  sw: number;
}

const CASES: Case[] = [
  { batch: 2, h: 6, w: 6, c: 1, kh: 3, kw: 3, filters: 2, sh: 1, sw: 1 },
  { batch: 3, h: 7, w: 5, c: 3, kh: 2, kw: 3, filters: 4, sh: 1, sw: 1 },
  { batch: 1, h: 12, w: 12, c: 16, kh: 5, kw: 5, filters: 8, sh: 1, sw: 1 },
  { batch: 2, h: 9, w: 8, c: 2, kh: 3, kw: 2, filters: 3, sh: 2, sw: 3 },
  { batch: 4, h: 10, w: 10, c: 4, kh: 1, kw: 1, filters: 5, sh: 1, sw: 1 },
];

function geometry(k: Case) {
  const outShape = [validOutputSize(k.h, k.kh, k.sh), validOutputSize(k.w, k.kw, k.sw)] as const;
  return { kernelSize: [k.kh, k.kw] as const, strides: [k.sh, k.sw] as const, outShape };
}

/** Nested-loop reference straight from the definition. */
function naive(x: Float32Array, kernel: Float32Array, bias: Float32Array, k: Case): Float32Array {
  const { outShape: [oh, ow] } = geometry(k);
  const K = k.kh * k.kw * k.c;
  const out = new Float32Array(k.batch * oh * ow * k.filters);
  for (let b = 0; b < k.batch; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++) {
        const p = oy * ow + ox;
        for (let f = 0; f < k.filters; f++) {
          let acc = bias[p * k.filters + f];
          for (let i = 0; i < k.kh; i++)
            for (let j = 0; j < k.kw; j++)
              for (let c = 0; c < k.c; c++) {
                const px = x[((b * k.h + oy * k.sh + i) * k.w + ox * k.sw + j) * k.c + c];
                acc += px * kernel[(p * K + (i * k.kw + j) * k.c + c) * k.filters + f];
              }
          out[((b * oh + oy) * ow + ox) * k.filters + f] = acc;
        }
      }
  return out;
}

/** Differentiable reference from plain ops (slice + matMul per position), for gradient checks. */
function sliceReference(x: Tensor4D, kernel: Tensor3D, bias: Tensor2D, k: Case): Tensor {
  const { outShape: [oh, ow] } = geometry(k);
  const K = k.kh * k.kw * k.c;
  const rows: Tensor[] = [];
  for (let oy = 0; oy < oh; oy++)
    for (let ox = 0; ox < ow; ox++) {
      const p = oy * ow + ox;
      const patch = reshape(slice(x, [0, oy * k.sh, ox * k.sw, 0], [k.batch, k.kh, k.kw, k.c]), [k.batch, K]);
      const w = reshape(slice(kernel, [p, 0, 0], [1, K, k.filters]), [K, k.filters]);
      rows.push(add(matMul(patch, w), slice(bias, [p, 0], [1, k.filters])));
    }
  return reshape(stack(rows, 1), [k.batch, oh, ow, k.filters]);
}

function randomInputs(k: Case) {
  const { outShape: [oh, ow] } = geometry(k);
  const P = oh * ow;
  const K = k.kh * k.kw * k.c;
  return {
    x: randomNormal([k.batch, k.h, k.w, k.c], 0, 1, 'float32', 1) as Tensor4D,
    // Scaled like a real initialisation so outputs are O(1) and 1e-5 is a meaningful bound.
    kernel: randomNormal([P, K, k.filters], 0, 1 / Math.sqrt(K), 'float32', 2) as Tensor3D,
    bias: randomNormal([P, k.filters], 0, 1, 'float32', 3) as Tensor2D,
  };
}

describe.each(TEST_BACKENDS)('locallyConnected2d on %s', (backend) => {
  it.each(CASES)('matches the nested-loop reference for %o', async (k) => {
    await setTestBackend(backend);
    const { x, kernel, bias } = randomInputs(k);
    const y = locallyConnected2d(x, kernel, bias, geometry(k));
    const expected = naive(x.dataSync() as Float32Array, kernel.dataSync() as Float32Array, bias.dataSync() as Float32Array, k);
    const [, oh, ow] = y.shape;
    expect([oh, ow]).toEqual(geometry(k).outShape);
    const actual = y.dataSync();
    let maxErr = 0;
    for (let i = 0; i < expected.length; i++) maxErr = Math.max(maxErr, Math.abs(actual[i] - expected[i]));
    expect(maxErr).toBeLessThan(1e-5);
    [x, kernel, bias, y].forEach((t) => t.dispose());
  });

  it.each([CASES[0], CASES[1], CASES[3]])('has the gradients of the plain-op reference for %o', async (k) => {
    await setTestBackend(backend);
    const { x, kernel, bias } = randomInputs(k);
    const { outShape: [oh, ow] } = geometry(k);
    const weights = randomNormal([k.batch, oh, ow, k.filters], 0, 1, 'float32', 4);
    const lossOf = (f: (a: Tensor4D, b: Tensor3D, c: Tensor2D) => Tensor) => (a: Tensor, b: Tensor, c: Tensor) =>
      sum(mul(f(a as Tensor4D, b as Tensor3D, c as Tensor2D), weights));
    const got = grads(lossOf((a, b, c) => locallyConnected2d(a, b, c, geometry(k))))([x, kernel, bias]);
    const want = grads(lossOf((a, b, c) => sliceReference(a, b, c, k)))([x, kernel, bias]);
    got.forEach((g, i) => {
      const a = g.dataSync();
      const b = want[i].dataSync();
      expect(g.shape).toEqual(want[i].shape);
      for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-4 * Math.max(1, Math.abs(b[j])));
    });
    [x, kernel, bias, weights, ...got, ...want].forEach((t) => t.dispose());
  });

  it('leaks no tensors, forward and backward', async () => {
    await setTestBackend(backend);
    const k = CASES[2];
    const { x, kernel, bias } = randomInputs(k);
    const before = memory().numTensors;
    const y = locallyConnected2d(x, kernel, null, geometry(k));
    y.dispose();
    const g = grads((a: Tensor, b: Tensor) => sum(locallyConnected2d(a as Tensor4D, b as Tensor3D, null, geometry(k))))([x, kernel]);
    g.forEach((t) => t.dispose());
    expect(memory().numTensors).toBe(before);
    [x, kernel, bias].forEach((t) => t.dispose());
  });

  it('rejects a kernel of the wrong shape with a clear message', async () => {
    await setTestBackend(backend);
    tidy(() => {
      const x = tensor(new Float32Array(36), [1, 6, 6, 1]) as Tensor4D;
      const kernel = tensor(new Float32Array(16 * 8), [16, 8, 1]) as Tensor3D;
      expect(() => locallyConnected2d(x, kernel, null, { kernelSize: [3, 3], strides: [1, 1], outShape: [4, 4] })).toThrow(
        /kernel shape \[16,8,1\] should be \[16, 9, filters\]/,
      );
    });
  });
});
