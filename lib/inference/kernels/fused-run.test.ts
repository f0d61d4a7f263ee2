import { beforeAll, describe, expect, it } from 'vitest';
import {
  add,
  backend,
  conv2d,
  matMul,
  maxPool,
  memory,
  randomNormal,
  randomUniform,
  relu,
  reshape,
  softmax,
  tidy,
  type Tensor,
  type Tensor2D,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import { setTestBackend } from '@/lib/tfjs/testing/backends';
import { fusedRunForward, fusedShapes, fusedStageSupported, type FusedStage } from './fused-run';
import { registerWasmKernels } from './wasm';

registerWasmKernels();

type Activation = 'linear' | 'relu' | 'softmax';

function activate(y: Tensor, activation: Activation): Tensor {
  return activation === 'relu' ? relu(y) : activation === 'softmax' ? softmax(y) : y;
}

/** The same stages as tfjs ops: conv2d + bias, activation, max-pool; reshape; matMul + bias, activation. */
function referenceForward(x: Tensor, stages: FusedStage[], weights: Tensor[][]): Tensor {
  return stages.reduce((y, stage, i) => {
    const [w, b] = weights[i];
    switch (stage.kind) {
      case 'convPool':
        return maxPool(
          activate(add(conv2d(y as Tensor4D, w as Tensor4D, 1, 'valid'), b), stage.activation) as Tensor4D,
          stage.pool,
          stage.pool,
          'valid',
        );
      case 'flatten':
        return reshape(y, [y.shape[0], -1]);
      case 'dense':
        return activate(add(matMul(y as Tensor2D, w as Tensor2D), b), stage.activation);
    }
  }, x);
}

/** Glorot-sized random weights for `stages` (seeded). */
function weightsFor(stages: FusedStage[]): Tensor[][] {
  return stages.map((stage, i) => {
    if (stage.kind === 'flatten') return [];
    const [shape, units] =
      stage.kind === 'convPool'
        ? [[stage.kh, stage.kw, stage.inC, stage.filters], stage.filters]
        : [[stage.inSize, stage.units], stage.units];
    return [randomNormal(shape, 0, 0.2, 'float32', 10 + i), randomNormal([units], 0, 0.1, 'float32', 20 + i)];
  });
}

const conv = (kh: number, kw: number, inC: number, filters: number, activation: 'linear' | 'relu' = 'relu'): FusedStage => ({
  kind: 'convPool',
  kh,
  kw,
  inC,
  filters,
  pool: 2,
  activation,
});
const dense = (inSize: number, units: number, activation: Activation): FusedStage => ({ kind: 'dense', inSize, units, activation });
const flatten: FusedStage = { kind: 'flatten' };

const CASES: { name: string; input: [number, number, number]; stages: FusedStage[] }[] = [
  {
    name: 'the CNN (28×28×1: conv 5×5×16, pool, conv 5×5×32, pool, flatten, dense 10 softmax)',
    input: [28, 28, 1],
    stages: [conv(5, 5, 1, 16), conv(5, 5, 16, 32), flatten, dense(512, 10, 'softmax')],
  },
  {
    name: 'one stage with odd conv sides (13×12×3, 3×2 kernel → 11×11, pooled 5×5), linear',
    input: [13, 12, 3],
    stages: [conv(3, 2, 3, 8, 'linear')],
  },
  {
    name: '9×9×2: a stage (7×7 → 3×3), then two dense layers (13 units: the 8-, 4- and 1-wide passes; then 3)',
    input: [9, 9, 2],
    stages: [conv(3, 3, 2, 24), flatten, dense(216, 13, 'relu'), dense(13, 3, 'linear')],
  },
  { name: 'flatten and dense only (the LCN head)', input: [4, 4, 32], stages: [flatten, dense(512, 10, 'softmax')] },
];

describe('the wasm fused-run kernel', () => {
  beforeAll(() => setTestBackend('wasm'));

  it.each(CASES)('equals tfjs ops to 1e-5, one image and a batch, and frees its intermediates: $name', ({ input, stages }) => {
    for (const batch of [1, 5]) {
      const tensorsBefore = memory().numTensors;
      const dataBefore = backend().numDataIds();
      const [fast, reference, shape] = tidy(() => {
        const x = randomUniform([batch, ...input], 0, 1, 'float32', batch);
        const weights = weightsFor(stages);
        const y = fusedRunForward(x, stages, weights);
        return [y.dataSync(), referenceForward(x, stages, weights).dataSync(), y.shape] as const;
      });
      expect(shape).toEqual(fusedShapes([batch, ...input], stages).at(-1));
      expect(fast.length).toBe(reference.length);
      let maxDiff = 0;
      for (let i = 0; i < fast.length; i++) maxDiff = Math.max(maxDiff, Math.abs(fast[i] - reference[i]));
      expect(maxDiff).toBeLessThan(1e-5);
      expect(memory().numTensors).toBe(tensorsBefore);
      expect(backend().numDataIds()).toBe(dataBefore);
    }
  });

  it('takes convolution stages only where its register blocks fit (2 × 2 pool, filters in eights)', () => {
    expect(fusedStageSupported(conv(5, 5, 1, 16))).toBe(true);
    expect(fusedStageSupported(conv(5, 5, 1, 12))).toBe(false);
    expect(fusedStageSupported({ kind: 'convPool', kh: 5, kw: 5, inC: 1, filters: 16, pool: 3, activation: 'relu' })).toBe(false);
    expect(fusedStageSupported(dense(7, 3, 'linear'))).toBe(true);
  });

  it('refuses an input that does not fit instead of reading past it', () => {
    const stages = [conv(5, 5, 1, 16)];
    tidy(() => {
      const weights = weightsFor(stages);
      expect(() => fusedRunForward(randomUniform([1, 28, 28, 3]), stages, weights)).toThrow(
        'expects [batch, ≥6, ≥6, 1], got [1, 28, 28, 3]',
      );
      expect(() => fusedRunForward(randomUniform([1, 5, 28, 1]), stages, weights)).toThrow('got [1, 5, 28, 1]');
    });
  });
});

describe('fusedShapes', () => {
  it('follows the shapes through every stage', () => {
    expect(fusedShapes([7, 28, 28, 1], CASES[0].stages)).toEqual([
      [7, 12, 12, 16],
      [7, 4, 4, 32],
      [7, 512],
      [7, 10],
    ]);
  });

  it('names the stage that does not fit', () => {
    expect(() => fusedShapes([1, 28, 28, 1], [flatten, dense(700, 10, 'linear')])).toThrow(
      'fused stage 1 (dense) expects [batch, 700], got [1, 784]',
    );
    expect(() => fusedShapes([1, 784], [conv(5, 5, 1, 8)])).toThrow('fused stage 0 (convPool)');
  });
});

describe('on backends without the kernel', () => {
  beforeAll(() => setTestBackend('cpu'));

  it('no stage is supported, so plans keep their tfjs ops', () => {
    expect(fusedStageSupported(conv(5, 5, 1, 16))).toBe(false);
    expect(fusedStageSupported(dense(512, 10, 'softmax'))).toBe(false);
  });
});
