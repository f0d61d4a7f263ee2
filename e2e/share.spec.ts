import { MODEL_IDS } from '../lib/models/ids';
import { encodePixels } from '../lib/digits/codec';
import { expect, LabPage, test } from './pages/lab';
import { digitPng, testDigit } from '../lib/digits/testing/mnist-png';

/** A valid share body for `pixels`, with made-up but well-formed results. */
function shareBody(pixels: Uint8Array, overrides: Record<string, unknown> = {}) {
  const probs = Array.from({ length: 10 }, (_, i) => (i === 4 ? 0.91 : 0.01));
  const results = Object.fromEntries(MODEL_IDS.map((id) => [id, { probs, top: 4, latencyMs: 0.5, backend: 'wasm' }]));
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
  for (const id of MODEL_IDS) {
    expect(replayed[id].top).toBe(shown[id].top);
    await expect(viewer.page.getByTestId('shared-results').locator(`[data-model="${id}"]`)).toHaveAttribute('data-top', String(shown[id].top));
  }
  await context.close();
});

test.describe('POST /api/share', () => {
  const pixels = testDigit(0).pixels;

  test('the same result twice gives the same id', async ({ request }) => {
    const first = await request.post('/api/share', { data: shareBody(pixels) });
    const second = await request.post('/api/share', { data: shareBody(pixels) });
    expect(first.ok()).toBe(true);
    expect(second.ok()).toBe(true);
    const a = await first.json();
    const b = await second.json();
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(b.id).toBe(a.id);
    const other = await (await request.post('/api/share', { data: shareBody(pixels, { shift: { dx: 0, dy: 0 } }) })).json();
    expect(other.id).not.toBe(a.id);
  });

  test('invalid bodies get 400 naming the field', async ({ request }) => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ v: 2 }, /v/],
      [{ input: 'AAAA' }, /input/],
      [{ shift: { dx: 9, dy: 0 } }, /shift/],
      [{ shift: { dx: 1.5, dy: 0 } }, /shift/],
      [{ results: { cnn: { probs: [1], top: 0, latencyMs: 1, backend: 'wasm' } } }, /results/],
    ];
    for (const [override, field] of cases) {
      const response = await request.post('/api/share', { data: shareBody(pixels, override) });
      expect(response.status(), JSON.stringify(override)).toBe(400);
      const body = await response.json();
      expect(typeof body.error).toBe('string');
      expect(`${body.field ?? ''} ${body.error}`).toMatch(field);
    }
    const notJson = await request.post('/api/share', { data: 'not json', headers: { 'content-type': 'application/json' } });
    expect(notJson.status()).toBe(400);
  });

  test('an oversized body gets 413 and a wrong method 405', async ({ request }) => {
    const big = await request.post('/api/share', { data: shareBody(pixels, { padding: 'x'.repeat(17 * 1024) }) });
    expect(big.status()).toBe(413);
    const get = await request.get('/api/share');
    expect(get.status()).toBe(405);
  });
});

test('unknown, malformed and path-traversal ids give the 404 page, never a 500', async ({ request }) => {
  for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', '..%2F..%2Fetc%2Fpasswd', 'AAAAAAAAAAAAAAAAAAAAA%2F..%2F..%2Fmodels%2Fmanifest', 'a b c', 'x'.repeat(300), '%00']) {
    const response = await request.get(`/s/${id}`);
    expect(response.status(), id).toBe(404);
  }
});

test('a shared link has an Open Graph preview image', async ({ request }) => {
  const { id } = await (await request.post('/api/share', { data: shareBody(testDigit(1).pixels) })).json();
  const page = await (await request.get(`/s/${id}`)).text();
  expect(page).toMatch(/<meta property="og:image" content="[^"]+opengraph-image/);
  expect(page).toMatch(/<meta name="twitter:image"/);
  const image = await request.get(`/s/${id}/opengraph-image`);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
  expect((await image.body()).subarray(1, 4).toString()).toBe('PNG');
});
