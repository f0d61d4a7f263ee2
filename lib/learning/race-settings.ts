import { z } from 'zod';
import type { ModelId } from '@/lib/models/ids';

/** What a visitor may choose for a race in the browser: bounded so a run fits a tab and a share. */
export const RACE_LIMITS = {
  minImages: 100,
  /** The published training digits hold this many (lib/mnist/training-digits.ts). */
  maxImages: 5_000,
  minEpochs: 1,
  maxEpochs: 20,
} as const;

/** The models a race may train: the pair and the fully connected baseline (the others differ only in head or data). */
export const RACE_MODEL_IDS = ['cnn', 'lcn', 'mlp'] as const satisfies readonly ModelId[];

/** The race's defaults: the pair, on 1,000 digits for 5 epochs (about a minute on one CPU core with wasm). */
export const DEFAULT_RACE_SETTINGS: RaceSettings = { models: ['cnn', 'lcn'], trainImages: 1_000, epochs: 5 };

/** One race's settings, validated: two different models, a whole number of digits and epochs within the limits. */
export const raceSettingsSchema = z.strictObject({
  models: z.tuple([z.enum(RACE_MODEL_IDS), z.enum(RACE_MODEL_IDS)]).refine(([a, b]) => a !== b, 'must name two different models'),
  trainImages: z
    .int('must be a whole number of digits')
    .min(RACE_LIMITS.minImages, `must be at least ${RACE_LIMITS.minImages} digits`)
    .max(RACE_LIMITS.maxImages, `must be at most ${RACE_LIMITS.maxImages} digits`),
  epochs: z
    .int('must be a whole number of epochs')
    .min(RACE_LIMITS.minEpochs, `must be at least ${RACE_LIMITS.minEpochs} epoch`)
    .max(RACE_LIMITS.maxEpochs, `must be at most ${RACE_LIMITS.maxEpochs} epochs`),
});

export type RaceSettings = { models: [RaceModelId, RaceModelId]; trainImages: number; epochs: number };
export type RaceModelId = (typeof RACE_MODEL_IDS)[number];

/** Validates settings from the panel or a worker call: the settings, or the first problem in words with its field. */
export function parseRaceSettings(input: unknown): { ok: true; settings: RaceSettings } | { ok: false; field: string; error: string } {
  const parsed = raceSettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || 'settings';
  return { ok: false, field, error: `${field}: ${issue.message}` };
}

/** Steps between two held-out evaluations: about a dozen points a run, never fewer than 5 steps apart. */
export function evaluationInterval(totalSteps: number): number {
  return Math.max(5, Math.ceil(totalSteps / 12));
}
