import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * At `width` px (900 high): axe finds no serious or critical violation on the whole page and nothing
 * scrolls sideways. `prepare` runs after the resize, before axe (e.g. to bring lazy charts in).
 */
export async function expectAccessibleAt(page: Page, width: number, prepare?: () => Promise<void>): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await prepare?.();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`),
    `at ${width}px`,
  ).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
}
