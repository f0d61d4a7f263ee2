/**
 * What a visitor waits for on a real network: the lab page in a fresh browser context (cold
 * cache) under Chromium's network emulation (e2e/network.ts), "Try a test digit" clicked the moment
 * it works; navigation → the first model's prediction, → every model on screen predicting, and the
 * bytes transferred by then (page and workers, as sent: compressed where the server compresses).
 */
import type { Browser } from '@playwright/test';
import { median } from '../lib/inference/latency-stats';
import { emulateNetwork, type NetworkProfile } from '../e2e/network';
import { LabPage } from '../e2e/pages/lab';

/** One fresh visit. */
export interface NetworkRun {
  firstPredictionMs: number;
  allPredictionsMs: number;
  /** When each model showed its first prediction, and when its files had arrived and been checked. */
  predictionMs: Record<string, number>;
  filesVerifiedMs: Record<string, number>;
  sampleClickMs: number;
  bytesToFirst: number;
  bytesToAll: number;
}

/** Medians over runs, and each goal met or not. */
export interface NetworkFigures {
  profile: NetworkProfile;
  runs: NetworkRun[];
  median: {
    firstPredictionMs: number;
    allPredictionsMs: number;
    bytesToFirst: number;
    bytesToAll: number;
    predictionMs: Record<string, number>;
  };
  met: { first: boolean; all: boolean };
}

/** One fresh visit to the lab under `profile`. */
export async function visitLab(
  browser: Browser,
  baseUrl: string,
  profile: NetworkProfile,
  modelIds: readonly string[],
): Promise<NetworkRun> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const finished: { endEpochMs: number; bytes: number }[] = [];
  const sizes: Promise<void>[] = [];
  context.on('requestfinished', (request) => {
    sizes.push(
      request.sizes().then(
        (s) =>
          void finished.push({
            endEpochMs: request.timing().startTime + request.timing().responseEnd,
            bytes: s.responseBodySize + s.responseHeadersSize,
          }),
        () => undefined,
      ),
    );
  });
  try {
    const page = await context.newPage();
    await emulateNetwork(page, profile);
    const lab = new LabPage(page);
    await lab.recordTimeline({ clickSample: true });
    await page.goto('/', { waitUntil: 'commit' });
    for (const id of modelIds) await page.locator(`[data-testid="prediction-${id}"][data-state="ready"]`).waitFor({ timeout: 300_000 });
    const timeline = await lab.timeline();
    const origin = await page.evaluate(() => performance.timeOrigin);
    await Promise.all(sizes);
    const times = modelIds.map((id) => timeline.predictionMs[id]);
    const firstPredictionMs = Math.min(...times);
    const allPredictionsMs = Math.max(...times);
    const bytesBy = (ms: number) => finished.filter((f) => f.endEpochMs <= origin + ms).reduce((sum, f) => sum + f.bytes, 0);
    return {
      firstPredictionMs,
      allPredictionsMs,
      predictionMs: timeline.predictionMs,
      filesVerifiedMs: timeline.filesVerifiedMs,
      sampleClickMs: timeline.sampleClickMs ?? Number.NaN,
      bytesToFirst: bytesBy(firstPredictionMs),
      bytesToAll: bytesBy(allPredictionsMs),
    };
  } finally {
    await context.close();
  }
}

/** Medians of `runs` and the goals they meet. */
export function summariseNetworkRuns(profile: NetworkProfile, runs: NetworkRun[]): NetworkFigures {
  const med = (pick: (r: NetworkRun) => number) => Math.round(median(runs.map(pick)));
  const ids = [...new Set(runs.flatMap((r) => Object.keys(r.predictionMs)))];
  const m = {
    firstPredictionMs: med((r) => r.firstPredictionMs),
    allPredictionsMs: med((r) => r.allPredictionsMs),
    bytesToFirst: med((r) => r.bytesToFirst),
    bytesToAll: med((r) => r.bytesToAll),
    predictionMs: Object.fromEntries(ids.map((id) => [id, med((r) => r.predictionMs[id] ?? Number.NaN)])),
  };
  return {
    profile,
    runs,
    median: m,
    met: { first: m.firstPredictionMs <= profile.goals.firstPredictionMs, all: m.allPredictionsMs <= profile.goals.allPredictionsMs },
  };
}

/** The network figures as a markdown table, goals beside medians. */
export function networkMarkdown(figures: NetworkFigures[]): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
  return [
    '| network (fresh context, cold cache) | runs | nav → first prediction | goal | nav → every model predicting | goal | bytes by the first / by every prediction |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${f.profile.name} | ${f.runs.length} | ${s(f.median.firstPredictionMs)} (${f.runs.map((r) => s(r.firstPredictionMs)).join(', ')}) | ≤ ${s(f.profile.goals.firstPredictionMs)}: ${mark(f.met.first)} | ${s(f.median.allPredictionsMs)} (${f.runs.map((r) => s(r.allPredictionsMs)).join(', ')}) | ≤ ${s(f.profile.goals.allPredictionsMs)}: ${mark(f.met.all)} | ${kb(f.median.bytesToFirst)} / ${kb(f.median.bytesToAll)} |`,
    ),
  ];
}
