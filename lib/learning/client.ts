/**
 * The page's handle on the training worker ("Train them yourself"): typed async calls (Comlink),
 * React-free. The worker is started by the first call and ended by `dispose()`.
 *
 *   const trainer = createTrainingClient();
 *   await trainer.loadData(manifest.trainingDigits, ({ loadedBytes, totalBytes }) => …);
 *   const { result } = await trainer.start(settings, 'auto', (update) => …);  // Stop: trainer.stop()
 *   trainer.dispose();
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { EngineError, fromTransferable } from '@/lib/inference/errors';
import type { BackendName } from '@/lib/inference/types';
import type { ManifestTrainingDigits } from '@/lib/storage/manifest';
import type { RaceSettings } from './race-settings';
import type { DataProgress, RaceUpdate, TrainerMemory, TrainingOutcome } from './trainer';
import type { TrainerApi } from './worker-api';
import { startWithChunkPrefetch } from '@/lib/inference/worker-chunks';

export interface TrainingClient {
  loadData(entry: ManifestTrainingDigits, onProgress?: (p: DataProgress) => void): Promise<number>;
  start(
    settings: RaceSettings,
    backend: BackendName | 'auto',
    onUpdate?: (update: RaceUpdate) => void,
    onPhase?: (phase: 'choosing-backend' | 'training', detail: string) => void,
  ): Promise<TrainingOutcome>;
  /** Ends the race after its current step; `start` then resolves with outcome 'stopped'. */
  stop(): Promise<boolean>;
  /** The finished pair's class probabilities for a 28×28 digit (0–255). */
  predict(pixels: Uint8Array): Promise<Record<string, number[]>>;
  memory(): Promise<TrainerMemory>;
  /** Terminates the worker; calls still pending reject with EngineError 'disposed'. */
  dispose(): void;
}

/** Starts the training worker (a module worker of its own: the lab's inference worker stays free). */
export function createTrainingClient(): TrainingClient {
  const worker = startWithChunkPrefetch(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' }));
  const remote: Remote<TrainerApi> = wrap<TrainerApi>(worker);
  const pending = new Set<() => void>();
  let disposed = false;

  const call = <T>(name: string, run: () => Promise<T>): Promise<T> => {
    if (disposed)
      return Promise.reject(new EngineError({ code: 'disposed', message: `${name} was called after the training worker ended` }));
    return new Promise<T>((resolve, reject) => {
      const cutOff = () => reject(new EngineError({ code: 'disposed', message: `${name} was pending when the training worker ended` }));
      pending.add(cutOff);
      run()
        .then(resolve, (e: unknown) => reject(fromTransferable(e)))
        .finally(() => pending.delete(cutOff));
    });
  };
  const base = typeof document === 'undefined' ? globalThis.location?.href : document.baseURI;

  return {
    loadData: (entry, onProgress) =>
      call('loadData', () =>
        remote.loadData(
          { ...entry, file: { ...entry.file, url: base ? new URL(entry.file.url, base).href : entry.file.url } },
          onProgress ? proxy(onProgress) : undefined,
        ),
      ),
    start: (settings, backend, onUpdate, onPhase) =>
      call('start', () => remote.start(settings, backend, onUpdate ? proxy(onUpdate) : undefined, onPhase ? proxy(onPhase) : undefined)),
    stop: () => call('stop', () => remote.stop()),
    predict: (pixels) => call('predict', () => remote.predict(pixels)),
    memory: () => call('memory', () => remote.memory()),
    dispose: () => {
      if (disposed) return;
      disposed = true;
      pending.forEach((cutOff) => cutOff());
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}
