import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import ts from 'typescript';
import { EngineHarnessPage } from '../../e2e/pages/engine-harness';
import { normalisePixels } from '../../lib/digits/normalise';
import { shiftGridBatch } from '../../lib/digits/shift';
import { median } from '../../lib/inference/latency-stats';
import { DEFAULT_PAIR, type ModelId } from '../../lib/models/ids';
import { parseCard, publishedPrecision } from '../../lib/models/card';
import { loadModelFromFiles } from '../../lib/models/artifacts';
import { CARD_FILE } from '../../lib/models/files';
import { readModelFiles } from '../../lib/models/model-dir';
import { quantiseModel } from '../../lib/models/quantise';
import { setupNodeWasm } from '../../lib/tfjs/node-wasm';
import { encodeOnnxModel } from './onnx-model';
import { sequentialToOnnx } from './onnx-topologies';
import { PEER_PREFIX, type PeerResponse } from './protocol';

/**
 * The lab's engine against ONNX Runtime Web, alternating in one page: the engine harness
 * (/dev/engine, wasm forced; the server runs with ENGINE_HARNESS=1) and an ORT Web worker (ort-worker.ts) running ONNX graphs of the same
 * models built from the same weights the lab serves — the committed ones at their published precision,
 * dequantised — (onnx-topologies.ts). Every round asks one of them,
 * then the other, so both see the same machine load; figures are medians over rounds.
 *
 * The page is cross-origin isolated (`&isolated=1`): there Chromium's performance.now() is precise to
 * 5 µs instead of 100 µs, which matters for sub-millisecond predictions. Neither runtime uses threads.
 * The peer's files are served by Playwright routes on the harness's origin; nothing of ORT reaches
 * the app's bundle.
 */

export interface PeerFigures {
  /** onnxruntime-web version as the worker reports it. */
  version: string;
  rounds: { single: number; sweep: number };
  /** Per model, ms (medians): one prediction, and the 289-image shift sweep. */
  lab: Record<ModelId, { singleP50: number; singleP95: number; sweep: number; sweepMethod: string; batchedSweep: number }>;
  ort: Record<ModelId, { singleP50: number; singleP95: number; sweep: number }>;
  /** Top-1 agreement of the two runtimes over every single prediction (a sanity check). */
  sameTop: boolean;
}

/** The peer runs the default pair: the same topologies as ONNX files (the zoo's other layers have no mapping here). */
const PEER_MODELS: readonly ModelId[] = DEFAULT_PAIR;

const require = createRequire(import.meta.url);
const ORT_DIST = path.dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
const PEER_SOURCES = path.resolve(import.meta.dirname);

/**
 * ONNX files of the committed pair (artefacts: never committed), from the weights the lab runs: the
 * float32 files quantised to the card's published precision as publishing does, so both runtimes
 * compute with the same values and their top-1 answers can be compared.
 */
export async function buildOnnxModels(modelsDir: string): Promise<Record<ModelId, Uint8Array>> {
  await setupNodeWasm();
  const card = parseCard(JSON.parse(await readFile(path.join(modelsDir, CARD_FILE), 'utf8')));
  const out = {} as Record<ModelId, Uint8Array>;
  for (const id of PEER_MODELS) {
    const entry = card.models.find((m) => m.id === id);
    if (!entry) throw new Error(`models/card.json has no ${id}`);
    const published = quantiseModel(await readModelFiles(path.join(modelsDir, id)), publishedPrecision(entry));
    const model = await loadModelFromFiles(published.modelJson, [published.weights]);
    out[id] = encodeOnnxModel(sequentialToOnnx(model, id));
    model.dispose();
  }
  return out;
}

/** Serves /__peer/…: the transpiled peer scripts, ORT's dist files and the ONNX models. */
async function routePeer(context: BrowserContext, baseUrl: string, onnx: Record<ModelId, Uint8Array>): Promise<void> {
  // The worker's own script needs COEP to run under an isolated page.
  const isolated = { 'cross-origin-embedder-policy': 'require-corp' };
  await context.route(`${baseUrl}${PEER_PREFIX}**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(PEER_PREFIX.length);
    if (name.startsWith('ort/')) {
      const file = path.join(ORT_DIST, path.basename(name));
      const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
      return route.fulfill({ body: await readFile(file), contentType: type, headers: isolated });
    }
    const model = /^models\/(\w+)\.onnx$/.exec(name)?.[1] as ModelId | undefined;
    if (model && onnx[model])
      return route.fulfill({ body: Buffer.from(onnx[model]), contentType: 'application/octet-stream', headers: isolated });
    const script = /^([\w-]+?)(\.js)?$/.exec(name)?.[1];
    if (script) {
      const source = await readFile(path.join(PEER_SOURCES, `${script}.ts`), 'utf8').catch(() => null);
      if (source !== null) {
        const { outputText } = ts.transpileModule(source, {
          compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
        });
        return route.fulfill({ body: outputText, contentType: 'text/javascript', headers: isolated });
      }
    }
    return route.fulfill({ status: 404, body: `${name}: not a peer file` });
  });
}

type Single = { lab: Record<string, { ms: number; top: number }>; ort: Record<string, { ms: number; top: number }> };

/** Alternating single predictions: `rounds` of (engine, ORT), both models each, after `warmup` rounds. */
function alternateSingles(page: Page, digit: number[], rounds: number, warmup: number): Promise<Single[]> {
  return page.evaluate(
    async ({ digit, rounds, warmup, models }) => {
      const engine = window.__engine!.client;
      const peer = window.__peer!;
      const pixels = Uint8Array.from(digit);
      const input = Float32Array.from(digit, (v) => v / 255);
      const out: Single[] = [];
      for (let r = 0; r < warmup + rounds; r++) {
        const lab = await engine.predict(models, pixels);
        const ort = await peer.ask({ kind: 'predict', input });
        if (ort.kind !== 'predicted') throw new Error(`peer answered ${ort.kind}`);
        if (r < warmup) continue;
        out.push({
          lab: Object.fromEntries(Object.entries(lab).map(([id, p]) => [id, { ms: p.latencyMs, top: p.top }])),
          ort: ort.results,
        });
        // As between a user's strokes: the event loop turns, the workers sleep.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return out;
    },
    { digit, rounds, warmup, models: [...PEER_MODELS] },
  );
}

type Sweep = { model: string; lab: number; labMethod: string; labBatched: number; ort: number; sameTops: boolean };

/** Alternating sweeps per model: engine (its own method), engine batched, ORT batched (289 images). */
function alternateSweeps(page: Page, digit: number[], batch: number[], rounds: number): Promise<Sweep[]> {
  return page.evaluate(
    async ({ digit, batch, rounds, models }) => {
      const engine = window.__engine!.client;
      const peer = window.__peer!;
      const pixels = Uint8Array.from(digit);
      const input = Float32Array.from(batch);
      const out: Sweep[] = [];
      for (let r = 0; r < rounds + 1; r++) {
        for (const model of models) {
          const lab = (await engine.sweep([model], pixels))[model]!;
          const labBatched = (await engine.sweep([model], pixels, { method: 'batched' }))[model]!;
          const ort = await peer.ask({ kind: 'batch', model, input, count: input.length / 784 });
          if (ort.kind !== 'batched') throw new Error(`peer answered ${ort.kind}`);
          if (r === 0) continue; // the first may still compile or fill caches
          out.push({
            model,
            lab: lab.ms,
            labMethod: lab.method,
            labBatched: labBatched.ms,
            ort: ort.ms,
            sameTops: ort.tops.every((t, i) => t === lab.tops[i]),
          });
        }
      }
      return out;
    },
    { digit, batch, rounds, models: [...PEER_MODELS] },
  );
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.ceil(at)] - sorted[lo]) * (at - lo);
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * Runs the comparison in a fresh context on the isolated harness. `digit` is one MNIST image
 * (784 bytes); `rounds.single` alternating single predictions, `rounds.sweep` alternating sweeps.
 */
export async function measurePeer(
  browser: Browser,
  baseUrl: string,
  digit: number[],
  onnx: Record<ModelId, Uint8Array>,
  rounds = { single: 200, sweep: 8 },
): Promise<PeerFigures> {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    await routePeer(context, baseUrl, onnx);
    const harness = new EngineHarnessPage(await context.newPage(), 300_000);
    await harness.open('wasm', { isolated: true });
    const { page } = harness;
    if (!(await page.evaluate(() => crossOriginIsolated)))
      throw new Error('the harness page is not cross-origin isolated: timers would be coarse');
    await page.addScriptTag({ url: `${PEER_PREFIX}ort-page.js`, type: 'module' });
    await page.waitForFunction(() => window.__peer !== undefined);
    const loaded = (await page.evaluate((models) => window.__peer!.ask({ kind: 'load', models }), [...PEER_MODELS])) as Extract<
      PeerResponse,
      { kind: 'loaded' }
    >;
    const singles = await alternateSingles(page, digit, rounds.single, 10);
    const sweeps = await alternateSweeps(page, digit, Array.from(shiftGridBatch(normalisePixels(Uint8Array.from(digit)))), rounds.sweep);
    const lab = {} as PeerFigures['lab'];
    const ort = {} as PeerFigures['ort'];
    for (const id of PEER_MODELS) {
      const labMs = singles.map((s) => s.lab[id].ms);
      const ortMs = singles.map((s) => s.ort[id].ms);
      const mine = sweeps.filter((s) => s.model === id);
      lab[id] = {
        singleP50: round3(median(labMs)),
        singleP95: round3(quantile(labMs, 0.95)),
        sweep: round3(median(mine.map((s) => s.lab))),
        sweepMethod: mine[0]?.labMethod ?? '?',
        batchedSweep: round3(median(mine.map((s) => s.labBatched))),
      };
      ort[id] = {
        singleP50: round3(median(ortMs)),
        singleP95: round3(quantile(ortMs, 0.95)),
        sweep: round3(median(mine.map((s) => s.ort))),
      };
    }
    const sameTop = singles.every((s) => PEER_MODELS.every((id) => s.lab[id].top === s.ort[id].top)) && sweeps.every((s) => s.sameTops);
    return { version: loaded.version, rounds, lab, ort, sameTop };
  } finally {
    await context.close();
  }
}
