import { memory } from '@tensorflow/tfjs-core';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { normalisePixels } from '@/lib/digits/normalise';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { ModelId } from '@/lib/models/ids';
import { BackendLifecycle } from './backend-lifecycle';
import type { BackendEnv } from './backends';
import { downloadModels, type FetchLike, type VerifiedModelFiles } from './download';
import { EngineError } from './errors';
import { evaluateInChunks } from './evaluation';
import { predictOne, sweepOne, topsUnderShifts } from './execution';
import type { FeatureMapsOptions, ModelInside } from './feature-maps';
import { median, round3, summarize } from './latency-stats';
import { buildModel, disposeModel, shiftMethodOf, type LoadedModel } from './loaded-model';
import { createSerialQueue, yieldToEventLoop } from './serial-queue';
import type {
  BackendChoice,
  BackendInfo,
  BackendName,
  ChoiceMemory,
  DigitInput,
  EngineManifest,
  EvaluateOptions,
  EvaluationResult,
  EvaluationSamples,
  LatencyStats,
  LoadOptions,
  LoadResult,
  Prediction,
  SweepOptions,
  SweepResult,
} from './types';

/** Sweeps remembered per model for latencyStats. */
const SWEEPS_KEPT = 5;
/** Single predictions latencyStats times at least, after two untimed ones. */
const MIN_LATENCY_RUNS = 20;
const LATENCY_WARMUP_RUNS = 2;

/**
 * The inference engine: owns tfjs and the models, and answers the client's calls. It runs inside
 * the Web Worker (worker.ts exposes it through Comlink) and directly in Node tests. Every public
 * method takes its turn in one queue, so a backend switch never interleaves with a prediction.
 *
 * Its rooms: downloads (download.ts), the backend (backend-lifecycle.ts, policy in
 * backend-choice.ts), building models (loaded-model.ts), running them (execution.ts) and
 * evaluating them chunk by chunk (evaluation.ts).
 */
export class InferenceEngine {
  /** Every public call's turn; protected for the harness's test hooks (testing/harness-worker.ts). */
  protected readonly queue = createSerialQueue();
  private readonly backends: BackendLifecycle;
  private readonly fetchImpl: FetchLike;
  private forced: BackendName | 'auto' = 'auto';
  private memory: ChoiceMemory = {};
  private onBackendChange: LoadOptions['onBackendChange'];
  /** The downloaded files, in manifest order: models are rebuilt from them on every backend switch. */
  private files: VerifiedModelFiles[] = [];
  private models = new Map<ModelId, LoadedModel>();

  constructor(env: BackendEnv, options: { fetch?: FetchLike; candidates?: BackendName[] } = {}) {
    this.backends = new BackendLifecycle(env, options.candidates);
    this.fetchImpl = options.fetch ?? ((url) => fetch(url));
  }

  /**
   * Downloads every model of `manifest` (streamed, with progress), checks each file's sha256,
   * chooses a backend (forced, hardware WebGPU, remembered, or a warm-up race run while the files
   * download), builds the models and runs each once (the cold run).
   */
  load(manifest: EngineManifest, options: LoadOptions = {}): Promise<LoadResult> {
    return this.queue(async () => {
      this.forced = options.backend ?? 'auto';
      this.memory = { ...options.memory };
      this.onBackendChange = options.onBackendChange;
      const [files, choice] = await Promise.all([
        downloadModels(manifest.models, options.onProgress, this.fetchImpl),
        this.backends.choose(this.forced, this.memory),
      ]);
      this.files = files;
      const running = await this.rebuildOn(choice);
      const models = files.map((f) => ({ ...this.model(f.modelId).info, downloadMs: round3(f.downloadMs) }));
      return { choice: running, models };
    });
  }

  /** Probabilities, top-1 and latency of every loaded model on one 28×28 input (pixels 0–255). */
  predict(input: DigitInput): Promise<Record<ModelId, Prediction>> {
    return this.queue(async () => {
      const x = normalisedInput(input);
      const out: Partial<Record<ModelId, Prediction>> = {};
      for (const m of this.loadedModels()) out[m.info.modelId] = await predictOne(m, x);
      return out as Record<ModelId, Prediction>;
    });
  }

  /**
   * The 17×17 shift sweep of one input for every model: equivariant (one pass on the padded
   * input) where the model allows it, else all 289 shifted copies in one batched call.
   * `method: 'batched'` forces the batched call (for comparisons and benchmarks).
   */
  sweep(input: DigitInput, options: SweepOptions = {}): Promise<Record<ModelId, SweepResult>> {
    return this.queue(async () => {
      const x = normalisedInput(input);
      const out: Partial<Record<ModelId, SweepResult>> = {};
      for (const m of this.loadedModels()) {
        if (options.models && !options.models.includes(m.info.modelId)) continue;
        out[m.info.modelId] = await this.sweepAndRecord(m, x, options.method ?? 'auto');
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
    const ids = await this.queue(async () => this.loadedModels().map((m) => m.info.modelId));
    const out: Partial<Record<ModelId, EvaluationResult>> = {};
    for (const id of ids) {
      if (options.models && !options.models.includes(id)) continue;
      const runChunk = (images: Uint8Array, digits: number) =>
        // Looked up per chunk: a backend switch in between rebuilds the models.
        this.queue(async () => topsUnderShifts(this.model(id, 'was unloaded during the evaluation'), normalisePixels(images), digits, shifts));
      out[id] = await evaluateInChunks(samples, shifts, runChunk, (done, total) => options.onProgress?.(id, done, total));
    }
    return out;
  }

  /**
   * Warm latency of one model over `runs` (≥ 20) single predictions of `input`, each including the
   * read-back, plus its cold time and the median of its last sweeps (one of `input` is run if there
   * was none yet). Each run takes its own turn in the queue, so the UI's requests interleave.
   */
  async latencyStats(modelId: ModelId, input: DigitInput, runs = 30): Promise<LatencyStats> {
    const x = normalisedInput(input);
    const times: number[] = [];
    for (let i = 0; i < Math.max(MIN_LATENCY_RUNS, runs) + LATENCY_WARMUP_RUNS; i++) {
      const ms = await this.queue(async () => (await predictOne(this.model(modelId), x)).latencyMs);
      if (i >= LATENCY_WARMUP_RUNS) times.push(ms);
      await yieldToEventLoop();
    }
    return this.queue(async () => {
      const m = this.model(modelId);
      if (m.sweepMs.length === 0) await this.sweepAndRecord(m, x, 'auto');
      return { coldMs: m.info.coldMs, ...summarize(times), sweepMs: round3(median(m.sweepMs)), sweepMethod: shiftMethodOf(m) };
    });
  }

  /**
   * Inside the networks: every feature stage of each model for `input` and for it shifted by
   * `shift`, compared by shifting back; a global pooling head's vector; and, when asked, the first
   * layer's weights as pictures (feature-maps.ts). One batch of two through the model's plan, unfused.
   * The module loads on first use: the lab asks only once its section is scrolled to.
   */
  featureMaps(input: DigitInput, shift: ShiftOffset, options: FeatureMapsOptions = {}): Promise<Partial<Record<ModelId, ModelInside>>> {
    return this.queue(async () => {
      const { checkedShift, insideOf } = await import('./feature-maps');
      const x = normalisedInput(input);
      const offset = checkedShift(shift);
      const out: Partial<Record<ModelId, ModelInside>> = {};
      for (const m of this.loadedModels()) {
        if (options.models && !options.models.includes(m.info.modelId)) continue;
        out[m.info.modelId] = await insideOf(m, x, offset, options);
      }
      return out;
    });
  }

  /** Where the engine stands: backend choice, candidates, loaded models, live tensor count. */
  backendInfo(): Promise<BackendInfo> {
    return this.queue(async () => ({
      choice: this.backends.choice,
      available: [...this.backends.available],
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      models: [...this.models.keys()],
      numTensors: memory().numTensors,
    }));
  }

  /** Forces a backend (or returns to automatic choice) and rebuilds the models on it. */
  setBackend(name: BackendName | 'auto'): Promise<BackendChoice> {
    return this.queue(async () => {
      this.forced = name;
      return this.rebuildOn(await this.backends.choose(this.forced, this.memory));
    });
  }

  /** Frees every model and plan. The engine can `load` again afterwards. */
  dispose(): Promise<void> {
    return this.queue(async () => {
      this.disposeModels();
      this.files = [];
    });
  }

  // ---- internals -------------------------------------------------------------------------------

  private loadedModels(): LoadedModel[] {
    if (this.models.size === 0) throw new EngineError({ code: 'usage', message: 'No model is loaded yet' });
    return [...this.models.values()];
  }

  private model(id: ModelId, missing = 'is not loaded'): LoadedModel {
    const m = this.models.get(id);
    if (!m) throw new EngineError({ code: 'usage', modelId: id, message: `Model '${id}' ${missing}` });
    return m;
  }

  /** Starts the chosen backend (or its fallback) and rebuilds every model on it; returns what runs. */
  private async rebuildOn(choice: BackendChoice): Promise<BackendChoice> {
    const running = await this.backends.start(choice);
    this.disposeModels();
    for (const files of this.files) this.models.set(files.modelId, await buildModel(files));
    this.backends.watchDeviceLoss((message) => void this.recoverFromDeviceLoss(message));
    return running;
  }

  private recoverFromDeviceLoss(message: string): Promise<void> {
    return this.queue(async () => {
      const next = this.backends.replaceLostDevice(message);
      if (!next) return;
      const running = await this.rebuildOn(next);
      await Promise.resolve(this.onBackendChange?.(running)).catch(() => undefined);
    });
  }

  /** A sweep; automatic ones are remembered for latencyStats. */
  private async sweepAndRecord(m: LoadedModel, x: Float32Array, requested: 'auto' | 'batched'): Promise<SweepResult> {
    const result = await sweepOne(m, x, requested);
    if (requested === 'auto') m.sweepMs = [...m.sweepMs, result.ms].slice(-SWEEPS_KEPT);
    return result;
  }

  private disposeModels(): void {
    for (const m of this.models.values()) disposeModel(m);
    this.models.clear();
  }
}

/** One 28×28 input, normalised (÷255). */
function normalisedInput(input: DigitInput): Float32Array {
  if (input.length !== INPUT_PIXELS) {
    throw new EngineError({ code: 'usage', message: `Expected ${INPUT_PIXELS} pixels, got ${input.length}` });
  }
  return normalisePixels(input);
}
