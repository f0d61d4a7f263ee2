import { DEFAULT_PAIR } from '../lib/models/ids';
import { expect, LabPage, test } from './pages/lab';

/** The manifest the page was handed: every model file URL. */
async function modelFiles(request: import('@playwright/test').APIRequestContext): Promise<Array<{ url: string; bytes: number }>> {
  const response = await request.get('/api/models/manifest');
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as {
    models: Array<{ modelJson: { url: string; bytes: number }; weights: Array<{ url: string; bytes: number }> }>;
  };
  return manifest.models.flatMap((m) => [m.modelJson, ...m.weights]);
}

const isWeightFile = (url: URL) => /\/weights\.bin(\.gz)?$/.test(url.pathname);

// The handler sets Content-Length (app/blob/[...key]/route.test.ts checks it); `next start` itself drops
// Content-Length from every route-handler response and streams the body chunked
// (next/dist/server/send-response.js, FORBIDDEN_HEADERS), so here the size is checked on the body.
test('model files are served with content-hash caching, ETag, the manifest size and 304 revalidation', async ({ request }) => {
  const files = await modelFiles(request);
  expect(files.length).toBeGreaterThanOrEqual(4);
  for (const { url, bytes } of files) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    const headers = response.headers();
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await response.body()).length).toBe(bytes);
    expect(headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await request.get(url, { headers: { 'if-none-match': headers.etag } });
    expect(again.status()).toBe(304);
  }
  const missing = await request.get(files[0].url.replace(/[^/]+$/, 'missing.bin'));
  expect(missing.status()).toBe(404);
});

test('a corrupted weight file is detected and reported, never used', async ({ page, lab }) => {
  await page.route(isWeightFile, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length >> 1] ^= 0xff;
    await route.fulfill({ response, body });
  });
  await page.goto('/');
  await expect(page.getByTestId('load-error')).toContainText(/integrity|checksum|sha-?256/i, { timeout: 60_000 });
  // Give the lab a digit: a model built from the corrupted file would read it.
  await lab.draw([
    [
      [0.5, 0.15],
      [0.5, 0.85],
    ],
  ]);
  await expect(page.getByTestId('input-preview')).not.toHaveAttribute('data-pixels', '');
  // Absence needs a window: a loaded model answers within milliseconds.
  await page.waitForTimeout(1_000);
  for (const id of DEFAULT_PAIR) await expect(page.getByTestId(`prediction-${id}`)).toHaveAttribute('data-state', 'pending');
});

test('a 500 from the store shows the error and a retry that works', async ({ page }) => {
  // The store fails until the error is on screen (the page's own preload of the first model's
  // files, and then the engine's download, both meet it), then recovers.
  let failing = true;
  await page.route(isWeightFile, async (route) => {
    if (failing) await route.fulfill({ status: 500, body: 'store unavailable' });
    else await route.continue();
  });
  const lab = new LabPage(page);
  await page.goto('/');
  await expect(page.getByTestId('load-error')).toContainText(/500/, { timeout: 60_000 });
  failing = false;
  await page.getByTestId('retry-button').click();
  await lab.waitForModels();
  await expect(page.getByTestId('load-error')).toHaveCount(0);
});

test("the lab's page says when the models cannot be fetched, keeps the rest, and its Try again works", async ({ page }) => {
  // The page as built asks for the published models; the server fails until the message is on screen.
  let failing = true;
  await page.route('**/api/models', async (route) => {
    if (failing) await route.fulfill({ status: 503, json: { error: 'The published models are unavailable', field: null } });
    else await route.continue();
  });
  const lab = new LabPage(page);
  await page.goto('/');
  const message = page.getByTestId('models-error');
  await expect(message).toContainText('The models could not be fetched: the server answered 503.');
  await expect(page.getByRole('heading', { name: 'Weight Sharing Lab' })).toBeVisible();
  failing = false;
  await message.getByRole('button', { name: 'Try again' }).click();
  await lab.waitForModels();
  await expect(message).toHaveCount(0);
});
