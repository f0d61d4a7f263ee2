import { z } from 'zod';
import { decodePixels, encodePixels, ENCODED_PIXELS_LENGTH } from '@/lib/digits/codec';
import { INPUT_PIXELS, MAX_SHIFT, NUM_CLASSES } from '@/lib/digits/constants';
import { BACKENDS } from '@/lib/inference/types';
import { MODEL_IDS, type ModelId } from '@/lib/models/ids';
import { RACE_LIMITS, RACE_MODEL_IDS, raceSettingsSchema } from '@/lib/learning/race-settings';

/** How far the probabilities of one model may sum from 1 (float32 softmax, rounded). */
export const PROBS_SUM_TOLERANCE = 1e-3;
/** Longest latency worth storing: ten minutes. */
const MAX_LATENCY_MS = 600_000;

/**
 * Rounds to `decimals` places. Applied before the checks, so what is stored is exactly what was
 * checked and re-validates unchanged; it also fixes how numbers are written into the payload
 * whose hash is the share id. Idempotent, so a stored share parses to itself.
 */
const roundTo = (decimals: number) => (value: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** The 28×28 input as standard, canonical base64 of exactly 784 bytes (one spelling per image). */
const inputSchema = z
  .string()
  .max(ENCODED_PIXELS_LENGTH, `must be base64 of exactly ${INPUT_PIXELS} bytes`)
  .superRefine((value, ctx) => {
    try {
      if (encodePixels(decodePixels(value)) !== value)
        ctx.addIssue({ code: 'custom', message: 'must be canonical base64 (unused bits zero)' });
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const shiftComponent = z.int().min(-MAX_SHIFT).max(MAX_SHIFT);

const probsSchema = z
  .array(z.number().min(0).max(1).transform(roundTo(6)))
  .length(NUM_CLASSES)
  .refine((probs) => Math.abs(probs.reduce((sum, p) => sum + p, 0) - 1) <= PROBS_SUM_TOLERANCE, `must sum to 1 (±${PROBS_SUM_TOLERANCE})`);

/** One model's reading of the shifted input. */
const modelResultSchema = z
  .strictObject({
    probs: probsSchema,
    top: z
      .int()
      .min(0)
      .max(NUM_CLASSES - 1),
    latencyMs: z.number().min(0).max(MAX_LATENCY_MS).transform(roundTo(3)),
    backend: z.enum(BACKENDS),
  })
  .refine((result) => result.probs[result.top] === Math.max(...result.probs), {
    message: 'must be the index of the largest probability',
    path: ['top'],
  });

const msSchema = z.number().min(0).max(MAX_LATENCY_MS).transform(roundTo(3));

/** One backend × model of a device benchmark (lib/inference/device-benchmark.ts). */
const benchmarkCellSchema = z.strictObject({
  backend: z.enum(BACKENDS),
  modelId: z.enum(MODEL_IDS),
  coldMs: msSchema,
  singleP50Ms: msSchema,
  singleP95Ms: msSchema,
  sweepMs: msSchema,
  sweepMethod: z.enum(['equivariant', 'batched']),
});

/** Printable text of bounded length (an adapter's name, a backend's error), shown on the share page. */
const label = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/**
 * A device benchmark attached to a share ("compare devices"): every backend the sharer's browser
 * ran × the models on screen. Each backend × model once; what wins is recomputed from the times.
 */
export const deviceBenchmarkSchema = z
  .strictObject({
    adapter: label(120),
    cells: z
      .array(benchmarkCellSchema)
      .min(1)
      .max(BACKENDS.length * MODEL_IDS.length),
    failed: z.array(z.strictObject({ backend: z.enum(BACKENDS), error: label(200) })).max(BACKENDS.length),
  })
  .refine((b) => new Set(b.cells.map((c) => `${c.backend}|${c.modelId}`)).size === b.cells.length, {
    message: 'must list each backend × model once',
    path: ['cells'],
  });

/** The three fields every version shares: the unshifted input and the shift applied to it. */
const digitFields = {
  input: inputSchema,
  shift: z.strictObject({ dx: shiftComponent, dy: shiftComponent }),
};

/** Version 1 (links made before the lab compared any two models): the CNN's and the LCN's results. */
const shareV1Schema = z.strictObject({
  v: z.literal(1),
  ...digitFields,
  results: z.strictObject({ cnn: modelResultSchema, lcn: modelResultSchema }),
});

/**
 * Version 2: the pair on screen, in column order, and exactly its results; optionally the sharer's
 * device benchmark. Strict: unknown keys, a model twice, or a result for a model outside the pair
 * are rejected. Optional fields leave the ids of shares without them unchanged.
 */
const shareV2Schema = z
  .strictObject({
    v: z.literal(2),
    ...digitFields,
    models: z.tuple([z.enum(MODEL_IDS), z.enum(MODEL_IDS)]).refine(([a, b]) => a !== b, 'must name two different models'),
    results: z.partialRecord(z.enum(MODEL_IDS), modelResultSchema),
    benchmark: deviceBenchmarkSchema.optional(),
  })
  .superRefine((share, ctx) => {
    const keys = Object.keys(share.results);
    for (const id of share.models) if (!share.results[id]) ctx.addIssue({ code: 'custom', message: 'missing', path: ['results', id] });
    for (const id of keys)
      if (!share.models.includes(id as ModelId))
        ctx.addIssue({ code: 'custom', message: 'is not one of the shared models', path: ['results', id] });
  });

/** Most points a shared curve may hold (the race records about a hundred loss points and a dozen accuracy points). */
const MAX_RACE_LOSS_POINTS = 120;
const MAX_RACE_ACCURACY_POINTS = 40;
/** Most optimiser steps a race can take: every digit, every epoch, batches of 64. */
const MAX_RACE_STEPS = Math.ceil(RACE_LIMITS.maxImages / 64) * RACE_LIMITS.maxEpochs;
/** Longest race worth storing: a day. */
const MAX_RACE_SECONDS = 86_400;

const raceStep = z.int().min(0).max(MAX_RACE_STEPS);
/** A curve: [step, value] pairs in increasing step order. */
const curveSchema = (value: z.ZodType<number>, max: number, min = 1) =>
  z
    .array(z.tuple([raceStep, value]))
    .min(min)
    .max(max)
    .refine((points) => points.every((p, i) => i === 0 || p[0] > points[i - 1][0]), 'steps must increase');

const raceSecondsSchema = z.number().min(0).max(MAX_RACE_SECONDS).transform(roundTo(3));

/** One side of a shared race: its curves and what it measured. */
const raceModelSchema = z.strictObject({
  modelId: z.enum(RACE_MODEL_IDS),
  step: raceStep,
  totalSteps: raceStep,
  // Empty only for a race stopped before its first step.
  loss: curveSchema(z.number().min(0).max(100).transform(roundTo(4)), MAX_RACE_LOSS_POINTS, 0),
  accuracy: curveSchema(z.number().min(0).max(1).transform(roundTo(4)), MAX_RACE_ACCURACY_POINTS),
  seconds: raceSecondsSchema,
  trainSeconds: raceSecondsSchema,
  finalAccuracy: z.number().min(0).max(1).transform(roundTo(4)),
  samplesPerSecond: z.number().min(0).max(1e7).transform(roundTo(1)),
});

/**
 * Version 3: a finished (or stopped) "Train them yourself" race: its settings, backend, curves and
 * summary, never weights. The sides must be the settings' models, in order.
 */
const shareV3Schema = z
  .strictObject({
    v: z.literal(3),
    race: z.strictObject({
      settings: raceSettingsSchema,
      backend: z.enum(BACKENDS),
      outcome: z.enum(['done', 'stopped']),
      wallSeconds: raceSecondsSchema,
      heldOutDigits: z.int().min(1).max(10_000),
      models: z.tuple([raceModelSchema, raceModelSchema]),
    }),
  })
  .superRefine(({ race }, ctx) => {
    race.models.forEach((side, m) => {
      if (side.modelId !== race.settings.models[m])
        ctx.addIssue({
          code: 'custom',
          message: `must be ${race.settings.models[m]}, as in the settings`,
          path: ['race', 'models', m, 'modelId'],
        });
      if (side.step > side.totalSteps)
        ctx.addIssue({ code: 'custom', message: 'must not exceed totalSteps', path: ['race', 'models', m, 'step'] });
    });
  });

/**
 * Body of `POST /api/share`: version 2 from today's lab, version 3 from a training race; version 1
 * stays valid so old links keep working.
 */
export const shareSchema = z.discriminatedUnion('v', [shareV1Schema, shareV2Schema, shareV3Schema]);

/** A validated share (numbers rounded): what `/api/share` stores and `getShare` returns. */
export type Share = z.output<typeof shareSchema>;
/** A share of the lab (a digit and two readings): versions 1 and 2. */
export type LabShare = Exclude<Share, { v: 3 }>;
/** A shared training race (version 3). */
export type RaceShare = Extract<Share, { v: 3 }>;

/** The shared models in column order: version 1 always compared the CNN with the LCN. */
export function sharedModels(share: Share): readonly [ModelId, ModelId] {
  if (share.v === 3) return share.race.settings.models;
  return share.v === 1 ? ['cnn', 'lcn'] : share.models;
}

/** One shared model's result (the schema guarantees there is one for each of `sharedModels`). */
export function sharedResult(share: LabShare, id: ModelId): z.output<typeof modelResultSchema> {
  const result = (share.results as Partial<Record<ModelId, z.output<typeof modelResultSchema>>>)[id];
  if (!result) throw new Error(`share has no result for ${id}`);
  return result;
}

/** Why a value is not a valid share: the first problem and the dotted path of its field. */
export interface ShareValidationError {
  error: string;
  /** Dotted path, e.g. `results.cnn.probs`; null when the problem is the body as a whole. */
  field: string | null;
}

/** Validates parsed JSON as a share. */
export function validateShare(json: unknown): { ok: true; share: Share } | ({ ok: false } & ShareValidationError) {
  const parsed = shareSchema.safeParse(json);
  if (parsed.success) return { ok: true, share: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : null;
  return { ok: false, field, error: field ? `${field}: ${issue.message}` : issue.message };
}
