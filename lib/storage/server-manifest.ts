import 'server-only';
import { readEnv } from '@/lib/env';
import { getBlobStore } from './index';
import type { ModelManifest } from './manifest';
import { createManifestReader } from './manifest-reader';

let readManifest: (() => Promise<ModelManifest>) | undefined;

/**
 * The model manifest from the app's blob store, validated. On the local store the trained models
 * in `MODELS_DIR` are published first, once per server process.
 * @throws when the store holds no manifest and none could be published.
 */
export function getModelManifest(): Promise<ModelManifest> {
  const store = getBlobStore();
  readManifest ??= createManifestReader({
    store,
    seedFrom: store.driver === 'local' ? readEnv().MODELS_DIR : undefined,
    log: (line) => console.info(`[models] ${line}`),
  });
  return readManifest();
}
