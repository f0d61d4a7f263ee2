import {
  argMax,
  conv2d,
  dispose,
  maxPool,
  matMul,
  memory,
  reshape,
  tensor2d,
  tensor4d,
  tidy,
  type Tensor,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { INPUT_PIXELS, INPUT_SIZE, MAX_SHIFT, NUM_CLASSES, SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import { shiftBatch, shiftGridBatch, shiftGridOffsets, type ShiftOffset } from '@/lib/digits/shift';
import { loadModelFromFiles } from '@/lib/models/artifacts';
import type { ModelId } from '@/lib/models/ids';
import { normalisePixels } from '@/lib/digits/normalise';
import { adapterKey, choiceFromRace, fallbackAfter, planChoice, type ChoiceMemory } from './backend-choice';
import { activateBackend, candidateBackends, destroyGpuDevice, probeAdapter, watchDeviceLoss, type BackendEnv } from './backends';
import { equivariantForward, splitForEquivariance, type EquivariantSplit } from './equivariant-sweep';
import { EngineError, errorMessage } from './errors';
import { compilePlan, runSteps, type ForwardPlan } from './forward-plan';
import { median, round3, summarize, timeRuns } from './latency-stats';
import { fetchModelFiles, type FetchLike, type VerifiedModelFiles } from './load-model';
import { entryBytes } from './types';
import type {
  AdapterSummary,
  BackendChoice,
  BackendInfo,
  BackendName,
  DigitInput,
  EngineManifest,
  EvaluationResult,
  EvaluationSamples,
  LatencyStats,
  LoadProgressEvent,
  ModelLoadInfo,
  Prediction,
  SweepResult,
} from './types';

/** Options of {@link InferenceEngine.load}. */
export interface LoadOptions {
  /** A backend to force, or 'auto' (default) to choose. */
  backend?: BackendName | 'auto';
  /** Choices remembered by the client (localStorage), keyed by adapter key. */
  memory?: ChoiceMemory;
  /** Called as bytes arrive. */
  onProgress?: (event: LoadProgressEvent) => unknown;
  /** Called whenever the backend changes on its own (a lost WebGPU device). */
  onBackendChange?: (choice: BackendChoice) => unknown;
}

/** What `load` resolves to. */
export interface LoadResult {
  choice: BackendChoice;
  models: ModelLoadInfo[];
}

/** Options of {@link InferenceEngine.sweep}. */
export interface SweepOptions {
  /** 'auto' (default): equivariant where possible; 'batched': always 289 images in one call. */
  method?: 'auto' | 'batched';
  /** Models to sweep (default: all loaded; the result then has only these keys). */
  models?: ModelId[];
}

/** Options of {@link InferenceEngine.evaluate}. */
export interface EvaluateOptions {
  /** Models to evaluate (default: all loaded). */
  models?: ModelId[];
  /** Called after each chunk with images·shifts done so far for the model being evaluated. */
  onProgress?: (modelId: ModelId, done: number, total: number) => unknown;
}

/** The 17×17 shifts of a sweep, row-major (dy, then dx). */
const GRID_OFFSETS = shiftGridOffsets();

interface LoadedModel {
  model: LayersModel;
  plan: ForwardPlan | null;
  split: EquivariantSplit | null;
  info: ModelLoadInfo;
  /** Wall times of the latest automatic-method sweeps (reported as a median, so a cold one does not skew it). */
  sweepMs: number[];
}

/** Sweeps remembered per model for latencyStats. */
const SWEEPS_KEPT = 5;

/** One real turn of the event loop (tfjs work otherwise resolves in microtasks and starves messages). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Images per chunk when evaluating many shifted digits in batches (bounds memory). */
const EVAL_CHUNK_IMAGES = 1024;

/**
 * The inference engine: owns tfjs, the backends and the models. It runs inside the Web Worker
 * (worker.ts exposes it through Comlink) and directly in Node tests. Every public method is
 * serialised, so a backend switch never interleaves with a prediction.
 */
export class InferenceEngine {
  private readonly env: BackendEnv;
  private readonly fetchImpl: FetchLike;
  private files = new Map<ModelId, VerifiedModelFiles>();
  private order: ModelId[] = [];
  private models = new Map<ModelId, LoadedModel>();
  private choice: BackendChoice | null = null;
  private forced: BackendName | 'auto' = 'auto';
  private adapter: AdapterSummary | null = null;
  private candidates: BackendName[] = [];
  private software: BackendName[] = [];
  private memory: ChoiceMemory = {};
  private onBackendChange: LoadOptions['onBackendChange'];
  private lastInput: Float32Array = new Float32Array(INPUT_PIXELS);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(env: BackendEnv, options: { fetch?: FetchLike; candidates?: BackendName[] } = {}) {
    this.env = env;
    this.fetchImpl = options.fetch ?? ((url) => fetch(url));
    if (options.candidates) this.candidates = options.candidates;
  }

  /**
   * Downloads every model of `manifest` (streamed, with progress), checks each file's sha256,
   * chooses a backend (forced, hardware WebGPU, remembered, or a warm-up race run while the files
   * download), builds the models and runs each once (the cold run).
   */
  load(manifest: EngineManifest, options: LoadOptions = {}): Promise<LoadResult> {
    return this.exclusive(async () => {
      this.forced = options.backend ?? 'auto';
      this.memory = { ...options.memory };
      this.onBackendChange = options.onBackendChange;
      const totals = new Map(manifest.models.map((m) => [m.id, entryBytes(m)] as const));
      const allTotalBytes = [...totals.values()].reduce((a, b) => a + b, 0);
      const loadedBytes = new Map<ModelId, number>();
      let allLoadedBytes = 0;
      const downloadMs = new Map<ModelId, number>();
      const t0 = performance.now();
      const downloads = Promise.all(
        manifest.models.map(async (entry) => {
          const files = await fetchModelFiles(
            entry,
            (delta) => {
              const mine = (loadedBytes.get(entry.id) ?? 0) + delta;
              loadedBytes.set(entry.id, mine);
              allLoadedBytes += delta;
              void Promise.resolve(
                options.onProgress?.({ modelId: entry.id, loadedBytes: mine, totalBytes: totals.get(entry.id) ?? 0, allLoadedBytes, allTotalBytes }),
              ).catch(() => undefined);
            },
            this.fetchImpl,
          );
          downloadMs.set(entry.id, performance.now() - t0);
          return files;
        }),
      );
      // The backend choice (possibly a race) runs while the bytes arrive.
      const [files, choice] = await Promise.all([downloads, this.chooseBackend()]);
      this.files = new Map(files.map((f) => [f.modelId, f]));
      this.order = manifest.models.map((m) => m.id);
      await this.rebuildOn(choice);
      const infos = [...this.models.values()].map((m) => ({ ...m.info, downloadMs: round3(downloadMs.get(m.info.modelId) ?? 0) }));
      return { choice, models: infos };
    });
  }

  /** Probabilities, top-1 and latency of every loaded model on one 28×28 input (pixels 0–255). */
  predict(input: DigitInput): Promise<Record<ModelId, Prediction>> {
    return this.exclusive(async () => {
      const x = this.normalised(input);
      this.lastInput = x;
      const out: Partial<Record<ModelId, Prediction>> = {};
      for (const m of this.loadedModels()) out[m.info.modelId] = await this.predictOne(m, x);
      return out as Record<ModelId, Prediction>;
    });
  }

  /**
   * The 17×17 shift sweep of one input for every model: equivariant (one pass on the padded
   * input) where the model allows it, else all 289 shifted copies in one batched call.
   * `method: 'batched'` forces the batched call (for comparisons and benchmarks).
   */
  sweep(input: DigitInput, options: SweepOptions = {}): Promise<Record<ModelId, SweepResult>> {
    return this.exclusive(async () => {
      const x = this.normalised(input);
      const out: Partial<Record<ModelId, SweepResult>> = {};
      for (const m of this.loadedModels()) {
        if (options.models && !options.models.includes(m.info.modelId)) continue;
        out[m.info.modelId] = await this.sweepOne(m, x, options.method ?? 'auto');
      }
      return out as Record<ModelId, SweepResult>;
    });
  }

  /**
   * Accuracy of each model on `samples` under each shift in `shifts` (zero fill), by the
   * equivariant sweep where possible, else batched. Runs chunk by chunk, each chunk its own turn
   * in the queue, so predictions and sweeps asked for meanwhile are not held up for the whole run.
   */
  async evaluate(samples: EvaluationSamples, shifts: readonly ShiftOffset[], options: EvaluateOptions = {}): Promise<Partial<Record<ModelId, EvaluationResult>>> {
    const count = samples.labels.length;
    if (samples.images.length !== count * INPUT_PIXELS) {
      throw new EngineError({ code: 'usage', message: `evaluate: ${samples.images.length} bytes of images for ${count} labels` });
    }
    const ids = await this.exclusive(async () => this.loadedModels().map((m) => m.info.modelId));
    const out: Partial<Record<ModelId, EvaluationResult>> = {};
    for (const id of ids) {
      if (options.models && !options.models.includes(id)) continue;
      out[id] = await this.evaluateOne(id, samples, shifts, (done, total) => options.onProgress?.(id, done, total));
    }
    return out;
  }

  /**
   * Warm latency of one model over `runs` (≥ 20) single predictions of the last input, each
   * including the read-back, plus its cold time and the median of its last sweeps (one is run if
   * there was none yet). Each run takes its own turn in the queue, so the UI's requests interleave.
   */
  async latencyStats(modelId: ModelId, runs = 30): Promise<LatencyStats> {
    const model = () => {
      const m = this.models.get(modelId);
      if (!m) throw new EngineError({ code: 'usage', modelId, message: `Model '${modelId}' is not loaded` });
      return m;
    };
    const times: number[] = [];
    for (let i = 0; i < Math.max(20, runs) + 2; i++) {
      const ms = await this.exclusive(async () => (await this.predictOne(model(), this.lastInput)).latencyMs);
      if (i >= 2) times.push(ms); // the first two are warm-up
      await yieldToEventLoop();
    }
    return this.exclusive(async () => {
      const m = model();
      if (m.sweepMs.length === 0) {
        await this.sweepOne(m, this.lastInput, 'auto');
      }
      return { coldMs: m.info.coldMs, ...summarize(times), sweepMs: round3(median(m.sweepMs)), sweepMethod: sweepMethodOf(m) };
    });
  }

  /** Where the engine stands: backend choice, candidates, loaded models, live tensor count. */
  backendInfo(): Promise<BackendInfo> {
    return this.exclusive(async () => ({
      choice: this.choice,
      available: [...this.candidates],
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      models: [...this.models.keys()],
      numTensors: memory().numTensors,
    }));
  }

  /** Forces a backend (or returns to automatic choice) and rebuilds the models on it. */
  setBackend(name: BackendName | 'auto'): Promise<BackendChoice> {
    return this.exclusive(async () => {
      this.forced = name;
      const choice = await this.chooseBackend();
      await this.rebuildOn(choice);
      return choice;
    });
  }

  /**
   * Test hook: destroys the WebGPU device as a driver reset would, to exercise the fallback (the
   * engine then rebuilds on the next backend and calls onBackendChange). False if not on WebGPU.
   */
  loseGpuDevice(): Promise<boolean> {
    return this.exclusive(async () => destroyGpuDevice());
  }

  /** Frees every model and plan. The engine can `load` again afterwards. */
  dispose(): Promise<void> {
    return this.exclusive(async () => {
      this.disposeModels();
      this.files.clear();
    });
  }

  // ---- internals -------------------------------------------------------------------------------

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    // `queue.then(undefined)` would resolve to undefined without running anything. A dev bundle once
    // passed undefined here (React Refresh around a `use…` call: see eslint.config.mjs); fail loudly.
    if (typeof task !== 'function') return Promise.reject(new TypeError(`InferenceEngine: no task to run (got ${typeof task})`));
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private loadedModels(): LoadedModel[] {
    if (this.models.size === 0) throw new EngineError({ code: 'usage', message: 'No model is loaded yet' });
    return this.order.map((id) => this.models.get(id)).filter((m): m is LoadedModel => !!m);
  }

  private normalised(input: DigitInput): Float32Array {
    if (input.length !== INPUT_PIXELS) {
      throw new EngineError({ code: 'usage', message: `Expected ${INPUT_PIXELS} pixels, got ${input.length}` });
    }
    return normalisePixels(input);
  }

  /** Forced → as asked; otherwise hardware WebGPU, a remembered choice, or a warm-up race. */
  private async chooseBackend(): Promise<BackendChoice> {
    if (this.candidates.length === 0) {
      this.adapter = await probeAdapter();
      ({ available: this.candidates, software: this.software } = candidateBackends(this.adapter));
    }
    const key = adapterKey(this.adapter, globalThis.crossOriginIsolated === true);
    const plan = planChoice({ forced: this.forced, adapter: this.adapter, key, memory: this.memory, available: this.candidates, software: this.software });
    if (plan.kind === 'use') return plan.choice;
    const timings: Partial<Record<BackendName, number>> = {};
    for (const name of plan.candidates) {
      if (await activateBackend(name, this.env)) timings[name] = await raceWarmup();
    }
    return choiceFromRace(timings, plan.why, this.adapter, key);
  }

  /** Activates the chosen backend and (re)builds every model on it; falls back if it fails. */
  private async rebuildOn(choice: BackendChoice): Promise<void> {
    let effective = choice;
    if (!(await activateBackend(choice.backend, this.env))) {
      const next = fallbackAfter(choice.backend, this.candidates.filter((b) => b !== choice.backend));
      if (!next || !(await activateBackend(next, this.env))) {
        throw new EngineError({ code: 'backend', message: `The ${choice.backend} backend failed to start and no fallback worked` });
      }
      effective = { ...choice, backend: next, reason: 'fallback', detail: `${choice.backend} failed to start; running on ${next}` };
    }
    this.choice = effective;
    this.disposeModels();
    for (const id of this.order) {
      const files = this.files.get(id);
      if (files) this.models.set(id, await buildModel(files));
    }
    watchDeviceLoss((info) => void this.recoverFromDeviceLoss(info.message));
  }

  private recoverFromDeviceLoss(message: string): Promise<void> {
    return this.exclusive(async () => {
      if (this.choice?.backend !== 'webgpu') return;
      this.candidates = this.candidates.filter((b) => b !== 'webgpu');
      const next = fallbackAfter('webgpu', this.candidates);
      if (!next) return;
      await this.rebuildOn({
        ...this.choice,
        backend: next,
        reason: 'fallback',
        detail: `The WebGPU device was lost (${message || 'no reason given'}); switched to ${next} without reloading`,
      });
      if (this.choice) await Promise.resolve(this.onBackendChange?.(this.choice)).catch(() => undefined);
    });
  }

  private disposeModels(): void {
    for (const m of this.models.values()) {
      m.plan?.dispose();
      m.model.dispose();
    }
    this.models.clear();
  }

  private async predictOne(m: LoadedModel, x: Float32Array): Promise<Prediction> {
    const t0 = performance.now();
    const probs = await runModel(m, tensorFrom(x, 1));
    const latencyMs = round3(performance.now() - t0);
    return { probs: Array.from(probs), top: argmaxOf(probs, 0, NUM_CLASSES), latencyMs };
  }

  private async sweepOne(m: LoadedModel, x: Float32Array, requested: 'auto' | 'batched'): Promise<SweepResult> {
    const t0 = performance.now();
    let probs: Float32Array;
    let method: SweepResult['method'];
    if (m.plan && m.split && requested === 'auto') {
      const { plan, split } = m;
      const input = tensorFrom(x, 1);
      const y = equivariantForward(plan.steps, split, input, GRID_OFFSETS, MAX_SHIFT);
      input.dispose();
      probs = await readAndDispose(y);
      method = 'equivariant';
    } else {
      // x is already normalised: a zero-fill shift commutes with the ÷255.
      probs = await runModel(m, tensorFrom(shiftGridBatch(x), SHIFT_GRID_CELLS));
      method = 'batched';
    }
    const tops = new Uint8Array(SHIFT_GRID_CELLS);
    for (let c = 0; c < SHIFT_GRID_CELLS; c++) tops[c] = argmaxOf(probs, c * NUM_CLASSES, NUM_CLASSES);
    const ms = round3(performance.now() - t0);
    if (requested === 'auto') m.sweepMs = [...m.sweepMs, ms].slice(-SWEEPS_KEPT);
    return { tops, probs, ms, method };
  }

  private async evaluateOne(
    id: ModelId,
    samples: EvaluationSamples,
    shifts: readonly ShiftOffset[],
    onProgress: (done: number, total: number) => unknown,
  ): Promise<EvaluationResult> {
    const t0 = performance.now();
    const count = samples.labels.length;
    const s = shifts.length;
    const correct = new Array<number>(s).fill(0);
    const digitsPerChunk = Math.max(1, Math.floor(EVAL_CHUNK_IMAGES / Math.max(1, s)));
    let method: SweepResult['method'] = 'batched';
    for (let start = 0; start < count; start += digitsPerChunk) {
      const end = Math.min(count, start + digitsPerChunk);
      const predicted = await this.exclusive(async () => {
        // Looked up per chunk: a backend switch in between rebuilds the models.
        const m = this.models.get(id);
        if (!m) throw new EngineError({ code: 'usage', modelId: id, message: `Model '${id}' was unloaded during the evaluation` });
        method = sweepMethodOf(m);
        return predictShifted(m, samples.images.subarray(start * INPUT_PIXELS, end * INPUT_PIXELS), end - start, shifts);
      });
      for (let d = start; d < end; d++) {
        for (let k = 0; k < s; k++) if (predicted[(d - start) * s + k] === samples.labels[d]) correct[k]++;
      }
      await onProgress(end * s, count * s);
      // Without a real turn of the event loop, requests that arrived meanwhile (worker messages)
      // could not queue before the next chunk.
      await yieldToEventLoop();
    }
    const total = correct.reduce((a, b) => a + b, 0);
    return {
      accuracyByShift: correct.map((c) => (count ? c / count : 0)),
      accuracy: count * s ? total / (count * s) : 0,
      evaluated: count * s,
      ms: round3(performance.now() - t0),
      method,
    };
  }
}

/** How a model's sweeps run: equivariant when it has a shared-weight trunk, else batched. */
function sweepMethodOf(m: LoadedModel): SweepResult['method'] {
  return m.plan && m.split ? 'equivariant' : 'batched';
}

/** Top-1 of `digits` images (784 bytes each) under every shift, digit-major: [digits · shifts]. */
async function predictShifted(m: LoadedModel, images: Uint8Array, digits: number, shifts: readonly ShiftOffset[]): Promise<Int32Array> {
  const s = shifts.length;
  let output: Tensor;
  if (m.plan && m.split) {
    const x = tensorFrom(normalisePixels(images), digits);
    output = equivariantForward(m.plan.steps, m.split, x, shifts, MAX_SHIFT);
    x.dispose();
  } else {
    const batch = shiftBatch(images, digits, shifts);
    output = runModelTensor(m, tensorFrom(normalisePixels(batch, batch), digits * s));
  }
  const tops = tidy(() => argMax(output, 1));
  output.dispose();
  try {
    return (await tops.data()) as Int32Array;
  } finally {
    tops.dispose();
  }
}

/** Builds one model on the active backend, compiles its plan and times the cold first run. */
async function buildModel(files: VerifiedModelFiles): Promise<LoadedModel> {
  const t0 = performance.now();
  let model: LayersModel;
  try {
    model = await loadModelFromFiles(files.modelJson, files.weights);
  } catch (e) {
    throw new EngineError({ code: 'model', modelId: files.modelId, message: `Model '${files.modelId}' does not build: ${errorMessage(e)}` });
  }
  const plan = compilePlan(model);
  const split = plan ? splitForEquivariance(plan.steps) : null;
  const buildMs = performance.now() - t0;
  const locallyConnectedPaths = plan?.steps.flatMap((s) => (s.kind === 'locallyConnected' ? [s.weights.path] : [])) ?? [];
  const info = { modelId: files.modelId, downloadMs: 0, buildMs: round3(buildMs), coldMs: 0, locallyConnectedPaths };
  const loaded: LoadedModel = { model, plan, split, info, sweepMs: [] };
  const t1 = performance.now();
  await runModel(loaded, tensorFrom(new Float32Array(INPUT_PIXELS), 1));
  loaded.info.coldMs = round3(performance.now() - t1);
  return loaded;
}

function tensorFrom(values: Float32Array, batch: number): Tensor4D {
  return tensor4d(values, [batch, INPUT_SIZE, INPUT_SIZE, 1]);
}

/** Runs a model on `x` (disposed here) and returns the output tensor. */
function runModelTensor(m: LoadedModel, x: Tensor4D): Tensor {
  const y = m.plan ? runSteps(m.plan.steps, x) : (m.model.predict(x) as Tensor);
  x.dispose();
  return y;
}

/** Runs a model on `x` (disposed here) and reads the output back. */
async function runModel(m: LoadedModel, x: Tensor4D): Promise<Float32Array> {
  return readAndDispose(runModelTensor(m, x));
}

async function readAndDispose(t: Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

function argmaxOf(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[offset + i] > values[offset + best]) best = i;
  return best;
}

/**
 * The warm-up raced between backends: one CNN-sized image (conv 5×5×16, pool, dense), weights
 * fixed so every backend does the same work; median of 5 warm runs after a cold one.
 */
async function raceWarmup(): Promise<number> {
  const weights = tidy(() => ({
    filter: reshape(tensor2d(Float32Array.from({ length: 25 * 16 }, (_, i) => Math.sin(i)), [25, 16]), [5, 5, 1, 16]) as Tensor4D,
    dense: tensor2d(Float32Array.from({ length: 12 * 12 * 16 * 10 }, (_, i) => Math.cos(i) / 50), [12 * 12 * 16, 10]),
  }));
  const x = tensor4d(Float32Array.from({ length: INPUT_PIXELS }, (_, i) => (i % 29) / 29), [1, INPUT_SIZE, INPUT_SIZE, 1]);
  const run = async () => {
    const y = tidy(() => matMul(reshape(maxPool(conv2d(x, weights.filter, 1, 'valid'), 2, 2, 'valid'), [1, -1]), weights.dense));
    await y.data();
    y.dispose();
  };
  try {
    const times = await timeRuns(run, 5, 1);
    return median(times);
  } finally {
    dispose([x, weights.filter, weights.dense]);
  }
}
