import { z } from 'zod';

/** Unset and blank mean the same thing: deployment dashboards often save an empty value. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const envSchema = z.object({
  /** Vercel Blob read-write token; when set, blobs live in that Vercel Blob store. */
  BLOB_READ_WRITE_TOKEN: optionalText.refine((token) => token === undefined || token.startsWith('vercel_blob_rw_'), {
    message: 'must be a Vercel Blob read-write token (vercel_blob_rw_…)',
  }),
  /** Root of the local blob store, relative to the working directory or absolute. */
  LOCAL_BLOB_DIR: optionalText.transform((dir) => dir ?? '.data/blob'),
  /** Where the trained models and card.json live (what the local store is seeded from). */
  MODELS_DIR: optionalText.transform((dir) => dir ?? 'models'),
  /** Set to "1" by Vercel in builds and functions. */
  VERCEL: optionalText,
});

/** The app's environment, validated. */
export type Env = Omit<z.output<typeof envSchema>, 'VERCEL'>;

/** Thrown when an environment variable has an unusable value. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/**
 * Reads and validates the environment variables the app uses. Reads `source` on every call
 * (cheap), so tests and CLIs can set variables before asking.
 * @throws EnvError naming the variable at fault.
 */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EnvError(`Environment variable ${issue.path.join('.')} ${issue.message}`);
  }
  const { VERCEL, ...env } = parsed.data;
  // The local store cannot work there: a function's filesystem is read-only and not shared.
  if (VERCEL === '1' && !env.BLOB_READ_WRITE_TOKEN) {
    throw new EnvError('Environment variable BLOB_READ_WRITE_TOKEN is required on Vercel: connect a Blob store to the project');
  }
  return env;
}

/**
 * Whether this server answers the engine harness (/dev/engine, test hooks included), which only the
 * e2e suite and the bench need: `ENGINE_HARNESS=1`. Read per request, so one production build
 * serves it to the tests and to nobody else.
 */
export function engineHarnessEnabled(source: Record<string, string | undefined> = process.env): boolean {
  return source.ENGINE_HARNESS === '1';
}
