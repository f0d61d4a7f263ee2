import { shuffledIndices } from '@/lib/random/prng';
import type { Hyperparameters } from './recipe';

/** Optimiser steps in one epoch over `trainImages` images (the last batch may be partial). */
export function stepsPerEpoch(trainImages: number, batchSize: number): number {
  return Math.ceil(trainImages / batchSize);
}

/** The recipe's learning rate during `epoch` (0-based): the first epoch's rate × decay per epoch. */
export function learningRateForEpoch(hp: Pick<Hyperparameters, 'learningRate' | 'learningRateDecayPerEpoch'>, epoch: number): number {
  return hp.learningRate * hp.learningRateDecayPerEpoch ** epoch;
}

/**
 * One epoch's batches: a fresh seeded shuffle of 0…trainImages−1 drawn from `random`, cut into
 * `batchSize` slices (the last one partial). Node's `fit` and the browser's race both take their
 * data order from here, so the same seed gives the same batches in the same order everywhere.
 */
export function epochBatches(trainImages: number, batchSize: number, random: () => number): Uint32Array[] {
  const order = shuffledIndices(trainImages, random);
  const batches: Uint32Array[] = [];
  for (let start = 0; start < order.length; start += batchSize)
    batches.push(order.subarray(start, Math.min(start + batchSize, order.length)));
  return batches;
}
