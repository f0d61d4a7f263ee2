import 'server-only';
import { getBlobStore } from '@/lib/storage';
import type { BlobInfo, BlobStore } from '@/lib/storage/blob-store';
import { isShareId } from './id';
import type { Share } from './schema';
import { getShare } from './store';

/** Size of a share's link-preview image (Open Graph's recommended 1.91:1). */
export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;

/** Where a share's preview image is kept: beside the share. */
export const previewKey = (id: string) => `shares/${id}.png`;

/** Renders of a preview in progress in this process, by share id. */
const rendering = new Map<string, Promise<BlobInfo | null>>();

/**
 * The stored preview image of share `id`, rendered and stored on first use: a share never
 * changes, so neither does its image, and every later request costs a look-up, no render.
 * Concurrent first requests in one process share one render; across instances `putIfAbsent`
 * keeps the first image stored. Null for a malformed or unknown id (nothing is rendered).
 */
export async function ensureSharePreview(
  id: string,
  render: (share: Share) => Promise<Uint8Array>,
  store: BlobStore = getBlobStore(),
): Promise<BlobInfo | null> {
  if (!isShareId(id)) return null;
  const stored = await store.head(previewKey(id));
  if (stored) return stored;
  let pending = rendering.get(id);
  if (!pending) {
    pending = renderAndStore(id, render, store).finally(() => rendering.delete(id));
    rendering.set(id, pending);
  }
  return pending;
}

async function renderAndStore(id: string, render: (share: Share) => Promise<Uint8Array>, store: BlobStore): Promise<BlobInfo | null> {
  const share = await getShare(id, store);
  if (!share) return null;
  const png = await render(share);
  return (await store.putIfAbsent(previewKey(id), png, { contentType: 'image/png', cache: 'immutable' })).info;
}
