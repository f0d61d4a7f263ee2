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
 */
export function createManifestReader({ store, seedFrom, log = () => {} }: ManifestReaderOptions): () => Promise<ModelManifest> {
  let seeding: Promise<Error | null> | undefined;

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

  return async function readManifest(): Promise<ModelManifest> {
    const seedError = seedFrom ? await seed(seedFrom) : null;
    const blob = await store.get(MANIFEST_KEY);
    if (!blob) {
      throw (
        seedError ??
        new ManifestMissingError(`No ${MANIFEST_KEY} in the ${store.driver} blob store: run \`npm run models:publish\` with the same environment.`)
      );
    }
    return parseManifest(JSON.parse(new TextDecoder().decode(blob.body)));
  };
}
