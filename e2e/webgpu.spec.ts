import { expect, test } from '@playwright/test';

// The WebGPU code path must really run in CI: no adapter is a failure, never a skip.
test('the test browser exposes a WebGPU adapter', async ({ page }) => {
  await page.goto('/');
  const adapter = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: { architecture?: string; vendor?: string } } | null> } }).gpu;
    if (!gpu) return { error: 'navigator.gpu is undefined' };
    const found = await gpu.requestAdapter();
    if (!found) return { error: 'requestAdapter() returned null' };
    return { architecture: found.info?.architecture ?? '', vendor: found.info?.vendor ?? '' };
  });
  expect(adapter, JSON.stringify(adapter)).not.toHaveProperty('error');
  expect(adapter).toHaveProperty('architecture');
});

test('the home page names the product and the experiment', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weight Sharing Lab');
  await expect(page.getByText(/shared weights/).first()).toBeVisible();
});
