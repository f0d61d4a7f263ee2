import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleAt } from './pages/accessibility';
import { LabPage } from './pages/lab';

/** Long tasks on the page's main thread, from a PerformanceObserver installed before the page's own scripts. */
declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
  }
}

const MODELS = ['cnn', 'lcn'] as const;

async function configure(page: Page, size: number, epochs: number) {
  await page.getByTestId('train-size').fill(String(size));
  await page.getByTestId('train-epochs').fill(String(epochs));
  await page.getByTestId('train-backend').selectOption('wasm');
}

async function tensorCounts(page: Page) {
  const summary = page.getByTestId('train-run-summary');
  return {
    before: Number(await summary.getAttribute('data-tensors-before')),
    after: Number(await summary.getAttribute('data-tensors-after')),
  };
}

async function accuracyCurve(page: Page, id: string) {
  const row = page.getByTestId(`train-accuracy-${id}`);
  return { accuracy: Number(await row.getAttribute('data-accuracy')), steps: Number(await row.getAttribute('data-steps')) };
}

test('cnn against lcn on 1,000 digits × 5 epochs on wasm: Stop works, both learn, no leak, no long task, the shared race reproduces the curves', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/train');
  const state = page.getByTestId('train-state');
  // The digits download when the panel opens, checked against the manifest's sha256.
  await expect(page.getByTestId('train-start')).toBeEnabled({ timeout: 60_000 });
  await expect(state).toHaveAttribute('data-state', 'idle');
  await expect(state).toContainText('5,000 MNIST training digits loaded and checked');

  // Bad input gets a message and no Start.
  await page.getByTestId('train-size').fill('50');
  await expect(page.getByTestId('train-settings-error')).toContainText('at least 100');
  await expect(page.getByTestId('train-start')).toBeDisabled();

  // A run stopped mid-way ends as 'stopped' on a measured point and leaves no tensor behind.
  await configure(page, 1000, 5);
  await page.getByTestId('train-start').click();
  await expect(state).toHaveAttribute('data-state', 'training');
  await expect.poll(async () => (await accuracyCurve(page, 'lcn')).steps, { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
  await page.getByTestId('train-stop').click();
  await expect(state).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  const stoppedAt = await accuracyCurve(page, 'lcn');
  expect(stoppedAt.steps).toBeLessThan(80);
  const afterStop = await tensorCounts(page);
  expect(afterStop.after).toBe(afterStop.before);

  // The full race: measured from Start to done, long tasks on the main thread included.
  const started = await page.evaluate(() => performance.now());
  await page.getByTestId('train-start').click();
  await expect(state).toHaveAttribute('data-state', 'training');
  await expect(state).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  const ended = await page.evaluate(() => performance.now());
  for (const id of MODELS) {
    const { accuracy, steps } = await accuracyCurve(page, id);
    expect(steps, id).toBe(80); // ⌈1000 / 64⌉ × 5
    expect(accuracy, id).toBeGreaterThanOrEqual(0.85);
  }
  const points = (await page.getByTestId('train-curves').getAttribute('data-points'))!.split(',').map(Number);
  expect(points.every((n) => n > 10)).toBe(true);
  const afterRun = await tensorCounts(page);
  expect(afterRun.after).toBe(afterRun.before);
  expect(afterRun.before).toBe(afterStop.before);
  const longTasks = await page.evaluate(
    ([from, to]) => window.__longTasks.filter((t) => t.start >= from && t.start <= to),
    [started, ended],
  );
  expect(Math.max(0, ...longTasks.map((t) => t.duration)), JSON.stringify(longTasks)).toBeLessThanOrEqual(200);
  const summary = page.getByTestId('train-run-summary');
  const accuracies = await Promise.all(MODELS.map(async (id) => `${id} ${(await accuracyCurve(page, id)).accuracy}`));
  console.log(
    `race wall time ${await summary.getAttribute('data-wall-seconds')} s on ${await summary.getAttribute('data-backend')}; ` +
      `held-out ${accuracies.join(', ')}; ${longTasks.length} long tasks, the longest ${Math.max(0, ...longTasks.map((t) => t.duration))} ms`,
  );

  // Try your models: the trained pair reads a drawn digit (a 1: one vertical stroke).
  await expect(page.getByTestId('train-try')).toBeVisible();
  await new LabPage(page).draw([
    [
      [0.5, 0.15],
      [0.52, 0.85],
    ],
  ]);
  for (const id of MODELS) await expect(page.getByTestId(`train-try-${id}`)).toHaveAttribute('data-top', /^[0-9]$/);

  // The finished panel (curves, tables, summary, drawing pad): axe and no sideways scrolling, on a phone too.
  await expectAccessibleAt(page, 1280);
  await expectAccessibleAt(page, 390);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Shared: a fresh context sees the same curves and settings.
  const accuracyTable = async (p: Page) =>
    p.getByRole('region', { name: 'Held-out accuracy by optimiser step' }).locator('tbody tr').allTextContents();
  const mine = await accuracyTable(page);
  await page.getByTestId('train-share').click();
  const link = page.getByTestId('train-share-link');
  await expect(link).toHaveAttribute('href', /\/s\/[A-Za-z0-9_-]{16,}$/);
  const context = await browser.newContext();
  const viewer = await context.newPage();
  await viewer.goto((await link.getAttribute('href'))!);
  await expect(viewer.getByTestId('shared-race-settings')).toContainText('1,000 MNIST training digits for 5 epochs on wasm');
  for (const id of MODELS) {
    expect(await accuracyCurve(viewer, id)).toEqual(await accuracyCurve(page, id));
  }
  expect(await viewer.getByTestId('train-curves').getAttribute('data-points')).toBe(points.join(','));
  expect(await accuracyTable(viewer)).toEqual(mine);
  await expectAccessibleAt(viewer, 1280);
  await context.close();
});

test('the evidence page opens the race beside sample efficiency, and downloads the training digits only then', async ({ page }) => {
  const digitRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('training-digits')) digitRequests.push(request.url());
  });
  await page.goto('/evidence');
  const section = page.getByTestId('evidence-train');
  await expect(section.getByRole('heading', { name: 'Train them yourself' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(digitRequests).toEqual([]);
  await section.getByTestId('train-open').click();
  await expect(section.getByTestId('train-state')).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  expect(digitRequests).toHaveLength(1);
  expect(digitRequests[0]).toMatch(/\/datasets\/mnist-train\/[0-9a-f]{16}\/training-digits\.bin\.gz$/);
  await expect(section.getByTestId('train-start')).toBeEnabled();
});
