/**
 * The UI's handle on the inference engine: a React-free object that starts the Web Worker and
 * talks to it with typed async calls (Comlink). The UI thread never runs model code.
 *
 *   const engine = createInferenceClient();
 *   engine.onBackendChange((choice) => …);            // e.g. a lost WebGPU device
 *   await engine.load(manifest, { onProgress });      // throws EngineError (code, file, retryable)
 *   const predictions = await engine.predict(pixels); // Uint8Array(784), 0–255
 *   …
 *   engine.dispose();                                  // terminates the worker
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { ModelId } from '@/lib/models/ids';
import { CHOICE_STORAGE_KEY } from './backend-choice';
import { EngineError, fromTransferable } from './errors';
import type { FeatureMapsOptions, ModelInside } from './feature-maps';
import { BACKENDS } from './types';
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
  LoadProgressEvent,
  LoadResult,
  Prediction,
  SweepOptions,
  SweepResult,
} from './types';
import type { WorkerApi } from './worker-api';

export type { LoadResult, EvaluateOptions, SweepOptions, FeatureMapsOptions, ModelInside };
export { EngineError, type EngineErrorCode } from './errors';

/** Options of {@link InferenceClient.load}. */
export interface ClientLoadOptions {
  /** Force a backend, or 'auto' (default). */
  backend?: BackendName | 'auto';
  /** Byte progress over both models. */
  onProgress?: (event: LoadProgressEvent) => void;
}

/**
 * Typed, promise-based access to the engine in the worker. Every method may reject with EngineError;
 * none resolves to undefined, and none stays pending after `dispose()`.
 */
export interface InferenceClient {
  /** Downloads, verifies and builds every model of the manifest; resolves once each ran once. */
  load(manifest: EngineManifest, options?: ClientLoadOptions): Promise<LoadResult>;
  /** Every model on one 28×28 input (Uint8Array 0–255, or Float32Array on the same scale). */
  predict(input: DigitInput): Promise<Record<ModelId, Prediction>>;
  /** The 17×17 shift sweep of one input for every model (equivariant where possible, else batched). */
  sweep(input: DigitInput, options?: SweepOptions): Promise<Record<ModelId, SweepResult>>;
  /** Accuracy of every model on labelled digits under each shift. */
  evaluate(samples: EvaluationSamples, shifts: readonly ShiftOffset[], options?: EvaluateOptions): Promise<Partial<Record<ModelId, EvaluationResult>>>;
  /** Warm p50/p95 (≥ 20 runs of `input`), cold time and sweep time of one model on the current backend. */
  latencyStats(modelId: ModelId, input: DigitInput, runs?: number): Promise<LatencyStats>;
  /** Inside the networks: each feature stage for `input` and for it shifted, compared by shifting back (lib/inference/feature-maps.ts). */
  featureMaps(input: DigitInput, shift: ShiftOffset, options?: FeatureMapsOptions): Promise<Partial<Record<ModelId, ModelInside>>>;
  backendInfo(): Promise<BackendInfo>;
  /** Force a backend or return to automatic choice; rebuilds the models on it. */
  setBackend(name: BackendName | 'auto'): Promise<BackendChoice>;
  /** Subscribes to backend changes the engine makes on its own; returns an unsubscribe function. */
  onBackendChange(listener: (choice: BackendChoice) => void): () => void;
  /**
   * Terminates the worker. Calls still pending reject with EngineError code 'disposed', and so does
   * every later call.
   */
  dispose(): void;
}

/** Options of {@link createInferenceClient}; the defaults suit the browser. */
export interface ClientOptions {
  /** Where automatic backend choices are remembered (default: localStorage; null: nowhere). */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** A ready worker (tests, the engine harness); by default the bundled inference worker is started. */
  worker?: Worker;
}

/** Starts the inference worker and returns a client for it. Call `dispose()` when done. */
export function createInferenceClient(options: ClientOptions = {}): InferenceClient {
  const worker = options.worker ?? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'inference' });
  const remote: Remote<WorkerApi> = wrap<WorkerApi>(worker);
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const listeners = new Set<(choice: BackendChoice) => void>();
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
    if (choice.reason !== 'measured' || !choice.adapterKey || !storage) return;
    const memory = readMemory(storage);
    memory[choice.adapterKey] = choice.backend;
    try {
      storage.setItem(CHOICE_STORAGE_KEY, JSON.stringify(memory));
    } catch {
      // Storage full or blocked: the choice is simply measured again next time.
    }
  };
  const notify = proxy((choice: BackendChoice) => listeners.forEach((l) => l(choice)));

  return {
    load: (manifest, { backend = 'auto', onProgress } = {}) =>
      call('load', () =>
        remote.load(resolveUrls(manifest), { backend, memory: storage ? readMemory(storage) : {} }, onProgress ? proxy(onProgress) : undefined, notify),
      ).then((result) => {
        remember(result.choice);
        return result;
      }),
    predict: (input) => call('predict', () => remote.predict(input)),
    sweep: (input, options) => call('sweep', () => remote.sweep(input, options)),
    evaluate: (samples, shifts, { models, onProgress } = {}) =>
      call('evaluate', () => remote.evaluate(samples, [...shifts], models, onProgress ? proxy(onProgress) : undefined)),
    latencyStats: (modelId, input, runs) => call('latencyStats', () => remote.latencyStats(modelId, input, runs)),
    featureMaps: (input, shift, options) => call('featureMaps', () => remote.featureMaps(input, shift, options)),
    backendInfo: () => call('backendInfo', () => remote.backendInfo()),
    setBackend: (name) =>
      call('setBackend', () => remote.setBackend(name)).then((choice) => {
        remember(choice);
        return choice;
      }),
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
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}

function disposedError(what: string): EngineError {
  return new EngineError({ code: 'disposed', message: `${what} the inference client was disposed` });
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
    const parsed: unknown = JSON.parse(storage.getItem(CHOICE_STORAGE_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(([, v]) => (BACKENDS as readonly unknown[]).includes(v)),
    ) as ChoiceMemory;
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
