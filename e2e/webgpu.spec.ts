import { expect, test } from '@playwright/test';

// The WebGPU code path must really run in CI: no adapter is a failure, never a skip.
test('the test browser exposes a WebGPU adapter', async ({ page }) => {
  await page.goto('/');
  const adapter = await page.evaluate(async () => {
    if (!('gpu' in navigator)) return { error: 'navigator.gpu is undefined' };
    const found = await navigator.gpu.requestAdapter();
    if (!found) return { error: 'requestAdapter() returned null' };
    // `info` is newer than the WebGPU typings tfjs ships.
    const info = (found as unknown as { info?: { architecture?: string; vendor?: string } }).info;
    return { architecture: info?.architecture ?? '', vendor: info?.vendor ?? '' };
  });
  expect(adapter, JSON.stringify(adapter)).not.toHaveProperty('error');
  expect(adapter).toHaveProperty('architecture');
});

test('the home page names the product and the experiment', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weight Sharing Lab');
  await expect(page.getByText(/shared weights/).first()).toBeVisible();
});
