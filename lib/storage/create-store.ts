import type { Env } from '@/lib/env';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-store';
import { VercelBlobStore } from './vercel-store';

/**
 * The one place that decides where blobs live: Vercel Blob when `BLOB_READ_WRITE_TOKEN` is set,
 * else the local filesystem under `LOCAL_BLOB_DIR`. Free of `server-only` so the publish CLI can
 * use it; the app goes through `getBlobStore()` in `./index`.
 */
export function createBlobStore(env: Env): BlobStore {
  return env.BLOB_READ_WRITE_TOKEN ? new VercelBlobStore({ token: env.BLOB_READ_WRITE_TOKEN }) : new LocalBlobStore(env.LOCAL_BLOB_DIR);
}

/** One line saying which driver `createBlobStore(env)` picks and why, for startup logs. */
export function describeBlobStore(env: Env): string {
  return env.BLOB_READ_WRITE_TOKEN
    ? 'blob store: Vercel Blob (BLOB_READ_WRITE_TOKEN is set)'
    : `blob store: local filesystem at ${env.LOCAL_BLOB_DIR}, served under /blob/ (set BLOB_READ_WRITE_TOKEN for Vercel Blob)`;
}
