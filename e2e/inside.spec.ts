import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEFAULT_PAIR } from '../lib/models/ids';
import { digitPng, testDigit } from '../lib/digits/testing/mnist-png';
import { expect, test, type LabPage } from './pages/lab';

/** Test digit 0 (a 7), uploaded as a light-on-dark PNG, read by both models. */
async function uploadSeven(lab: LabPage): Promise<void> {
  const { pixels } = testDigit(0);
  await lab.upload('seven.png', 'image/png', digitPng(pixels, { scale: 4, canvas: 1, at: [0.5, 0.5], ink: 'light' }));
  await lab.predictions();
}

/** Every axe violation inside the section, whatever its impact. */
async function axeInside(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[data-testid="inside"]').analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test.describe('inside the networks', () => {
  test.beforeEach(async ({ lab }) => {
    await lab.goto();
  });

  test('shift back and compare: the CNN’s maps move with the input (stage 2 only for even shifts), the LCN’s do not', async ({ lab }) => {
    await uploadSeven(lab);
    await lab.setShift(3, 2);
    await lab.inside();
    const odd = {
      cnn1: await lab.equivarianceError('cnn', 1, 3, 2),
      cnn2: await lab.equivarianceError('cnn', 2, 3, 2),
      lcn1: await lab.equivarianceError('lcn', 1, 3, 2),
      lcn2: await lab.equivarianceError('lcn', 2, 3, 2),
    };
    expect(odd.cnn1).toBeLessThan(1e-4);
    expect(odd.cnn2).toBeGreaterThan(0.1);
    expect(odd.lcn1).toBeGreaterThan(0.1);
    expect(odd.lcn2).toBeGreaterThan(0.1);
    await expect(lab.page.getByTestId('equivariance-cnn-2')).toHaveAttribute('data-exact', 'false');
    await expect(lab.page.getByTestId('equivariance-cnn-2')).toContainText(/not a multiple of this stage’s stride 2/);

    await lab.setShift(2, 2);
    expect(await lab.equivarianceError('cnn', 1, 2, 2)).toBeLessThan(1e-4);
    expect(await lab.equivarianceError('cnn', 2, 2, 2)).toBeLessThan(1e-4);
    expect(await lab.equivarianceError('lcn', 1, 2, 2)).toBeGreaterThan(0.1);
    expect(await lab.equivarianceError('lcn', 2, 2, 2)).toBeGreaterThan(0.1);

    const timing = lab.page.getByTestId('inside-timing');
    await expect(timing).toHaveAttribute('data-update-ms', /^\d+(\.\d+)?$/);
    test.info().annotations.push({ type: 'update ms (2, 2)', description: (await timing.getAttribute('data-update-ms')) ?? '' });
  });

  test('draws 16 + 32 maps a stage, the CNN’s 16 kernels and the LCN’s 576 kernels of a chosen filter', async ({ lab, page }) => {
    await uploadSeven(lab);
    await lab.setShift(1, 0);
    await lab.inside();
    await lab.equivarianceError('cnn', 1, 1, 0);
    for (const id of DEFAULT_PAIR) {
      await expect(page.getByTestId(`maps-${id}-1-unshifted`)).toHaveAttribute('data-tiles', '16');
      await expect(page.getByTestId(`maps-${id}-2-difference`)).toHaveAttribute('data-tiles', '32');
    }
    await expect(page.getByTestId('kernels-cnn')).toHaveAttribute('data-tiles', '16');
    const mosaic = page.getByTestId('kernels-lcn');
    await expect(mosaic).toHaveAttribute('data-tiles', '576');
    await expect(mosaic).toHaveAttribute('aria-label', /filter 1: 576 kernels of 5×5/);
    await page.getByRole('combobox', { name: 'LCN filter' }).selectOption('4');
    await expect(mosaic).toHaveAttribute('aria-label', /filter 5: 576 kernels of 5×5/);
    // Neighbouring kernels of the committed LCN are unrelated at every distance.
    const means = await page
      .getByTestId('kernel-similarity-by-distance-lcn')
      .locator('td[data-mean]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-mean'))));
    expect(means.length).toBeGreaterThan(0);
    for (const m of means) expect(Math.abs(m)).toBeLessThan(0.1);
  });

  test('pointing at a map cell, or walking to it with the keyboard, outlines its receptive field on both inputs', async ({ lab, page }) => {
    await uploadSeven(lab);
    await lab.setShift(2, 0);
    await lab.inside();
    await lab.equivarianceError('cnn', 2, 2, 0);
    const fields = page.getByTestId('receptive-field');
    await expect(fields).toHaveCount(0);

    await page.getByTestId('maps-cnn-2-unshifted').hover({ position: { x: 1, y: 1 } });
    await expect(fields).toHaveCount(2);
    const description = page.locator('[aria-live="polite"]').filter({ hasText: 'stage 2' });
    await expect(description).toContainText(/CNN, stage 2, input, map 1, row 1, column 1: .*sees input rows 1–14, columns 1–14/);

    await page.mouse.move(0, 0);
    await expect(fields).toHaveCount(0);
    await page.getByRole('group', { name: /LCN, stage 1, shifted by/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[aria-live="polite"]').filter({ hasText: 'LCN, stage 1' })).toContainText(
      /shifted input, map 1, row 1, column 2: .*sees input rows 1–5, columns 2–6/,
    );
    await expect(fields).toHaveCount(1); // its partner at column 0 − 2 is off the map
  });

  test('axe finds nothing in the section, light and dark, and on a 375 px phone', async ({ lab, page }) => {
    await uploadSeven(lab);
    await lab.setShift(3, 2);
    await lab.inside();
    await lab.equivarianceError('lcn', 2, 3, 2);
    await expect(page.getByTestId('kernels-lcn')).toHaveAttribute('data-tiles', '576');
    await page
      .getByTestId('inside')
      .locator('details')
      .first()
      .evaluate((d) => ((d as HTMLDetailsElement).open = true));
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeInside(page), colorScheme).toEqual([]);
    }
    await page.setViewportSize({ width: 375, height: 900 });
    expect(await axeInside(page), 'at 375 px').toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow at 375 px').toBeLessThanOrEqual(0);
  });
});
