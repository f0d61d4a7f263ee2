/**
 * "Inside the networks" update time, for `npm run bench` (bench/run.ts) on the wasm backend:
 *
 * - engine: `featureMaps` of both models through the client (worker round trip, a batch of two
 *   inputs a model, shift back and compare, buffers transferred), on the cross-origin isolated
 *   harness (5 µs timers);
 * - lab: on the lab page itself, a shift change → the section's maps on screen (the request sent,
 *   its answer on the page, canvases painted, the next animation frame), as the section reports
 *   it in `data-update-ms`. This includes the main thread's other work on that change (the lab's
 *   own prediction and re-render), which is the point of measuring it there.
 */
import { loadavg } from 'node:os';
import type { Browser } from '@playwright/test';
import { EngineHarnessPage } from '../e2e/pages/engine-harness';
import { digitPng } from '../lib/digits/testing/mnist-png';
import { median } from '../lib/inference/latency-stats';

export interface InsideFigures {
  backend: 'wasm';
  /** Shift changes measured in each. */
  runs: number;
  engine: { roundTripMs: number; roundTripP95Ms: number; workerMsByModel: Record<string, number> };
  lab: {
    /** The sliders' input event → the maps on screen (the lab's own re-render for the shift included). */
    changeToScreenMs: number;
    changeToScreenP95Ms: number;
    /** The same input event → the lab's own new prediction on screen, for comparison. */
    predictionToScreenMs: number;
    /** The section's request → its maps on screen (data-update-ms). */
    updateMs: number;
    updateP95Ms: number;
    /** The section's request → the answer on the page (data-answer-ms). */
    answerMs: number;
    workerMs: number;
  };
  /** 1-minute load average before and after (the machine may be shared). */
  load: [number, number];
}

const RUNS = 30;

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))];
}

const round = (v: number) => Math.round(v * 100) / 100;

export async function measureInside(browser: Browser, baseUrl: string, digit: Uint8Array): Promise<InsideFigures> {
  const loadBefore = loadavg()[0];
  const engine = await measureEngine(browser, baseUrl, digit);
  const lab = await measureLab(browser, baseUrl, digit);
  return { backend: 'wasm', runs: RUNS, engine, lab, load: [round(loadBefore), round(loadavg()[0])] };
}

async function measureEngine(browser: Browser, baseUrl: string, digit: Uint8Array): Promise<InsideFigures['engine']> {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    const harness = new EngineHarnessPage(await context.newPage(), 300_000);
    await harness.open('wasm', { isolated: true });
    const samples = (await harness.page.evaluate(
      async ({ digit, runs }) => {
        const client = window.__engine!.client;
        const input = Uint8Array.from(digit);
        await client.featureMaps(input, { dx: 0, dy: 0 }, { weights: { filter: 0 } }); // first-layer weights, read once
        const out: { ms: number; worker: Record<string, number> }[] = [];
        for (let i = 0; i < runs + 3; i++) {
          // Shifts that alternate, so every call moves the maps: (1, 0), (−2, 1), (3, 2), …
          const shift = { dx: (i % 2 ? -1 : 1) * (1 + (i % 5)), dy: i % 3 };
          const t0 = performance.now();
          const result = await client.featureMaps(input, shift);
          const ms = performance.now() - t0;
          if (i >= 3) out.push({ ms, worker: Object.fromEntries(Object.entries(result).map(([id, m]) => [id, m!.ms])) });
        }
        return out;
      },
      { digit: Array.from(digit), runs: RUNS },
    )) as { ms: number; worker: Record<string, number> }[];
    const ids = Object.keys(samples[0].worker);
    return {
      roundTripMs: round(median(samples.map((s) => s.ms))),
      roundTripP95Ms: round(p95(samples.map((s) => s.ms))),
      workerMsByModel: Object.fromEntries(ids.map((id) => [id, round(median(samples.map((s) => s.worker[id])))])),
    };
  } finally {
    await context.close();
  }
}

async function measureLab(browser: Browser, baseUrl: string, digit: Uint8Array): Promise<InsideFigures['lab']> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await page.locator('[data-testid="backend"][data-backend]:not([data-backend=""])').waitFor({ timeout: 300_000 });
    // The backend select sits behind the engine line's disclosure.
    await page.getByTestId('engine-details').locator('summary').click();
    await page.getByLabel('Run on').selectOption('wasm');
    await page.locator('[data-testid="backend"][data-backend="wasm"]').waitFor({ timeout: 300_000 });
    await page.getByTestId('upload-input').setInputFiles({
      name: 'digit.png',
      mimeType: 'image/png',
      buffer: digitPng(digit, { scale: 4, canvas: 1, at: [0.5, 0.5], ink: 'light' }),
    });
    await page.getByTestId('inside').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="inside-timing"][data-update-ms]').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(3000); // the latency figures the lab measures after a backend switch
    // A string, not a function: tsx would wrap named inner functions in a __name helper the page lacks.
    const samples = (await page.evaluate(`(async () => {
      const slider = (axis) => document.querySelector('[data-testid="shift-' + axis + '"]');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const out = [];
      for (let i = 0; i < ${RUNS + 2}; i++) {
        const shift = { dx: (i % 2 ? -1 : 1) * (1 + (i % 5)), dy: i % 3 };
        // The lab's own prediction for the new shift, on screen: the same change's other answer, for comparison.
        const prediction = document.querySelector('[data-testid="prediction-cnn"]');
        const probsBefore = prediction.getAttribute('data-probs');
        const predicted = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (prediction.getAttribute('data-state') === 'ready' && prediction.getAttribute('data-probs') !== probsBefore) {
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now()));
            }
          });
          observer.observe(prediction, { attributes: true });
        });
        const done = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            const el = document.querySelector('[data-testid="inside-timing"]');
            if (el && (el.getAttribute('data-key') || '').includes('|' + shift.dx + ',' + shift.dy + '|') && el.hasAttribute('data-update-ms')) {
              observer.disconnect();
              resolve(el);
            }
          });
          observer.observe(document.querySelector('[data-testid="inside"]'), { attributes: true, subtree: true, childList: true });
        });
        // Both sliders in one task, as one change of the shift.
        const t0 = performance.now();
        for (const axis of ['dx', 'dy']) {
          setValue.call(slider(axis), String(shift[axis]));
          slider(axis).dispatchEvent(new Event('input', { bubbles: true }));
        }
        const el = await done;
        const total = performance.now() - t0;
        const predictionMs = (await predicted) - t0;
        if (i >= 2) out.push({ total, predictionMs, update: Number(el.getAttribute('data-update-ms')), answer: Number(el.getAttribute('data-answer-ms')), worker: Number(el.getAttribute('data-worker-ms')) });
        await new Promise((r) => setTimeout(r, 400));
      }
      return out;
    })()`)) as { total: number; predictionMs: number; update: number; answer: number; worker: number }[];
    return {
      changeToScreenMs: round(median(samples.map((s) => s.total))),
      changeToScreenP95Ms: round(p95(samples.map((s) => s.total))),
      predictionToScreenMs: round(median(samples.map((s) => s.predictionMs))),
      updateMs: round(median(samples.map((s) => s.update))),
      updateP95Ms: round(p95(samples.map((s) => s.update))),
      answerMs: round(median(samples.map((s) => s.answer))),
      workerMs: round(median(samples.map((s) => s.worker))),
    };
  } finally {
    await context.close();
  }
}

/** The figures as markdown lines for bench/results.md. */
export function insideMarkdown(f: InsideFigures): string[] {
  const workers = Object.entries(f.engine.workerMsByModel)
    .map(([id, ms]) => `${id} ${ms}`)
    .join(', ');
  return [
    `Inside the networks on ${f.backend}, medians of ${f.runs} shift changes (p95 in brackets), ms; 1-minute load average ${f.load[0]} → ${f.load[1]}:`,
    ``,
    `| measured | ms |`,
    `| --- | --- |`,
    `| engine: featureMaps of both models, worker round trip | ${f.engine.roundTripMs} (${f.engine.roundTripP95Ms}) |`,
    `| engine: worker time per model | ${workers} |`,
    `| lab: the sliders' input event → maps on screen (the lab's own re-render included) | ${f.lab.changeToScreenMs} (${f.lab.changeToScreenP95Ms}) |`,
    `| lab: the same event → the lab's own prediction on screen (for comparison) | ${f.lab.predictionToScreenMs} |`,
    `| lab: the section's request → maps on screen | ${f.lab.updateMs} (${f.lab.updateP95Ms}) |`,
    `| lab: the section's request → answer on the page (worker ${f.lab.workerMs}) | ${f.lab.answerMs} |`,
  ];
}
