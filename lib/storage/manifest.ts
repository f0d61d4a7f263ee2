import { z } from 'zod';
import type { ModelCard, ModelFacts } from '@/lib/models/card';
import { MODEL_IDS } from '@/lib/models/ids';
import { isValidBlobKey } from './keys';

// Browser-safe: the lab imports these types and may re-validate what the server handed it.

/** Store key of the manifest: fixed, so it is rewritten on every publish and served with revalidation. */
export const MANIFEST_KEY = 'models/manifest.json';

/**
 * One published file: where it is in the store and on the web, how big, and the SHA-256 (lowercase
 * hex) its stored bytes must have. A file stored gzip-compressed (the store's own uploads cannot set
 * a Content-Encoding) says how big it is once inflated: readers check the stored bytes, then inflate.
 */
export const manifestFileSchema = z.object({
  key: z.string().refine(isValidBlobKey, 'must be a valid blob key'),
  url: z.string().min(1),
  bytes: z.int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256'),
  inflatedBytes: z.int().positive().optional(),
});

/**
 * One published model: files only, side by side in one content-addressed folder. What the lab
 * says about the model (name, parameters, every metric) is in its card, never here: one source.
 */
export const manifestModelSchema = z.object({
  id: z.enum(MODEL_IDS),
  /** card.json of this model alone (a card with one entry). */
  cardJson: manifestFileSchema,
  /** model.json (tfjs layers format). */
  modelJson: manifestFileSchema,
  /** Weight files, in model.json's weightsManifest order. */
  weights: z.array(manifestFileSchema).min(1),
});

/**
 * The MNIST training digits the browser trains on ("Train them yourself"): one gzip file in the
 * sample format (lib/mnist/sample.ts), under a content-hashed key. Optional, so a manifest written
 * before it existed stays valid (the panel then says the data is not published).
 */
export const manifestTrainingDigitsSchema = z.object({
  count: z.int().positive(),
  file: manifestFileSchema,
});

/** `models/manifest.json`: every published model, in card order, and the training digits. */
export const modelManifestSchema = z.object({
  version: z.literal(2),
  trainingDigits: manifestTrainingDigitsSchema.optional(),
  models: z
    .array(manifestModelSchema)
    .min(1)
    .refine((models) => new Set(models.map((m) => m.id)).size === models.length, 'model ids must be unique'),
});

export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type ManifestModel = z.infer<typeof manifestModelSchema>;
export type ManifestTrainingDigits = z.infer<typeof manifestTrainingDigitsSchema>;
export type ModelManifest = z.infer<typeof modelManifestSchema>;

/**
 * A published model as the lab shows and runs it: its files, and its card read from next to them
 * (lib/storage/published-models.ts). Everything the lab shows about a model comes from `card`.
 */
export type PublishedModel = ManifestModel & { card: ModelCard };

/** A published model as the lab's page carries it: its files and its card's facts (see `modelFacts`). */
export type LabModel = ManifestModel & { card: ModelFacts };

/** Thrown for a manifest that does not match the schema; the message names the field. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

/**
 * Validates parsed manifest JSON.
 * @throws ManifestError naming the first field at fault, e.g. `models.0.weights.0.sha256`.
 */
export function parseManifest(json: unknown): ModelManifest {
  const parsed = modelManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ManifestError(`Invalid model manifest at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
