import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORE_DRIVERS, type StoreUnderTest } from './testing/drivers';
import { VercelBlobStore } from './vercel-store';

describe('VercelBlobStore against the loopback Vercel Blob API', () => {
  let subject: StoreUnderTest;
  beforeEach(async () => {
    subject = await STORE_DRIVERS.find((d) => d.driver === 'vercel')!.create();
  });
  afterEach(() => subject.cleanup());

  it('pages through list results with the cursor', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      await subject.store.put(`p/${name}.txt`, new TextEncoder().encode(name), { contentType: 'text/plain', cache: 'immutable' });
    }
    expect((await subject.store.list('p/')).map((b) => b.key)).toEqual(['p/a.txt', 'p/b.txt', 'p/c.txt', 'p/d.txt', 'p/e.txt']);
    expect(subject.fake!.calls.filter((call) => call.startsWith('list'))).toHaveLength(3);
  });

  it('stores under the exact key with the cache max-age of its policy', async () => {
    await subject.store.put('models/cnn/0123456789abcdef/model.json', new Uint8Array([123, 125]), {
      contentType: 'application/json',
      cache: 'immutable',
    });
    await subject.store.put('models/manifest.json', new Uint8Array([123, 125]), { contentType: 'application/json', cache: 'revalidate' });
    expect([...subject.fake!.blobs.keys()]).toEqual(['models/cnn/0123456789abcdef/model.json', 'models/manifest.json']);
    expect(subject.fake!.blobs.get('models/cnn/0123456789abcdef/model.json')!.cacheControl).toBe('public, max-age=31536000');
    expect(subject.fake!.blobs.get('models/manifest.json')!.cacheControl).toBe('public, max-age=60');
  });

  it('fails loudly on a rejected token instead of reporting a missing blob', async () => {
    const intruder = new VercelBlobStore({ token: 'vercel_blob_rw_fakestore_wrong' });
    await expect(intruder.head('models/manifest.json')).rejects.toThrow(/Access denied/);
  });
});
