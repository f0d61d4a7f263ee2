import { readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validShareBody } from '@/lib/share/testing/share-body';
import { makeTempDir } from '@/lib/storage/testing/drivers';
import type * as Route from './route';

let route: typeof Route;
let storeDir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir: storeDir, cleanup } = await makeTempDir('share-route'));
  // The handler reads the environment on first use: a fresh local store.
  delete process.env.BLOB_READ_WRITE_TOKEN;
  process.env.LOCAL_BLOB_DIR = storeDir;
  route = await import('./route');
});
afterAll(() => cleanup());

const post = (body: unknown) =>
  route.POST(new Request('http://localhost/api/share', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }));

describe('POST /api/share', () => {
  it('stores a result: 201 with its id and page URL, then 200 with the same id', async () => {
    const first = await post(validShareBody());
    expect(first.status).toBe(201);
    const { id, url } = await first.json();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(url).toBe(`/s/${id}`);
    expect(await readdir(path.join(storeDir, 'shares'))).toContain(`${id}.json`);

    const second = await post(validShareBody());
    expect(second.status).toBe(200);
    expect((await second.json()).id).toBe(id);
  });

  it('answers 400 with { error, field } for an invalid body', async () => {
    const body = validShareBody();
    delete body.results.cnn;
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ field: 'results.cnn', error: expect.stringMatching(/^results\.cnn: /) });
    const notJson = await post('not json');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ field: null, error: 'Body is not valid JSON' });
  });

  it('answers 413 for a body over 16 KB', async () => {
    const response = await post({ ...validShareBody(), padding: 'x'.repeat(17 * 1024) });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/16384 bytes/);
  });

  it('answers 503 with a JSON error when the store cannot write', async () => {
    // A file where the shares folder should be makes every new write fail.
    await rename(path.join(storeDir, 'shares'), path.join(storeDir, 'shares-away'));
    await writeFile(path.join(storeDir, 'shares'), 'in the way');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await post(validShareBody(7));
    expect(response.status).toBe(503);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect((await response.json()).error).toMatch(/Could not store/);
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE'] as const)('answers %s with 405 and Allow: POST', async (method) => {
    const response = route[method]();
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
