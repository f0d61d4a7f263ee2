import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '@/lib/storage/blob-store';
import { STORE_DRIVERS, type StoreUnderTest } from '@/lib/storage/testing/drivers';
import { recordingStore } from '@/lib/storage/testing/recording-store';
import { validateShare, type Share } from './schema';
import { ensureSharePreview, previewKey } from './preview';
import { saveShare } from './store';
import { validShareBody } from './testing/share-body';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe.each(STORE_DRIVERS)('share previews on the $driver store', ({ create }) => {
  let subject: StoreUnderTest;
  let store: BlobStore & { puts: string[]; created: string[] };
  let renders: Share[];
  const render = async (share: Share) => {
    renders.push(share);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return PNG;
  };
  beforeEach(async () => {
    subject = await create();
    store = recordingStore(subject.store);
    renders = [];
  });
  afterEach(() => subject.cleanup());

  it('renders once, stores the PNG beside the share, and answers later requests from the store', async () => {
    const body = validateShare(validShareBody());
    if (!body.ok) throw new Error(body.error);
    const { id } = await saveShare(body.share, store);
    const first = await ensureSharePreview(id, render, store);
    expect(first).toMatchObject({ key: previewKey(id), contentType: 'image/png', size: PNG.length });
    expect(first!.cacheControl).toMatch(/max-age=31536000/);
    const again = await ensureSharePreview(id, render, store);
    expect(again!.etag).toBe(first!.etag);
    expect(renders).toEqual([body.share]);
    expect(store.created).toEqual([`shares/${id}.json`, `shares/${id}.png`]);
    expect((await store.get(previewKey(id)))!.body).toEqual(PNG);
  });

  it('renders once for concurrent first requests', async () => {
    const body = validateShare(validShareBody(4));
    if (!body.ok) throw new Error(body.error);
    const { id } = await saveShare(body.share, store);
    const results = await Promise.all(Array.from({ length: 20 }, () => ensureSharePreview(id, render, store)));
    expect(new Set(results.map((r) => r!.etag)).size).toBe(1);
    expect(renders).toHaveLength(1);
  });

  it('answers null for an unknown or malformed id, rendering and storing nothing', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', '../manifest', 'x'.repeat(300)])
      expect(await ensureSharePreview(id, render, store)).toBeNull();
    expect(renders).toEqual([]);
    expect(store.puts).toEqual([]);
  });
});
