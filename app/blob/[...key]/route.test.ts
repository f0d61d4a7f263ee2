import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '@/lib/storage/local-store';
import { makeTempDir } from '@/lib/storage/testing/drivers';

let cleanup: () => Promise<void>;
let route: typeof import('./route');
let GET: typeof import('./route').GET;

const get = (segments: string[], headers: Record<string, string> = {}) =>
  GET(new Request(`http://localhost/blob/${segments.join('/')}`, { headers }), { params: Promise.resolve({ key: segments }) });

beforeAll(async () => {
  const temp = await makeTempDir('route');
  cleanup = temp.cleanup;
  // The route reads the environment on first use: point it at a fresh local store.
  delete process.env.BLOB_READ_WRITE_TOKEN;
  process.env.LOCAL_BLOB_DIR = temp.dir;
  const store = new LocalBlobStore(temp.dir);
  await store.put('models/cnn/0123456789abcdef/weights.bin', new Uint8Array([1, 2, 3, 4, 5]), {
    contentType: 'application/octet-stream',
    cache: 'immutable',
  });
  await store.put('models/manifest.json', new TextEncoder().encode('{"version":1}'), {
    contentType: 'application/json',
    cache: 'revalidate',
  });
  route = await import('./route');
  ({ GET } = route);
});
afterAll(() => cleanup());

describe('GET /blob/[...key]', () => {
  it('serves a content-hashed blob with length, type, ETag and a year of immutable caching', async () => {
    const response = await get(['models', 'cnn', '0123456789abcdef', 'weights.bin']);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-length')).toBe('5');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
  });

  it('serves a mutable blob (the manifest) with revalidation', async () => {
    const response = await get(['models', 'manifest.json']);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(await response.json()).toEqual({ version: 1 });
  });

  it('answers 304 with no body when If-None-Match names the ETag', async () => {
    const etag = (await get(['models', 'manifest.json'])).headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await get(['models', 'manifest.json'], { 'if-none-match': ifNoneMatch });
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.headers.get('etag')).toBe(etag);
      expect(await response.text()).toBe('');
    }
    expect((await get(['models', 'manifest.json'], { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it.each([
    [['models', 'cnn', '0123456789abcdef', 'missing.bin']],
    [['models']],
    [['models', 'cnn']],
    [['..', '..', 'etc', 'passwd']],
    [['models', '..', '..', 'package.json']],
    [['models', '.manifest.json.meta.json']],
    [['%2e%2e', 'x']],
    [['a\0b']],
    [['a\\..\\b']],
    [['models', '', 'manifest.json']],
    [['models', 'manifest.json', 'below-a-file']],
    // Last segments of 245–255 characters once made the sidecar's name too long for the file system: 500.
    ...[201, 245, 250, 255].map((length) => [['models', 'x'.repeat(length)]]),
    [['x'.repeat(255)]],
  ])('answers 404, never 500, for %j', async (segments) => {
    const response = await get(segments);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found', field: null });
  });
});

describe('other methods on /blob/[...key]', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('answers %s with 405 and Allow: GET, HEAD, OPTIONS', async (method) => {
    const response = route[method]();
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers OPTIONS with what works', () => {
    expect(route.OPTIONS().headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});
