import { env as tfEnv, findBackend, getBackend, setBackend } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from './kernels/wasm';
import { SOFTWARE_RENDERER, summarizeAdapter, type AdapterLike } from './backend-choice';
import type { AdapterSummary, BackendName } from './types';

/** Where the wasm backend finds its binaries: a URL prefix, or a map from binary name to URL. */
export type WasmPaths = string | Record<string, string>;

/** Environment the backends need that differs between the browser worker and Node tests. */
export interface BackendEnv {
  wasmPaths: WasmPaths;
}

/**
 * wasm is part of the worker's own bundle: it answers the first predictions on every device (see
 * backend-choice.ts), and a lazy import would add round trips before the first answer. The other
 * backend packages load lazily (dynamic import), so a page only downloads the GPU backends it runs.
 * Each loader registers its backend (and our custom kernels for it) with tfjs-core.
 */
const loaders: Record<BackendName, (env: BackendEnv) => Promise<void>> = {
  cpu: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
  },
  wasm: async (env) => {
    setWasmPaths(env.wasmPaths);
    // On cross-origin isolated pages tfjs-wasm 4.22 would pick its threaded build, whose pthread
    // workers are made from the factory's source text; bundled, that text refers to names outside
    // it and every thread dies (ReferenceError), so the backend never starts. The single-threaded
    // SIMD build runs everywhere (e2e/inference.spec.ts checks an isolated page).
    tfEnv().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    registerWasmKernels();
  },
  webgl: async () => {
    await import('@tensorflow/tfjs-backend-webgl');
    const { registerWebGlKernels } = await import('./kernels/webgl');
    registerWebGlKernels();
  },
  webgpu: async () => {
    await import('@tensorflow/tfjs-backend-webgpu');
    const { registerWebGpuKernels } = await import('./kernels/webgpu');
    registerWebGpuKernels();
  },
};

const loads = new Map<BackendName, Promise<boolean>>();

/**
 * Loads `name`'s package and registers its kernels, once, without making it active: the download
 * can happen outside the engine's queue. False (never a throw) when the package does not load.
 */
export function loadBackend(name: BackendName, env: BackendEnv): Promise<boolean> {
  let load = loads.get(name);
  if (!load) {
    load = loaders[name](env).then(
      () => true,
      () => {
        loads.delete(name); // a network failure may pass: try again next time
        return false;
      },
    );
    loads.set(name, load);
  }
  return load;
}

/**
 * Makes `name` the active tfjs backend, loading its package on first use. Returns false (never
 * throws) when the backend cannot initialise here.
 */
export async function activateBackend(name: BackendName, env: BackendEnv): Promise<boolean> {
  // Models of two backends may be in use (predictions on one, sweeps on another): every run
  // activates its own, and that is free when it is active already.
  if (getBackend() === name && findBackend(name)) return true;
  try {
    if (!(await loadBackend(name, env))) return false;
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

/** The WebGL2 renderer string here (OffscreenCanvas in a worker), or null without WebGL2. */
function webglRenderer(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

/** Backends worth trying in this context, before any is initialised, and which of them render in software. */
export function candidateBackends(adapter: AdapterSummary | null): { available: BackendName[]; software: BackendName[] } {
  const available: BackendName[] = [];
  const software: BackendName[] = [];
  if (adapter) {
    available.push('webgpu');
    if (adapter.isFallback) software.push('webgpu');
  }
  const renderer = webglRenderer();
  if (renderer !== null) {
    available.push('webgl');
    if (SOFTWARE_RENDERER.test(renderer)) software.push('webgl');
  }
  if (typeof WebAssembly === 'object') available.push('wasm');
  available.push('cpu');
  return { available, software };
}

interface LostInfo {
  message: string;
  reason?: string;
}

/** Devices already watched: the engine asks after every activation, the device is watched once. */
const watched = new WeakSet<object>();

/**
 * Calls `onLost` once if the WebGPU backend's device is lost (driver reset, GPU removed). No-op
 * while WebGPU has not initialised, and for a device already watched.
 */
export function watchDeviceLoss(onLost: (info: LostInfo) => void): void {
  const device = (findBackend('webgpu') as unknown as { device?: { lost?: Promise<LostInfo> } } | null)?.device;
  if (!device || watched.has(device)) return;
  watched.add(device);
  device.lost?.then((info) => onLost(info)).catch(() => undefined);
}
