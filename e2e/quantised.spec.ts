import path from 'node:path';
import { expect, test } from '@playwright/test';
import { argMax, setBackend, tensor4d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { INPUT_SIZE } from '../lib/digits/constants';
import { testDigit } from '../lib/digits/testing/mnist-png';
import { parseCard, publishedPrecision } from '../lib/models/card';
import { loadModelFromDir } from '../lib/models/model-dir';
import type { ModelId } from '../lib/models/ids';
import { EngineHarnessPage } from './pages/engine-harness';
import { readFileSync } from 'node:fs';

// Publishing writes each model at the precision its card chose by measurement (float16 or uint8 where
// they agree with float32 on ≥ 99.9 % of the test set). Here the browser runs what was published and
// must answer the shipped test digits exactly as the float32 training output does in Node.

const MODELS_DIR = process.env.MODELS_DIR ?? 'models';
const DIGITS = Array.from({ length: 20 }, (_, i) => testDigit(i));

/** Top-1 of the float32 model in `MODELS_DIR/<id>` for every digit (tfjs cpu backend, in the test process). */
async function float32Tops(id: ModelId): Promise<number[]> {
  await setBackend('cpu');
  const model = await loadModelFromDir(path.join(MODELS_DIR, id));
  const tops = tidy(() => {
    const x = tensor4d(Float32Array.from(DIGITS.flatMap((d) => Array.from(d.pixels, (v) => v / 255))), [
      DIGITS.length,
      INPUT_SIZE,
      INPUT_SIZE,
      1,
    ]);
    return Array.from(argMax(model.predict(x) as Tensor, 1).dataSync());
  });
  model.dispose();
  return tops;
}

test('every published model, at its published precision, answers 20 shipped test digits as its float32 weights do', async ({ page }) => {
  test.setTimeout(300_000);
  const card = parseCard(JSON.parse(readFileSync(path.join(MODELS_DIR, 'card.json'), 'utf8')));
  const harness = new EngineHarnessPage(page, 240_000);
  await harness.open('wasm', { models: 'all' });
  const manifest = await page.evaluate(() => window.__engine!.manifest);
  expect(manifest.models.map((m) => m.id).sort()).toEqual(card.models.map((m) => m.id).sort());

  const browser = await page.evaluate(
    async (inputs) => {
      const engine = window.__engine!.client;
      const ids = window.__engine!.manifest.models.map((m) => m.id);
      const out: Record<string, number[]> = {};
      for (const pixels of inputs) {
        const p = await engine.predict(ids, Uint8Array.from(pixels));
        for (const [id, r] of Object.entries(p)) (out[id] ??= []).push(r!.top);
      }
      return out;
    },
    DIGITS.map((d) => Array.from(d.pixels)),
  );

  for (const entry of card.models) {
    const precision = publishedPrecision(entry);
    const published = manifest.models.find((m) => m.id === entry.id)!;
    const bytes = published.weights.reduce((s, w) => s + (w.inflatedBytes ?? w.bytes), 0);
    const stored = published.weights.reduce((s, w) => s + w.bytes, 0);
    // What was published is the card's precision: 4, 2 or 1 byte per parameter (stored gzip-compressed when that is smaller).
    expect(bytes, `${entry.id} published bytes`).toBe(entry.params * { float32: 4, float16: 2, uint8: 1 }[precision]);
    expect(browser[entry.id], `${entry.id} (${precision}) top-1 on the shipped digits`).toEqual(await float32Tops(entry.id));
    test.info().annotations.push({
      type: entry.id,
      description: `${precision}, ${bytes} bytes (${stored} stored), same top-1 on ${DIGITS.length} digits`,
    });
  }
});
