import { transfer } from 'comlink';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { ModelId } from '@/lib/models/ids';
import type { BackendEnv } from './backends';
import type { BenchmarkOptions, BenchmarkProgress } from './device-benchmark';
import type { InferenceEngine } from './engine';
import { toTransferable } from './errors';
import type { FeatureMapsOptions } from './feature-maps';
import { buffersOf } from './transferables';
import { WASM_PATHS } from './wasm-assets';
import type {
  BackendChoice,
  BackendName,
  DigitInput,
  EngineManifest,
  EvaluationSamples,
  InitOptions,
  ModelStatus,
  SweepOptions,
} from './types';

/** What the engine needs in a browser worker: the wasm binaries from the bundle. */
export const browserBackendEnv: BackendEnv = { wasmPaths: WASM_PATHS };

/** Runs an engine call, turning failures into transferable EngineError data (see errors.ts). */
export async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toTransferable(e);
  }
}

type Callback<T extends unknown[]> = ((...args: T) => unknown) | undefined;

/**
 * The worker's RPC surface over `engine`. Comlink proxies only top-level function arguments, so
 * callbacks come as separate parameters rather than inside the options objects.
 */
export function engineApi(engine: InferenceEngine) {
  return {
    init: (
      manifest: EngineManifest,
      options: Omit<InitOptions, 'onModelStatus' | 'onBackendChange'>,
      onModelStatus?: Callback<[ModelStatus]>,
      onBackendChange?: Callback<[BackendChoice]>,
    ) => guarded(() => engine.init(manifest, { ...options, onModelStatus, onBackendChange })),
    ensureModels: (ids: ModelId[]) => guarded(() => engine.ensureModels(ids)),
    predict: (ids: ModelId[], input: DigitInput) => guarded(() => engine.predict(ids, input)),
    sweep: (ids: ModelId[], input: DigitInput, options?: SweepOptions) => guarded(() => engine.sweep(ids, input, options)),
    evaluate: (ids: ModelId[], samples: EvaluationSamples, shifts: ShiftOffset[], onProgress?: Callback<[ModelId, number, number]>) =>
      guarded(() => engine.evaluate(ids, samples, shifts, { onProgress })),
    latencyStats: (modelId: ModelId, input: DigitInput, runs?: number) => guarded(() => engine.latencyStats(modelId, input, runs)),
    benchmark: (ids: ModelId[], options?: BenchmarkOptions, onProgress?: Callback<[BenchmarkProgress]>) =>
      guarded(() => engine.benchmark(ids, options, onProgress)),
    // The maps' buffers move to the page instead of being copied.
    featureMaps: (input: DigitInput, shift: ShiftOffset, options?: FeatureMapsOptions) =>
      guarded(async () => {
        const result = await engine.featureMaps(input, shift, options);
        return transfer(result, buffersOf(result));
      }),
    backendInfo: () => guarded(() => engine.backendInfo()),
    setBackend: (name: BackendName | 'auto') => guarded(() => engine.setBackend(name)),
    dispose: () => guarded(() => engine.dispose()),
  };
}

/** The worker's RPC surface, for `wrap<WorkerApi>()` in the client. */
export type WorkerApi = ReturnType<typeof engineApi>;
