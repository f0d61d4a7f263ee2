import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PAIR } from '../lib/models/ids';
import { encodePixels } from '../lib/digits/codec';
import { newClient, rawRequest } from '../lib/http/testing/raw-request';
import { testDigit } from '../lib/digits/testing/mnist-png';
import { expect, test } from './pages/lab';
import { E2E_BLOB_DIR } from './browser';

/** The port of the server under test (playwright.config.ts). */
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

// Requests an attacker or a crowd would send, against `next start`: every one gets a 4xx that
// says why, none a 500. Each test notes how many requests it sent ("hostile requests").

/** The e2e server's local blob store (playwright.config.ts). */
const STORE = E2E_BLOB_DIR;

/** Makes this run's shares new ones although the e2e store keeps those of earlier runs. */
const RUN = Math.floor(Math.random() * 1e6) / 1e3;

function shareBody(seed: number, latencyMs = 0.5) {
  const probs = Array.from({ length: 10 }, (_, i) => (i === 4 ? 0.91 : 0.01));
  const results = Object.fromEntries(DEFAULT_PAIR.map((id) => [id, { probs, top: 4, latencyMs: RUN + latencyMs, backend: 'wasm' }]));
  return { v: 1, input: encodePixels(testDigit(seed).pixels), shift: { dx: 1, dy: 1 }, results };
}

const count = (n: number) => test.info().annotations.push({ type: 'hostile requests', description: String(n) });

test('methods and request targets Next.js cannot parse get a 4xx, never a 500', async () => {
  const cases: Array<[string, number]> = [
    ...[
      '/',
      '/api/share',
      '/blob/models/manifest.json',
      '/api/models',
      '/api/models/manifest',
      '/api/models/cards',
      '/s/AAAAAAAAAAAAAAAAAAAAAA',
      '/s/AAAAAAAAAAAAAAAAAAAAAA/opengraph-image',
    ].map((target): [string, number] => [`TRACE ${target}`, 405]),
    ['GET *', 400],
    ['POST *', 400],
    ['OPTIONS *', 204],
    ...['/blob/%zz', '/s/%zz', '/api/share/%zz', '/%zz/x', '/blob/models/%E0%A4%A', '/s/%C3%28'].map((target): [string, number] => [
      `GET ${target}`,
      400,
    ]),
    ['POST /api/%zz', 400],
    ['GET http://localhost/blob/%zz', 400],
  ];
  for (const [line, status] of cases) {
    const response = await rawRequest(E2E_PORT, `${line} HTTP/1.1`);
    expect(response!.status, line).toBe(status);
    if (status === 405) expect(response!.headers.allow, line).toBe('GET, HEAD, POST, OPTIONS');
    if (status === 400) expect(JSON.parse(response!.body).error, line).toMatch(/percent-escape|only meaningful for OPTIONS/);
  }
  count(cases.length);
});

test('blob keys at and past every length limit get 404, never a 500', async ({ request }) => {
  const segments = [200, 201, 237, 238, 245, 250, 255, 256, 300];
  const targets = segments.flatMap((n) => [
    `/blob/models/${'a'.repeat(n)}`,
    `/blob/${'b'.repeat(n)}`,
    `/blob/models/cnn/${'c'.repeat(n)}.bin`,
  ]);
  targets.push(`/blob/${'d/'.repeat(300)}x`);
  for (const target of targets) expect((await request.get(target)).status(), target.slice(0, 40)).toBe(404);
  count(targets.length);
});

test('every route answers other methods with 405 and an Allow that lists what works', async ({ request }) => {
  const cases: Array<[string, string, string]> = [
    ['GET', '/api/share', 'POST, OPTIONS'],
    ['PUT', '/api/share', 'POST, OPTIONS'],
    ['DELETE', '/api/share', 'POST, OPTIONS'],
    ['POST', '/blob/models/manifest.json', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/blob/models/manifest.json', 'GET, HEAD, OPTIONS'],
    ['POST', '/api/models', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/api/models', 'GET, HEAD, OPTIONS'],
    ['POST', '/api/models/manifest', 'GET, HEAD, OPTIONS'],
    ['PATCH', '/api/models/manifest', 'GET, HEAD, OPTIONS'],
    ['POST', '/api/models/cards', 'GET, HEAD, OPTIONS'],
    ['POST', '/s/AAAAAAAAAAAAAAAAAAAAAA/opengraph-image', 'GET, HEAD, OPTIONS'],
  ];
  for (const [method, url, allow] of cases) {
    const response = await request.fetch(url, { method, headers: newClient() });
    expect(response.status(), `${method} ${url}`).toBe(405);
    expect(response.headers().allow, `${method} ${url}`).toBe(allow);
  }
  for (const [url, allow] of [
    ['/api/share', 'POST, OPTIONS'],
    ['/blob/models/manifest.json', 'GET, HEAD, OPTIONS'],
    ['/api/models', 'GET, HEAD, OPTIONS'],
    ['/api/models/manifest', 'GET, HEAD, OPTIONS'],
    ['/api/models/cards', 'GET, HEAD, OPTIONS'],
  ]) {
    const options = await request.fetch(url, { method: 'OPTIONS' });
    expect(options.status(), url).toBe(204);
    expect(options.headers().allow, url).toBe(allow);
  }
  count(cases.length + 5);
});

test('a plain HTML form on another site cannot create a share', async ({ page }) => {
  const before = await sharesStored();
  // The attacker's page: a form that posts a valid share as text/plain, no JavaScript needed.
  const json = JSON.stringify(shareBody(40));
  const [name, value] = [json.slice(0, json.lastIndexOf('}')) + ',"x":"', '"}'];
  await page.route('http://attacker.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<form method="post" action="http://localhost:${E2E_PORT}/api/share" enctype="text/plain"><input type="hidden" name='${name.replace(/'/g, '&#39;')}' value='${value}'><button>win</button></form>`,
    }),
  );
  await page.goto('http://attacker.test/');
  const [response] = await Promise.all([
    page.waitForResponse(`http://localhost:${E2E_PORT}/api/share`),
    page.getByRole('button', { name: 'win' }).click(),
  ]);
  expect(response.status()).toBe(403);
  expect(await response.json()).toEqual({ error: 'Shares can only be created from this site', field: null });
  expect(await sharesStored()).toEqual(before);
  count(1);
});

test('cross-site and non-JSON share posts are refused before anything is stored', async ({ request }) => {
  const before = await sharesStored();
  const attempts: Array<[Record<string, string>, number]> = [
    [{ origin: 'https://attacker.test' }, 403],
    [{ 'sec-fetch-site': 'cross-site' }, 403],
    [{ 'sec-fetch-site': 'same-site', origin: `http://sub.localhost:${E2E_PORT}` }, 403],
    [{ origin: 'null' }, 403],
    [{ 'content-type': 'text/plain' }, 415],
    [{ 'content-type': 'application/x-www-form-urlencoded' }, 415],
    [{ 'content-type': 'multipart/form-data; boundary=x' }, 415],
  ];
  for (const [headers, status] of attempts) {
    const response = await request.post('/api/share', {
      data: JSON.stringify(shareBody(41)),
      headers: { 'content-type': 'application/json', ...newClient(), ...headers },
    });
    expect(response.status(), JSON.stringify(headers)).toBe(status);
  }
  expect(await sharesStored()).toEqual(before);
  count(attempts.length);
});

test('one client gets 10 shares a minute, then 429 with Retry-After; the others are not affected', async ({ request }) => {
  const client = newClient();
  const statuses: number[] = [];
  // Each post differs by a thousandth of a millisecond: a new share every time, as in the attack.
  for (let i = 0; i < 15; i++)
    statuses.push((await request.post('/api/share', { data: shareBody(42, 0.5 + i / 1000), headers: client })).status());
  expect(statuses).toEqual([...new Array(10).fill(201), ...new Array(5).fill(429)]);
  const refused = await request.post('/api/share', { data: shareBody(42, 0.9), headers: client });
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect((await refused.json()).error).toBe(`Too many shares from your address: try again in ${retryAfter} s`);
  expect((await request.post('/api/share', { data: shareBody(42, 0.9), headers: newClient() })).status()).toBe(201);
  count(17);
});

test('the Share button shows the limit message when its client is over the limit', async ({ page, lab, request }) => {
  const client = newClient();
  for (let i = 0; i < 10; i++) await request.post('/api/share', { data: shareBody(43, 0.5 + i / 1000), headers: client });
  await page.setExtraHTTPHeaders(client);
  await lab.goto();
  await page.getByTestId('sample-button').click();
  await lab.predictions();
  await page.getByTestId('share-button').click();
  await expect(page.getByRole('alert').filter({ hasText: /^Could not share/ })).toHaveText(
    /^Could not share: Too many shares from your address: try again in \d+ s$/,
  );
  await expect(page.getByTestId('share-url')).toHaveCount(0);
  count(11);
});

test('50 simultaneous posts of one new share: one 201, 49 × 200, the file written once', async ({ request }) => {
  const body = shareBody(44);
  const responses = await Promise.all(Array.from({ length: 50 }, () => request.post('/api/share', { data: body, headers: newClient() })));
  const statuses = responses.map((r) => r.status());
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 200)).toHaveLength(49);
  const { id } = await responses[0].json();
  const file = path.join(STORE, 'shares', `${id}.json`);
  const before = { stat: await stat(file), sidecar: await readFile(path.join(STORE, 'shares', `.${id}.json.meta.json`), 'utf8') };
  await Promise.all(Array.from({ length: 10 }, () => request.post('/api/share', { data: body, headers: newClient() })));
  const after = await stat(file);
  expect([after.ino, after.mtimeMs]).toEqual([before.stat.ino, before.stat.mtimeMs]);
  expect(await readFile(path.join(STORE, 'shares', `.${id}.json.meta.json`), 'utf8')).toBe(before.sidecar);
  count(60);
});

test('aborted uploads leave the server answering and store nothing', async ({ request }) => {
  const before = await sharesStored();
  const partial = JSON.stringify(shareBody(45)).slice(0, 300);
  for (let i = 0; i < 5; i++) {
    await rawRequest(
      E2E_PORT,
      `POST /api/share HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nX-Forwarded-For: ${newClient()['x-forwarded-for']}`,
      { body: partial, abortAfterMs: 100 },
    );
  }
  expect((await request.get('/api/models/manifest')).status()).toBe(200);
  expect(await sharesStored()).toEqual(before);
  count(5);
});

/** The share documents in the e2e store, sorted. */
async function sharesStored(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(path.join(STORE, 'shares')).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort();
}
