import { expect, test } from '@playwright/test';
import { DEFAULT_PAIR } from '../lib/models/ids';
import { emulateNetwork, NETWORK_PROFILES } from './network';

// Chromium's network emulation at 1.6 Mbit/s down, 150 ms RTT: the lab's HTML (and its controls)
// shows long before its JavaScript has run, and a click on a control that has no handler yet is lost.

test('on a slow connection every control is visibly off until the page hydrates, then works', async ({ page }) => {
  test.setTimeout(180_000);
  // The test's own context is fresh: nothing is cached.
  await emulateNetwork(page, NETWORK_PROFILES.slow);

  const start = Date.now();
  await page.goto('/', { waitUntil: 'commit' });
  const sample = page.getByTestId('sample-button');
  await expect(sample).toBeVisible();
  const visibleMs = Date.now() - start;

  // The page as a user first sees it, read in one go, with whether React had hydrated it by then.
  const early = await sample.evaluate((button) => {
    const controls = [...document.querySelectorAll('main button, main input, main select')];
    const canvas = document.querySelector('[data-testid="draw-canvas"]');
    return {
      hydrated: Object.keys(button).some((key) => key.startsWith('__reactFiber')),
      disabled: button.matches(':disabled'),
      title: button.getAttribute('title'),
      note: document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent ?? null,
      enabledControls: controls.filter((c) => !c.matches(':disabled')).map((c) => c.outerHTML.slice(0, 100)),
      canvasDisabled: canvas?.getAttribute('aria-disabled') ?? null,
    };
  });
  expect(early.hydrated, `read before hydration (button visible after ${visibleMs} ms)`).toBe(false);
  // Not clickable, and it says why: on hover (title) and in the note it points to.
  expect(early.disabled).toBe(true);
  expect(early.title).toMatch(/still starting/);
  expect(early.note).toMatch(/Starting the lab/);
  // Nothing else takes a click that would be lost either.
  expect(early.enabledControls).toEqual([]);
  expect(early.canvasDisabled).toBe('true');

  // Once hydrated the controls turn on, the note goes, and the test digit is predicted by both models.
  await expect(sample).toBeEnabled({ timeout: 60_000 });
  const hydratedMs = Date.now() - start;
  await expect(sample).not.toHaveAttribute('title');
  await expect(page.getByTestId('starting')).toHaveCount(0);
  await expect(page.getByTestId('draw-canvas')).not.toHaveAttribute('aria-disabled');
  await sample.click();
  for (const id of DEFAULT_PAIR) {
    await expect(page.getByTestId(`prediction-${id}`)).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await expect(page.getByTestId(`prediction-${id}`)).toHaveAttribute('data-top', /^\d$/);
  }
  const predictedMs = Date.now() - start;
  test
    .info()
    .annotations.push({ type: 'timings', description: `visible ${visibleMs} ms, hydrated ${hydratedMs} ms, predicted ${predictedMs} ms` });
});
