import 'server-only';
import { readEnv } from '@/lib/env';
import type { BlobStore } from './blob-store';
import { createBlobStore } from './create-store';

let store: BlobStore | undefined;

/** The app's blob store, created once per server process from the validated environment. */
export function getBlobStore(): BlobStore {
  store ??= createBlobStore(readEnv());
  return store;
}
