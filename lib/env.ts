import { z } from 'zod';

/** Unset and blank mean the same thing: deployment dashboards often save an empty value. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** `<requests>/<seconds>`, e.g. `10/60`: at most that many requests per window. */
const rateLimitText = optionalText.pipe(
  z
    .string()
    .regex(/^\d{1,5}\/\d{1,6}$/, { message: 'must look like <requests>/<seconds>, e.g. 10/60' })
    .transform((text) => {
      const [points, seconds] = text.split('/').map(Number);
      return { points, seconds };
    })
    .refine(({ points, seconds }) => points >= 1 && seconds >= 1 && seconds <= 86_400, {
      message: 'needs at least 1 request per window of 1 s to 1 day',
    })
    .optional(),
);

/** An absolute URL with one of `protocols`, returned as written (validated only). */
const urlText = (protocols: string[], what: string) =>
  optionalText.refine(
    (text) => {
      if (text === undefined) return true;
      try {
        return protocols.includes(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be ${what}` },
  );

/** Headers a platform or reverse proxy sets to the client's address (see lib/ratelimit/client-ip.ts). */
export const CLIENT_IP_HEADERS = ['x-forwarded-for', 'x-real-ip'] as const;

/** Default share-write limit per client: 10 shares a minute. */
export const DEFAULT_SHARE_RATE_LIMIT = { points: 10, seconds: 60 } as const;

const envSchema = z.object({
  /** Vercel Blob read-write token; when set, blobs live in that Vercel Blob store. */
  BLOB_READ_WRITE_TOKEN: optionalText.refine((token) => token === undefined || token.startsWith('vercel_blob_rw_'), {
    message: 'must be a Vercel Blob read-write token (vercel_blob_rw_…)',
  }),
  /** Root of the local blob store, relative to the working directory or absolute. */
  LOCAL_BLOB_DIR: optionalText.transform((dir) => dir ?? '.data/blob'),
  /** Where the trained models and card.json live (what the local store is seeded from). */
  MODELS_DIR: optionalText.transform((dir) => dir ?? 'models'),
  /** Redis shared by every server instance for rate limits; unset → in memory, per process. */
  REDIS_URL: urlText(['redis:', 'rediss:'], 'a redis:// or rediss:// URL'),
  /** Share writes allowed per client and window, `<requests>/<seconds>`. */
  SHARE_RATE_LIMIT: rateLimitText.transform((limit) => limit ?? DEFAULT_SHARE_RATE_LIMIT),
  /** Which request header carries the client's address; default x-real-ip on Vercel, else x-forwarded-for. */
  CLIENT_IP_HEADER: optionalText.pipe(z.enum(CLIENT_IP_HEADERS, { message: `must be one of ${CLIENT_IP_HEADERS.join(', ')}` }).optional()),
  /** Public origin of the site (`https://lab.example.org`) for absolute links in previews; else the request's host. */
  SITE_URL: urlText(['http:', 'https:'], 'an http:// or https:// URL').transform((url) => (url ? new URL(url).origin : undefined)),
  /** Set to "1" by Vercel in builds and functions. */
  VERCEL: optionalText,
});

/** The app's environment, validated. */
export type Env = Omit<z.output<typeof envSchema>, 'VERCEL' | 'CLIENT_IP_HEADER'> & {
  CLIENT_IP_HEADER: (typeof CLIENT_IP_HEADERS)[number];
};

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
  const { VERCEL, CLIENT_IP_HEADER, ...env } = parsed.data;
  // The local store cannot work there: a function's filesystem is read-only and not shared.
  if (VERCEL === '1' && !env.BLOB_READ_WRITE_TOKEN) {
    throw new EnvError('Environment variable BLOB_READ_WRITE_TOKEN is required on Vercel: connect a Blob store to the project');
  }
  // Vercel's edge overwrites x-real-ip with the client's address; elsewhere Next.js or a reverse proxy fills x-forwarded-for.
  return { ...env, CLIENT_IP_HEADER: CLIENT_IP_HEADER ?? (VERCEL === '1' ? 'x-real-ip' : 'x-forwarded-for') };
}

let appEnvironment: Env | undefined;

/** The server's environment, read and validated once per process (readEnv for a fresh read). */
export function appEnv(): Env {
  appEnvironment ??= readEnv();
  return appEnvironment;
}

/**
 * Whether this server answers the engine harness (/dev/engine, test hooks included), which only the
 * e2e suite and the bench need: `ENGINE_HARNESS=1`. Read per request, so one production build
 * serves it to the tests and to nobody else.
 */
export function engineHarnessEnabled(source: Record<string, string | undefined> = process.env): boolean {
  return source.ENGINE_HARNESS === '1';
}
