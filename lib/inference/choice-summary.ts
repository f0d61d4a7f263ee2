import type { BackendChoice, BackendName } from './types';

/** What each backend is called in a sentence for people who never heard of tfjs backends. */
export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'plain JavaScript',
};

/**
 * Why it runs there, in a few words; the measured details stay in `choice.detail`. 'provisional' is
 * shorter than 'measured' so that the race's verdict never makes the line wrap more (and the page jump).
 */
const REASONS: Record<BackendChoice['reason'], string> = {
  forced: 'chosen by you',
  measured: 'fastest on this device',
  remembered: 'fastest on this device',
  provisional: 'timing the others',
  'only-available': 'the only one that runs here',
  fallback: 'the fallback',
};

/**
 * The engine line a visitor reads first: "Running on WebAssembly — fastest on this device", or, when
 * the race split the workloads, "Predictions on WebAssembly, sweeps on WebGPU — fastest on this device".
 * Implementation detail (adapters, race timings) belongs behind a disclosure, not here.
 */
export function choiceHeadline(choice: Pick<BackendChoice, 'backend' | 'sweepBackend' | 'reason'>): string {
  const where =
    choice.backend === choice.sweepBackend
      ? `Running on ${BACKEND_LABELS[choice.backend]}`
      : `Predictions on ${BACKEND_LABELS[choice.backend]}, sweeps on ${BACKEND_LABELS[choice.sweepBackend]}`;
  return `${where} — ${REASONS[choice.reason]}`;
}
