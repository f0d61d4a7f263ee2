/**
 * Inference benchmark: `npm run bench` (tsx bench/run.ts).
 *
 * Builds the app if there is no production build, starts `next start` on a free port, and drives
 * Chromium (CHROMIUM_PATH or /usr/bin/chromium):
 * - the lab page under emulated networks (bench/network.ts: 1.6 Mbit/s / 150 ms and 10 Mbit/s /
 *   40 ms, fresh context each run): navigation → the first model's prediction, → every model on
 *   screen predicting, bytes transferred; medians of several runs against the goals;
 * - the engine harness /dev/engine (cross-origin isolated, for 5 µs timers) per backend × model: the
 *   cold load, warm p50/p95 of a single prediction, sweep times (CNN equivariant and batched, LCN
 *   batched);
 * - the update time of "Inside the networks" on wasm (bench/inside-bench.ts);
 * - training throughput on the /train page per backend × model (bench/train-bench.ts);
 * plus gzip JS bytes of the lab page and model bytes, into bench/results.json + bench/results.md.
 *
 * Options: --url <base> to use a running server (started with ENGINE_HARNESS=1, which serves the
 * harness); --backends webgpu,wasm,… (or none); --runs N (warm runs); --network slow,fast (or none)
 * and --network-runs N (default 5); --peer to add the comparison with ONNX Runtime Web on wasm
 * (bench/peer/peer-bench.ts); --training webgpu,webgl,wasm (or none) for the training races, and
 * --training-only to run just those (→ bench/training-results.{json,md}), --training-digits N and
 * --training-epochs N for their size (default 1,000 × 1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import { EngineHarnessPage } from '../e2e/pages/engine-harness';
import { median } from '../lib/inference/latency-stats';
import { BACKENDS, entryBytes, type BackendName, type EngineManifest, type LatencyStats } from '../lib/inference/types';
import { MODEL_IDS, type ModelId } from '../lib/models/ids';
import { defaultPairIds } from '../lib/models/pair';
import { loadMnist } from '../lib/mnist/load';
import { ensureProductionBuild } from '../lib/testing/build';
import { NETWORK_PROFILES } from '../e2e/network';
import { networkMarkdown, summariseNetworkRuns, visitLab, type NetworkFigures, type NetworkRun } from './network';
import { buildOnnxModels, measurePeer, type PeerFigures } from './peer/peer-bench';
import { insideMarkdown, measureInside, type InsideFigures } from './inside-bench';
import { measureTraining, trainingMarkdown, type TrainingFigures } from './train-bench';

const root = path.resolve(import.meta.dirname, '..');
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const value = process.argv[i + 1];
  const flag = value === undefined || value.startsWith('--'); // --peer takes no value
  args.set(process.argv[i].replace(/^--/, ''), flag ? 'true' : value);
  if (!flag) i++;
}
const backends = (args.get('backends') === 'none' ? [] : (args.get('backends')?.split(',') ?? [...BACKENDS])) as BackendName[];
const warmRuns = Number(args.get('runs') ?? 30);
const peer = args.get('peer') === 'true';
const networks = (
  args.get('network') === 'none' ? [] : (args.get('network')?.split(',') ?? Object.keys(NETWORK_PROFILES))
) as (keyof typeof NETWORK_PROFILES)[];
const networkRuns = Number(args.get('network-runs') ?? 5);
/** Backends to time training on (the /train page's races); `--training none` skips it. */
const trainingBackends = (
  args.get('training') === 'none' ? [] : (args.get('training')?.split(',') ?? ['webgpu', 'webgl', 'wasm'])
) as BackendName[];
/** `--training-only`: only the training races, into bench/training-results.{json,md}. */
const trainingOnly = args.get('training-only') === 'true';
/** Digits and epochs of each training race (`--training-digits`, `--training-epochs`). */
const trainingSize = { trainImages: Number(args.get('training-digits') ?? 1000), epochs: Number(args.get('training-epochs') ?? 1) };

interface ModelFigures {
  coldFirstRunMs: number;
  /** The engine's warm latency; its sweep figure is left out, sweepMs below is the bench's own. */
  warm: Omit<LatencyStats, 'sweepMs'>;
  sweepMs: { equivariant?: number; batched: number };
}

interface BackendFigures {
  backend: BackendName;
  /** Navigation start → both models loaded and the first prediction back. */
  navigationToFirstPredictionMs: number;
  models: Record<ModelId, ModelFigures>;
  error?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startServer(): Promise<{ baseUrl: string; child: ChildProcess | null }> {
  const given = args.get('url');
  if (given) {
    const baseUrl = given.replace(/\/$/, '');
    const harness = await fetch(`${baseUrl}/dev/engine`);
    if (!harness.ok) throw new Error(`${baseUrl}/dev/engine answered ${harness.status}: start that server with ENGINE_HARNESS=1`);
    return { baseUrl, child: null };
  }
  const next = path.join(root, 'node_modules/next/dist/bin/next');
  await ensureProductionBuild(root, 'bench');
  const port = await freePort();
  const child = spawn(process.execPath, [next, 'start', '-p', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ENGINE_HARNESS: '1' },
  });
  const baseUrl = `http://localhost:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(baseUrl + '/dev/engine')).ok) return { baseUrl, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('next start did not come up');
}

/**
 * A fresh context (cold HTTP cache, empty localStorage) on the harness with `backend` forced. The
 * page is cross-origin isolated: there Chromium's performance.now() is precise to 5 µs instead of
 * 100 µs (with jitter), which sub-millisecond predictions need. Nothing else changes for the engine
 * (wasm stays single-threaded either way: lib/inference/backends.ts).
 */
async function openHarness(browser: Browser, baseUrl: string, backend: BackendName): Promise<{ page: Page; firstMs: number }> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const harness = new EngineHarnessPage(await context.newPage(), 300_000);
  await harness.open(backend, { isolated: true });
  if (!(await harness.page.evaluate(() => crossOriginIsolated)))
    throw new Error('the harness page is not cross-origin isolated: its timers would be coarse');
  const firstMs = await harness.page.evaluate(() => window.__engine?.firstPredictionMs ?? Number.NaN);
  return { page: harness.page, firstMs };
}

async function measureBackend(browser: Browser, baseUrl: string, backend: BackendName, digit: number[]): Promise<BackendFigures> {
  const { page, firstMs } = await openHarness(browser, baseUrl, backend);
  try {
    const figures = await page.evaluate(
      async ({ digit, warmRuns }) => {
        const engine = window.__engine!.client;
        const loaded = await window.__engine!.loaded;
        const input = Uint8Array.from(digit);
        await engine.predict(
          loaded.models.map((m) => m.modelId),
          input,
        );
        // No named inner functions here: tsx would wrap them in a __name helper the page lacks.
        const out: Record<string, unknown> = {};
        for (const m of loaded.models) {
          const only = [m.modelId];
          const auto: number[] = [];
          const batched: number[] = [];
          for (let i = 0; i < 4; i++) {
            auto.push((await engine.sweep(only, input))[m.modelId]!.ms);
            batched.push((await engine.sweep(only, input, { method: 'batched' }))[m.modelId]!.ms);
          }
          const stats = await engine.latencyStats(m.modelId, input, warmRuns);
          const warm = { coldMs: stats.coldMs, p50Ms: stats.p50Ms, p95Ms: stats.p95Ms, runs: stats.runs, sweepMethod: stats.sweepMethod };
          out[m.modelId] = { coldFirstRunMs: m.coldMs, warm, sweeps: { auto, batched } };
        }
        return out;
      },
      { digit, warmRuns },
    );
    // Medians of the sweeps after the first (which may still compile or warm caches).
    const runs = figures as Record<ModelId, Omit<ModelFigures, 'sweepMs'> & { sweeps: { auto: number[]; batched: number[] } }>;
    const models = Object.fromEntries(
      Object.entries(runs).map(([id, { sweeps, ...rest }]) => [
        id,
        {
          ...rest,
          sweepMs: {
            equivariant: rest.warm.sweepMethod === 'equivariant' ? median(sweeps.auto.slice(1)) : undefined,
            batched: median(sweeps.batched.slice(1)),
          },
        },
      ]),
    ) as Record<ModelId, ModelFigures>;
    return { backend, navigationToFirstPredictionMs: round(firstMs), models };
  } finally {
    await page.context().close();
  }
}

/** gzip bytes of every script the lab page (and its worker) loads before the engine is ready. */
async function measureJs(
  browser: Browser,
  baseUrl: string,
  pathName: string,
  ready: string,
): Promise<{ path: string; gzipBytes: number; files: number }> {
  const context = await browser.newContext();
  const urls = new Set<string>();
  context.on('response', (r) => {
    const type = r.request().resourceType();
    if (type === 'script' || r.url().endsWith('.js')) urls.add(r.url());
  });
  const page = await context.newPage();
  await page.goto(baseUrl + pathName);
  await page.waitForSelector(ready, { timeout: 300_000 }).catch(() => undefined);
  await page.waitForLoadState('networkidle');
  let gzipBytes = 0;
  for (const url of urls) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    gzipBytes += gzipSync(body, { level: 9 }).byteLength;
  }
  await context.close();
  return { path: pathName, gzipBytes, files: urls.size };
}

/** The models the lab shows on a plain visit (the default pair among the published): the ones it downloads. */
async function modelsOnScreen(baseUrl: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/models/manifest`);
  if (!response.ok) throw new Error(`manifest: HTTP ${response.status}`);
  return [...defaultPairIds(((await response.json()) as EngineManifest).models.map((m) => m.id))];
}

/** Bytes each model downloads (model.json + weights), from the manifest the lab is given. */
async function modelBytes(baseUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${baseUrl}/api/models/manifest`);
  if (!response.ok) throw new Error(`manifest: HTTP ${response.status}`);
  const manifest = (await response.json()) as EngineManifest;
  return Object.fromEntries(manifest.models.map((m) => [m.id, entryBytes(m)]));
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** The peer comparison as a table: ms medians, and this project's figure ÷ ORT's from the same run. */
function peerMarkdown(p: PeerFigures): string[] {
  const ratio = (mine: number, theirs: number) => `${(mine / theirs).toFixed(2)}×`;
  const { lab, ort } = p;
  return [
    `Against ONNX Runtime Web ${p.version} (wasm, SIMD, one thread each), alternating in one cross-origin isolated page (timers precise to 5 µs): ` +
      `${p.rounds.single} rounds of single predictions, ${p.rounds.sweep} of 289-image shift sweeps; top-1 ${p.sameTop ? 'identical' : 'DIFFERENT'} throughout. Medians in ms (p95 in brackets).`,
    ``,
    `| runtime | CNN ×1 | LCN ×1 | CNN ×289 | LCN ×289 |`,
    `| --- | --- | --- | --- | --- |`,
    `| this project | ${lab.cnn.singleP50} (${lab.cnn.singleP95}) | ${lab.lcn.singleP50} (${lab.lcn.singleP95}) | ${lab.cnn.sweep} ${lab.cnn.sweepMethod} (batched ${lab.cnn.batchedSweep}) | ${lab.lcn.sweep} |`,
    `| ONNX Runtime Web | ${ort.cnn.singleP50} (${ort.cnn.singleP95}) | ${ort.lcn.singleP50} (${ort.lcn.singleP95}) | ${ort.cnn.sweep} | ${ort.lcn.sweep} |`,
    `| this ÷ ORT | ${ratio(lab.cnn.singleP50, ort.cnn.singleP50)} | ${ratio(lab.lcn.singleP50, ort.lcn.singleP50)} | ${ratio(lab.cnn.sweep, ort.cnn.sweep)} (batched ${ratio(lab.cnn.batchedSweep, ort.cnn.sweep)}) | ${ratio(lab.lcn.sweep, ort.lcn.sweep)} |`,
  ];
}

interface Results {
  date: string;
  network: NetworkFigures[];
  backends: BackendFigures[];
  peer?: PeerFigures;
  inside?: InsideFigures;
  training?: TrainingFigures[];
  js: Awaited<ReturnType<typeof measureJs>>[];
  modelBytes: Record<string, number>;
}

function toMarkdown(results: Results): string {
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const lines = [
    `# Inference benchmark`,
    ``,
    `${results.date}, headless Chromium (${chromiumExecutable() ?? 'playwright'}), one run of \`${command}\`; medians in ms.`,
    ``,
  ];
  if (results.network.length > 0) lines.push(...networkMarkdown(results.network), '');
  if (results.peer) lines.push(...peerMarkdown(results.peer), '');
  if (results.inside) lines.push(...insideMarkdown(results.inside), '');
  if (results.training && results.training.length > 0) lines.push(...trainingMarkdown(results.training), '');
  if (results.backends.length === 0) return [...lines, ...bytesMarkdown(results)].join('\n') + '\n';
  lines.push(
    `| backend | model | nav → first prediction | cold first run | warm p50 | warm p95 | sweep equivariant | sweep batched | batched ÷ equivariant |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  );
  for (const b of results.backends) {
    if (b.error) {
      lines.push(`| ${b.backend} | — | failed: ${b.error} | | | | | | |`);
      continue;
    }
    for (const id of MODEL_IDS) {
      const m = b.models[id];
      if (!m) continue;
      const eq = m.sweepMs.equivariant;
      lines.push(
        `| ${b.backend} | ${id} | ${b.navigationToFirstPredictionMs} | ${m.coldFirstRunMs} | ${m.warm.p50Ms} | ${m.warm.p95Ms} | ${eq ?? '—'} | ${m.sweepMs.batched} | ${eq ? (m.sweepMs.batched / eq).toFixed(1) + '×' : '—'} |`,
      );
    }
    const cnn = b.models.cnn;
    const lcn = b.models.lcn;
    if (cnn && lcn)
      lines.push(
        `| ${b.backend} | LCN ÷ CNN (batched sweep) | | | ${(lcn.warm.p50Ms / cnn.warm.p50Ms).toFixed(2)}× | | | ${(lcn.sweepMs.batched / cnn.sweepMs.batched).toFixed(2)}× | |`,
      );
  }
  lines.push('', ...bytesMarkdown(results));
  return lines.join('\n') + '\n';
}

function bytesMarkdown(results: Results): string[] {
  const lines = ['| page | JS files | JS gzip bytes |', '| --- | --- | --- |'];
  for (const j of results.js) lines.push(`| ${j.path} | ${j.files} | ${j.gzipBytes} |`);
  lines.push('', '| model | bytes (model.json + weights) |', '| --- | --- |');
  for (const [id, bytes] of Object.entries(results.modelBytes)) lines.push(`| ${id} | ${bytes} |`);
  return lines;
}

async function main(): Promise<void> {
  const { baseUrl, child } = await startServer();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    if (trainingOnly) {
      const training = await measureTraining(browser, baseUrl, trainingBackends, trainingSize);
      const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`;
      const md = [
        `# Training benchmark`,
        '',
        `${new Date().toISOString()}, headless Chromium, \`${command}\``,
        '',
        ...trainingMarkdown(training),
      ];
      writeFileSync(
        path.join(root, 'bench/training-results.json'),
        JSON.stringify({ date: new Date().toISOString(), training }, null, 2) + '\n',
      );
      writeFileSync(path.join(root, 'bench/training-results.md'), md.join('\n') + '\n');
      console.log(md.join('\n'));
      return;
    }
    const mnist = loadMnist('test');
    const digit = Array.from(mnist.images.subarray(0, 784));
    const network: NetworkFigures[] = [];
    const onScreen = await modelsOnScreen(baseUrl);
    for (const name of networks) {
      const profile = NETWORK_PROFILES[name];
      const runs: NetworkRun[] = [];
      for (let i = 0; i < networkRuns; i++) {
        console.log(`bench: the lab at ${profile.name}, run ${i + 1} of ${networkRuns}…`);
        runs.push(await visitLab(browser, baseUrl, profile, onScreen));
      }
      network.push(summariseNetworkRuns(profile, runs));
    }
    const results: BackendFigures[] = [];
    for (const backend of backends) {
      console.log(`bench: ${backend}…`);
      try {
        results.push(await measureBackend(browser, baseUrl, backend, digit));
      } catch (e) {
        results.push({
          backend,
          navigationToFirstPredictionMs: Number.NaN,
          models: {} as BackendFigures['models'],
          error: e instanceof Error ? e.message.split('\n')[0] : String(e),
        });
      }
    }
    let peerFigures: PeerFigures | undefined;
    if (peer) {
      console.log('bench: the lab against ONNX Runtime Web (wasm)…');
      peerFigures = await measurePeer(browser, baseUrl, digit, await buildOnnxModels(path.join(root, 'models')));
    }
    console.log('bench: inside the networks (wasm)…');
    const inside = await measureInside(browser, baseUrl, Uint8Array.from(digit));
    const training = await measureTraining(browser, baseUrl, trainingBackends, trainingSize);
    const js = [
      await measureJs(browser, baseUrl, '/', '[data-testid=backend][data-backend]:not([data-backend=""])'),
      await measureJs(browser, baseUrl, '/dev/engine', EngineHarnessPage.READY),
    ];
    const out: Results & { baseUrl: string } = {
      date: new Date().toISOString(),
      baseUrl,
      network,
      backends: results,
      peer: peerFigures,
      inside,
      training,
      js,
      modelBytes: await modelBytes(baseUrl),
    };
    writeFileSync(path.join(root, 'bench/results.json'), JSON.stringify(out, null, 2) + '\n');
    writeFileSync(path.join(root, 'bench/results.md'), toMarkdown(out));
    console.log(toMarkdown(out));
  } finally {
    await browser.close();
    child?.kill();
  }
}

await main();
