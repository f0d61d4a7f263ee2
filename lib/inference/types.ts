import type { ManifestFile } from '@/lib/storage/manifest';
import type { ModelId } from '@/lib/models/ids';
import type { EngineErrorData } from './errors';

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

/**
 * The two kinds of work the engine times and may run on different backends: one image with its
 * read-back (a prediction as the user draws), and batched work (the 289-image sweep, the
 * robustness check), where a GPU's throughput can outweigh its fixed cost per submit and read-back.
 */
export const WORKLOADS = ['single', 'sweep'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** Median warm-up times of one backend per workload, ms (missing: not measured, e.g. it lost early). */
export type WorkloadTimings = Partial<Record<Workload, number>>;

/** Which backend runs each workload, and why; shown to the user. */
export interface BackendChoice {
  /** Where single predictions run. */
  backend: BackendName;
  /** Where batched work runs (sweeps, evaluations); the same as `backend` unless measuring found otherwise. */
  sweepBackend: BackendName;
  /**
   * 'forced' = the user picked it; 'measured' = fastest per workload in the warm-up race;
   * 'remembered' = a race on this adapter earlier (localStorage); 'provisional' = the first
   * answers run here while the race is still to run; 'only-available' = nothing else initialised;
   * 'fallback' = the previous backend failed (e.g. the WebGPU device was lost).
   */
  reason: 'forced' | 'measured' | 'remembered' | 'provisional' | 'only-available' | 'fallback';
  /** Plain-language explanation, e.g. "predictions on wasm (0.31 ms vs webgpu 0.92 ms), sweeps on webgpu (…)". */
  detail: string;
  /** Median warm-up times per raced backend and workload, ms. */
  timings?: Partial<Record<BackendName, WorkloadTimings>>;
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

/** The models the engine may load (it keeps them and fetches each when asked). Structurally satisfied by lib/storage's ModelManifest. */
export interface EngineManifest {
  models: readonly ManifestModelEntry[];
}

/** Where one model stands: queued behind smaller ones, downloading, being built, ready, or failed. */
export interface ModelStatus {
  modelId: ModelId;
  state: 'queued' | 'downloading' | 'building' | 'ready' | 'error';
  loadedBytes: number;
  totalBytes: number;
  /** Set once ready: its timings on the backend that runs its single predictions. */
  info?: ModelLoadInfo;
  /** Set on 'error'. */
  error?: EngineErrorData;
}

/** A remembered automatic choice: which backend won each workload. */
export interface RememberedChoice {
  single: BackendName;
  sweep: BackendName;
}

/** Remembered automatic choices: adapter key → winners (kept by the client, in localStorage). */
export type ChoiceMemory = Record<string, RememberedChoice>;

/** Options of the engine's `init`. */
export interface InitOptions {
  /** A backend to force, or 'auto' (default) to choose. */
  backend?: BackendName | 'auto';
  /** Choices remembered by the client (localStorage), keyed by adapter key. */
  memory?: ChoiceMemory;
  /** Hears of every model's progress (bytes as they arrive), readiness and failure. */
  onModelStatus?: (status: ModelStatus) => unknown;
  /** Called whenever the engine changes backends on its own (race result, lost WebGPU device). */
  onBackendChange?: (choice: BackendChoice) => unknown;
}

/** How shifted copies of an input are run: one pass on a padded input (shared weights only), or every copy in one batch. */
export type ShiftMethod = 'equivariant' | 'batched';

/** Options of `sweep`. */
export interface SweepOptions {
  /** 'auto' (default): equivariant where possible; 'batched': always 289 images in one call. */
  method?: 'auto' | 'batched';
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Called after each chunk with images·shifts done so far for the model being evaluated. */
  onProgress?: (modelId: ModelId, done: number, total: number) => unknown;
}

/** Answers of a call that runs several models, keyed by the ids asked for. */
export type PerModel<T> = Partial<Record<ModelId, T>>;

/** A 28×28 input: bytes 0–255 or floats on the same 0–255 scale, row-major. Normalised (÷255) inside. */
export type DigitInput = Uint8Array | Float32Array;

export interface Prediction {
  /** Softmax probabilities for digits 0–9. */
  probs: number[];
  /** Arg-max class. */
  top: number;
  /** Wall time of this call for this model, ms, including reading the output back. */
  latencyMs: number;
  /** The backend it ran on. */
  backend: BackendName;
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
  /** The backend it ran on. */
  backend: BackendName;
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
  /** Models ready for single predictions. */
  models: ModelId[];
  /** tf.memory().numTensors, to spot leaks. */
  numTensors: number;
}

/** How a locally connected layer runs: the backend's own kernel, or tfjs ops (patches + depthwise product). */
export type LocallyConnectedPath = 'kernel' | 'depthwise';

/** Per-model cold timings measured when the models were (re)built on a backend. */
export interface ModelLoadInfo {
  modelId: ModelId;
  /** The backend these timings are from. */
  backend: BackendName;
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
