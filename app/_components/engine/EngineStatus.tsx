'use client';

import { choiceHeadline } from '@/lib/inference/choice-summary';
import { BACKENDS, type BackendName, type ModelStatus } from '@/lib/inference/types';
import type { LabModel } from '@/lib/storage/manifest';
import { formatBytes, formatPercent } from '@/lib/viz/format';
import type { EngineView } from './useEngine';
import { modelTitle } from '../ui/model-style';
import { STARTING_NOTE_ID, startingHint, useHydrated } from '../ui/useHydrated';
import { PANEL, SELECT } from '../ui/styles';

/**
 * Each model's loading progress (each answers as soon as it is ready), load errors with a retry,
 * and one line on where the networks run ("Running on WebAssembly — fastest on this device"); how
 * that was measured and the backend choice are one click away. Before hydration it says the lab is
 * starting: the controls that point here are disabled until then.
 */
export function EngineStatus({ engine, models }: { engine: EngineView; models: readonly LabModel[] }) {
  const { backend, loadError } = engine;
  const hydrated = useHydrated();
  return (
    <section aria-label="Inference engine" className={`grid gap-2 text-sm ${PANEL} py-2`}>
      {!hydrated && (
        <p id={STARTING_NOTE_ID} data-testid="starting" role="status" className="rounded-md bg-amber-50 p-3 text-amber-900">
          Starting the lab… Drawing, uploading and the other controls turn on once the page has loaded.
        </p>
      )}
      {hydrated && (
        // Once every model answers, the lines stay for screen readers only: the first screen is for the digit.
        <ul className={engine.status === 'ready' ? 'sr-only' : 'grid gap-1'} aria-label="Models">
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
      <details data-testid="engine-details" className="group">
        <summary className="flex min-h-8 cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-700">
          <span
            data-testid="backend"
            data-backend={backend?.backend ?? ''}
            data-sweep-backend={backend?.sweepBackend ?? ''}
            data-reason={backend?.reason ?? ''}
          >
            {backend ? choiceHeadline(backend) : engine.status === 'error' ? 'Not running' : 'Choosing where to run the networks…'}
          </span>
          <span className="text-slate-600 underline decoration-dotted underline-offset-4 group-open:hidden">details</span>
          <span className="hidden text-slate-600 underline decoration-dotted underline-offset-4 group-open:inline">hide details</span>
        </summary>
        <div className="grid gap-2 pt-2 pb-1">
          {backend && <p className="text-slate-700">{backend.detail}</p>}
          <label className="flex flex-wrap items-center gap-2">
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
      </details>
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
    <li
      data-testid={`model-status-${id}`}
      data-state={state}
      data-loaded-bytes={loadedBytes}
      data-total-bytes={totalBytes}
      className="grid gap-1"
    >
      <label htmlFor={`model-progress-${id}`}>
        <strong>{title}</strong>: {words[state]}
      </label>
      {state !== 'ready' && state !== 'error' && (
        <progress
          id={`model-progress-${id}`}
          className="h-2 w-full"
          max={totalBytes || 1}
          value={state === 'building' ? totalBytes : loadedBytes}
        />
      )}
    </li>
  );
}
