'use client';

import { BACKENDS, type BackendName } from '@/lib/inference/types';
import { formatBytes } from '@/lib/viz/format';
import type { EngineView } from './useEngine';
import { STARTING_NOTE_ID, startingHint, useHydrated } from '../ui/useHydrated';
import { PANEL, SELECT } from '../ui/styles';

/**
 * Loading progress, load errors with a retry, and which backend runs and why. Before hydration it
 * says the lab is starting: the controls that point here are disabled until then.
 */
export function EngineStatus({ engine }: { engine: EngineView }) {
  const { status, progress, backend, loadError } = engine;
  const hydrated = useHydrated();
  return (
    <section aria-label="Inference engine" className={`grid gap-2 text-sm ${PANEL}`}>
      {!hydrated && (
        <p id={STARTING_NOTE_ID} data-testid="starting" role="status" className="rounded-md bg-amber-50 p-3 text-amber-900">
          Starting the lab… Drawing, uploading and the other controls turn on once the page has loaded.
        </p>
      )}
      {hydrated && status === 'loading' && (
        <div className="grid gap-1">
          <label htmlFor="model-progress">
            Loading both models{progress.totalBytes > 0 && ` · ${formatBytes(progress.loadedBytes)} of ${formatBytes(progress.totalBytes)}`}
          </label>
          <progress
            id="model-progress"
            className="h-2 w-full"
            max={progress.totalBytes || 1}
            value={progress.loadedBytes}
          />
        </div>
      )}
      {status === 'error' && (
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
        <p data-testid="backend" data-backend={backend?.backend ?? ''}>
          Backend: <strong>{backend?.backend ?? '…'}</strong>
          {backend && <span className="text-slate-600"> — {backend.detail}</span>}
        </p>
        <label className="flex items-center gap-2">
          Run on
          <select
            className={SELECT}
            value={engine.forcedBackend ?? 'auto'}
            onChange={(e) => engine.setBackend(e.currentTarget.value as BackendName | 'auto')}
            disabled={!hydrated || status === 'loading'}
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
