import { z } from 'zod';
import { MODEL_IDS } from '@/lib/models/ids';

/**
 * The experiments' files: one record per finished run (`<out>/runs/<group>/<key>.json`) and the
 * summary the evidence page reads (`<out>/summary.json`). Both are validated on write and on read.
 */

/** The experiment groups, in the order they run. */
export const GROUP_NAMES = ['seeds', 'samples', 'permuted'] as const;
export type GroupName = (typeof GROUP_NAMES)[number];

export function isGroupName(value: unknown): value is GroupName {
  return typeof value === 'string' && (GROUP_NAMES as readonly string[]).includes(value);
}

/** Validation accuracies whose first crossing measures convergence. */
export const CONVERGENCE_TARGETS = [0.97, 0.98] as const;

const fraction = z.number().min(0).max(1);
const count = z.int().nonnegative();

/** Everything that defines a run: a finished record is reused only when its flags equal the plan's. */
export const runFlagsSchema = z.object({
  group: z.enum(GROUP_NAMES),
  model: z.enum(MODEL_IDS),
  /** Seed of the initialisers and of the data order. */
  seed: count,
  /** Trained on the first trainImages of MNIST's 60,000 training images. */
  trainImages: z.int().positive(),
  /** The last validationImages training images: the curve and the choice of checkpoint (never the test set). */
  validationImages: z.int().positive(),
  /** Tested on the first testImages of the 10,000 test images (all of them in a full run). */
  testImages: z.int().positive(),
  /** Seed of the one fixed permutation of the 784 pixels applied to every image, or null for natural images. */
  permutationSeed: count.nullable(),
  epochs: z.int().positive(),
  learningRateDecayPerEpoch: z.number().positive().max(1),
  /** Epochs were raised until the run took at least this many optimiser steps. */
  minSteps: count,
  /** Optimiser steps between two points of the validation curve (the candidate checkpoints). */
  curveEvery: z.int().positive(),
  /** Test images swept over the shift grid (the first ones); 0 = no sweep. */
  shiftImages: count,
  /** A --quick smoke run: tiny sizes, numbers that mean nothing. */
  quick: z.boolean(),
});
export type RunFlags = z.infer<typeof runFlagsSchema>;

/** One point of a run's validation curve. */
export const curvePointSchema = z.object({
  step: count,
  /** Training time so far, seconds, excluding curve sampling. */
  trainSeconds: z.number().nonnegative(),
  validationLoss: z.number().nonnegative(),
  validationAccuracy: fraction,
});
export type RunCurvePoint = z.infer<typeof curvePointSchema>;

export const convergenceSchema = z.object({
  target: fraction,
  /** First curve point at or above the target; null if the run never got there. */
  step: count.nullable(),
  trainSeconds: z.number().nonnegative().nullable(),
});
export type Convergence = z.infer<typeof convergenceSchema>;

export const runResultsSchema = z.object({
  /** Of the chosen checkpoint: the curve point with the highest validation accuracy (the earliest on a tie). */
  selectedStep: count,
  validationAccuracy: fraction,
  testAccuracy: fraction,
  /** On the trainImages the run was trained on. */
  trainAccuracy: fraction,
  /** trainAccuracy − testAccuracy. */
  generalisationGap: z.number().min(-1).max(1),
  steps: count,
  samplesPerSecond: z.number().nonnegative(),
  /** Training time of the whole run, excluding curve sampling. */
  trainSeconds: z.number().nonnegative(),
  wallSeconds: z.number().nonnegative(),
  convergence: z.array(convergenceSchema),
  /** Test accuracy at shift distance max(|dx|, |dy|) = 0…4 px over the first shiftImages test images; empty without a sweep. */
  shiftAccuracy: z.array(z.object({ distance: count, accuracy: fraction })),
  curve: z.array(curvePointSchema).min(1),
});
export type RunResults = z.infer<typeof runResultsSchema>;

/** experiments/runs/<group>/<key>.json */
export const runRecordSchema = z.object({
  version: z.literal(1),
  key: z.string().min(1),
  flags: runFlagsSchema,
  /** The exact recipe handed to fit (lib/training/hyperparameters.ts); curveTestImages counts validation images here. */
  hyperparameters: z.record(z.string(), z.union([z.string(), z.number()])),
  results: runResultsSchema,
  backend: z.string(),
  /** ISO date the run finished. */
  date: z.string(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

/** One finished run as the summary carries it. */
export const summaryRunSchema = runRecordSchema.pick({ key: true, flags: true, results: true });
export type SummaryRun = z.infer<typeof summaryRunSchema>;

export const groupSummarySchema = z
  .object({
    /** Runs the plan holds for this group; the group is complete when every one has finished. */
    planned: z.int().positive(),
    runs: z.array(summaryRunSchema),
  })
  .refine((g) => g.runs.length <= g.planned, 'more runs than planned');
export type GroupSummary = z.infer<typeof groupSummarySchema>;

/** experiments/summary.json: every finished run of every group, the one file the evidence page reads. */
export const summarySchema = z.object({
  version: z.literal(1),
  generatedAt: z.string(),
  quick: z.boolean(),
  /** A group appears once one of its runs has finished. */
  groups: z.partialRecord(z.enum(GROUP_NAMES), groupSummarySchema),
});
export type Summary = z.infer<typeof summarySchema>;

/** Parses summary JSON, naming the file and the first problem when it does not fit. */
export function parseSummary(json: unknown, source = 'summary.json'): Summary {
  const parsed = summarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The group's runs when every planned run has finished, else null (the page shows it as pending). */
export function completeGroup(summary: Summary | null, group: GroupName): SummaryRun[] | null {
  const g = summary?.groups[group];
  return g && g.runs.length === g.planned ? g.runs : null;
}
