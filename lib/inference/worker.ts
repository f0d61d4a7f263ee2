/// <reference lib="webworker" />
/**
 * The inference Web Worker: owns TensorFlow.js and the models so the UI thread never runs model
 * code. Exposes an {@link InferenceEngine} through Comlink; errors cross as structured data (see
 * errors.ts). Created by client.ts with `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
 */
import { expose } from 'comlink';
import { InferenceEngine } from './engine';
import { toTransferable } from './errors';

/** The wasm binaries, as assets the bundler emits next to the worker chunk. */
const wasmPaths = {
  'tfjs-backend-wasm.wasm': new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', import.meta.url).href,
  'tfjs-backend-wasm-simd.wasm': new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', import.meta.url).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(
    '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm',
    import.meta.url,
  ).href,
};

const engine = new InferenceEngine({ wasmPaths });

/** Every engine method, with failures turned into transferable EngineError data. */
function guarded<K extends keyof InferenceEngine>(name: K) {
  const method = engine[name] as unknown as (...args: unknown[]) => Promise<unknown>;
  return async (...args: unknown[]) => {
    try {
      return await method.apply(engine, args);
    } catch (e) {
      throw toTransferable(e);
    }
  };
}

const api = {
  load: guarded('load'),
  predict: guarded('predict'),
  sweep: guarded('sweep'),
  evaluate: guarded('evaluate'),
  latencyStats: guarded('latencyStats'),
  backendInfo: guarded('backendInfo'),
  setBackend: guarded('setBackend'),
  dispose: guarded('dispose'),
} as unknown as WorkerApi;

/** The worker's RPC surface: the engine's public methods. */
export type WorkerApi = Pick<InferenceEngine, 'load' | 'predict' | 'sweep' | 'evaluate' | 'latencyStats' | 'backendInfo' | 'setBackend' | 'dispose'>;

expose(api);
