import type { ManifestFile } from '@/lib/storage/manifest';
import type { ModelId } from '@/lib/models/ids';

/** Every TensorFlow.js backend the lab can run on, fastest-on-real-hardware first. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What the worker learned about the WebGPU adapter (null: no adapter at all). */
export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for fallback/software adapters (SwiftShader, isFallbackAdapter). */
  isFallback: boolean;
}

/** Why the engine runs on the backend it runs on, shown to the user. */
export interface BackendChoice {
  backend: BackendName;
  /**
   * 'forced' = the user picked it; 'hardware-gpu' = WebGPU on a real adapter; 'measured' = fastest
   * in a warm-up race; 'remembered' = a race on this adapter earlier (localStorage);
   * 'only-available' = nothing else initialised; 'fallback' = the previous backend failed (e.g. the
   * WebGPU device was lost).
   */
  reason: 'forced' | 'hardware-gpu' | 'measured' | 'remembered' | 'only-available' | 'fallback';
  /** Plain-language explanation, e.g. "WebGPU adapter is SwiftShader (software); wasm measured fastest: 0.4 ms vs 31 ms". */
  detail: string;
  /** Median warm-up time per backend that took part in the race, ms. */
  timings?: Partial<Record<BackendName, number>>;
  adapter?: { vendor: string; architecture: string; isFallback: boolean } | null;
  /** Key under which an automatic choice is remembered (derived from the adapter). */
  adapterKey?: string;
}

/** One file the engine downloads (it reads url, bytes and sha256): the storage manifest's own type. */
export type { ManifestFile };

/** The part of a model manifest entry the engine needs (lib/storage/manifest has the full schema). */
export interface ManifestModelEntry {
  id: ModelId;
  /** model.json (tfjs layers format). */
  modelJson: ManifestFile;
  /** Weight files, in the order of model.json's weightsManifest paths. */
  weights: ManifestFile[];
}

/** What `load()` needs: the models to fetch. Structurally satisfied by lib/storage's ModelManifest. */
export interface EngineManifest {
  models: readonly ManifestModelEntry[];
}

/** A download in progress, reported while models load. */
export interface LoadProgress {
  modelId: ModelId;
  loadedBytes: number;
  totalBytes: number;
}

/** Progress over every model of a load, for a single progress bar. */
export interface LoadProgressEvent extends LoadProgress {
  /** Sum over all models. */
  allLoadedBytes: number;
  allTotalBytes: number;
}

/** Remembered automatic choices: adapter key → backend (kept by the client, in localStorage). */
export type ChoiceMemory = Record<string, BackendName>;

/** Options of the engine's `load`. */
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

/** What `load` resolves to: the backend the models run on, and each model's timings. */
export interface LoadResult {
  choice: BackendChoice;
  models: ModelLoadInfo[];
}

/** How shifted copies of an input are run: one pass on a padded input (shared weights only), or every copy in one batch. */
export type ShiftMethod = 'equivariant' | 'batched';

/** Options of `sweep`. */
export interface SweepOptions {
  /** 'auto' (default): equivariant where possible; 'batched': always 289 images in one call. */
  method?: 'auto' | 'batched';
  /** Models to sweep (default: all loaded; the result then has only these keys). */
  models?: ModelId[];
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Models to evaluate (default: all loaded). */
  models?: ModelId[];
  /** Called after each chunk with images·shifts done so far for the model being evaluated. */
  onProgress?: (modelId: ModelId, done: number, total: number) => unknown;
}

/** A 28×28 input: bytes 0–255 or floats on the same 0–255 scale, row-major. Normalised (÷255) inside. */
export type DigitInput = Uint8Array | Float32Array;

export interface Prediction {
  /** Softmax probabilities for digits 0–9. */
  probs: number[];
  /** Arg-max class. */
  top: number;
  /** Wall time of this call for this model, ms, including reading the output back. */
  latencyMs: number;
}

export interface LatencyStats {
  /** First run after load (includes shader compilation / warm-up), ms. */
  coldMs: number;
  /** Warm median and 95th percentile over ≥ 20 runs, ms. */
  p50Ms: number;
  p95Ms: number;
  runs: number;
  /** Median of a few full 289-shift sweeps, ms, and how the sweep is computed. */
  sweepMs: number;
  sweepMethod: ShiftMethod;
}

/** One 17×17 sweep: row-major, dy from −8 to 8, dx from −8 to 8. */
export interface SweepResult {
  tops: Uint8Array;
  /** 289 × 10 probabilities, row-major per cell. */
  probs: Float32Array;
  /** Wall time of the sweep, ms. */
  ms: number;
  /** How it was computed. */
  method: ShiftMethod;
}

/** Labelled digits to evaluate on: `count` images of 784 bytes each, concatenated. */
export interface EvaluationSamples {
  images: Uint8Array;
  labels: Uint8Array;
}

/** Accuracy of one model on every (digit, shift) pair of an evaluation. */
export interface EvaluationResult {
  /** Accuracy per requested shift, same order as the shifts passed in. */
  accuracyByShift: number[];
  /** Accuracy over every digit and shift. */
  accuracy: number;
  /** Digits × shifts evaluated. */
  evaluated: number;
  ms: number;
  method: ShiftMethod;
}

/** The engine's state, for status displays and tests. */
export interface BackendInfo {
  choice: BackendChoice | null;
  /** Backends whose packages initialised in this browser. */
  available: BackendName[];
  crossOriginIsolated: boolean;
  /** Models loaded on the current backend. */
  models: ModelId[];
  /** tf.memory().numTensors, to spot leaks. */
  numTensors: number;
}

/** How a locally connected layer runs: the backend's own kernel, or tfjs ops (patches + depthwise product). */
export type LocallyConnectedPath = 'kernel' | 'depthwise';

/** Per-model cold timings measured when the models were (re)built on a backend. */
export interface ModelLoadInfo {
  modelId: ModelId;
  /** Download + sha256 check, ms (0 when the files were already in memory). */
  downloadMs: number;
  /** loadLayersModel + weight upload, ms. */
  buildMs: number;
  /** First prediction (shader compilation, weight packing), ms. */
  coldMs: number;
  /** How each locally connected layer runs here: the backend's own kernel, or tfjs ops (empty: none). */
  locallyConnectedPaths: LocallyConnectedPath[];
}

/** Total bytes a manifest entry will download. */
export function entryBytes(entry: ManifestModelEntry): number {
  return entry.modelJson.bytes + entry.weights.reduce((sum, f) => sum + f.bytes, 0);
}
