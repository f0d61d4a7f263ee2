import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type LabPage } from './pages/lab';

// The lab's first screen at the sizes people use, in both colour schemes: what must be in view, by
// bounding boxes (never pixel snapshots), plus axe and no sideways scrolling.

interface Viewport {
  name: string;
  use: { viewport: { width: number; height: number }; isMobile?: boolean; hasTouch?: boolean; deviceScaleFactor?: number };
  phone: boolean;
  /** The colour schemes checked at this size: dark once per layout (wide, phone), since only colours change. */
  schemes: readonly ('light' | 'dark')[];
}

const VIEWPORTS: Viewport[] = [
  { name: 'laptop 1280×800', use: { viewport: { width: 1280, height: 800 } }, phone: false, schemes: ['light', 'dark'] },
  { name: 'desktop 1440×900', use: { viewport: { width: 1440, height: 900 } }, phone: false, schemes: ['light'] },
  {
    name: 'phone 390×844',
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
    phone: true,
    schemes: ['light', 'dark'],
  },
];

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, `${locator} has a box`).not.toBeNull();
  return box!;
}

/** Fails unless the whole element is inside the viewport (0.5 px of rounding allowed). */
async function expectInView(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await boxOf(locator);
  const { width, height } = page.viewportSize()!;
  const scrollY = await page.evaluate(() => window.scrollY);
  const where = `${what} at (${box.x}, ${box.y}) ${box.width}×${box.height}, viewport ${width}×${height} scrolled ${scrollY}`;
  expect(box.x, where).toBeGreaterThanOrEqual(-0.5);
  expect(box.y, where).toBeGreaterThanOrEqual(-0.5);
  expect(box.x + box.width, where).toBeLessThanOrEqual(width + 0.5);
  expect(box.y + box.height, where).toBeLessThanOrEqual(height + 0.5);
}

async function scrollTo(page: Page, y: number): Promise<void> {
  await page.evaluate((top) => window.scrollTo({ top, behavior: 'instant' }), y);
  // Sticky positioning settles on the next frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** The ids of the models the lab shows, read from the page: whichever two they are. */
async function shownModels(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-testid^="top-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('top-'.length)));
  expect(ids).toHaveLength(2);
  return ids;
}

/**
 * Every scroll position at which the pad is wholly on screen — its lowest, highest and middle —
 * with each model's top digit checked to be in view there too.
 */
async function expectReadingsBesidePad(page: Page, lab: LabPage, ids: readonly string[]): Promise<void> {
  await scrollTo(page, 0);
  const canvas = await boxOf(lab.canvas);
  const { height } = page.viewportSize()!;
  const top = canvas.y;
  const lowest = Math.max(0, top + canvas.height - height);
  expect(lowest, 'the pad fits on the screen').toBeLessThanOrEqual(top);
  for (const y of [...new Set([lowest, Math.round((lowest + top) / 2), Math.floor(top)])]) {
    await scrollTo(page, y);
    await expectInView(page, lab.canvas, `the pad (scrolled ${y})`);
    for (const id of ids) await expectInView(page, page.getByTestId(`top-${id}`), `${id}'s top digit (scrolled ${y})`);
  }
  await scrollTo(page, 0);
}

async function expectNoSeriousAxeViolation(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    where,
  ).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow, ${where}`).toBeLessThanOrEqual(0);
}

for (const viewport of VIEWPORTS) {
  for (const colorScheme of viewport.schemes) {
    test.describe(`${viewport.name}, ${colorScheme}`, () => {
      test.use({ ...viewport.use, colorScheme });

      test('the first screen shows the pad, both answers and the shift together; the pad shows what is read', async ({ lab, page }) => {
        const where = `${viewport.name}, ${colorScheme}`;
        await lab.goto();
        const ids = await shownModels(page);

        // The page follows the system's colour scheme.
        const [r, g, b] = await page.evaluate(() => {
          // Computed colours may be lab() or oklch(): let a canvas turn the page's background into sRGB.
          const context = document.createElement('canvas').getContext('2d')!;
          context.fillStyle = getComputedStyle(document.body).backgroundColor;
          context.fillRect(0, 0, 1, 1);
          return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
        });
        const background = `rgb(${r}, ${g}, ${b})`;
        if (colorScheme === 'dark') expect(Math.max(r, g, b), `page background ${background}`).toBeLessThan(60);
        else expect(Math.min(r, g, b), `page background ${background}`).toBeGreaterThan(200);

        // One short engine line; how it was chosen, and the backend select, one click away.
        await expect(page.getByTestId('backend')).toHaveText(/^Running on [A-Za-z ]+ — .+$/);
        const select = page.getByLabel('Run on');
        await expect(select).toBeHidden();
        await page.getByTestId('engine-details').locator('summary').click();
        await expect(select).toBeVisible();
        await page.getByTestId('engine-details').locator('summary').click();
        await expect(select).toBeHidden();

        // Before the first stroke the pad says what to do, and nothing covers it on the first screen.
        await scrollTo(page, 0);
        await expect(lab.canvas).toHaveAttribute('data-showing', 'empty');
        await expect(page.getByTestId('draw-hint')).toBeVisible();
        const pad = await boxOf(lab.canvas);
        const hint = await boxOf(page.getByTestId('draw-hint'));
        expect(hint.y).toBeGreaterThanOrEqual(pad.y);
        expect(hint.y + hint.height).toBeLessThanOrEqual(pad.y + pad.height + 0.5);
        await expectInView(page, lab.canvas, 'the pad on the first screen');
        if (viewport.phone) {
          const strip = await boxOf(page.getByTestId('reading-strip'));
          expect(strip.y, 'the readings strip leaves the pad uncovered on the first screen').toBeGreaterThanOrEqual(pad.y + pad.height);
        }
        await expectReadingsBesidePad(page, lab, ids);

        // The readings follow the stroke while it is drawn, beside the pad.
        await scrollTo(page, 0);
        const at = ([x, y]: [number, number]) => [pad.x + x * pad.width, pad.y + y * pad.height] as const;
        await page.mouse.move(...at([0.5, 0.15]));
        await page.mouse.down();
        await page.mouse.move(...at([0.5, 0.5]), { steps: 8 });
        // The pad reports a stroke in progress at most every 100 ms, on a move.
        await page.waitForTimeout(150);
        await page.mouse.move(...at([0.5, 0.85]), { steps: 8 });
        for (const id of ids)
          await expect(page.getByTestId(`top-${id}`), 'a reading before the stroke ends').toHaveAttribute('data-state', 'ready');
        await page.mouse.up();
        await expect(lab.canvas).toHaveAttribute('data-showing', 'strokes');
        await expect(page.getByTestId('draw-hint')).toHaveCount(0);
        for (const id of ids) {
          await expect(page.getByTestId(`top-${id}`)).toHaveText('1');
          await expect(page.getByTestId(`prediction-${id}`)).toHaveAttribute('data-top', '1');
        }
        await expectReadingsBesidePad(page, lab, ids);

        if (!viewport.phone) {
          // Laptop and desktop: pad, both top digits, both sets of bars and the shift, without scrolling.
          await scrollTo(page, 0);
          await expectInView(page, lab.canvas, 'the pad');
          for (const id of ids) {
            await expectInView(page, page.getByTestId(`top-${id}`), `${id}'s top digit`);
            await expectInView(page, page.getByTestId(`prediction-${id}`), `${id}'s probability bars`);
          }
          await expectInView(page, page.getByTestId('shift-dx'), 'the dx slider');
          await expectInView(page, page.getByTestId('shift-dy'), 'the dy slider');
        }

        // The sweep, the live check, sharing and the model cards follow below the first panel, in that order.
        let above = (await boxOf(page.getByTestId('shift-dy'))).y;
        for (const heading of ['#sweep-heading', '#live-heading', '#share-heading', '#model-cards-heading']) {
          const box = await boxOf(page.locator(heading));
          expect(box.y, `${heading} below what comes before it`).toBeGreaterThan(above);
          above = box.y;
        }

        // A test digit is shown on the pad itself, marked as an image; "Draw instead" clears it.
        await page.getByTestId('sample-button').click();
        await expect(lab.canvas).toHaveAttribute('data-showing', 'image');
        await expect(page.getByTestId('pad-image')).toContainText(/image/i);
        const label = await boxOf(page.getByTestId('pad-image'));
        const padNow = await boxOf(lab.canvas);
        expect(label.y).toBeGreaterThanOrEqual(padNow.y - 0.5);
        expect(label.y + label.height).toBeLessThanOrEqual(padNow.y + padNow.height + 0.5);
        const predictions = await lab.predictions();
        for (const id of ids)
          await expect(page.getByTestId(`top-${id}`)).toHaveText(String(predictions[id as keyof typeof predictions].top));
        await expectReadingsBesidePad(page, lab, ids);

        if (viewport.phone) {
          // Shifting on a phone: the strip comes along, pinned to the top of the screen.
          await page.getByTestId('shift-dy').scrollIntoViewIfNeeded();
          await lab.setShift(2, 0);
          await expectInView(page, page.getByTestId('shift-dy'), 'the dy slider');
          for (const id of ids) await expectInView(page, page.getByTestId(`top-${id}`), `${id}'s top digit while shifting`);
          await lab.setShift(0, 0);
        }

        await expectNoHorizontalOverflow(page, where);
        await expectNoSeriousAxeViolation(page, where);

        await scrollTo(page, 0);
        await page.getByTestId('draw-instead').click();
        await expect(lab.canvas).toHaveAttribute('data-showing', 'empty');
        await expect(page.getByTestId('draw-hint')).toBeVisible();
        for (const id of ids) await expect(page.getByTestId(`top-${id}`)).toHaveAttribute('data-state', 'pending');
        expect(await lab.inputPixels()).toBeNull();
      });
    });
  }
}

test('the sweep figures shown are warm: the first, cold runs happen while loading and are named apart', async ({ lab, page }) => {
  await lab.goto();
  // Swept while the lab loaded, before any digit.
  const firstRuns = page.getByTestId('sweep-first-runs');
  await expect(firstRuns).toHaveText(/^First runs, swept while the lab loaded .*: .+ \d[\d.]* m?s(, .+ \d[\d.]* m?s)*\.$/);
  await page.getByTestId('sample-button').click();
  await lab.predictions();
  const cost = page.getByTestId('sweep-cost');
  for (const item of await cost.locator('[data-model]').all()) await expect(item).toHaveAttribute('data-ms', /^\d/);
  await expect(page.getByTestId('sweep-ratio')).toHaveText(/took \d+(\.\d)?× as long as/);
  // For the closing note: the figures a new visitor sees first.
  for (const id of ['sweep-first-runs', 'sweep-cost'])
    test.info().annotations.push({ type: id, description: (await page.getByTestId(id).textContent()) ?? '' });
  // The cold figures are not among the digit's figures.
  await expect(cost).not.toContainText(/first/i);
});
