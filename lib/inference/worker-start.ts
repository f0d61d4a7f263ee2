/**
 * Starting the bundled inference worker (worker.ts), its chunks fetched in parallel
 * (worker-chunks.ts). Kept apart from the client so that `instrumentation-client.ts` can start the
 * worker as the framework boots, without pulling the client (Comlink and all) into every page.
 */
import { startWithChunkPrefetch } from './worker-chunks';

/**
 * Marks the lab's root element in the server-rendered page: a page that has it starts the inference
 * worker as the framework boots (instrumentation-client.ts), before the page's own scripts have run.
 */
export const LAB_ROOT_ATTRIBUTE = 'data-lab';
/** The performance mark of that early start (DevTools' timeline shows it; the e2e tests look for it). */
export const EARLY_START_MARK = 'inference-worker-early-start';

export function startInferenceWorker(): Worker {
  return startWithChunkPrefetch(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'inference' }));
}

let early: Worker | null = null;

/**
 * Starts the worker ahead of the first client, before the page's own scripts have run and hydrated:
 * its scripts are what the first answer waits for. The next client takes it over
 * ({@link takeEarlyWorker}). No-op where there are no workers (server rendering).
 */
export function prestartInferenceWorker(): void {
  if (typeof Worker !== 'undefined') early ??= startInferenceWorker();
}

/** The worker started ahead, once (null if none was, or it was taken). */
export function takeEarlyWorker(): Worker | null {
  const worker = early;
  early = null;
  return worker;
}
