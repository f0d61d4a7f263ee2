import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '@/lib/storage/blob-store';
import { STORE_DRIVERS, type StoreUnderTest } from '@/lib/storage/testing/drivers';
import { recordingStore } from '@/lib/storage/testing/recording-store';
import { canonicalShareJson, isShareId, shareIdOf, SHARE_ID_LENGTH } from './id';
import { validateShare, type Share } from './schema';
import { getShare, saveShare } from './store';
import { validBenchmark, validShareBody } from './testing/share-body';

function share(body: unknown = validShareBody()): Share {
  const result = validateShare(body);
  if (!result.ok) throw new Error(result.error);
  return result.share;
}

describe('share ids', () => {
  it('are 22 base64url characters, stable for the same share and different for another', () => {
    const id = shareIdOf(canonicalShareJson(share()));
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(id).toHaveLength(SHARE_ID_LENGTH);
    expect(shareIdOf(canonicalShareJson(share()))).toBe(id);
    const shifted = validShareBody();
    shifted.shift = { dx: 0, dy: 0 };
    expect(shareIdOf(canonicalShareJson(share(shifted)))).not.toBe(id);
    expect(shareIdOf(canonicalShareJson(share(validShareBody(1))))).not.toBe(id);
  });

  it('do not depend on key order or on rounding noise in the request', () => {
    const body = validShareBody();
    const reordered = {
      results: Object.fromEntries(
        Object.entries(body.results)
          .reverse()
          .map(([id, r]) => [id, { backend: r.backend, latencyMs: r.latencyMs, top: r.top, probs: r.probs }]),
      ),
      shift: { dy: body.shift.dy, dx: body.shift.dx },
      models: body.models,
      input: body.input,
      v: body.v,
    };
    const noisy = validShareBody();
    noisy.results.cnn.probs[4] = 0.91 + 1e-9;
    const expected = canonicalShareJson(share(body));
    expect(canonicalShareJson(share(reordered))).toBe(expected);
    expect(canonicalShareJson(share(noisy))).toBe(expected);
    // The pair's order is the columns' order, so it is part of what was shared.
    const swapped = { ...validShareBody(), models: ['lcn', 'cnn'] };
    expect(canonicalShareJson(share(swapped))).not.toBe(expected);
  });

  it('carry an attached device benchmark, and without one are what they were before it could be attached', () => {
    const plain = canonicalShareJson(share());
    expect(plain).not.toContain('benchmark');
    expect(shareIdOf(plain)).toBe(shareIdOf(canonicalShareJson(share({ ...validShareBody(), benchmark: undefined }))));
    const attached = canonicalShareJson(share({ ...validShareBody(), benchmark: validBenchmark() }));
    expect(shareIdOf(attached)).not.toBe(shareIdOf(plain));
    // Stored as written: the stored document validates to the same share, and spells the same.
    expect(canonicalShareJson(share(JSON.parse(attached)))).toBe(attached);
    expect(JSON.parse(attached).benchmark.cells[0]).toEqual(validBenchmark().cells[0]);
  });

  it.each([
    '',
    'short',
    'A'.repeat(21),
    'A'.repeat(23),
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpass',
    'AAAAAAAAAAAAAAAAAAAA/A',
    'AAAAAAAAAAAAAAAAAAAAA.',
    'AAAAAAAAAAAAAAAAAAAA\0A',
    'AAAAAAAAAAAAAAAAAAAA A',
    'ÄAAAAAAAAAAAAAAAAAAAAA',
  ])('reject the malformed id %j', (id) => {
    expect(isShareId(id)).toBe(false);
  });
});

describe.each(STORE_DRIVERS)('share persistence on the $driver store', ({ create }) => {
  let subject: StoreUnderTest;
  let store: BlobStore & { puts: string[]; created: string[] };
  beforeEach(async () => {
    subject = await create();
    store = recordingStore(subject.store);
  });
  afterEach(() => subject.cleanup());

  it('round-trips a share under shares/<id>.json', async () => {
    const saved = await saveShare(share(), store);
    expect(saved.created).toBe(true);
    expect(store.puts).toEqual([`shares/${saved.id}.json`]);
    expect(await getShare(saved.id, store)).toEqual(share());
    const stored = await store.get(`shares/${saved.id}.json`);
    expect(new TextDecoder().decode(stored!.body)).toBe(canonicalShareJson(share()));
    expect(stored!.info.contentType).toBe('application/json');
  });

  it('gives the same share the same id and never rewrites it', async () => {
    const first = await saveShare(share(), store);
    const second = await saveShare(share(), store);
    expect(second).toEqual({ id: first.id, created: false });
    expect(store.puts).toHaveLength(1);
  });

  it('of 50 concurrent saves of one new share exactly one creates it; the document is written once', async () => {
    const saves = await Promise.all(Array.from({ length: 50 }, () => saveShare(share(validShareBody(3)), store)));
    expect(new Set(saves.map((s) => s.id)).size).toBe(1);
    expect(saves.filter((s) => s.created)).toHaveLength(1);
    expect(store.created).toEqual([`shares/${saves[0].id}.json`]);
    if (subject.fake) expect(subject.fake.calls.filter((call) => call.startsWith('put'))).toHaveLength(store.puts.length);
    expect(await getShare(saves[0].id, store)).toEqual(share(validShareBody(3)));
  });

  it('answers null for an unknown id', async () => {
    expect(await getShare('AAAAAAAAAAAAAAAAAAAAAA', store)).toBeNull();
  });

  it('answers null for a malformed id without touching storage', async () => {
    const touched: string[] = [];
    const spy: BlobStore = {
      ...store,
      get: async (key) => (touched.push(key), null),
      head: async (key) => (touched.push(key), null),
    };
    for (const id of ['../manifest', '..', 'x'.repeat(300), '%00', 'a b']) expect(await getShare(id, spy)).toBeNull();
    expect(touched).toEqual([]);
  });

  it('answers null for a stored document that is not a valid share', async () => {
    await store.put('shares/BBBBBBBBBBBBBBBBBBBBBB.json', new TextEncoder().encode('{"v":2}'), {
      contentType: 'application/json',
      cache: 'immutable',
    });
    await store.put('shares/CCCCCCCCCCCCCCCCCCCCCC.json', new TextEncoder().encode('not json'), {
      contentType: 'application/json',
      cache: 'immutable',
    });
    expect(await getShare('BBBBBBBBBBBBBBBBBBBBBB', store)).toBeNull();
    expect(await getShare('CCCCCCCCCCCCCCCCCCCCCC', store)).toBeNull();
  });
});
