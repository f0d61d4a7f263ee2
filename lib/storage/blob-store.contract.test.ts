import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store';
import { InvalidBlobKeyError, MAX_SEGMENT_LENGTH } from './keys';
import { STORE_DRIVERS, type StoreUnderTest } from './testing/drivers';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe.each(STORE_DRIVERS)('BlobStore contract: $driver driver', ({ driver, create }) => {
  let subject: StoreUnderTest;
  let store: BlobStore;
  beforeEach(async () => {
    subject = await create();
    store = subject.store;
  });
  afterEach(() => subject.cleanup());

  it('names its driver', () => {
    expect(store.driver).toBe(driver);
  });

  it('stores bytes with their content type and reads them back', async () => {
    const put = await store.put('models/cnn/abc/model.json', bytes('{"a":1}'), { contentType: 'application/json', cache: 'immutable' });
    expect(put).toMatchObject({ key: 'models/cnn/abc/model.json', size: 7, contentType: 'application/json' });
    expect(put.url).toMatch(/models\/cnn\/abc\/model\.json$/);
    expect(put.etag).not.toBe('');

    const head = await store.head('models/cnn/abc/model.json');
    expect(head).toMatchObject({
      key: 'models/cnn/abc/model.json',
      size: 7,
      contentType: 'application/json',
      url: put.url,
      etag: put.etag,
    });
    expect(head!.uploadedAt).toBeInstanceOf(Date);

    const got = await store.get('models/cnn/abc/model.json');
    expect(text(got!.body)).toBe('{"a":1}');
    expect(got!.info).toEqual(head);
  });

  it('keeps binary content byte for byte', async () => {
    const body = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);
    await store.put('w/weights.bin', body, { contentType: 'application/octet-stream', cache: 'immutable' });
    expect((await store.get('w/weights.bin'))!.body).toEqual(body);
  });

  it('answers null for a missing key', async () => {
    expect(await store.head('nothing/here.json')).toBeNull();
    expect(await store.get('nothing/here.json')).toBeNull();
  });

  it('caches content-addressed blobs for a year and revalidates the others', async () => {
    const immutable = await store.put('a/1.bin', bytes('x'), { contentType: 'application/octet-stream', cache: 'immutable' });
    const revalidate = await store.put('a/manifest.json', bytes('{}'), { contentType: 'application/json', cache: 'revalidate' });
    expect(immutable.cacheControl).toMatch(/max-age=31536000/);
    expect((await store.head('a/1.bin'))!.cacheControl).toMatch(/max-age=31536000/);
    expect((await store.head('a/manifest.json'))!.cacheControl).toBe(revalidate.cacheControl);
    expect(revalidate.cacheControl).not.toMatch(/immutable|31536000/);
  });

  it('replaces a blob on put, with a new ETag', async () => {
    const first = await store.put('m.json', bytes('one'), { contentType: 'application/json', cache: 'revalidate' });
    const second = await store.put('m.json', bytes('three'), { contentType: 'text/plain', cache: 'revalidate' });
    expect(second.etag).not.toBe(first.etag);
    const got = await store.get('m.json');
    expect(text(got!.body)).toBe('three');
    expect(got!.info).toMatchObject({ size: 5, contentType: 'text/plain', etag: second.etag });
  });

  it('putIfAbsent creates a missing blob and never replaces an existing one', async () => {
    const first = await store.putIfAbsent('once/a.json', bytes('first'), { contentType: 'application/json', cache: 'immutable' });
    expect(first.created).toBe(true);
    const second = await store.putIfAbsent('once/a.json', bytes('second'), { contentType: 'text/plain', cache: 'revalidate' });
    expect(second).toEqual({ created: false, info: await store.head('once/a.json') });
    expect(second.info.etag).toBe(first.info.etag);
    const got = await store.get('once/a.json');
    expect(text(got!.body)).toBe('first');
    expect(got!.info.contentType).toBe('application/json');
  });

  it('of 50 concurrent putIfAbsent calls on one key exactly one creates it, and its bytes stay', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.putIfAbsent('race/share.json', bytes(`writer ${i}`), { contentType: 'application/json', cache: 'immutable' }),
      ),
    );
    const winners = results.flatMap((result, i) => (result.created ? [i] : []));
    expect(winners).toHaveLength(1);
    const stored = await store.get('race/share.json');
    expect(text(stored!.body)).toBe(`writer ${winners[0]}`);
    for (const result of results) expect(result.info.etag).toBe(stored!.info.etag);
  });

  it(`stores and reads back a key whose segments have the longest allowed length (${MAX_SEGMENT_LENGTH})`, async () => {
    const key = `${'d'.repeat(MAX_SEGMENT_LENGTH)}/${'f'.repeat(MAX_SEGMENT_LENGTH)}`;
    await store.put(key, bytes('long'), { contentType: 'text/plain', cache: 'immutable' });
    expect(text((await store.get(key))!.body)).toBe('long');
    expect((await store.putIfAbsent(key, bytes('other'), { contentType: 'text/plain', cache: 'immutable' })).created).toBe(false);
    expect((await store.list('d')).map((b) => b.key)).toEqual([key]);
  });

  it('lists by prefix, sorted, across pages', async () => {
    const keys = [
      'shares/b.json',
      'models/lcn/x/model.json',
      'models/cnn/y/weights.bin',
      'models/cnn/y/model.json',
      'models/manifest.json',
      'modelsx',
    ];
    for (const key of keys) await store.put(key, bytes(key), { contentType: 'text/plain', cache: 'immutable' });

    const models = await store.list('models/');
    expect(models.map((b) => b.key)).toEqual([
      'models/cnn/y/model.json',
      'models/cnn/y/weights.bin',
      'models/lcn/x/model.json',
      'models/manifest.json',
    ]);
    expect(models[0]).toMatchObject({ size: 'models/cnn/y/model.json'.length });
    expect(models[0].etag).not.toBe('');
    expect((await store.list('models/c')).map((b) => b.key)).toEqual(['models/cnn/y/model.json', 'models/cnn/y/weights.bin']);
    expect((await store.list('model')).length).toBe(5);
    expect((await store.list('')).length).toBe(6);
    expect(await store.list('nothing/')).toEqual([]);
  });

  it('deletes, and deleting a missing key is not an error', async () => {
    await store.put('d/x.txt', bytes('x'), { contentType: 'text/plain', cache: 'immutable' });
    await store.delete('d/x.txt');
    expect(await store.head('d/x.txt')).toBeNull();
    expect(await store.list('d/')).toEqual([]);
    await expect(store.delete('d/x.txt')).resolves.toBeUndefined();
  });

  it.each([
    '',
    '/etc/passwd',
    '../secret',
    'a/../../b',
    'a//b',
    'a/./b',
    'a\\b',
    'a\0b',
    'a/',
    '.hidden',
    'a/.meta.json',
    'sp ace',
    'ü.json',
    'x'.repeat(600),
    'x'.repeat(MAX_SEGMENT_LENGTH + 1),
    `a/${'y'.repeat(250)}`,
  ])('rejects the unsafe key %j with InvalidBlobKeyError', async (key) => {
    await expect(store.put(key, bytes('x'), { contentType: 'text/plain', cache: 'immutable' })).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.putIfAbsent(key, bytes('x'), { contentType: 'text/plain', cache: 'immutable' })).rejects.toBeInstanceOf(
      InvalidBlobKeyError,
    );
    await expect(store.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.head(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
  });

  it('rejects an unsafe list prefix', async () => {
    await expect(store.list('../')).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.list('/abs')).rejects.toBeInstanceOf(InvalidBlobKeyError);
  });
});
