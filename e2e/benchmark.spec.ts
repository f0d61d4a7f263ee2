import type { Locator } from '@playwright/test';
import { DEFAULT_PAIR } from '../lib/models/ids';
import type { BackendName } from '../lib/inference/types';
import { EngineHarnessPage } from './pages/engine-harness';
import { expect, LabPage, test } from './pages/lab';

/** Every row of a benchmark table: backend, model, times (single p50, sweep) or that it failed. */
async function rows(results: Locator) {
  return results.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const d = (tr as HTMLElement).dataset;
      return { backend: d.backend, model: d.model, singleMs: d.singleMs, sweepMs: d.sweepMs, failed: d.failed === 'true' };
    }),
  );
}

test('"Benchmark this device" times every backend here × both models, and its result survives a share link', async ({
  lab,
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  // The backends this browser offers, as the engine finds them.
  const harness = new EngineHarnessPage(page);
  await harness.open('wasm');
  const available = (await page.evaluate(() => window.__engine!.client.backendInfo())).available as BackendName[];
  expect(available).toContain('wasm');

  await lab.goto();
  await page.getByTestId('sample-button').click();
  await lab.predictions();
  await page.getByTestId('benchmark-button').click();
  const results = page.getByTestId('benchmark-results');
  await expect(results).toBeVisible({ timeout: 240_000 });

  const table = await rows(results);
  // Every backend ran both models here (SwiftShader WebGPU and WebGL included), none failed.
  expect(table.filter((r) => r.failed)).toEqual([]);
  expect(table.map((r) => `${r.backend}|${r.model}`).sort()).toEqual(available.flatMap((b) => DEFAULT_PAIR.map((m) => `${b}|${m}`)).sort());
  for (const r of table) {
    expect(Number(r.singleMs)).toBeGreaterThan(0);
    expect(Number(r.sweepMs)).toBeGreaterThan(0);
  }
  // One winner per model × workload, and the chart is drawn.
  await expect(results.locator('td[data-winner]')).toHaveCount(DEFAULT_PAIR.length * 2);
  await expect(results.locator('svg, [role=img]').first()).toBeVisible();
  const verdict = await page.getByTestId('benchmark-results-verdict').textContent();
  expect(verdict).toMatch(/wins both|predictions on \w+, sweeps on \w+/);

  await expect(page.getByTestId('share-benchmark')).toBeChecked();
  await page.getByTestId('share-button').click();
  const link = page.getByTestId('share-url');
  await expect(link).toHaveAttribute('href', /\/s\/[A-Za-z0-9_-]{16,}$/);
  const url = (await link.getAttribute('href'))!;

  const context = await browser.newContext();
  const viewer = new LabPage(await context.newPage());
  await viewer.page.goto(url);
  const shared = viewer.page.getByTestId('shared-benchmark');
  await expect(shared).toBeVisible();
  expect(await rows(shared)).toEqual(table);
  await expect(viewer.page.getByTestId('shared-benchmark-verdict')).toHaveText(verdict!);
  await context.close();

  // Unticked, the link carries no benchmark (and is the link of the result alone).
  await page.getByTestId('share-benchmark').uncheck();
  await page.getByTestId('share-button').click();
  await expect(link).not.toHaveAttribute('href', url);
  const plain = (await link.getAttribute('href'))!;
  await page.goto(plain);
  await expect(page.getByTestId('shared-results')).toBeVisible();
  await expect(page.getByTestId('shared-benchmark')).toHaveCount(0);
});

test('the benchmark runs in a worker of its own: the lab answers meanwhile, and Cancel ends it', async ({ lab, page }) => {
  await lab.goto();
  const workersBefore = page.workers().length;
  await page.getByTestId('benchmark-button').click();
  await expect(page.getByTestId('benchmark-progress')).toBeVisible();
  await expect.poll(() => page.workers().length).toBe(workersBefore + 1);

  // A digit drawn while it runs gets both models' predictions.
  await lab.draw([
    [
      [0.5, 0.15],
      [0.5, 0.5],
      [0.5, 0.85],
    ],
  ]);
  const predictions = await lab.predictions();
  for (const id of DEFAULT_PAIR) expect(predictions[id].top).toBe(1);
  await expect(page.getByTestId('benchmark-progress')).toBeVisible();

  await page.getByTestId('benchmark-cancel').click();
  await expect(page.getByTestId('benchmark-progress')).toHaveCount(0);
  await expect(page.getByTestId('benchmark-results')).toHaveCount(0);
  await expect(page.getByTestId('benchmark-button')).toHaveText('Benchmark this device');
  await expect.poll(() => page.workers().length).toBe(workersBefore);
  await expect(page.getByTestId('share-benchmark')).toHaveCount(0);
});
