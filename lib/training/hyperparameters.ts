import type { CardHyperparameters } from '@/lib/models/card';

/** Everything that defines a training run; identical for every model so they stay comparable. */
export interface Hyperparameters extends CardHyperparameters {
  optimizer: 'adam';
  /** Adam learning rate of the first epoch; multiplied by `learningRateDecayPerEpoch` after every epoch. */
  learningRate: number;
  /** Seed of the weight initialisers and of the data order. */
  seed: number;
  /** Training images used (the first `trainImages` of the 60,000). */
  trainImages: number;
  loss: 'categoricalCrossentropy';
  normalisation: 'pixel/255';
  /** The training curve is sampled every this many optimiser steps, on the first `curveTestImages` test images. */
  curveEvery: number;
}

/** Defaults of `npm run train`, chosen so both models clear their accuracy bars in the time budget. */
export const DEFAULT_HYPERPARAMETERS: Hyperparameters = {
  optimizer: 'adam',
  learningRate: 1e-3,
  learningRateDecayPerEpoch: 0.7,
  batchSize: 64,
  epochs: 5,
  seed: 42,
  trainImages: 60_000,
  loss: 'categoricalCrossentropy',
  normalisation: 'pixel/255',
  curveEvery: 200,
  curveTestImages: 1_000,
};
