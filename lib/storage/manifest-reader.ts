import type { BlobStore } from './blob-store';
import { MANIFEST_KEY, parseManifest, type ModelManifest } from './manifest';
import { publishModels } from './publish';

export interface ManifestReaderOptions {
  store: BlobStore;
  /**
   * Publish these trained models into the store once, before the first read (the local store:
   * `npm run dev` needs no publish step). Omitted for Vercel Blob, where `npm run models:publish`
   * is an explicit deploy step.
   */
  seedFrom?: string;
  /**
   * Reuse a manifest checked this recently, ms (default 0: check on every read). Vercel Blob's
   * CDN already serves the manifest up to 60 s stale, so caching as long there adds no
   * staleness and saves an API call per page view.
   */
  cacheMs?: number;
  log?: (line: string) => void;
}

/** Thrown when the store holds no manifest; the message says how to publish one. */
export class ManifestMissingError extends Error {
  override name = 'ManifestMissingError';
}

/**
 * Reads `models/manifest.json` from the store. With `seedFrom`, the first read publishes the
 * models first (idempotent: only new files are uploaded, so it also picks up retrained models).
 * Concurrent first reads share one publish; a failed publish is retried on the next read, and
 * does not hide a manifest an earlier publish left.
 *
 * A manifest is fetched and validated once per version: a later read asks the store for its
 * etag and reuses the parsed manifest while it is unchanged, and concurrent reads share one
 * check (every page view reads the manifest; under load this is most of a page's store work).
 */
export function createManifestReader({
  store,
  seedFrom,
  cacheMs = 0,
  log = () => {},
}: ManifestReaderOptions): () => Promise<ModelManifest> {
  let seeding: Promise<Error | null> | undefined;
  let cached: { manifest: ModelManifest; etag: string; checkedAt: number } | undefined;
  let reading: Promise<ModelManifest> | undefined;

  function seed(dir: string): Promise<Error | null> {
    seeding ??= publishModels({ store, modelsDir: dir, log }).then(
      () => null,
      (error: Error) => {
        seeding = undefined;
        log(`could not publish ${dir} into the ${store.driver} store: ${error.message}`);
        return error;
      },
    );
    return seeding;
  }

  async function read(): Promise<ModelManifest> {
    const seedError = seedFrom ? await seed(seedFrom) : null;
    if (cached && (await store.head(MANIFEST_KEY))?.etag === cached.etag) {
      cached.checkedAt = Date.now();
      return cached.manifest;
    }
    const blob = await store.get(MANIFEST_KEY);
    if (!blob) {
      throw (
        seedError ??
        new ManifestMissingError(
          `No ${MANIFEST_KEY} in the ${store.driver} blob store: run \`npm run models:publish\` with the same environment.`,
        )
      );
    }
    const manifest = parseManifest(JSON.parse(new TextDecoder().decode(blob.body)));
    cached = { manifest, etag: blob.info.etag, checkedAt: Date.now() };
    return manifest;
  }

  return function readManifest(): Promise<ModelManifest> {
    if (cached && Date.now() - cached.checkedAt < cacheMs) return Promise.resolve(cached.manifest);
    reading ??= read().finally(() => (reading = undefined));
    return reading;
  };
}
