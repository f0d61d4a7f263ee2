import { transfer } from 'comlink';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { ModelId } from '@/lib/models/ids';
import type { BackendEnv } from './backends';
import type { InferenceEngine } from './engine';
import { toTransferable } from './errors';
import type { FeatureMapsOptions } from './feature-maps';
import { buffersOf } from './transferables';
import type { BackendChoice, BackendName, DigitInput, EngineManifest, EvaluationSamples, LoadOptions, LoadProgressEvent, SweepOptions } from './types';

/** The wasm binaries, as assets the bundler emits next to the worker chunk. */
const wasmPaths = {
  'tfjs-backend-wasm.wasm': new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', import.meta.url).href,
  'tfjs-backend-wasm-simd.wasm': new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', import.meta.url).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(
    '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm',
    import.meta.url,
  ).href,
};

/** What the engine needs in a browser worker: the wasm binaries from the bundle. */
export const browserBackendEnv: BackendEnv = { wasmPaths };

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
    load: (manifest: EngineManifest, options: Omit<LoadOptions, 'onProgress' | 'onBackendChange'>, onProgress?: Callback<[LoadProgressEvent]>, onBackendChange?: Callback<[BackendChoice]>) =>
      guarded(() => engine.load(manifest, { ...options, onProgress, onBackendChange })),
    predict: (input: DigitInput) => guarded(() => engine.predict(input)),
    sweep: (input: DigitInput, options?: SweepOptions) => guarded(() => engine.sweep(input, options)),
    evaluate: (samples: EvaluationSamples, shifts: ShiftOffset[], models?: ModelId[], onProgress?: Callback<[ModelId, number, number]>) =>
      guarded(() => engine.evaluate(samples, shifts, { models, onProgress })),
    latencyStats: (modelId: ModelId, input: DigitInput, runs?: number) => guarded(() => engine.latencyStats(modelId, input, runs)),
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
