import { NUM_CLASSES } from '@/lib/digits/constants';
import { shiftGridOffsets } from '@/lib/digits/shift';
import type { Card, ModelCard } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import { getModelSpec } from '@/lib/models/registry';

/** A plausible card for tests: the CNN holds up better under shifts and learns faster, like the real models. */
export function fakeCard(ids: readonly ModelId[] = ['cnn', 'lcn']): Card {
  return { version: 1, generatedAt: '2026-11-28T00:00:00.000Z', definitions: {}, models: ids.map(fakeModelCard) };
}

function fakeModelCard(id: ModelId): ModelCard {
  const spec = getModelSpec(id);
  const shared = spec.weightSharing;
  const falloff = shared ? 0.08 : 0.12;
  const testAccuracy = shared ? 0.9912 : 0.9874;
  const trainAccuracy = shared ? 0.9961 : 0.9993;
  return {
    id,
    name: spec.name,
    description: `${id} test model`,
    weightSharing: shared,
    factors: spec.factors,
    params: spec.params,
    weightBytes: spec.params * 4,
    training: {
      hyperparameters: {
        optimizer: 'adam',
        learningRate: 0.001,
        learningRateDecayPerEpoch: 1,
        batchSize: 64,
        epochs: 2,
        seed: 1,
        trainImages: 60_000,
        loss: 'categoricalCrossentropy',
        normalisation: 'pixels / 255',
        curveEvery: 100,
        curveTestImages: 1000,
      },
      steps: 1000,
      samplesPerSecond: shared ? 335 : 97,
      wallSeconds: 100,
      backend: 'wasm',
      date: '2026-11-28',
      curve: Array.from({ length: 11 }, (_, i) => {
        const step = i * 100;
        const accuracy = 0.1 + (testAccuracy - 0.1) * (1 - Math.exp(-step / (shared ? 120 : 220)));
        return { step, epoch: step / 500, trainLoss: i === 0 ? null : 2.3 * (1 - accuracy), testLoss: 2.3 * (1 - accuracy), testAccuracy: accuracy };
      }),
    },
    testAccuracy,
    trainAccuracy,
    generalisationGap: trainAccuracy - testAccuracy,
    perClassAccuracy: Array.from({ length: NUM_CLASSES }, (_, digit) => testAccuracy - digit * 0.001),
    confusion: Array.from({ length: NUM_CLASSES }, (_, t) => Array.from({ length: NUM_CLASSES }, (_, p) => (t === p ? 990 : 1))),
    shiftGrid: shiftGridOffsets().map(({ dx, dy }) => Math.max(0.1, testAccuracy - falloff * Math.max(Math.abs(dx), Math.abs(dy)) ** 1.3)),
    shiftGridImages: 10_000,
    consistency: [1, 2, 3, 4].map((shiftPx) => ({ shiftPx, rate: 1 - (shared ? 0.01 : 0.02) * shiftPx ** 1.5 })),
    evaluationSeconds: 60,
  };
}
