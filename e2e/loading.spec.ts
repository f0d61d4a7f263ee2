import { workerChunkUrls } from '../lib/inference/worker-chunks';
import { EARLY_START_MARK } from '../lib/inference/worker-start';
import type { EngineManifest } from '../lib/inference/types';
import { DEFAULT_PAIR } from '../lib/models/ids';
import { encodePixels } from '../lib/digits/codec';
import { STARTER_COUNT } from '../lib/mnist/sample';
import { testDigit } from '../lib/digits/testing/mnist-png';
import { emulateNetwork, NETWORK_PROFILES } from './network';
import { expect, test } from './pages/lab';

const SAMPLE_PATH = '/mnist-sample.bin.gz';

/** The MNIST test digits 0…STARTER_COUNT-1, encoded, with their labels: what the page ships. */
const STARTERS = new Map(
  Array.from({ length: STARTER_COUNT }, (_, i) => testDigit(i)).map(({ pixels, label }) => [encodePixels(pixels), label]),
);

test("the lab page's response has the browser fetch the models' list once and the lab link's first model before any script", async ({
  lab,
  page,
}) => {
  const requested: string[] = [];
  const firstAsked = new Map<string, number>();
  let workerAt = Infinity;
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    requested.push(path);
    if (!firstAsked.has(path)) firstAsked.set(path, Date.now());
  });
  page.on('worker', () => (workerAt = Math.min(workerAt, Date.now())));
  const manifest = (await (await page.request.get('/api/models/manifest')).json()) as EngineManifest;
  const mlp = manifest.models.find((m) => m.id === 'mlp')!;
  const mlpFiles = [mlp.modelJson, ...mlp.weights].map((file) => file.url);
  // The MLP is the smaller of this pair: it answers first, so its files come with the page.
  const response = await page.goto('/?a=lcn&b=mlp');
  const link = response!.headers().link;
  expect(link).toContain('</api/models>; rel=preload; as=fetch; crossorigin=anonymous');
  for (const url of mlpFiles) expect(link).toContain(`<${url}>; rel=preload`);
  await lab.waitForModels();
  await expect(page.getByTestId('model-status-mlp')).toHaveAttribute('data-state', 'ready');
  // The page's own request for the list was answered by the preload, not sent again.
  expect(requested.filter((path) => path === '/api/models')).toEqual(['/api/models']);
  // The model's files were on their way before the inference worker, started as the framework
  // boots, existed: the page's scripts had not run yet.
  for (const url of mlpFiles) expect(firstAsked.get(url), url).toBeLessThan(workerAt);
});

// Ordering, not timing: what the page shows at the moment the CNN first answers.
test('on a 1.6 Mbit/s, 150 ms network the CNN answers a test digit while the LCN is still downloading, which then joins', async ({
  lab,
  page,
}) => {
  test.setTimeout(240_000);
  const sampleRequests: string[] = [];
  // When each URL was first requested and first finished: the worker's chunks must travel together.
  const started = new Map<string, number>();
  const finished = new Map<string, number>();
  const workers: { url: string; at: number }[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === SAMPLE_PATH) sampleRequests.push(r.url());
    if (!started.has(r.url())) started.set(r.url(), Date.now());
  });
  page.on('requestfinished', (r) => void (finished.has(r.url()) || finished.set(r.url(), Date.now())));
  page.on('worker', (w) => workers.push({ url: w.url(), at: Date.now() }));
  await emulateNetwork(page, NETWORK_PROFILES.slow);
  await lab.recordTimeline({ clickSample: true });
  await page.goto('/', { waitUntil: 'commit' });

  const [small, large] = DEFAULT_PAIR; // cnn (≈ 76 KB) before lcn (≈ 4.3 MB): smallest first
  await expect(page.getByTestId(`prediction-${small}`)).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  const early = await lab.timeline();
  // The click happened as soon as the button worked, and the digit came from the page itself.
  expect(early.sampleClickMs).not.toBeNull();
  expect(early.inputShownMs).not.toBeNull();
  const atFirst = early.statesAtPrediction[small];
  expect(atFirst?.[small]?.state).toBe('ready');
  expect(['queued', 'downloading']).toContain(atFirst?.[large]?.state);
  expect(atFirst![large].loadedBytes).toBeLessThan(atFirst![large].totalBytes);
  expect(early.filesVerifiedMs[large]).toBeUndefined();
  // The inference worker's chunks (those the page had not loaded already) were all asked for before
  // the first of them arrived: prefetched in parallel, not one round trip after another by the
  // worker's importScripts.
  const inference = workers[0]!;
  const named = workerChunkUrls(new URL(inference.url));
  for (const url of named) expect(finished.has(url), url).toBe(true);
  const chunks = named.filter((url) => finished.get(url)! > inference.at);
  expect(chunks.length).toBeGreaterThan(1);
  expect(Math.max(...chunks.map((url) => started.get(url)!))).toBeLessThan(Math.min(...chunks.map((url) => finished.get(url)!)));
  // The worker was started as the framework booted (instrumentation-client.ts), not as the page's own
  // scripts ran: its download does not wait for theirs.
  expect(await page.evaluate((mark) => performance.getEntriesByName(mark).length, EARLY_START_MARK)).toBe(1);
  // The whole test sample is fetched only after every model on screen is ready.
  expect(sampleRequests).toEqual([]);
  const input = await page.getByTestId('input-preview').getAttribute('data-pixels');
  expect(STARTERS.has(input!)).toBe(true);
  await expect(page.locator('figcaption', { hasText: 'MNIST label' })).toContainText(`MNIST label ${STARTERS.get(input!)}`);

  // The LCN shows its own progress meanwhile, then joins on the same digit.
  await expect(page.getByTestId(`model-status-${large}`)).toContainText('%');
  await expect(page.getByTestId(`prediction-${large}`)).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  const late = await lab.timeline();
  expect(late.filesVerifiedMs[large]).toBeGreaterThan(late.predictionMs[small]);
  expect(await page.getByTestId('input-preview').getAttribute('data-pixels')).toBe(input);
  await expect.poll(() => sampleRequests.length, { timeout: 60_000 }).toBeGreaterThan(0);
});

test('choosing another pair while the LCN downloads cancels that download, so the new model does not wait for it', async ({
  lab,
  page,
}) => {
  test.setTimeout(180_000);
  const manifest = (await (await page.request.get('/api/models/manifest')).json()) as EngineManifest;
  const lcnFiles = new Set(manifest.models.filter((m) => m.id === 'lcn').flatMap((m) => [m.modelJson.url, ...m.weights.map((w) => w.url)]));
  const isLcn = (url: string) => lcnFiles.has(new URL(url).pathname) || lcnFiles.has(url);
  const lcnAborted: string[] = [];
  const lcnFinished: string[] = [];
  page.context().on('requestfailed', (r) => void (isLcn(r.url()) && lcnAborted.push(r.url())));
  page.context().on('requestfinished', (r) => void (isLcn(r.url()) && lcnFinished.push(r.url())));
  await emulateNetwork(page, NETWORK_PROFILES.slow);
  await page.goto('/', { waitUntil: 'commit' });

  // The LCN's weights under way (≈ 1 MB, several seconds at this speed), then the visitor picks the pooled CNN.
  const lcnStatus = page.getByTestId('model-status-lcn');
  await expect(lcnStatus).toHaveAttribute('data-state', 'downloading', { timeout: 120_000 });
  await expect.poll(async () => Number(await lcnStatus.getAttribute('data-loaded-bytes')), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByTestId('model-b').selectOption('cnn-gap');

  await expect(page.getByTestId('model-status-cnn-gap')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(lcnAborted.length).toBeGreaterThan(0);
  expect(lcnFinished.filter((url) => !url.endsWith('.json'))).toEqual([]);
  await expect(lab.error).toBeEmpty();
});

test('"Try a test digit" answers on the click even when the test sample cannot be downloaded', async ({ lab, page }) => {
  await page.route(`**${SAMPLE_PATH}`, (route) => route.abort());
  await lab.goto();
  const seen = new Set<string>();
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('sample-button').click();
    await expect(page.getByTestId('input-preview')).toHaveAttribute('data-pixels', /.+/);
    const input = (await page.getByTestId('input-preview').getAttribute('data-pixels'))!;
    expect(STARTERS.has(input)).toBe(true);
    seen.add(input);
    const predictions = await lab.predictions();
    for (const id of DEFAULT_PAIR) expect(predictions[id].probs).toHaveLength(10);
  }
  await expect(lab.error).toBeEmpty();
  expect(seen.size).toBeGreaterThan(0);
});

test('once the models are ready the whole test sample arrives in the background and "Try a test digit" draws from it', async ({
  lab,
  page,
}) => {
  const sample = page.waitForResponse((r) => new URL(r.url()).pathname === SAMPLE_PATH && r.ok());
  await lab.goto();
  await sample;
  // 1,000 digits now: some click shows one beyond the starters (20 clicks all within the first 20: p ≈ 1e-34).
  let beyond = false;
  for (let i = 0; i < 20 && !beyond; i++) {
    await page.getByTestId('sample-button').click();
    await expect(page.getByTestId('input-preview')).toHaveAttribute('data-pixels', /.+/);
    beyond = !STARTERS.has((await page.getByTestId('input-preview').getAttribute('data-pixels'))!);
  }
  expect(beyond).toBe(true);
});
