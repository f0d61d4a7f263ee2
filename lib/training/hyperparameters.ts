/** Everything that defines a training run; identical for every model so they stay comparable. */
export interface Hyperparameters {
  optimizer: 'adam';
  /** Adam learning rate of the first epoch. */
  learningRate: number;
  /** Multiplies the learning rate after every epoch (step decay). */
  learningRateDecayPerEpoch: number;
  batchSize: number;
  epochs: number;
  /** Seed of the weight initialisers and of the data order. */
  seed: number;
  /** Training images used (the first `trainImages` of the 60,000). */
  trainImages: number;
  loss: 'categoricalCrossentropy';
  /** Input normalisation. */
  normalisation: 'pixel/255';
  /** The training curve is sampled every this many optimiser steps. */
  curveEvery: number;
  /** …on this many test images (the first ones of the test set). */
  curveTestImages: number;
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
