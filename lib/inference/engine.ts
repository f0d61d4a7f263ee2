import { memory } from '@tensorflow/tfjs-core';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { normalisePixels } from '@/lib/digits/normalise';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { ModelId } from '@/lib/models/ids';
import { describeAdapter, type ChoicePlan } from './backend-choice';
import { BackendLifecycle } from './backend-lifecycle';
import type { BackendEnv } from './backends';
import { runDeviceBenchmark } from './benchmark-runner';
import type { BenchmarkOptions, BenchmarkProgress, DeviceBenchmark } from './device-benchmark';
import { DownloadQueue, type FetchLike, type VerifiedModelFiles } from './download';
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
  DigitInput,
  EngineManifest,
  EvaluateOptions,
  EvaluationResult,
  EvaluationSamples,
  InitOptions,
  LatencyStats,
  ManifestModelEntry,
  ModelLoadInfo,
  ModelStatus,
  PerModel,
  Prediction,
  SweepOptions,
  SweepResult,
  Workload,
} from './types';
import { entryBytes } from './types';

/** Sweeps remembered per model for latencyStats. */
const SWEEPS_KEPT = 5;
/** Single predictions latencyStats times at least, after two untimed ones. */
const MIN_LATENCY_RUNS = 20;
const LATENCY_WARMUP_RUNS = 2;
/** How long the engine must have been asked nothing before the warm-up race starts, ms. */
const RACE_AFTER_QUIET_MS = 1_000;

/**
 * The inference engine: owns tfjs and the models, and answers the client's calls. It runs inside
 * the Web Worker (worker.ts exposes it through Comlink) and directly in Node tests. Every public
 * method takes its turn in one queue, so a backend switch never interleaves with a prediction.
 *
 * It keeps the manifest and loads models when asked (`ensureModels`), each answering as soon as its
 * own files are verified and built. Single predictions and batched work (sweeps, evaluations) may
 * run on different backends, as the warm-up race decides; every call names the models it runs.
 *
 * Its rooms: downloads (download.ts), the backends (backend-lifecycle.ts, policy in
 * backend-choice.ts, race in warmup-race.ts), building models (loaded-model.ts), running them
 * (execution.ts), evaluating them chunk by chunk (evaluation.ts) and the device benchmark
 * (benchmark-runner.ts).
 */
export class InferenceEngine {
  /** Every public call's turn; protected for the harness's test hooks (testing/harness-worker.ts). */
  protected readonly queue = createSerialQueue();
  private readonly backends: BackendLifecycle;
  private readonly downloads: DownloadQueue;
  private manifest = new Map<ModelId, ManifestModelEntry>();
  private options: InitOptions = {};
  /** The first backend start (forced, remembered, or the provisional one of a race); null before anything asked for it. */
  private started: Promise<BackendChoice> | null = null;
  /** The race still to run, set when the plan asks for one; it starts once the first model is ready. */
  private pendingRace: Extract<ChoicePlan, { kind: 'race' }> | null = null;
  /** A check for a quiet moment to start the race is pending. */
  private raceArmed = false;
  /** Bumped whenever the user forces a backend: a race started before gives up. */
  private generation = 0;
  private readonly files = new Map<ModelId, VerifiedModelFiles>();
  private readonly loading = new Map<ModelId, Promise<ModelLoadInfo>>();
  /** Models whose single-prediction copy is built: they answer. */
  private readonly ready = new Set<ModelId>();
  /** Built copies per backend: a model runs on the backend of its workload. */
  private readonly built = new Map<BackendName, Map<ModelId, LoadedModel>>();

  constructor(env: BackendEnv, options: { fetch?: FetchLike; candidates?: BackendName[] } = {}) {
    this.backends = new BackendLifecycle(env, options.candidates);
    this.backends.watchDeviceLoss((message) => void this.recoverFromDeviceLoss(message));
    const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
    this.downloads = new DownloadQueue(
      fetchImpl,
      (modelId, loadedBytes, totalBytes) => this.report({ modelId, state: 'downloading', loadedBytes, totalBytes }),
      // Weights after the first model's wait for the first backend (its binaries download too).
      () => this.started ?? Promise.resolve(),
    );
  }

  /**
   * Takes the models the engine may load and how to choose backends; answers their ids. Nothing is
   * downloaded or started yet: `ensureModels` does that. Calling it again replaces both.
   */
  async init(manifest: EngineManifest, options: InitOptions = {}): Promise<ModelId[]> {
    this.manifest = new Map(manifest.models.map((m) => [m.id, m]));
    this.options = { ...options, memory: { ...options.memory } };
    return [...this.manifest.keys()];
  }

  /**
   * Downloads (smallest first, one model at a time), verifies and builds `ids`, the models on screen
   * now; each model reports through `onModelStatus` as its bytes arrive and answers from the moment
   * it is built. Unfinished downloads of models no longer among `ids` are cancelled (an earlier
   * call's promise then rejects with 'cancelled'). The first call starts the backend (forced,
   * remembered, or the provisional one while the race waits for the first model to be ready).
   * Resolves once every one of `ids` is ready; a failed model rejects the call (and may be asked for
   * again).
   */
  ensureModels(ids: readonly ModelId[]): Promise<ModelLoadInfo[]> {
    const entries = ids.map((id) => this.entry(id));
    this.downloads.keepOnly(ids);
    this.startBackend();
    for (const e of entries)
      if (!this.ready.has(e.id) && !this.loading.has(e.id))
        this.report({ modelId: e.id, state: 'queued', loadedBytes: 0, totalBytes: entryBytes(e) });
    return Promise.all(entries.map((e) => this.load(e)));
  }

  /** Probabilities, top-1 and latency of each of `ids` (ready models) on one 28×28 input (pixels 0–255). */
  predict(ids: readonly ModelId[], input: DigitInput): Promise<PerModel<Prediction>> {
    return this.queue(async () => {
      const x = normalisedInput(input);
      const out: PerModel<Prediction> = {};
      for (const id of ids) out[id] = await predictOne(await this.runnable(id, 'single'), x);
      return out;
    });
  }

  /**
   * The 17×17 shift sweep of one input for each of `ids`: equivariant (one pass on the padded
   * input) where the model allows it, else all 289 shifted copies in one batched call, on the
   * backend that runs batched work. `method: 'batched'` forces the batched call.
   */
  sweep(ids: readonly ModelId[], input: DigitInput, options: SweepOptions = {}): Promise<PerModel<SweepResult>> {
    return this.queue(async () => {
      const x = normalisedInput(input);
      const out: PerModel<SweepResult> = {};
      for (const id of ids) out[id] = await this.sweepAndRecord(await this.runnable(id, 'sweep'), x, options.method ?? 'auto');
      return out;
    });
  }

  /**
   * Accuracy of each of `ids` on `samples` under each shift in `shifts` (zero fill), by the
   * equivariant sweep where possible, else batched. Runs chunk by chunk, each chunk its own turn
   * in the queue, so predictions and sweeps asked for meanwhile are not held up for the whole run.
   */
  async evaluate(
    ids: readonly ModelId[],
    samples: EvaluationSamples,
    shifts: readonly ShiftOffset[],
    options: EvaluateOptions = {},
  ): Promise<PerModel<EvaluationResult>> {
    const count = samples.labels.length;
    if (samples.images.length !== count * INPUT_PIXELS) {
      throw new EngineError({ code: 'usage', message: `evaluate: ${samples.images.length} bytes of images for ${count} labels` });
    }
    const out: PerModel<EvaluationResult> = {};
    for (const id of ids) {
      const runChunk = (images: Uint8Array, digits: number) =>
        // Looked up per chunk: a backend switch in between rebuilds the models.
        this.queue(async () => topsUnderShifts(await this.runnable(id, 'sweep'), normalisePixels(images), digits, shifts));
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
      const ms = await this.queue(async () => (await predictOne(await this.runnable(modelId, 'single'), x)).latencyMs);
      if (i >= LATENCY_WARMUP_RUNS) times.push(ms);
      await yieldToEventLoop();
    }
    return this.queue(async () => {
      const single = await this.runnable(modelId, 'single');
      const sweeper = await this.runnable(modelId, 'sweep');
      if (sweeper.sweepMs.length === 0) await this.sweepAndRecord(sweeper, x, 'auto');
      return {
        coldMs: single.info.coldMs,
        ...summarize(times),
        sweepMs: round3(median(sweeper.sweepMs)),
        sweepMethod: shiftMethodOf(sweeper),
      };
    });
  }

  /**
   * "Benchmark this device": builds each of `ids` on every backend that runs here (software
   * renderers too) and times single predictions and sweeps. The client runs it in a worker of its
   * own, so the lab keeps answering and a cancel can simply end that worker.
   */
  async benchmark(
    ids: readonly ModelId[],
    options: BenchmarkOptions = {},
    onProgress?: (progress: BenchmarkProgress) => unknown,
  ): Promise<DeviceBenchmark> {
    const entries = ids.map((id) => this.entry(id));
    await this.backends.probe();
    const { cells, failed } = await runDeviceBenchmark(
      {
        backends: this.backends.available,
        activate: (name) => this.backends.activate(name),
        files: async (id) => this.files.get(id) ?? this.downloads.request(entries.find((e) => e.id === id)!),
        queue: this.queue,
      },
      ids,
      options,
      onProgress,
    );
    return { adapter: describeAdapter(this.backends.adapterSummary), cells, failed };
  }

  /**
   * Inside the networks: every feature stage of each model for `input` and for it shifted by
   * `shift`, compared by shifting back; a global pooling head's vector; and, when asked, the first
   * layer's weights as pictures (feature-maps.ts). One batch of two through the model's plan, unfused.
   * The module loads on first use: the lab asks only once its section is scrolled to. Ready models
   * only (all of them unless `options.models` names some), on the backend of single predictions.
   */
  featureMaps(input: DigitInput, shift: ShiftOffset, options: FeatureMapsOptions = {}): Promise<Partial<Record<ModelId, ModelInside>>> {
    return this.queue(async () => {
      const { checkedShift, insideOf } = await import('./feature-maps');
      const x = normalisedInput(input);
      const offset = checkedShift(shift);
      const out: Partial<Record<ModelId, ModelInside>> = {};
      for (const id of this.ready) {
        if (options.models && !options.models.includes(id)) continue;
        out[id] = await insideOf(await this.runnable(id, 'single'), x, offset, options);
      }
      return out;
    });
  }

  /** Where the engine stands: backend choice, candidates, ready models, live tensor count. */
  backendInfo(): Promise<BackendInfo> {
    return this.queue(async () => ({
      choice: this.backends.choice,
      available: [...this.backends.available],
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      models: [...this.ready],
      numTensors: memory().numTensors,
    }));
  }

  /** Forces a backend for every workload (or returns to automatic choice) and rebuilds the ready models on it. */
  setBackend(name: BackendName | 'auto'): Promise<BackendChoice> {
    this.options.backend = name;
    this.generation++;
    return this.queue(async () => {
      const plan = await this.backends.plan(name, this.options.memory ?? {});
      // Back to automatic after forcing: a race already run decides again only if none is remembered.
      this.pendingRace = plan.kind === 'race' ? plan : null;
      const choice = await this.apply(plan.kind === 'use' ? plan.choice : plan.provisional);
      this.raceWhenLoaded();
      return choice;
    });
  }

  /** Frees every model and downloaded file. The engine can `ensureModels` again afterwards. */
  dispose(): Promise<void> {
    this.generation++;
    return this.queue(async () => {
      for (const models of this.built.values()) for (const m of models.values()) disposeModel(m);
      this.built.clear();
      this.files.clear();
      this.ready.clear();
      this.loading.clear();
    });
  }

  // ---- internals -------------------------------------------------------------------------------

  private entry(id: ModelId): ManifestModelEntry {
    const entry = this.manifest.get(id);
    if (!entry) throw new EngineError({ code: 'usage', modelId: id, message: `Model '${id}' is not in the manifest the engine was given` });
    return entry;
  }

  private report(status: ModelStatus): void {
    void Promise.resolve(this.options.onModelStatus?.(status)).catch(() => undefined);
  }

  private notifyBackend(choice: BackendChoice): void {
    void Promise.resolve(this.options.onBackendChange?.(choice)).catch(() => undefined);
  }

  /** The first backend start, once: forced, remembered, only one, or the race's provisional backend. */
  private startBackend(): Promise<BackendChoice> {
    this.started ??= this.queue(async () => {
      const plan = await this.backends.plan(this.options.backend ?? 'auto', this.options.memory ?? {});
      if (plan.kind === 'race') this.pendingRace = plan;
      const choice = await this.backends.start(plan.kind === 'use' ? plan.choice : plan.provisional);
      this.notifyBackend(choice);
      return choice;
    });
    return this.started;
  }

  /** Downloads, verifies and builds one model, once (a failure clears the way for another try). */
  private load(entry: ManifestModelEntry): Promise<ModelLoadInfo> {
    let loading = this.loading.get(entry.id);
    if (loading) return loading;
    const total = entryBytes(entry);
    loading = (async () => {
      const files = await this.downloads.request(entry);
      this.files.set(entry.id, files);
      await this.startBackend();
      this.report({ modelId: entry.id, state: 'building', loadedBytes: total, totalBytes: total });
      const info = await this.queue(async () => {
        const m = await this.modelOn(entry.id, this.runningChoice().backend);
        return { ...m.info, downloadMs: round3(files.downloadMs) };
      });
      this.ready.add(entry.id);
      this.report({ modelId: entry.id, state: 'ready', loadedBytes: total, totalBytes: total, info });
      this.raceWhenLoaded();
      return info;
    })();
    loading.catch((e: unknown) => {
      this.loading.delete(entry.id);
      this.raceWhenLoaded();
      if (e instanceof EngineError && e.code === 'cancelled') return; // off screen: asked for again, it reports 'queued'
      const error = e instanceof EngineError ? e.toData() : { code: 'backend' as const, message: String(e) };
      this.report({ modelId: entry.id, state: 'error', loadedBytes: 0, totalBytes: total, error });
    });
    this.loading.set(entry.id, loading);
    return loading;
  }

  /**
   * The race starts once every model asked for is ready (or failed) and the engine has been asked
   * nothing for {@link RACE_AFTER_QUIET_MS}: loading a racing backend's package blocks the worker
   * while it downloads (a bundled worker loads chunks with the synchronous importScripts), which
   * must not hold up an answer. Its timed steps then run in the queue's idle time.
   */
  private raceWhenLoaded(): void {
    if (!this.pendingRace || this.raceArmed || this.ready.size === 0 || ![...this.loading.keys()].every((id) => this.ready.has(id))) return;
    this.raceArmed = true;
    const check = () => {
      if (!this.pendingRace) this.raceArmed = false;
      else if (this.queue.quietFor() >= RACE_AFTER_QUIET_MS) {
        this.raceArmed = false;
        this.startRace();
      } else setTimeout(check, RACE_AFTER_QUIET_MS / 4);
    };
    setTimeout(check, RACE_AFTER_QUIET_MS / 4);
  }

  private startRace(): void {
    const plan = this.pendingRace;
    if (!plan) return;
    this.pendingRace = null;
    const generation = this.generation;
    const stale = () => generation !== this.generation;
    void (async () => {
      const measured = await this.backends.race(plan, this.queue.background, stale).catch(() => null);
      if (!measured) return;
      await this.queue.background(async () => {
        if (stale()) return;
        // Kept for a later return to automatic choice (setBackend('auto')); the client stores it across visits.
        if (measured.adapterKey)
          this.options.memory = {
            ...this.options.memory,
            [measured.adapterKey]: { single: measured.backend, sweep: measured.sweepBackend },
          };
        this.notifyBackend(await this.apply(measured));
      });
    })();
  }

  /** Starts `choice`'s backends, builds every ready model for single predictions there and frees copies no workload uses any more. */
  private async apply(choice: BackendChoice): Promise<BackendChoice> {
    const running = await this.backends.start(choice);
    for (const id of this.ready) await this.modelOn(id, running.backend);
    for (const [backend, models] of this.built) {
      if (backend === running.backend || backend === running.sweepBackend) continue;
      for (const m of models.values()) disposeModel(m);
      this.built.delete(backend);
    }
    return running;
  }

  private runningChoice(): BackendChoice {
    const choice = this.backends.choice;
    if (!choice) throw new EngineError({ code: 'usage', message: 'No backend is running yet: ask for models first' });
    return choice;
  }

  /** The copy of a ready model that runs `workload`, built on its backend first if need be, with that backend active. */
  private async runnable(id: ModelId, workload: Workload): Promise<LoadedModel> {
    if (!this.ready.has(id)) throw new EngineError({ code: 'usage', modelId: id, message: `Model '${id}' is not loaded yet` });
    const choice = this.runningChoice();
    const m = await this.modelOn(id, workload === 'single' ? choice.backend : choice.sweepBackend);
    await this.backends.require(m.backend);
    return m;
  }

  /** `id` built on `backend` (built now from its files if there is no copy there yet). */
  private async modelOn(id: ModelId, backend: BackendName): Promise<LoadedModel> {
    const existing = this.built.get(backend)?.get(id);
    if (existing) return existing;
    const files = this.files.get(id);
    if (!files) throw new EngineError({ code: 'usage', modelId: id, message: `Model '${id}' is not loaded yet` });
    await this.backends.require(backend);
    const m = await buildModel(files, backend);
    const models = this.built.get(backend) ?? new Map<ModelId, LoadedModel>();
    models.set(id, m);
    this.built.set(backend, models);
    return m;
  }

  private recoverFromDeviceLoss(message: string): Promise<void> {
    return this.queue(async () => {
      const next = this.backends.replaceLostDevice(message);
      // The lost device's buffers are gone with it: its copies can only be dropped.
      for (const m of this.built.get('webgpu')?.values() ?? []) {
        try {
          disposeModel(m);
        } catch {
          // Nothing to free on a destroyed device.
        }
      }
      this.built.delete('webgpu');
      if (!next) return;
      this.notifyBackend(await this.apply(next));
    });
  }

  /** A sweep; automatic ones are remembered for latencyStats. */
  private async sweepAndRecord(m: LoadedModel, x: Float32Array, requested: 'auto' | 'batched'): Promise<SweepResult> {
    const result = await sweepOne(m, x, requested);
    if (requested === 'auto') m.sweepMs = [...m.sweepMs, result.ms].slice(-SWEEPS_KEPT);
    return result;
  }
}

/** One 28×28 input, normalised (÷255). */
function normalisedInput(input: DigitInput): Float32Array {
  if (input.length !== INPUT_PIXELS) {
    throw new EngineError({ code: 'usage', message: `Expected ${INPUT_PIXELS} pixels, got ${input.length}` });
  }
  return normalisePixels(input);
}
