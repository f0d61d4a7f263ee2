import type { BackendChoice, BackendName } from './types';

/** What each backend is called in a sentence for people who never heard of tfjs backends. */
export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'plain JavaScript',
};

/** Why it runs there, in a few words; the measured details stay in `choice.detail`. */
const REASONS: Record<BackendChoice['reason'], string> = {
  forced: 'chosen by you',
  'hardware-gpu': 'your graphics card',
  measured: 'fastest on this device',
  remembered: 'fastest on this device',
  'only-available': 'the only one that runs here',
  fallback: 'the fallback',
};

/**
 * The engine line a visitor reads first: "Running on WebAssembly — fastest on this device".
 * Implementation detail (adapters, race timings) belongs behind a disclosure, not here.
 */
export function choiceHeadline(choice: Pick<BackendChoice, 'backend' | 'reason'>): string {
  return `Running on ${BACKEND_LABELS[choice.backend]} — ${REASONS[choice.reason]}`;
}
