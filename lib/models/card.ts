import { SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import type { ModelId } from './ids';
import { isWeightPrecision, type PrecisionMeasurement, type WeightPrecision } from './precision';
import type { ModelFactors } from './registry';

/** One sample of the training curve (fixed steps, fixed test subset, so models compare step by step). */
export interface CurvePoint {
  /** Optimiser steps taken so far. */
  step: number;
  /** step / steps per epoch. */
  epoch: number;
  /** Mean training loss over the steps since the previous point; null at step 0. */
  trainLoss: number | null;
  /** Cross-entropy on the curve's test subset. */
  testLoss: number;
  /** Accuracy (0–1) on the curve's test subset. */
  testAccuracy: number;
}

/** Hyperparameters of a run, shared by all models of a card (lib/training/hyperparameters.ts documents each). */
export interface CardHyperparameters {
  optimizer: string;
  /** Absent in cards written before the zoo's recipe (Glorot uniform). */
  initializer?: string;
  learningRate: number;
  learningRateDecayPerEpoch: number;
  batchSize: number;
  epochs: number;
  seed: number;
  trainImages: number;
  loss: string;
  normalisation: string;
  curveEvery: number;
  curveTestImages: number;
}

/** How a model was trained: written by `npm run train`, copied into the card. */
export interface TrainingSummary {
  hyperparameters: CardHyperparameters;
  /** Optimiser steps taken. */
  steps: number;
  /** Training throughput on the machine that trained it (wasm backend, one process per model). */
  samplesPerSecond: number;
  /** Wall time of training including curve sampling, seconds. */
  wallSeconds: number;
  backend: string;
  /** Largest random shift of the training images, px (0 or absent: centred digits only). */
  trainShift?: number;
  /** ISO date the training finished. */
  date: string;
  curve: CurvePoint[];
}

/** Everything measured about one trained model. Accuracies are fractions in [0, 1]. */
export interface ModelCard {
  id: ModelId;
  name: string;
  description: string;
  weightSharing: boolean;
  /** Where the model sits in the zoo's design (connectivity × head × training shift). */
  factors: ModelFactors;
  params: number;
  /** Size of the weights file, bytes (float32). */
  weightBytes: number;
  training: TrainingSummary;
  /** Accuracy on all 10,000 test images. */
  testAccuracy: number;
  /** Accuracy on the training images used for training. */
  trainAccuracy: number;
  /** trainAccuracy − testAccuracy. */
  generalisationGap: number;
  /** Test accuracy of each digit 0–9. */
  perClassAccuracy: number[];
  /** confusion[trueDigit][predictedDigit] = count over the test set. */
  confusion: number[][];
  /**
   * Test accuracy with every swept test image shifted by (dx, dy), zero fill. 289 values,
   * row-major: dy from −8 to 8 (rows), then dx from −8 to 8 (columns).
   */
  shiftGrid: number[];
  /** Test images swept over the shift grid (the first ones; 10,000 for a full evaluation). */
  shiftGridImages: number;
  /**
   * Prediction consistency under shifts: entry d−1 is the share of (test image, shift) pairs,
   * over the four axis-aligned shifts of d px (±d in x, ±d in y), whose top-1 equals the unshifted top-1.
   */
  consistency: { shiftPx: number; rate: number }[];
  /** Seconds the evaluation of this model took. */
  evaluationSeconds: number;
  /** The weights measured at every precision against float32 (absent in cards written before quantised publishing). */
  precisions?: PrecisionMeasurement[];
  /** The precision the weights are published at, `choosePrecision(precisions)`; read it through {@link publishedPrecision}. */
  precision?: WeightPrecision;
}

/** The parts of a card that only the model cards section draws: per-image charts' data, kilobytes a model. */
const CHART_DATA = ['training', 'confusion', 'perClassAccuracy', 'shiftGrid', 'consistency', 'precisions'] as const;

/**
 * What the lab shows of a model beside its predictions: its card without the charts' data. The page
 * carries these; the model cards section fetches the full cards when it comes into view.
 */
export type ModelFacts = Omit<ModelCard, (typeof CHART_DATA)[number]>;

/** `card` without its charts' data (a new object; the card is not changed). */
export function modelFacts(card: ModelCard): ModelFacts {
  const facts: Partial<ModelCard> = { ...card };
  for (const key of CHART_DATA) delete facts[key];
  return facts as ModelFacts;
}

/** The precision a model's weights are published at: its card's choice, float32 (as trained) for older cards. */
export function publishedPrecision(entry: Pick<ModelCard, 'precision'>): WeightPrecision {
  return entry.precision ?? 'float32';
}

/** models/card.json: one entry per trained model, in registry order. */
export interface Card {
  version: 1;
  /** ISO date the card was written. */
  generatedAt: string;
  /** Exact definitions of the metrics, for readers of the JSON. */
  definitions: Record<string, string>;
  models: ModelCard[];
}

/** Reads card.json content (already parsed JSON), checking the outline so the UI fails loudly on a stale file. */
export function parseCard(json: unknown): Card {
  const card = json as Partial<Card> | null;
  if (!card || card.version !== 1 || !Array.isArray(card.models)) {
    throw new Error('card.json: expected { version: 1, models: [...] }');
  }
  parseModelCards(card.models);
  return card as Card;
}

/** Checks the outline of every model entry (parsed JSON), so the UI fails loudly on a stale or foreign list. */
export function parseModelCards(models: unknown): ModelCard[] {
  if (!Array.isArray(models)) throw new Error('card.json: expected a list of models');
  for (const m of models as Partial<ModelCard>[]) {
    if (typeof m?.id !== 'string' || typeof m.testAccuracy !== 'number' || m.shiftGrid?.length !== SHIFT_GRID_CELLS) {
      throw new Error(`card.json: model entry ${JSON.stringify(m?.id)} is incomplete`);
    }
    if (m.precision !== undefined && !isWeightPrecision(m.precision)) {
      throw new Error(`card.json: model ${m.id} has an unknown precision ${JSON.stringify(m.precision)}`);
    }
  }
  return models as ModelCard[];
}
