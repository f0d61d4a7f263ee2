import 'server-only';
import { getBlobStore } from '@/lib/storage';
import type { BlobStore } from '@/lib/storage/blob-store';
import { canonicalShareJson, isShareId, shareIdOf } from './id';
import { validateShare, type Share } from './schema';

const shareKey = (id: string) => `shares/${id}.json`;

/**
 * Stores a validated share under its content address and returns the id. The same share always
 * gets the same id; an existing share is never rewritten (`created: false`), and of concurrent
 * saves of one new share exactly one reports `created: true`.
 */
export async function saveShare(share: Share, store: BlobStore = getBlobStore()): Promise<{ id: string; created: boolean }> {
  const json = canonicalShareJson(share);
  const id = shareIdOf(json);
  // A look first: re-shares are common and a head is cheaper than a refused write.
  if (await store.head(shareKey(id))) return { id, created: false };
  const { created } = await store.putIfAbsent(shareKey(id), new TextEncoder().encode(json), {
    contentType: 'application/json',
    cache: 'immutable',
  });
  return { id, created };
}

/**
 * The share stored under `id`, or null when the id is malformed (checked before storage is
 * touched), unknown, or its document does not validate.
 */
export async function getShare(id: string, store: BlobStore = getBlobStore()): Promise<Share | null> {
  if (!isShareId(id)) return null;
  const blob = await store.get(shareKey(id));
  if (!blob) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(blob.body));
  } catch {
    return null;
  }
  const result = validateShare(json);
  return result.ok ? result.share : null;
}
