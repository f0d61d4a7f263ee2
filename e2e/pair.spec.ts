import type { Page } from '@playwright/test';
import { expectAccessibleAt } from './pages/accessibility';
import { MODEL_IDS, type ModelId } from '../lib/models/ids';
import { expect, LabPage, test } from './pages/lab';
import { testDigit } from '../lib/digits/testing/mnist-png';
import { LocalBlobStore } from '../lib/storage/local-store';
import { MANIFEST_KEY, parseManifest } from '../lib/storage/manifest';
import { E2E_BLOB_DIR } from './browser';

/** The ids whose model files (model.json, weights) the page asks for, as they are requested. */
function modelRequests(page: Page): Set<string> {
  const ids = new Set<string>();
  page.on('request', (request) => {
    const id = new URL(request.url()).pathname.match(/\/models\/([^/]+)\/[^/]+\/(?:model\.json|weights)/)?.[1];
    if (id) ids.add(id);
  });
  return ids;
}

/** The lab's address once it has settled on `search` (history.replaceState: no navigation). */
async function expectSearch(page: Page, search: string): Promise<void> {
  await expect.poll(() => new URL(page.url()).search).toBe(search);
}

test('choosing CNN-GAP vs LCN-GAP loads and runs those two; the contrast line and the address follow', async ({ lab, page }) => {
  await lab.goto();
  await expect(page.getByTestId('model-a')).toHaveValue('cnn');
  await expect(page.getByTestId('model-b')).toHaveValue('lcn');
  await expect(page.getByTestId('pair-contrast')).toHaveText('Same head, same training data — only weight sharing differs.');

  // Choosing the other side's model swaps the two rather than comparing a model with itself.
  await page.getByTestId('model-b').selectOption('cnn');
  await expect(page.getByTestId('model-a')).toHaveValue('lcn');
  await expect(page.getByTestId('model-b')).toHaveValue('cnn');
  await expectSearch(page, '?a=lcn&b=cnn');

  await lab.choosePair('cnn-gap', 'lcn-gap');
  await expect(page.getByTestId('pair-contrast')).toHaveText('Same head, same training data — only weight sharing differs.');
  await page.getByTestId('model-b').selectOption('cnn');
  await expect(page.getByTestId('pair-contrast')).toHaveText(
    'Same feature layers, same training data — only the head differs (global average pooling vs dense).',
  );
  await page.getByTestId('model-b').selectOption('lcn-gap');
  await expectSearch(page, '?a=cnn-gap&b=lcn-gap');

  await lab.waitForModels();
  await page.getByTestId('sample-button').click();
  const pair: ModelId[] = ['cnn-gap', 'lcn-gap'];
  const predictions = await lab.predictions(pair);
  for (const id of pair) {
    expect(predictions[id].probs).toHaveLength(10);
    await expect(page.getByTestId(`latency-${id}`)).toHaveAttribute('data-p50-ms', /^\d/);
    await lab.sweepTops(id);
  }
  // Only the chosen pair is on screen.
  for (const id of MODEL_IDS.filter((m) => !pair.includes(m))) await expect(page.getByTestId(`prediction-${id}`)).toHaveCount(0);
  await expect(page.getByTestId('model-a').locator('option')).toHaveText(MODEL_IDS.map((id) => new RegExp(`^${id}$`, 'i')));
});

test('a lab link restores the pair, the test digit and the shift, and downloads only that pair', async ({ page }) => {
  const requested = modelRequests(page);
  const lab = new LabPage(page);
  await lab.goto('/?a=cnn-shift&b=mlp&digit=3&dx=2&dy=-1');
  await expect(page.getByTestId('model-a')).toHaveValue('cnn-shift');
  await expect(page.getByTestId('model-b')).toHaveValue('mlp');
  await expect(page.getByTestId('shift-dx')).toHaveValue('2');
  await expect(page.getByTestId('shift-dy')).toHaveValue('-1');
  await expect(page.getByTestId('pair-contrast')).toHaveText(
    'Same head — differs in weight sharing, locality and training data: the comparison mixes three causes.',
  );
  // MNIST test digit 3, shipped with the page.
  expect(await lab.inputPixels()).toEqual(testDigit(3).pixels);
  await expect(page.getByText(`MNIST label ${testDigit(3).label}`)).toBeVisible();
  const predictions = await lab.predictions(['cnn-shift', 'mlp']);
  expect(predictions.mlp.probs).toHaveLength(10);
  await expect(page.getByTestId('lab-link-problems')).toHaveCount(0);
  expect([...requested].sort()).toEqual(['cnn-shift', 'mlp']);
  await expectSearch(page, '?a=cnn-shift&b=mlp&digit=3&dx=2&dy=-1');

  // A drawing is not a test digit: the address drops it and keeps the rest.
  await lab.draw([
    [
      [0.5, 0.15],
      [0.5, 0.85],
    ],
  ]);
  await expectSearch(page, '?a=cnn-shift&b=mlp&dx=2&dy=-1');
  await lab.setShift(0, 0);
  await expectSearch(page, '?a=cnn-shift&b=mlp');
});

test('a bad lab link names each problem and shows what it can instead', async ({ lab, page }) => {
  await lab.goto('/?a=rnn&dx=99&digit=many');
  const problems = page.getByTestId('lab-link-problems');
  await expect(problems).toContainText("a: 'rnn' is not a published model; showing cnn");
  await expect(problems).toContainText("digit: 'many' is not a whole number; using none");
  await expect(problems).toContainText('dx: 99 is outside -8…8 px; using 8');
  await expect(page.getByTestId('model-a')).toHaveValue('cnn');
  await expect(page.getByTestId('model-b')).toHaveValue('lcn');
  await expect(page.getByTestId('shift-dx')).toHaveValue('8');
  await expect(page.getByTestId('input-preview')).toHaveAttribute('data-pixels', '');
  await expectSearch(page, '?dx=8&dy=0');
});

test('a share of a chosen pair reopens with that pair', async ({ lab, page, browser }) => {
  await lab.goto('/?a=lcn-gap&b=cnn-shift&digit=5&dx=-1&dy=1');
  const pair: ModelId[] = ['lcn-gap', 'cnn-shift'];
  const shown = await lab.predictions(pair);
  await page.getByTestId('share-button').click();
  const link = page.getByTestId('share-url');
  await expect(link).toHaveAttribute('href', /\/s\/[A-Za-z0-9_-]{16,}$/);
  const url = (await link.getAttribute('href'))!;

  const context = await browser.newContext();
  const viewer = new LabPage(await context.newPage());
  await viewer.goto(url);
  await expect(viewer.page.getByTestId('model-a')).toHaveValue('lcn-gap');
  await expect(viewer.page.getByTestId('model-b')).toHaveValue('cnn-shift');
  await expect(viewer.page.getByTestId('shared-results').locator('li')).toHaveCount(2);
  await expect(viewer.page.getByTestId('share-missing-models')).toHaveCount(0);
  const replayed = await viewer.predictions(pair);
  for (const id of pair) {
    await expect(viewer.page.getByTestId('shared-results').locator(`[data-model="${id}"]`)).toHaveAttribute(
      'data-top',
      String(shown[id].top),
    );
    expect(replayed[id].top).toBe(shown[id].top);
  }
  // The share's address stays the share's.
  expect(new URL(viewer.page.url()).pathname).toBe(new URL(url).pathname);

  // The store stops publishing one of the pair: the share still opens, names it, and does not run it.
  const store = new LocalBlobStore(E2E_BLOB_DIR);
  const original = (await store.get(MANIFEST_KEY))!.body;
  const manifest = parseManifest(JSON.parse(new TextDecoder().decode(original)));
  const withdrawn = { ...manifest, models: manifest.models.filter((m) => m.id !== 'cnn-shift') };
  await store.put(MANIFEST_KEY, new TextEncoder().encode(JSON.stringify(withdrawn)), {
    contentType: 'application/json',
    cache: 'revalidate',
  });
  try {
    await viewer.page.reload();
    await expect(viewer.page.getByTestId('share-missing-models')).toContainText('made with cnn-shift, which this site does not publish');
    await expect(viewer.page.getByTestId('shared-results').locator('[data-model="lcn-gap"]')).toHaveAttribute(
      'data-top',
      String(shown['lcn-gap'].top),
    );
    await expect(viewer.page.locator('[data-testid="prediction-cnn-shift"]')).toHaveCount(0);
  } finally {
    await store.put(MANIFEST_KEY, original, { contentType: 'application/json', cache: 'revalidate' });
  }
  await context.close();
});

test('axe finds no serious or critical violation with a chosen pair and a link problem, on desktop and on a phone', async ({
  lab,
  page,
}) => {
  await lab.goto('/?a=mlp&b=lcn-shift&digit=0&dy=99');
  await expect(page.getByTestId('lab-link-problems')).toBeVisible();
  await lab.predictions(['mlp', 'lcn-shift']);
  for (const width of [1280, 375]) await expectAccessibleAt(page, width);
});
