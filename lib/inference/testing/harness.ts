/**
 * The engine harness (app/dev/engine, served only with ENGINE_HARNESS=1): the lab's engine in a
 * worker of its own that also has test hooks, published on `window.__engine` for Playwright
 * (e2e/inference.spec.ts) and the bench (bench/run.ts), both through e2e/pages/engine-harness.ts.
 */
import { wrap } from 'comlink';
import { createInferenceClient, type InferenceClient } from '../client';
import type { BackendChoice, EngineManifest, ModelLoadInfo, ModelStatus } from '../types';
import type { HarnessWorkerApi } from './harness-worker';

/** What the harness publishes on `window.__engine`. */
export interface EngineHarnessHandle {
  client: InferenceClient;
  /** Test hook: destroys the WebGPU device as a driver reset would; false when not on WebGPU. */
  loseGpuDevice(): Promise<boolean>;
  /** The manifest the page was given. */
  manifest: EngineManifest;
  /** Resolves once every model asked for (`?models=`, default the default pair) is ready, with the choice then and each model's timings (rejects with the load error). */
  loaded: Promise<{ choice: BackendChoice; models: ModelLoadInfo[] }>;
  /** ms from navigation start to the first prediction (a blank input, every model) being back. */
  firstPredictionMs?: number;
  /** Every backend choice the engine reported, in order (the first, a race's result, fallbacks). */
  choices: BackendChoice[];
  /** Every model status the engine reported, in order. */
  statuses: ModelStatus[];
}

declare global {
  interface Window {
    __engine?: EngineHarnessHandle;
  }
}

/** An inference client on the harness worker, and its test hook. */
export function createHarnessClient(): Pick<EngineHarnessHandle, 'client' | 'loseGpuDevice'> {
  const worker = new Worker(new URL('./harness-worker.ts', import.meta.url), { type: 'module', name: 'inference-harness' });
  const hooks = wrap<HarnessWorkerApi>(worker);
  return { client: createInferenceClient({ worker }), loseGpuDevice: () => hooks.loseGpuDevice() };
}
