import { existsSync, readFileSync } from 'node:fs';
import { expectAccessibleAt } from './pages/accessibility';
import { expect, test } from '@playwright/test';
import { CLAIM_KEYS, VERDICTS } from '../lib/experiments/claims';
import { completeGroup, parseSummary, type GroupName } from '../lib/experiments/schema';

/** The groups each claim reads (parameters and invariance read the registry and the card). */
const GROUPS_OF: Record<(typeof CLAIM_KEYS)[number], GroupName[]> = {
  parameters: [],
  convergence: ['seeds'],
  regularisation: ['seeds'],
  locality: ['seeds', 'samples'],
  invariance: [],
  prior: ['samples', 'permuted'],
};

/** The committed summary the server reads (null until the experiments have been run). */
const summary = existsSync('experiments/summary.json') ? parseSummary(JSON.parse(readFileSync('experiments/summary.json', 'utf8'))) : null;

test.describe('the evidence page', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/evidence');
  });

  test('is linked from the lab', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'what the data says' }).click();
    await expect(page).toHaveURL(/\/evidence$/);
    await expect(page.getByRole('heading', { level: 1, name: 'What the data says' })).toBeVisible();
  });

  test('one section per claim, each with a valid verdict, or pending with its command while its experiments are missing', async ({
    page,
  }) => {
    for (const key of CLAIM_KEYS) {
      const section = page.getByTestId(`claim-${key}`);
      await expect(section).toHaveCount(1);
      await expect(section.getByRole('heading', { level: 2 })).toBeVisible();
      const verdict = await section.getAttribute('data-verdict');
      const groupsReady = GROUPS_OF[key].every((g) => completeGroup(summary, g));
      if (!groupsReady) {
        expect(verdict, key).toBe('pending');
        const pending = section.getByTestId('evidence-pending');
        await expect(pending).toHaveAttribute('data-verdict', 'pending');
        await expect(pending.locator('code')).toHaveText(`npm run experiments -- --groups ${GROUPS_OF[key].join(',')} --jobs 2`);
        // No invented numbers: no chart, no verdict sentence.
        await expect(section.getByRole('img')).toHaveCount(0);
        await expect(section.getByTestId('verdict-sentence')).toHaveCount(0);
      } else {
        expect(VERDICTS as readonly string[], key).toContain(verdict);
        await expect(section.getByTestId('verdict-sentence')).not.toBeEmpty();
      }
    }
    // Parameters come from the registry: always decided.
    await expect(page.getByTestId('claim-parameters')).toHaveAttribute('data-verdict', 'supported');
  });

  test('every chart is labelled, draws, and has its numbers in a table', async ({ page }) => {
    let charts = 0;
    for (const key of CLAIM_KEYS) {
      const section = page.getByTestId(`claim-${key}`);
      const chart = section.getByRole('img');
      if ((await chart.count()) === 0) continue;
      charts++;
      await chart.scrollIntoViewIfNeeded();
      await expect(chart, key).toHaveAttribute('aria-label', /chart of .{20,}/);
      await expect(chart.locator('svg').first(), key).toBeVisible();
      // The numbers, folded under "Show the numbers".
      await section.getByText('Show the numbers').click();
      await expect(section.getByRole('table'), key).toBeVisible();
    }
    // Parameters and invariance need no experiments: at least their two charts.
    expect(charts).toBeGreaterThanOrEqual(2);
  });

  test("lab links carry the lab's URL state", async ({ page }) => {
    const hrefs = Object.fromEntries(
      await Promise.all(CLAIM_KEYS.map(async (key) => [key, await page.getByTestId(`lab-link-${key}`).getAttribute('href')] as const)),
    );
    for (const href of Object.values(hrefs)) expect(href).toMatch(/^\/\?a=[a-z-]+&b=[a-z-]+&digit=\d+&dx=-?\d+&dy=-?\d+$/);
    expect(hrefs.invariance).toBe('/?a=cnn-gap&b=lcn-gap&digit=0&dx=5&dy=0');
    expect(hrefs.parameters).toBe('/?a=cnn&b=lcn&digit=0&dx=0&dy=0');
  });

  test('axe finds no serious or critical violation, on desktop and on a 375 px phone', async ({ page }) => {
    // Charts draw when they come near the viewport: bring each in, then check the whole page.
    const bringChartsIn = async () => {
      for (const chart of await page.locator('[role="img"]').all()) await chart.scrollIntoViewIfNeeded();
    };
    for (const width of [1280, 375]) await expectAccessibleAt(page, width, bringChartsIn);
  });
});

test('opened directly, the evidence page starts no worker: only the lab’s pages start the inference worker early', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto('/evidence');
  await expect(page.getByRole('heading', { level: 1, name: 'What the data says' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(workers).toEqual([]);
});
