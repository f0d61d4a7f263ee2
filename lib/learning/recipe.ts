import type { CardHyperparameters } from '@/lib/models/card';

/** Everything that defines a training run; identical for every model so they stay comparable. */
export interface Hyperparameters extends CardHyperparameters {
  optimizer: 'adam';
  /** Initialiser of every weight matrix (biases start at zero). */
  initializer: 'heNormal';
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

/**
 * The zoo's one recipe (`npm run train`). Learning rate, initialiser, decay and epochs were chosen on
 * a validation split (the last 10,000 training images), never the test set; README "The recipe".
 */
export const DEFAULT_HYPERPARAMETERS: Hyperparameters = {
  optimizer: 'adam',
  initializer: 'heNormal',
  learningRate: 3e-3,
  learningRateDecayPerEpoch: 0.85,
  batchSize: 64,
  epochs: 10,
  seed: 42,
  trainImages: 60_000,
  loss: 'categoricalCrossentropy',
  normalisation: 'pixel/255',
  curveEvery: 200,
  curveTestImages: 1_000,
};
