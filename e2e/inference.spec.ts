import { expect, test, type Page } from '@playwright/test';
import { BACKENDS, type BackendName } from '../lib/inference/types';
import { DEFAULT_PAIR, type ModelId } from '../lib/models/ids';
import { testDigit } from '../lib/digits/testing/mnist-png';
import { EngineHarnessPage } from './pages/engine-harness';

// The inference engine in a real browser, through the harness page /dev/engine (window.__engine):
// every backend gives the same answers, and the equivariant sweep equals the batched one there too.

const DIGITS = Array.from({ length: 20 }, (_, i) => testDigit(i));

type Outputs = Record<ModelId, { top: number; probs: number[] }[]>;

/** Opens the harness on `backend` (`isolated`: with COOP + COEP) and waits until both models answered once. */
async function openEngine(page: Page, backend: BackendName | 'auto', { isolated = false } = {}): Promise<EngineHarnessPage> {
  const harness = new EngineHarnessPage(page);
  await harness.open(backend, { isolated });
  return harness;
}

/** Predictions of both models for every digit, in order. */
function predictAll(page: Page, digits: number[][]): Promise<Outputs> {
  return page.evaluate(async (inputs) => {
    const engine = window.__engine!.client;
    const out: Record<string, { top: number; probs: number[] }[]> = { cnn: [], lcn: [] };
    for (const pixels of inputs) {
      const p = await engine.predict(['cnn', 'lcn'], Uint8Array.from(pixels));
      for (const [id, r] of Object.entries(p)) out[id].push({ top: r!.top, probs: r!.probs });
    }
    return out as Outputs;
  }, digits);
}

test.describe('inference engine across backends', () => {
  test.describe.configure({ mode: 'serial', timeout: 300_000 });
  const results = new Map<BackendName, Outputs>();

  for (const backend of BACKENDS) {
    test(`${backend}: runs both models, reports the forced choice, leaks no tensors`, async ({ page }) => {
      await openEngine(page, backend);
      const info = await page.evaluate(() => window.__engine!.client.backendInfo());
      expect(info.choice).toMatchObject({ backend, reason: 'forced' });
      // The LCN's layers run on this project's kernel (WGSL, GLSL, WebAssembly SIMD), on tfjs ops on cpu.
      const paths = await page.evaluate(async () =>
        (await window.__engine!.loaded).models.map((m) => [m.modelId, m.locallyConnectedPaths]),
      );
      const lc = backend === 'cpu' ? 'depthwise' : 'kernel';
      expect(Object.fromEntries(paths)).toEqual({ cnn: [], lcn: [lc, lc] });
      const before = info.numTensors;
      results.set(
        backend,
        await predictAll(
          page,
          DIGITS.map((d) => Array.from(d.pixels)),
        ),
      );
      expect((await page.evaluate(() => window.__engine!.client.backendInfo())).numTensors).toBe(before);
    });
  }

  test('all backends agree: same top-1, probabilities within 1e-3, on 20 test digits for both models', () => {
    const reference = results.get('wasm');
    expect(reference, 'the wasm run must have succeeded').toBeDefined();
    // Every other backend against wasm (wasm against itself could not differ).
    for (const backend of BACKENDS.filter((b) => b !== 'wasm')) {
      const other = results.get(backend);
      expect(other, `${backend} results`).toBeDefined();
      for (const id of DEFAULT_PAIR) {
        let worst = 0;
        other![id].forEach((r, i) => {
          const ref = reference![id][i];
          expect(r.top, `${backend} ${id} digit ${i} top-1`).toBe(ref.top);
          const diff = Math.max(...r.probs.map((p, k) => Math.abs(p - ref.probs[k])));
          expect(diff, `${backend} ${id} digit ${i} max |Δp|`).toBeLessThan(1e-3);
          worst = Math.max(worst, diff);
        });
        test.info().annotations.push({ type: `max |Δp| ${backend} vs wasm, ${id}`, description: worst.toExponential(2) });
      }
    }
  });

  test('wasm on a cross-origin isolated page starts and gives the same answers', async ({ page }) => {
    await openEngine(page, 'wasm', { isolated: true });
    const info = await page.evaluate(() => window.__engine!.client.backendInfo());
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(info.crossOriginIsolated, 'the worker is isolated too').toBe(true);
    expect(info.choice?.backend).toBe('wasm');
    const isolated = await predictAll(
      page,
      DIGITS.slice(0, 5).map((d) => Array.from(d.pixels)),
    );
    const plain = results.get('wasm');
    expect(plain, 'the wasm run must have succeeded').toBeDefined();
    for (const id of DEFAULT_PAIR) isolated[id].forEach((r, i) => expect(r, `${id} digit ${i}`).toEqual(plain![id][i]));
  });

  for (const backend of BACKENDS) {
    test(`${backend}: the CNN's equivariant sweep equals its batched sweep`, async ({ page }) => {
      await openEngine(page, backend);
      const digits = [DIGITS[0], DIGITS[7]].map((d) => Array.from(d.pixels));
      const comparison = await page.evaluate(async (inputs) => {
        const engine = window.__engine!.client;
        const out = [];
        for (const pixels of inputs) {
          const fast = (await engine.sweep(['cnn'], Uint8Array.from(pixels))).cnn!;
          const slow = (await engine.sweep(['cnn'], Uint8Array.from(pixels), { method: 'batched' })).cnn!;
          let maxDiff = 0;
          for (let i = 0; i < fast.probs.length; i++) maxDiff = Math.max(maxDiff, Math.abs(fast.probs[i] - slow.probs[i]));
          out.push({ methods: [fast.method, slow.method], sameTops: fast.tops.every((t, i) => t === slow.tops[i]), maxDiff });
        }
        return out;
      }, digits);
      for (const c of comparison) {
        expect(c.methods).toEqual(['equivariant', 'batched']);
        expect(c.sameTops).toBe(true);
        expect(c.maxDiff).toBeLessThan(1e-5);
      }
    });
  }

  test('automatic choice: answers first, races every backend that is not a software renderer on both workloads, is remembered for the adapter', async ({
    page,
  }) => {
    const harness = await openEngine(page, 'auto');
    const first = await page.evaluate(() => window.__engine!.choices[0]);
    expect(first).toMatchObject({ backend: 'wasm', sweepBackend: 'wasm', reason: 'provisional' });
    await expect
      .poll(async () => (await page.evaluate(() => window.__engine!.client.backendInfo())).choice?.reason, { timeout: 60_000 })
      .toBe('measured');
    const measured = (await page.evaluate(() => window.__engine!.client.backendInfo())).choice!;
    // SwiftShader here: WebGPU and WebGL emulate a GPU on this CPU and are not raced; wasm and cpu are, on both workloads.
    expect(Object.keys(measured.timings ?? {}).sort()).toEqual(['cpu', 'wasm']);
    expect(measured.timings?.wasm).toEqual({ single: expect.any(Number), sweep: expect.any(Number) });
    expect(measured.detail).toMatch(/predictions on \w+ \(.*\), sweeps on \w+/);
    await harness.reload();
    const second = await page.evaluate(() => window.__engine!.client.backendInfo());
    expect(second.choice).toMatchObject({ backend: measured.backend, sweepBackend: measured.sweepBackend, reason: 'remembered' });
  });
});

test('a lost WebGPU device falls back to another backend without a reload', async ({ page }) => {
  test.setTimeout(180_000);
  await openEngine(page, 'webgpu');
  const pixels = Array.from(DIGITS[3].pixels);
  const before = await page.evaluate((p) => window.__engine!.client.predict(['cnn', 'lcn'], Uint8Array.from(p)), pixels);
  const marker = await page.evaluate(() => {
    (window as unknown as { __marker: number }).__marker = 42; // survives only if the page is not reloaded
    return window.__engine!.loseGpuDevice();
  });
  expect(marker).toBe(true);
  await expect
    .poll(async () => (await page.evaluate(() => window.__engine!.client.backendInfo())).choice, { timeout: 60_000 })
    .toMatchObject({ backend: 'wasm', sweepBackend: 'wasm', reason: 'fallback' });
  const after = await page.evaluate((p) => window.__engine!.client.predict(['cnn', 'lcn'], Uint8Array.from(p)), pixels);
  for (const id of ['cnn', 'lcn'] as const) {
    expect(after[id]?.backend).toBe('wasm');
    expect(after[id]?.top).toBe(before[id]?.top);
    for (let k = 0; k < 10; k++) expect(Math.abs(after[id]!.probs[k] - before[id]!.probs[k])).toBeLessThan(1e-3);
  }
  expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(42);
});
