import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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

let client = 0;
/** A fresh client address per test, so the share limit of one test does not reach into another. */
let address = '';
beforeEach(() => {
  address = `203.0.113.${++client}`;
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  route.POST(
    new Request('http://localhost/api/share', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', host: 'localhost', 'x-forwarded-for': address, ...headers },
    }),
  );

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
    await rm(path.join(storeDir, 'shares'));
    await rename(path.join(storeDir, 'shares-away'), path.join(storeDir, 'shares'));
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE'] as const)('answers %s with 405 and Allow: POST, OPTIONS', async (method) => {
    const response = route[method]();
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await response.json()).toEqual({ error: 'Use POST', field: null });
  });

  it('answers OPTIONS with the methods that work, and only those', () => {
    const response = route.OPTIONS();
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('of 50 simultaneous posts of one new result one gets 201 and 49 get 200; the document is written once', async () => {
    const body = validShareBody(21);
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => post(body, { 'x-forwarded-for': `198.51.100.${i}` })));
    expect(responses.map((r) => r.status).sort()).toEqual([...new Array(49).fill(200), 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    const [id] = ids;
    const file = path.join(storeDir, 'shares', `${id}.json`);
    const before = { stat: await stat(file), sidecar: await readFile(path.join(storeDir, 'shares', `.${id}.json.meta.json`), 'utf8') };
    expect((await post(body, { 'x-forwarded-for': '198.51.100.99' })).status).toBe(200);
    const after = await stat(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.stat.ino, before.stat.mtimeMs]);
    expect(await readFile(path.join(storeDir, 'shares', `.${id}.json.meta.json`), 'utf8')).toBe(before.sidecar);
  });
});

describe('POST /api/share from other sites', () => {
  it('refuses a cross-site HTML form (text/plain, no JavaScript needed) with 403 and stores nothing', async () => {
    const before = await readdir(path.join(storeDir, 'shares')).catch(() => []);
    const response = await post(`{"v":1,"padding":"=${'x'.repeat(10)}"}`, {
      'content-type': 'text/plain',
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'Shares can only be created from this site', field: null });
    expect(await readdir(path.join(storeDir, 'shares')).catch(() => [])).toEqual(before);
  });

  it('refuses a valid share sent with another Origin (403) or without a JSON content type (415)', async () => {
    expect((await post(validShareBody(22), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(validShareBody(22), { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    const plain = await post(validShareBody(22), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toEqual({ error: 'Send the share as application/json', field: null });
    const ok = await post(validShareBody(22), { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(201);
  });
});

describe('POST /api/share rate limit', () => {
  it('allows 10 shares a minute per client, then answers 429 with Retry-After and a message to show', async () => {
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(validShareBody(100 + i))).status);
    expect(statuses).toEqual(new Array(10).fill(201));
    const refused = await post(validShareBody(200));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ error: `Too many shares from your address: try again in ${retryAfter} s`, field: null });
    // Nothing was stored for the refused request, and another client is not affected.
    expect(await readdir(path.join(storeDir, 'shares'))).not.toContain(expect.stringContaining('200'));
    expect((await post(validShareBody(200), { 'x-forwarded-for': '192.0.2.77' })).status).toBe(201);
  });

  it('counts a client by the last X-Forwarded-For entry, so a forged first entry does not help', async () => {
    for (let i = 0; i < 10; i++) await post(validShareBody(300 + i), { 'x-forwarded-for': `10.9.9.${i}, ${address}` });
    expect((await post(validShareBody(310), { 'x-forwarded-for': `10.9.9.99, ${address}` })).status).toBe(429);
  });
});
