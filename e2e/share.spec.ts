import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PAIR } from '../lib/models/ids';
import { encodePixels } from '../lib/digits/codec';
import { expect, LabPage, test } from './pages/lab';
import { E2E_BLOB_DIR } from './browser';
import { digitPng, testDigit } from '../lib/digits/testing/mnist-png';
import { newClient } from '../lib/http/testing/raw-request';

/**
 * A valid share body for `pixels`, with made-up but well-formed results: version 1, as links made
 * before the lab compared any two models (the CNN with the LCN) were.
 */
function shareBody(pixels: Uint8Array, overrides: Record<string, unknown> = {}, latencyMs = 0.5) {
  const probs = Array.from({ length: 10 }, (_, i) => (i === 4 ? 0.91 : 0.01));
  const results = Object.fromEntries(DEFAULT_PAIR.map((id) => [id, { probs, top: 4, latencyMs, backend: 'wasm' }]));
  return { v: 1, input: encodePixels(pixels), shift: { dx: 2, dy: -1 }, results, ...overrides };
}

test('a shared link reproduces the input, the shift and the top-1 in a fresh browser context', async ({ lab, page, browser }) => {
  await lab.goto();
  const { pixels } = testDigit(11);
  await lab.upload('digit.png', 'image/png', digitPng(pixels, { scale: 5, canvas: 1.3, at: [0.2, 0.6], ink: 'dark' }));
  await lab.predictions();
  await lab.setShift(3, 1);
  const shown = await lab.predictions();
  const input = await lab.inputPixels();

  await page.getByTestId('share-button').click();
  const link = page.getByTestId('share-url');
  await expect(link).toHaveAttribute('href', /\/s\/[A-Za-z0-9_-]{16,}$/);
  const url = (await link.getAttribute('href'))!;

  // Sharing the same result again gives the same link.
  await page.getByTestId('share-button').click();
  await expect(link).toHaveAttribute('href', url);

  const context = await browser.newContext();
  const viewer = new LabPage(await context.newPage());
  await viewer.goto(url);
  expect(await viewer.inputPixels()).toEqual(input);
  await expect(viewer.page.getByTestId('shift-dx')).toHaveValue('3');
  await expect(viewer.page.getByTestId('shift-dy')).toHaveValue('1');
  const replayed = await viewer.predictions();
  for (const id of DEFAULT_PAIR) {
    expect(replayed[id].top).toBe(shown[id].top);
    await expect(viewer.page.getByTestId('shared-results').locator(`[data-model="${id}"]`)).toHaveAttribute(
      'data-top',
      String(shown[id].top),
    );
  }
  await context.close();
});

test('an old (version 1) link still opens, with the CNN and the LCN it compared', async ({ page, request }) => {
  const created = await request.post('/api/share', { data: shareBody(testDigit(4).pixels), headers: newClient() });
  expect(created.status()).toBeLessThan(300);
  const { url } = await created.json();
  const viewer = new LabPage(page);
  await viewer.goto(url);
  for (const id of DEFAULT_PAIR)
    await expect(page.getByTestId('shared-results').locator(`[data-model="${id}"]`)).toHaveAttribute('data-top', '4');
  await expect(page.getByTestId('model-a')).toHaveValue(DEFAULT_PAIR[0]);
  await expect(page.getByTestId('model-b')).toHaveValue(DEFAULT_PAIR[1]);
  expect(await viewer.inputPixels()).toEqual(testDigit(4).pixels);
  await viewer.predictions();
});

test.describe('POST /api/share', () => {
  const pixels = testDigit(0).pixels;

  test('the same result twice gives the same id', async ({ request }) => {
    const headers = newClient();
    const first = await request.post('/api/share', { data: shareBody(pixels), headers });
    const second = await request.post('/api/share', { data: shareBody(pixels), headers });
    expect(first.ok()).toBe(true);
    expect(second.ok()).toBe(true);
    const a = await first.json();
    const b = await second.json();
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(b.id).toBe(a.id);
    const other = await (await request.post('/api/share', { data: shareBody(pixels, { shift: { dx: 0, dy: 0 } }), headers })).json();
    expect(other.id).not.toBe(a.id);
  });

  test('invalid bodies get 400 naming the field', async ({ request }) => {
    const headers = newClient();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ v: 2 }, /v/],
      [{ input: 'AAAA' }, /input/],
      [{ shift: { dx: 9, dy: 0 } }, /shift/],
      [{ shift: { dx: 1.5, dy: 0 } }, /shift/],
      [{ results: { cnn: { probs: [1], top: 0, latencyMs: 1, backend: 'wasm' } } }, /results/],
    ];
    for (const [override, field] of cases) {
      const response = await request.post('/api/share', { data: shareBody(pixels, override), headers });
      expect(response.status(), JSON.stringify(override)).toBe(400);
      const body = await response.json();
      expect(typeof body.error).toBe('string');
      expect(`${body.field ?? ''} ${body.error}`).toMatch(field);
    }
    const notJson = await request.post('/api/share', { data: 'not json', headers: { 'content-type': 'application/json', ...headers } });
    expect(notJson.status()).toBe(400);
  });

  test('an oversized body gets 413 and a wrong method 405', async ({ request }) => {
    const big = await request.post('/api/share', { data: shareBody(pixels, { padding: 'x'.repeat(17 * 1024) }), headers: newClient() });
    expect(big.status()).toBe(413);
    const get = await request.get('/api/share');
    expect(get.status()).toBe(405);
  });
});

test('unknown, malformed and path-traversal ids give the 404 page, never a 500', async ({ request }) => {
  for (const id of [
    'AAAAAAAAAAAAAAAAAAAAAA',
    'short',
    '..%2F..%2Fetc%2Fpasswd',
    'AAAAAAAAAAAAAAAAAAAAA%2F..%2F..%2Fmodels%2Fmanifest',
    'a b c',
    'x'.repeat(300),
    '%00',
  ]) {
    const response = await request.get(`/s/${id}`);
    expect(response.status(), id).toBe(404);
  }
});

test("a shared link has a preview image, rendered once, cached for good, named with this site's origin", async ({ request }) => {
  // A share new to this run (the e2e store keeps earlier runs'): its preview is not rendered yet.
  const latencyMs = 1 + Math.floor(Math.random() * 1e6) / 1e3;
  const { id } = await (
    await request.post('/api/share', { data: shareBody(testDigit(1).pixels, {}, latencyMs), headers: newClient() })
  ).json();
  const page = await (await request.get(`/s/${id}`)).text();
  expect(page).toContain(
    `<meta property="og:image" content="${new URL(`/s/${id}/opengraph-image`, test.info().project.use.baseURL).href}"/>`,
  );
  expect(page).toMatch(/<meta name="twitter:image" content="[^"]+\/twitter-image"/);
  expect(page).toMatch(/<meta property="og:image:width" content="1200"/);

  const stored = path.join(E2E_BLOB_DIR, 'shares', `${id}.png`);
  await expect(access(stored)).rejects.toThrow();
  const image = await request.get(`/s/${id}/opengraph-image`);
  expect(image.status()).toBe(200);
  const headers = image.headers();
  expect(headers['content-type']).toBe('image/png');
  expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
  const png = await image.body();
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // Stored beside the share: the second request is served from the store, byte for byte.
  expect(await readFile(stored)).toEqual(png);
  const storedAt = (await stat(stored)).mtimeMs;
  const again = await request.get(`/s/${id}/twitter-image`);
  expect(again.headers().etag).toBe(headers.etag);
  expect(await again.body()).toEqual(png);
  expect((await stat(stored)).mtimeMs).toBe(storedAt);
  const revalidated = await request.get(`/s/${id}/opengraph-image`, { headers: { 'if-none-match': headers.etag } });
  expect(revalidated.status()).toBe(304);
});

test('preview images of unknown or malformed ids are 404s, and nothing is rendered or stored for them', async ({ request }) => {
  for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', 'x'.repeat(300)]) {
    for (const name of ['opengraph-image', 'twitter-image'])
      expect((await request.get(`/s/${id}/${name}`)).status(), `${id} ${name}`).toBe(404);
  }
  await expect(access(path.join(E2E_BLOB_DIR, 'shares/AAAAAAAAAAAAAAAAAAAAAA.png'))).rejects.toThrow();
});

test('link previews name the host the page was asked for, not localhost', async ({ request }) => {
  const { id } = await (await request.post('/api/share', { data: shareBody(testDigit(2).pixels), headers: newClient() })).json();
  const page = await (
    await request.get(`/s/${id}`, { headers: { 'x-forwarded-host': 'lab.example.org', 'x-forwarded-proto': 'https' } })
  ).text();
  expect(page).toContain(`<meta property="og:image" content="https://lab.example.org/s/${id}/opengraph-image"/>`);
  const hostile = await (await request.get(`/s/${id}`, { headers: { 'x-forwarded-host': 'evil.example/"><script>' } })).text();
  expect(hostile).not.toContain('evil.example');
});
