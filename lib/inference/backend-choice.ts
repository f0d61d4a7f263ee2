import type { AdapterSummary, BackendChoice, BackendName, ChoiceMemory } from './types';

/** localStorage key under which the client keeps remembered choices (one entry per adapter key). */
export const CHOICE_STORAGE_KEY = 'wsl.backend-choice.v1';

/** The subset of GPUAdapter the engine reads (typed here so tests can pass plain objects). */
export interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/** Names of software GPU renderers (CPU emulation), in WebGPU adapter descriptions and WebGL renderer strings. */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Normalises a WebGPU adapter (or its absence) into what the choice logic needs. */
export function summarizeAdapter(adapter: AdapterLike | null | undefined): AdapterSummary | null {
  if (!adapter) return null;
  const info = adapter.info ?? {};
  const architecture = info.architecture ?? '';
  const description = info.description ?? '';
  const isFallback =
    adapter.isFallbackAdapter === true ||
    info.isFallbackAdapter === true ||
    /swiftshader/i.test(architecture) ||
    SOFTWARE_RENDERER.test(description);
  return { vendor: info.vendor ?? '', architecture, device: info.device ?? '', description, isFallback };
}

/**
 * Key for remembering an automatic choice: a different GPU, driver class or browser capability
 * (no WebGPU, isolation for wasm threads) deserves a new race.
 */
export function adapterKey(adapter: AdapterSummary | null, crossOriginIsolated: boolean): string {
  const gpu = adapter ? `${adapter.vendor}|${adapter.architecture}|${adapter.device}|${adapter.isFallback ? 'sw' : 'hw'}` : 'no-webgpu';
  return `${gpu}|coi=${crossOriginIsolated ? 1 : 0}`;
}

/** What to do before any backend is touched. */
export type ChoicePlan =
  | { kind: 'use'; choice: BackendChoice }
  | { kind: 'race'; candidates: BackendName[]; why: string };

/**
 * Decides the backend without measuring when possible: a forced backend, WebGPU on a hardware
 * adapter, or a choice remembered for this adapter; otherwise asks for a race among `available`.
 */
export function planChoice(args: {
  forced: BackendName | 'auto';
  adapter: AdapterSummary | null;
  key: string;
  memory: ChoiceMemory;
  available: readonly BackendName[];
  /**
   * GPU backends known to run on a software rasteriser (SwiftShader, llvmpipe). They are left out of
   * the race: on the CPU they emulate they are never faster than wasm, and compiling their shaders
   * would cost seconds before the first prediction.
   */
  software?: readonly BackendName[];
}): ChoicePlan {
  const { forced, adapter, key, memory, available, software = [] } = args;
  const adapterView = viewOf(adapter);
  if (forced !== 'auto') {
    return { kind: 'use', choice: { backend: forced, reason: 'forced', detail: `${forced} chosen by you`, adapter: adapterView, adapterKey: key } };
  }
  if (adapter && !adapter.isFallback && available.includes('webgpu')) {
    const name = [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'hardware adapter';
    return {
      kind: 'use',
      choice: { backend: 'webgpu', reason: 'hardware-gpu', detail: `WebGPU on a hardware GPU (${name})`, adapter: adapterView, adapterKey: key },
    };
  }
  const remembered = memory[key];
  if (remembered && available.includes(remembered)) {
    return {
      kind: 'use',
      choice: { backend: remembered, reason: 'remembered', detail: `${remembered} measured fastest on this device earlier`, adapter: adapterView, adapterKey: key },
    };
  }
  if (available.length === 1) {
    return {
      kind: 'use',
      choice: { backend: available[0], reason: 'only-available', detail: `${available[0]} is the only backend that runs here`, adapter: adapterView, adapterKey: key },
    };
  }
  const racing = available.filter((b) => !software.includes(b));
  const candidates = racing.length > 0 ? racing : [...available];
  const why = [
    adapter ? `WebGPU adapter is ${adapter.architecture || adapter.description || 'a fallback adapter'} (software)` : 'no WebGPU adapter',
    ...(software.length > 0 && racing.length > 0 ? [`${software.join(' and ')} not raced (software renderer)`] : []),
  ].join('; ');
  return { kind: 'race', candidates, why };
}

/** Picks the fastest backend of a race and explains it; `timings` are medians in ms. */
export function choiceFromRace(
  timings: Partial<Record<BackendName, number>>,
  why: string,
  adapter: AdapterSummary | null,
  key: string,
): BackendChoice {
  const ranked = (Object.entries(timings) as [BackendName, number][])
    .filter(([, ms]) => Number.isFinite(ms))
    .sort((a, b) => a[1] - b[1]);
  if (ranked.length === 0) throw new Error('No backend finished the warm-up race');
  const [best, bestMs] = ranked[0];
  const others = ranked.slice(1).map(([b, ms]) => `${b} ${fmt(ms)}`);
  const detail = `${why}; ${best} measured fastest: ${fmt(bestMs)}${others.length ? ` vs ${others.join(', ')}` : ''}`;
  return {
    backend: best,
    reason: 'measured',
    detail,
    timings,
    adapter: viewOf(adapter),
    adapterKey: key,
  };
}

/** The part of an adapter summary a choice carries to the UI. */
function viewOf(adapter: AdapterSummary | null): BackendChoice['adapter'] {
  return adapter ? { vendor: adapter.vendor, architecture: adapter.architecture, isFallback: adapter.isFallback } : null;
}

/** The next backend to try after `failed` stops working (e.g. a lost WebGPU device). */
export function fallbackAfter(failed: BackendName, available: readonly BackendName[]): BackendName | null {
  const order: BackendName[] = ['wasm', 'webgl', 'cpu', 'webgpu'];
  return order.find((b) => b !== failed && available.includes(b)) ?? null;
}

function fmt(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
}
