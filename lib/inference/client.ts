/**
 * The UI's handle on the inference engine: a React-free object that starts the Web Worker and
 * talks to it with typed async calls (Comlink). The UI thread never runs model code.
 *
 *   const engine = createInferenceClient();
 *   engine.onBackendChange((choice) => …);                       // the engine's choices (race result, lost device)
 *   await engine.init(manifest, { onModelStatus });               // the models it may load; nothing downloads yet
 *   await engine.ensureModels(['cnn', 'lcn']);                   // small first; each answers once it is ready
 *   const predictions = await engine.predict(['cnn'], pixels);  // Uint8Array(784), 0–255
 *   …
 *   engine.dispose();                                            // terminates the worker
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { ModelId } from '@/lib/models/ids';
import { CHOICE_STORAGE_KEY, parseChoiceMemory, rememberedFrom } from './backend-choice';
import type { BenchmarkOptions, BenchmarkProgress, DeviceBenchmark } from './device-benchmark';
import { EngineError, fromTransferable } from './errors';
import type { FeatureMapsOptions, ModelInside } from './feature-maps';
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
  ModelLoadInfo,
  ModelStatus,
  PerModel,
  Prediction,
  SweepOptions,
  SweepResult,
} from './types';
import type { WorkerApi } from './worker-api';
import { startInferenceWorker, takeEarlyWorker } from './worker-start';

export type { EvaluateOptions, SweepOptions, FeatureMapsOptions, ModelInside };
export { EngineError, type EngineErrorCode } from './errors';

/** Options of {@link InferenceClient.init}. */
export interface ClientInitOptions {
  /** Force a backend, or 'auto' (default). */
  backend?: BackendName | 'auto';
  /** Every model's progress (bytes), readiness and failure. */
  onModelStatus?: (status: ModelStatus) => void;
}

/** Options of {@link InferenceClient.benchmark}. */
export interface ClientBenchmarkOptions extends BenchmarkOptions {
  onProgress?: (progress: BenchmarkProgress) => void;
  /** Aborting ends the benchmark's worker at once; the call rejects with EngineError 'cancelled'. */
  signal?: AbortSignal;
}

/**
 * Typed, promise-based access to the engine in the worker. Every method may reject with EngineError;
 * none resolves to undefined, and none stays pending after `dispose()`. Calls that run models take
 * the ids of the models to run.
 */
export interface InferenceClient {
  /** The models the engine may load, and how to choose backends; answers their ids. */
  init(manifest: EngineManifest, options?: ClientInitOptions): Promise<ModelId[]>;
  /** Downloads (small first), verifies and builds `ids`; resolves once each is ready. */
  ensureModels(ids: readonly ModelId[]): Promise<ModelLoadInfo[]>;
  /** Each of `ids` on one 28×28 input (Uint8Array 0–255, or Float32Array on the same scale). */
  predict(ids: readonly ModelId[], input: DigitInput): Promise<PerModel<Prediction>>;
  /** The 17×17 shift sweep of one input for each of `ids` (equivariant where possible, else batched). */
  sweep(ids: readonly ModelId[], input: DigitInput, options?: SweepOptions): Promise<PerModel<SweepResult>>;
  /** Accuracy of each of `ids` on labelled digits under each shift. */
  evaluate(
    ids: readonly ModelId[],
    samples: EvaluationSamples,
    shifts: readonly ShiftOffset[],
    options?: EvaluateOptions,
  ): Promise<PerModel<EvaluationResult>>;
  /** Warm p50/p95 (≥ 20 runs of `input`), cold time and sweep time of one model on its current backends. */
  latencyStats(modelId: ModelId, input: DigitInput, runs?: number): Promise<LatencyStats>;
  /** Every backend here × `ids` × (prediction, sweep), in a worker of its own (call `init` first). */
  benchmark(ids: readonly ModelId[], options?: ClientBenchmarkOptions): Promise<DeviceBenchmark>;
  /** Inside the networks: each feature stage for `input` and for it shifted, compared by shifting back (lib/inference/feature-maps.ts). */
  featureMaps(input: DigitInput, shift: ShiftOffset, options?: FeatureMapsOptions): Promise<Partial<Record<ModelId, ModelInside>>>;
  backendInfo(): Promise<BackendInfo>;
  /** Force a backend or return to automatic choice; rebuilds the ready models on it. */
  setBackend(name: BackendName | 'auto'): Promise<BackendChoice>;
  /** Subscribes to the backend choices the engine makes on its own; returns an unsubscribe function. */
  onBackendChange(listener: (choice: BackendChoice) => void): () => void;
  /**
   * Terminates the worker (and a benchmark's). Calls still pending reject with EngineError code
   * 'disposed', and so does every later call.
   */
  dispose(): void;
}

/** Options of {@link createInferenceClient}; the defaults suit the browser. */
export interface ClientOptions {
  /** Where automatic backend choices are remembered (default: localStorage; null: nowhere). */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** A ready worker (tests, the engine harness); by default the bundled inference worker is started. */
  worker?: Worker;
  /** Starts a worker for a device benchmark (default: another bundled inference worker). */
  benchmarkWorker?: () => Worker;
}

/** Starts the inference worker and returns a client for it. Call `dispose()` when done. */
export function createInferenceClient(options: ClientOptions = {}): InferenceClient {
  const worker = options.worker ?? takeEarlyWorker() ?? startInferenceWorker();
  const remote: Remote<WorkerApi> = wrap<WorkerApi>(worker);
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const listeners = new Set<(choice: BackendChoice) => void>();
  let manifest: EngineManifest | null = null;
  let disposed = false;

  // Every call not yet answered, so dispose() can settle it instead of leaving it pending forever
  // (Comlink's releaseProxy drops its listeners, and a terminated worker never answers).
  const pending = new Set<() => void>();

  /** One RPC: rejects with EngineError('disposed') once disposed, never resolves to undefined. */
  const call = <T>(name: string, run: () => Promise<T>): Promise<T> => {
    if (disposed) return Promise.reject(disposedError(`${name} was called after`));
    return new Promise<T>((resolve, reject) => {
      const cutOff = () => reject(disposedError(`${name} was still pending when`));
      pending.add(cutOff);
      (async () => run())()
        .then(
          (value) => {
            if (value === undefined) {
              reject(new EngineError({ code: 'worker', message: `The inference worker answered ${name} with nothing` }));
            } else resolve(value);
          },
          (e: unknown) => reject(fromTransferable(e)),
        )
        .finally(() => pending.delete(cutOff));
    });
  };
  const remember = (choice: BackendChoice) => {
    const measured = rememberedFrom(choice);
    if (!measured || !storage) return;
    const memory = readMemory(storage);
    memory[measured.key] = { single: measured.single, sweep: measured.sweep };
    try {
      storage.setItem(CHOICE_STORAGE_KEY, JSON.stringify(memory));
    } catch {
      // Storage full or blocked: the choice is simply measured again next time.
    }
  };
  const notify = proxy((choice: BackendChoice) => {
    remember(choice);
    listeners.forEach((l) => l(choice));
  });

  /** Benchmarks running, each ended by its stop function (on completion, cancel or dispose). */
  const benchmarks = new Set<() => void>();

  /** A benchmark in a worker of its own: the lab's worker keeps answering, and cancelling ends it at once. */
  const benchmark = (ids: readonly ModelId[], { onProgress, signal, ...benchOptions }: ClientBenchmarkOptions = {}) => {
    if (!manifest) return Promise.reject(new EngineError({ code: 'usage', message: 'benchmark: call init first' }));
    if (signal?.aborted) return Promise.reject(cancelledError());
    const given = manifest;
    return call('benchmark', async () => {
      const benchWorker = (options.benchmarkWorker ?? startInferenceWorker)();
      const bench = wrap<WorkerApi>(benchWorker);
      let cancel = () => {};
      const cancelled = new Promise<never>((_, reject) => (cancel = () => reject(cancelledError())));
      cancelled.catch(() => undefined);
      const stop = () => {
        benchmarks.delete(stop);
        signal?.removeEventListener('abort', cancel);
        bench[releaseProxy]();
        benchWorker.terminate();
      };
      benchmarks.add(stop);
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        await Promise.race([bench.init(given, { backend: 'auto' }), cancelled]);
        return await Promise.race([bench.benchmark([...ids], benchOptions, onProgress ? proxy(onProgress) : undefined), cancelled]);
      } finally {
        stop();
      }
    });
  };

  return {
    init: (given, { backend = 'auto', onModelStatus } = {}) => {
      manifest = resolveUrls(given);
      const memory = storage ? readMemory(storage) : {};
      return call('init', () => remote.init(manifest!, { backend, memory }, onModelStatus ? proxy(onModelStatus) : undefined, notify));
    },
    ensureModels: (ids) => call('ensureModels', () => remote.ensureModels([...ids])),
    predict: (ids, input) => call('predict', () => remote.predict([...ids], input)),
    sweep: (ids, input, sweepOptions) => call('sweep', () => remote.sweep([...ids], input, sweepOptions)),
    evaluate: (ids, samples, shifts, { onProgress } = {}) =>
      call('evaluate', () => remote.evaluate([...ids], samples, [...shifts], onProgress ? proxy(onProgress) : undefined)),
    latencyStats: (modelId, input, runs) => call('latencyStats', () => remote.latencyStats(modelId, input, runs)),
    benchmark,
    featureMaps: (input, shift, options) => call('featureMaps', () => remote.featureMaps(input, shift, options)),
    backendInfo: () => call('backendInfo', () => remote.backendInfo()),
    setBackend: (name) => call('setBackend', () => remote.setBackend(name)),
    onBackendChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      listeners.clear();
      for (const cutOff of pending) cutOff();
      pending.clear();
      for (const stop of benchmarks) stop();
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}

function disposedError(what: string): EngineError {
  return new EngineError({ code: 'disposed', message: `${what} the inference client was disposed` });
}

function cancelledError(): EngineError {
  return new EngineError({ code: 'cancelled', message: 'The benchmark was cancelled' });
}

function defaultStorage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Remembered choices from storage; anything unreadable counts as nothing remembered. */
function readMemory(storage: Pick<Storage, 'getItem'>): ChoiceMemory {
  try {
    return parseChoiceMemory(storage.getItem(CHOICE_STORAGE_KEY));
  } catch {
    return {};
  }
}

/** What the worker needs of a manifest, URLs made absolute against the page (the worker resolves against its own URL). */
function resolveUrls(manifest: EngineManifest): EngineManifest {
  const base = typeof document === 'undefined' ? globalThis.location?.href : document.baseURI;
  const abs = <T extends { url: string }>(f: T): T => ({ ...f, url: base ? new URL(f.url, base).href : f.url });
  return {
    models: manifest.models.map((m) => ({ id: m.id, modelJson: abs(m.modelJson), weights: m.weights.map(abs) })),
  };
}
