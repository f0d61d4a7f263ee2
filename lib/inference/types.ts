import type { ModelId } from '@/lib/models/ids';

/** Every TensorFlow.js backend the lab can run on, fastest-on-real-hardware first. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Why the engine runs on the backend it runs on, shown to the user. */
export interface BackendChoice {
  backend: BackendName;
  /** 'forced' = the user picked it; 'hardware-gpu' = WebGPU on a real adapter; 'measured' = fastest in a warm-up race. */
  reason: 'forced' | 'hardware-gpu' | 'measured' | 'only-available' | 'fallback';
  /** Plain-language explanation, e.g. "WebGPU adapter is SwiftShader (software); wasm measured fastest: 0.4 ms vs 31 ms". */
  detail: string;
  /** Median warm-up time per backend that took part in the race, ms. */
  timings?: Partial<Record<BackendName, number>>;
  adapter?: { vendor: string; architecture: string; isFallback: boolean } | null;
}

/** A download in progress, reported while models load. */
export interface LoadProgress {
  modelId: ModelId;
  loadedBytes: number;
  totalBytes: number;
}

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
}

/** One 17×17 sweep: row-major, dy from −8 to 8, dx from −8 to 8. */
export interface SweepResult {
  tops: Uint8Array;
  /** 289 × 10 probabilities, row-major per cell. */
  probs: Float32Array;
  /** Wall time of the sweep, ms. */
  ms: number;
  /** How it was computed: 'equivariant' (shared weights, one pass on a padded input) or 'batched' (289 images in one call). */
  method: 'equivariant' | 'batched';
}
