'use client';

import { rolesInWords } from '@/lib/inference/backend-choice';
import { BACKENDS, type BackendName, type ModelStatus } from '@/lib/inference/types';
import type { PublishedModel } from '@/lib/storage/manifest';
import { formatBytes, formatPercent } from '@/lib/viz/format';
import type { EngineView } from './useEngine';
import { modelTitle } from '../ui/model-style';
import { STARTING_NOTE_ID, startingHint, useHydrated } from '../ui/useHydrated';
import { PANEL, SELECT } from '../ui/styles';

/**
 * Each model's loading progress (each answers as soon as it is ready), load errors with a retry,
 * and which backend runs what and why. Before hydration it says the lab is starting: the controls
 * that point here are disabled until then.
 */
export function EngineStatus({ engine, models }: { engine: EngineView; models: readonly PublishedModel[] }) {
  const { backend, loadError } = engine;
  const hydrated = useHydrated();
  return (
    <section aria-label="Inference engine" className={`grid gap-2 text-sm ${PANEL}`}>
      {!hydrated && (
        <p id={STARTING_NOTE_ID} data-testid="starting" role="status" className="rounded-md bg-amber-50 p-3 text-amber-900">
          Starting the lab… Drawing, uploading and the other controls turn on once the page has loaded.
        </p>
      )}
      {hydrated && (
        <ul className="grid gap-1" aria-label="Models">
          {models.map((m) => (
            <ModelProgress key={m.id} id={m.id} title={modelTitle(m.card)} status={engine.models[m.id]} />
          ))}
        </ul>
      )}
      {engine.status === 'error' && (
        <div role="alert" data-testid="load-error" className="flex flex-wrap items-center gap-3 rounded-md bg-red-50 p-3 text-red-800">
          <span>{loadError}</span>
          <button
            type="button"
            data-testid="retry-button"
            onClick={engine.retry}
            className="min-h-11 rounded-md bg-red-700 px-4 font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-800"
          >
            Retry
          </button>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p data-testid="backend" data-backend={backend?.backend ?? ''} data-sweep-backend={backend?.sweepBackend ?? ''} data-reason={backend?.reason ?? ''}>
          Backend: <strong>{backend ? rolesInWords(backend.backend, backend.sweepBackend) : '…'}</strong>
          {backend && <span className="text-slate-600"> — {backend.detail}</span>}
        </p>
        <label className="flex items-center gap-2">
          Run on
          <select
            className={SELECT}
            value={engine.forcedBackend ?? 'auto'}
            onChange={(e) => engine.setBackend(e.currentTarget.value as BackendName | 'auto')}
            disabled={!hydrated || engine.status === 'loading'}
            {...startingHint(hydrated)}
          >
            <option value="auto">automatic</option>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}

/** One model's line: its bytes and percent while it downloads, then that it answers. */
function ModelProgress({ id, title, status }: { id: string; title: string; status: ModelStatus | undefined }) {
  const state = status?.state ?? 'queued';
  const { loadedBytes = 0, totalBytes = 0 } = status ?? {};
  const fraction = totalBytes > 0 ? loadedBytes / totalBytes : 0;
  const words: Record<ModelStatus['state'], string> = {
    queued: 'waiting for the smaller model first',
    downloading: `${formatBytes(loadedBytes)} of ${formatBytes(totalBytes)} · ${formatPercent(fraction, 0)}`,
    building: 'checked; building',
    ready: `ready · ${formatBytes(totalBytes)}`,
    error: 'failed',
  };
  return (
    <li data-testid={`model-status-${id}`} data-state={state} data-loaded-bytes={loadedBytes} data-total-bytes={totalBytes} className="grid gap-1">
      <label htmlFor={`model-progress-${id}`}>
        <strong>{title}</strong>: {words[state]}
      </label>
      {state !== 'ready' && state !== 'error' && (
        <progress id={`model-progress-${id}`} className="h-2 w-full" max={totalBytes || 1} value={state === 'building' ? totalBytes : loadedBytes} />
      )}
    </li>
  );
}
