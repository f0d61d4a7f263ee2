import { guarded } from '@/lib/inference/worker-api';
import type { BackendName } from '@/lib/inference/types';
import type { ManifestTrainingDigits } from '@/lib/storage/manifest';
import type { DataProgress, RaceUpdate, Trainer } from './trainer';

type Callback<T extends unknown[]> = ((...args: T) => unknown) | undefined;

/** The training worker's RPC surface; callbacks are top-level arguments (Comlink proxies only those). */
export function trainerApi(trainer: Trainer) {
  return {
    loadData: (entry: ManifestTrainingDigits, onProgress?: Callback<[DataProgress]>) => guarded(() => trainer.loadData(entry, onProgress)),
    start: (
      settings: unknown,
      backend: BackendName | 'auto',
      onUpdate?: Callback<[RaceUpdate]>,
      onPhase?: Callback<['choosing-backend' | 'training', string]>,
    ) => guarded(() => trainer.start(settings, backend, onUpdate, onPhase)),
    stop: () => guarded(async () => trainer.stop()),
    predict: (pixels: Uint8Array) => guarded(async () => trainer.predict(pixels)),
    release: () => guarded(async () => (trainer.release(), true)),
    memory: () => guarded(async () => trainer.memory()),
  };
}

export type TrainerApi = ReturnType<typeof trainerApi>;
