/**
 * Training throughput in the browser ("Train them yourself"): for each backend, races on the /train
 * page forced to it, read from the panel's per-model summary (samples per second of each model's own
 * optimiser steps, held-out evaluations excluded) and its wall time.
 */
import type { Browser } from '@playwright/test';
import type { BackendName } from '../lib/inference/types';

export interface TrainingFigures {
  backend: BackendName;
  pair: [string, string];
  trainImages: number;
  epochs: number;
  /** Samples per second per model; missing when the backend failed. */
  samplesPerSecond: Record<string, number>;
  heldOutAccuracy: Record<string, number>;
  wallSeconds: number;
  error?: string;
}

/** The races the bench runs on every backend: the pair, and the baseline (the CNN again, as a check). */
export const TRAINING_RACES: [string, string][] = [
  ['cnn', 'lcn'],
  ['mlp', 'cnn'],
];

export async function measureTraining(
  browser: Browser,
  baseUrl: string,
  backends: readonly BackendName[],
  { trainImages = 1000, epochs = 1 } = {},
): Promise<TrainingFigures[]> {
  const out: TrainingFigures[] = [];
  for (const backend of backends) {
    for (const pair of TRAINING_RACES) {
      console.log(`bench: training ${pair.join(' vs ')} on ${backend}…`);
      const context = await browser.newContext();
      const page = await context.newPage();
      const figures: TrainingFigures = {
        backend,
        pair,
        trainImages,
        epochs,
        samplesPerSecond: {},
        heldOutAccuracy: {},
        wallSeconds: Number.NaN,
      };
      try {
        await page.goto(`${baseUrl}/train`);
        await page.getByTestId('train-start').waitFor({ state: 'visible' });
        await page.waitForSelector('[data-testid=train-start]:not([disabled])', { timeout: 120_000 });
        await page.getByTestId('train-model-a').selectOption(pair[0]);
        await page.getByTestId('train-model-b').selectOption(pair[1]);
        await page.getByTestId('train-size').fill(String(trainImages));
        await page.getByTestId('train-epochs').fill(String(epochs));
        await page.getByTestId('train-backend').selectOption(backend);
        await page.getByTestId('train-start').click();
        await page.waitForSelector('[data-testid=train-state][data-state=done], [data-testid=train-state][data-state=error]', {
          timeout: 900_000,
        });
        const error = await page
          .getByTestId('train-error')
          .textContent()
          .catch(() => null);
        if (error) throw new Error(error);
        for (const id of pair) {
          const row = page.getByTestId(`train-accuracy-${id}`);
          figures.samplesPerSecond[id] = Math.round(Number(await row.getAttribute('data-samples-per-second')));
          figures.heldOutAccuracy[id] = Number(await row.getAttribute('data-accuracy'));
        }
        figures.wallSeconds = Number(await page.getByTestId('train-run-summary').getAttribute('data-wall-seconds'));
      } catch (e) {
        figures.error = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      } finally {
        await context.close();
      }
      out.push(figures);
      // Each race as it ends: the GPU-emulating backends can take many minutes here.
      console.log(trainingMarkdown([figures]).at(-1));
    }
  }
  return out;
}

export function trainingMarkdown(figures: readonly TrainingFigures[]): string[] {
  const lines = [
    '| backend | race | digits × epochs | samples/s (each model) | held-out accuracy | race wall time |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of figures) {
    if (f.error) {
      lines.push(`| ${f.backend} | ${f.pair.join(' vs ')} | ${f.trainImages} × ${f.epochs} | failed: ${f.error} | | |`);
      continue;
    }
    const each = (record: Record<string, number>, fmt: (x: number) => string) => f.pair.map((id) => `${id} ${fmt(record[id])}`).join(', ');
    lines.push(
      `| ${f.backend} | ${f.pair.join(' vs ')} | ${f.trainImages} × ${f.epochs} | ${each(f.samplesPerSecond, (x) => x.toLocaleString('en'))} | ${each(
        f.heldOutAccuracy,
        (x) => `${(x * 100).toFixed(1)} %`,
      )} | ${f.wallSeconds.toFixed(1)} s |`,
    );
  }
  return lines;
}
