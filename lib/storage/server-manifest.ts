import 'server-only';
import { readEnv } from '@/lib/env';
import { VERCEL_REVALIDATE_MAX_AGE_SECONDS } from './cache';
import { getBlobStore } from './index';
import type { ModelManifest, PublishedModel } from './manifest';
import { createManifestReader } from './manifest-reader';
import { readPublishedModels, type CardCache } from './published-models';

let readManifest: (() => Promise<ModelManifest>) | undefined;
let peekManifest: (() => Promise<ModelManifest>) | undefined;
const cards: CardCache = new Map();

/** How long a checked manifest is reused: as long as the store's CDN may serve it stale (Vercel Blob), else not at all. */
const cacheMsOf = (driver: string) => (driver === 'vercel' ? VERCEL_REVALIDATE_MAX_AGE_SECONDS * 1000 : 0);

/**
 * The model manifest from the app's blob store, validated once per version. On the local store
 * the trained models in `MODELS_DIR` are published first, once per server process, and every read
 * checks the manifest's etag; from Vercel Blob it is checked at most once a minute (the CDN's own
 * max-age for it).
 * @throws when the store holds no manifest and none could be published.
 */
export function getModelManifest(): Promise<ModelManifest> {
  const store = getBlobStore();
  readManifest ??= createManifestReader({
    store,
    seedFrom: store.driver === 'local' ? readEnv().MODELS_DIR : undefined,
    cacheMs: cacheMsOf(store.driver),
    log: (line) => console.info(`[models] ${line}`),
  });
  return readManifest();
}

/**
 * The manifest as published now, or null when there is none or it cannot be read; never publishes
 * (the lab page's own request for its models does). For the proxy's hints on that page, which must
 * never fail it.
 */
export async function publishedManifest(): Promise<ModelManifest | null> {
  const store = getBlobStore();
  peekManifest ??= createManifestReader({ store, cacheMs: cacheMsOf(store.driver) });
  return peekManifest().catch(() => null);
}

/**
 * Every published model with its card, read from the app's blob store next to its weights: what
 * the lab shows and runs. The manifest is read as by getModelManifest; each card once per process.
 */
export async function getPublishedModels(): Promise<PublishedModel[]> {
  return readPublishedModels(getBlobStore(), await getModelManifest(), cards);
}
