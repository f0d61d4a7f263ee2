import { DEFAULT_PAIR } from '../lib/models/ids';
import { expect, test } from './pages/lab';

// `npm run dev` as the README's first command runs it: Turbopack's dev bundles (the worker's too),
// React Strict Mode's double effects, HMR. The full suite runs on the production build only.
test('under `next dev` the lab predicts a drawn digit and a test digit with both models', async ({ lab, page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto('/');
  // Loaded (a backend runs) or failed: either way stop waiting, and fail with the engine's message.
  const loadError = page.getByTestId('load-error');
  await expect(page.locator('[data-testid="backend"]:not([data-backend=""])').or(loadError)).toBeVisible();
  expect(await loadError.allTextContents()).toEqual([]);
  await lab.waitForModels();

  // A drawn "1".
  await lab.draw([
    [
      [0.5, 0.15],
      [0.5, 0.85],
    ],
  ]);
  const drawn = await lab.predictions();
  for (const id of DEFAULT_PAIR) expect(drawn[id].top, id).toBe(1);

  // A test digit: a new input, then both models' predictions for it.
  const before = await page.getByTestId('input-preview').getAttribute('data-pixels');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('input-preview')).not.toHaveAttribute('data-pixels', before ?? '');
  for (const id of DEFAULT_PAIR) {
    await expect(page.getByTestId(`prediction-${id}`)).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId(`prediction-${id}`)).toHaveAttribute('data-top', /^\d$/);
  }

  expect(await loadError.allTextContents()).toEqual([]);
  await expect(lab.error).toBeEmpty();
  expect(pageErrors).toEqual([]);
});
