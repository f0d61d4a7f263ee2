import { backend as activeBackend, getBackend, setBackend } from '@tensorflow/tfjs-core';
import { summarizeAdapter, type AdapterLike } from './backend-choice';
import type { AdapterSummary, BackendName } from './types';

/** Where the wasm backend finds its binaries: a URL prefix, or a map from binary name to URL. */
export type WasmPaths = string | Record<string, string>;

/** Environment the backends need that differs between the browser worker and Node tests. */
export interface BackendEnv {
  wasmPaths: WasmPaths;
}

/**
 * Backend packages load lazily (dynamic import), so a page only downloads the backends it runs.
 * Each loader registers its backend (and our custom kernels for it) with tfjs-core.
 */
const loaders: Record<BackendName, (env: BackendEnv) => Promise<void>> = {
  cpu: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
  },
  wasm: async (env) => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(env.wasmPaths);
  },
  webgl: async () => {
    await import('@tensorflow/tfjs-backend-webgl');
  },
  webgpu: async () => {
    await import('@tensorflow/tfjs-backend-webgpu');
    const { registerWebGpuKernels } = await import('./kernels/webgpu');
    registerWebGpuKernels();
  },
};

const loaded = new Set<BackendName>();

/**
 * Makes `name` the active tfjs backend, loading its package on first use. Returns false (never
 * throws) when the backend cannot initialise here.
 */
export async function activateBackend(name: BackendName, env: BackendEnv): Promise<boolean> {
  try {
    if (!loaded.has(name)) {
      await loaders[name](env);
      loaded.add(name);
    }
    const ok = await setBackend(name);
    return ok && getBackend() === name;
  } catch {
    return false;
  }
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null>;
}

/** The WebGPU adapter this context would get (null when there is none). */
export async function probeAdapter(): Promise<AdapterSummary | null> {
  const gpu = (globalThis.navigator as (Navigator & { gpu?: GpuLike }) | undefined)?.gpu;
  if (!gpu) return null;
  try {
    return summarizeAdapter(await gpu.requestAdapter({ powerPreference: 'high-performance' }));
  } catch {
    return null;
  }
}

/** Whether a WebGL2 context can be made here (OffscreenCanvas in a worker). */
function webglPossible(): boolean {
  try {
    if (typeof OffscreenCanvas === 'undefined') return false;
    return new OffscreenCanvas(1, 1).getContext('webgl2') !== null;
  } catch {
    return false;
  }
}

/** Backends worth trying in this context, before any is initialised. */
export function candidateBackends(adapter: AdapterSummary | null): BackendName[] {
  const out: BackendName[] = [];
  if (adapter) out.push('webgpu');
  if (webglPossible()) out.push('webgl');
  if (typeof WebAssembly === 'object') out.push('wasm');
  out.push('cpu');
  return out;
}

interface LostInfo {
  message: string;
  reason?: string;
}

/**
 * Calls `onLost` once if the active WebGPU backend's device is lost (driver reset, GPU removed).
 * No-op on other backends.
 */
export function watchDeviceLoss(onLost: (info: LostInfo) => void): void {
  if (getBackend() !== 'webgpu') return;
  const device = (activeBackend() as unknown as { device?: { lost?: Promise<LostInfo> } }).device;
  device?.lost?.then((info) => onLost(info)).catch(() => undefined);
}
