/**
 * The engine harness's worker (app/dev/engine): the lab's worker plus test hooks, which the lab's
 * own engine, worker and client do not carry.
 */
import { backend as activeBackend, getBackend } from '@tensorflow/tfjs-core';
import { expose } from 'comlink';
import { InferenceEngine } from '../engine';
import { browserBackendEnv, engineApi, guarded } from '../worker-api';

class HarnessEngine extends InferenceEngine {
  /**
   * Destroys the WebGPU device as a driver reset would, in its turn, to exercise the fallback (the
   * engine then rebuilds on the next backend and calls onBackendChange). False if not on WebGPU.
   */
  loseGpuDevice(): Promise<boolean> {
    return this.queue(async () => destroyGpuDevice());
  }
}

/** Destroys the active WebGPU device, which resolves its `lost` promise exactly as a driver reset would. */
function destroyGpuDevice(): boolean {
  if (getBackend() !== 'webgpu') return false;
  const device = (activeBackend() as unknown as { device?: { destroy(): void } }).device;
  device?.destroy();
  return !!device;
}

const engine = new HarnessEngine(browserBackendEnv);

const api = {
  ...engineApi(engine),
  loseGpuDevice: () => guarded(() => engine.loseGpuDevice()),
};

export type HarnessWorkerApi = typeof api;

expose(api);
