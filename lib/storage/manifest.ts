import { z } from 'zod';
import { MODEL_IDS } from '@/lib/models/ids';

// Browser-safe: the lab imports these types and may re-validate what the server handed it.

/** Store key of the manifest: fixed, so it is rewritten on every publish and served with revalidation. */
export const MANIFEST_KEY = 'models/manifest.json';

const fraction = z.number().min(0).max(1);

/** One file to download: where, how big, and the SHA-256 (lowercase hex) the bytes must have. */
export const manifestFileSchema = z.object({
  url: z.string().min(1),
  bytes: z.int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256'),
});

/** One published model: its files (weights in model.json's weightsManifest order) and headline facts from card.json. */
export const manifestModelSchema = z.object({
  id: z.enum(MODEL_IDS),
  name: z.string().min(1),
  weightSharing: z.boolean(),
  /** Trainable parameters (sum of the weight shapes). */
  params: z.int().positive(),
  metrics: z.object({
    /** Accuracy on the 10,000 MNIST test images. */
    testAccuracy: fraction,
    trainAccuracy: fraction,
    /** trainAccuracy − testAccuracy. */
    generalisationGap: z.number().min(-1).max(1),
  }),
  modelJson: manifestFileSchema,
  weights: z.array(manifestFileSchema).min(1),
});

/** `models/manifest.json`: every published model, in MODEL_IDS order. */
export const modelManifestSchema = z.object({
  version: z.literal(1),
  models: z
    .array(manifestModelSchema)
    .min(1)
    .refine((models) => new Set(models.map((m) => m.id)).size === models.length, 'model ids must be unique'),
});

export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type ManifestModel = z.infer<typeof manifestModelSchema>;
export type ModelManifest = z.infer<typeof modelManifestSchema>;

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
