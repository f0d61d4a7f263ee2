import {
  BACKENDS,
  type AdapterSummary,
  type BackendChoice,
  type BackendName,
  type ChoiceMemory,
  type Workload,
  type WorkloadTimings,
} from './types';

/** localStorage key under which the client keeps remembered choices (one entry per adapter key; v2: a winner per workload). */
export const CHOICE_STORAGE_KEY = 'wsl.backend-choice.v2';

/** The subset of GPUAdapter the engine reads (typed here so tests can pass plain objects). */
export interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/** Names of software GPU renderers (CPU emulation), in WebGPU adapter descriptions and WebGL renderer strings. */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * The backend the first answers run on while the race is still to run, if it is a candidate: for
 * one small image wasm (SIMD, one thread) answers in ≈ 0.3 ms on a CPU core, while a GPU pays
 * ≈ 0.45 ms per submit and read-back before any arithmetic (Firefox: a 100 ms timer), and its
 * shaders compile first. The race then decides; nothing stays on a backend that lost it.
 */
const PROVISIONAL_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'webgpu', 'cpu'];

/** A candidate whose best run so far is this many times slower than the leader's median has lost: its remaining runs are skipped. */
export const RACE_LOSS_FACTOR = 3;

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

/** The adapter in words, for the UI and a shared benchmark: "google swiftshader (software)". */
export function describeAdapter(adapter: AdapterSummary | null): string {
  if (!adapter) return 'no WebGPU adapter';
  const name = [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || adapter.description || 'unnamed adapter';
  return `${name}${adapter.isFallback ? ' (software)' : ''}`;
}

/** What to do before any model runs. */
export type ChoicePlan =
  | { kind: 'use'; choice: BackendChoice }
  /** Race `candidates` (in this order) while the first answers run on `provisional`. */
  | { kind: 'race'; candidates: BackendName[]; provisional: BackendChoice; why: string };

/**
 * Decides the backends without measuring when that is possible: a forced backend, a choice
 * remembered for this adapter, or the only one that runs. Otherwise asks for a race among
 * `available` on every adapter, hardware GPUs included, and names the backend that answers meanwhile.
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
   * costs seconds.
   */
  software?: readonly BackendName[];
}): ChoicePlan {
  const { forced, adapter, key, memory, available, software = [] } = args;
  const base = { adapter: viewOf(adapter), adapterKey: key };
  if (forced !== 'auto') {
    return { kind: 'use', choice: { ...base, backend: forced, sweepBackend: forced, reason: 'forced', detail: `${forced} chosen by you` } };
  }
  const remembered = memory[key];
  if (remembered && available.includes(remembered.single) && available.includes(remembered.sweep)) {
    const roles = rolesInWords(remembered.single, remembered.sweep);
    return {
      kind: 'use',
      choice: {
        ...base,
        backend: remembered.single,
        sweepBackend: remembered.sweep,
        reason: 'remembered',
        detail: `${roles}: measured fastest on this device earlier`,
      },
    };
  }
  if (available.length === 1) {
    const only = available[0];
    return {
      kind: 'use',
      choice: {
        ...base,
        backend: only,
        sweepBackend: only,
        reason: 'only-available',
        detail: `${only} is the only backend that runs here`,
      },
    };
  }
  const racing = available.filter((b) => !software.includes(b));
  const candidates = racing.length > 0 ? racing : [...available];
  const why = [
    adapter ? `WebGPU adapter: ${describeAdapter(adapter)}` : 'no WebGPU adapter',
    ...(software.length > 0 && racing.length > 0 ? [`${software.join(' and ')} not raced (software renderer)`] : []),
  ].join('; ');
  const first = PROVISIONAL_ORDER.find((b) => candidates.includes(b)) ?? candidates[0];
  const order = [first, ...BACKENDS.filter((b) => b !== first && candidates.includes(b))];
  const provisional: BackendChoice = {
    ...base,
    backend: first,
    sweepBackend: first,
    reason: 'provisional',
    detail: `${first} answers first while ${order.join(', ')} are timed on a prediction and a sweep (${why})`,
  };
  return { kind: 'race', candidates: order, provisional, why };
}

/** Whether a racing backend has lost already: its best time is far behind the leader's median (see {@link RACE_LOSS_FACTOR}). */
export function hasLost(times: readonly number[], leaderMs: number | undefined): boolean {
  return leaderMs !== undefined && Number.isFinite(leaderMs) && times.length > 0 && Math.min(...times) > RACE_LOSS_FACTOR * leaderMs;
}

/** The fastest backend for `workload` in `timings` (ms medians), or null when none was measured. */
export function fastestFor(timings: Partial<Record<BackendName, WorkloadTimings>>, workload: Workload): BackendName | null {
  return rank(timings, workload)[0]?.[0] ?? null;
}

/**
 * The race's outcome: the fastest backend for each workload (they may differ: "predictions on wasm,
 * sweeps on webgpu"), explained with every time measured. Never a backend that lost a workload's
 * race; batched work goes where single predictions do if no sweep was timed.
 * @throws when no backend finished a single-prediction run.
 */
export function choiceFromRace(
  timings: Partial<Record<BackendName, WorkloadTimings>>,
  why: string,
  adapter: AdapterSummary | null,
  key: string,
): BackendChoice {
  const single = fastestFor(timings, 'single');
  if (!single) throw new Error('No backend finished the warm-up race');
  const sweep = fastestFor(timings, 'sweep') ?? single;
  const part = (workload: Workload, label: string) => {
    const [[best, bestMs], ...others] = rank(timings, workload);
    return `${label} on ${best} (${fmt(bestMs)}${others.length ? ` vs ${others.map(([b, ms]) => `${b} ${fmt(ms)}`).join(', ')}` : ''})`;
  };
  const parts = [part('single', 'predictions'), ...(rank(timings, 'sweep').length > 0 ? [part('sweep', 'sweeps')] : [])];
  return {
    backend: single,
    sweepBackend: sweep,
    reason: 'measured',
    detail: `measured: ${parts.join(', ')}; ${why}`,
    timings,
    adapter: viewOf(adapter),
    adapterKey: key,
  };
}

/** "wasm" when one backend runs everything, else "predictions on wasm, sweeps on webgpu". */
export function rolesInWords(single: BackendName, sweep: BackendName): string {
  return single === sweep ? single : `predictions on ${single}, sweeps on ${sweep}`;
}

/**
 * The next backend to try for `workload` after `failed` stops working (e.g. a lost WebGPU device):
 * the runner-up of that workload's race when there was one, else wasm, webgl, cpu, webgpu in turn.
 */
export function fallbackAfter(
  failed: BackendName,
  available: readonly BackendName[],
  timings: Partial<Record<BackendName, WorkloadTimings>> = {},
  workload: Workload = 'single',
): BackendName | null {
  const measured = rank(timings, workload).map(([b]) => b);
  const order: BackendName[] = [...measured, 'wasm', 'webgl', 'cpu', 'webgpu'];
  return order.find((b) => b !== failed && available.includes(b)) ?? null;
}

/** What a remembered choice keeps of a measured one. */
export function rememberedFrom(choice: BackendChoice): { key: string; single: BackendName; sweep: BackendName } | null {
  return choice.reason === 'measured' && choice.adapterKey
    ? { key: choice.adapterKey, single: choice.backend, sweep: choice.sweepBackend }
    : null;
}

/** Remembered choices from stored JSON; anything malformed counts as nothing remembered. */
export function parseChoiceMemory(json: string | null): ChoiceMemory {
  try {
    const parsed: unknown = JSON.parse(json ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const isBackend = (v: unknown): v is BackendName => (BACKENDS as readonly unknown[]).includes(v);
    const out: ChoiceMemory = {};
    for (const [key, value] of Object.entries(parsed)) {
      const { single, sweep } = (value ?? {}) as Record<string, unknown>;
      if (isBackend(single) && isBackend(sweep)) out[key] = { single, sweep };
    }
    return out;
  } catch {
    return {};
  }
}

function rank(timings: Partial<Record<BackendName, WorkloadTimings>>, workload: Workload): [BackendName, number][] {
  return (Object.entries(timings) as [BackendName, WorkloadTimings][])
    .map(([b, t]) => [b, t[workload] ?? Number.NaN] as [BackendName, number])
    .filter(([, ms]) => Number.isFinite(ms))
    .sort((a, b) => a[1] - b[1]);
}

/** The part of an adapter summary a choice carries to the UI. */
function viewOf(adapter: AdapterSummary | null): BackendChoice['adapter'] {
  return adapter ? { vendor: adapter.vendor, architecture: adapter.architecture, isFallback: adapter.isFallback } : null;
}

function fmt(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
}
