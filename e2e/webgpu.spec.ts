import { expect, test } from '@playwright/test';

// The WebGPU code path must really run in CI: no adapter is a failure, never a skip.
test('the test browser exposes a WebGPU adapter', async ({ page }) => {
  await page.goto('/');
  const missing = await page.evaluate(async () => {
    if (!('gpu' in navigator)) return 'navigator.gpu is undefined';
    if (!(await navigator.gpu.requestAdapter())) return 'requestAdapter() returned null';
    return null;
  });
  expect(missing).toBeNull();
});

test('the home page names the product and the experiment', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weight Sharing Lab');
  await expect(page.getByText(/shared weights/).first()).toBeVisible();
});
