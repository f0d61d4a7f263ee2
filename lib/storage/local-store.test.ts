import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalBlobStore } from './local-store';
import { makeTempDir } from './testing/drivers';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Every file under `dir`, relative, hidden ones included. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('LocalBlobStore on disk', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let store: LocalBlobStore;
  beforeEach(async () => {
    ({ dir: root, cleanup } = await makeTempDir('local'));
    store = new LocalBlobStore(root);
  });
  afterEach(() => cleanup());

  it('keeps the bytes under the key and the metadata in a hidden sidecar, no temp files left', async () => {
    await store.put('models/cnn/model.json', bytes('{}'), { contentType: 'application/json', cache: 'immutable' });
    expect(await filesUnder(root)).toEqual(['models/cnn/.model.json.meta.json', 'models/cnn/model.json']);
    expect(await readFile(path.join(root, 'models/cnn/model.json'), 'utf8')).toBe('{}');
    const sidecar = JSON.parse(await readFile(path.join(root, 'models/cnn/.model.json.meta.json'), 'utf8'));
    expect(sidecar).toMatchObject({ contentType: 'application/json', size: 2, cacheControl: 'public, max-age=31536000, immutable' });
  });

  it('serves same-origin URLs under /blob/ and a content-hash ETag', async () => {
    const a = await store.put('x/a.bin', bytes('same'), { contentType: 'application/octet-stream', cache: 'immutable' });
    const b = await store.put('y/b.bin', bytes('same'), { contentType: 'application/octet-stream', cache: 'immutable' });
    expect(a.url).toBe('/blob/x/a.bin');
    expect(a.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(b.etag).toBe(a.etag);
  });

  it('a failed write leaves no partial file and no visible blob', async () => {
    // A directory where the blob file should go makes the final rename fail.
    await mkdir(path.join(root, 'busy', 'key.bin'), { recursive: true });
    await expect(
      store.put('busy/key.bin', bytes('data'), { contentType: 'application/octet-stream', cache: 'immutable' }),
    ).rejects.toThrow();
    expect(await filesUnder(root)).toEqual([]);
    expect(await store.head('busy/key.bin')).toBeNull();
  });

  it('a put whose key runs through an existing blob fails and leaves that blob intact', async () => {
    await store.put('k/v.json', bytes('old'), { contentType: 'application/json', cache: 'revalidate' });
    // 'k/v.json' is a file, so no directory can be made for 'k/v.json/inner'.
    await expect(store.put('k/v.json/inner', bytes('new'), { contentType: 'application/json', cache: 'revalidate' })).rejects.toThrow();
    expect(new TextDecoder().decode((await store.get('k/v.json'))!.body)).toBe('old');
    expect((await filesUnder(root)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('concurrent writers of one key leave one complete blob', async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => bytes(String(i).repeat(10_000 + i)));
    await Promise.all(bodies.map((body) => store.put('race/blob.txt', body, { contentType: 'text/plain', cache: 'revalidate' })));
    const got = (await store.get('race/blob.txt'))!;
    expect(bodies.some((body) => Buffer.from(body).equals(Buffer.from(got.body)))).toBe(true);
    expect((await filesUnder(root)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('putIfAbsent under concurrency writes the blob file once and never again', async () => {
    const writes = Array.from({ length: 50 }, () =>
      store.putIfAbsent('shares/x.json', bytes('{}'), { contentType: 'application/json', cache: 'immutable' }),
    );
    expect((await Promise.all(writes)).filter((r) => r.created)).toHaveLength(1);
    const before = await stat(path.join(root, 'shares/x.json'));
    const sidecarBefore = await readFile(path.join(root, 'shares/.x.json.meta.json'), 'utf8');
    await Promise.all(
      Array.from({ length: 10 }, () =>
        store.putIfAbsent('shares/x.json', bytes('{}'), { contentType: 'application/json', cache: 'immutable' }),
      ),
    );
    const after = await stat(path.join(root, 'shares/x.json'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await readFile(path.join(root, 'shares/.x.json.meta.json'), 'utf8')).toBe(sidecarBefore);
    expect(await filesUnder(root)).toEqual(['shares/.x.json.meta.json', 'shares/x.json']);
  });

  it('a failed putIfAbsent does not block the next one on that key', async () => {
    await mkdir(path.join(root, 'busy', 'key.bin'), { recursive: true });
    await expect(
      store.putIfAbsent('busy/key.bin', bytes('data'), { contentType: 'application/octet-stream', cache: 'immutable' }),
    ).rejects.toThrow();
    await rm(path.join(root, 'busy', 'key.bin'), { recursive: true });
    expect(
      (await store.putIfAbsent('busy/key.bin', bytes('data'), { contentType: 'application/octet-stream', cache: 'immutable' })).created,
    ).toBe(true);
  });

  it('does not list sidecars, temp files or blobs without a sidecar', async () => {
    await store.put('l/a.txt', bytes('a'), { contentType: 'text/plain', cache: 'immutable' });
    await writeFile(path.join(root, 'l', 'orphan.txt'), 'no sidecar');
    expect((await store.list('l/')).map((b) => b.key)).toEqual(['l/a.txt']);
    expect(await store.get('l/orphan.txt')).toBeNull();
  });
});
