'use client';

import { choiceHeadline } from '@/lib/inference/choice-summary';
import { BACKENDS, type BackendName } from '@/lib/inference/types';
import { formatBytes } from '@/lib/viz/format';
import type { EngineView } from './useEngine';
import { STARTING_NOTE_ID, startingHint, useHydrated } from '../ui/useHydrated';
import { PANEL, SELECT } from '../ui/styles';

/**
 * Loading progress, load errors with a retry, and one line on where the networks run
 * ("Running on WebAssembly — fastest on this device"); how that was measured and the backend choice
 * are one click away. Before hydration it says the lab is starting: the controls that point here
 * are disabled until then.
 */
export function EngineStatus({ engine }: { engine: EngineView }) {
  const { status, progress, backend, loadError } = engine;
  const hydrated = useHydrated();
  return (
    <section aria-label="Inference engine" className={`grid gap-2 text-sm ${PANEL} py-2`}>
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
          <progress id="model-progress" className="h-2 w-full" max={progress.totalBytes || 1} value={progress.loadedBytes} />
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
      <details data-testid="engine-details" className="group">
        <summary className="flex min-h-8 cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-700">
          <span data-testid="backend" data-backend={backend?.backend ?? ''}>
            {backend ? choiceHeadline(backend) : status === 'error' ? 'Not running' : 'Choosing where to run the networks…'}
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
      </details>
    </section>
  );
}
