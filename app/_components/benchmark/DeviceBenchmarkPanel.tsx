'use client';

import { useRef, useState } from 'react';
import { EngineError } from '@/lib/inference/client';
import { benchmarkVerdict, type BenchmarkProgress, type DeviceBenchmark } from '@/lib/inference/device-benchmark';
import { errorMessage } from '@/lib/inference/errors';
import type { ModelId } from '@/lib/models/ids';
import type { EngineView } from '../engine/useEngine';
import { startingHint, useHydrated } from '../ui/useHydrated';
import { PANEL, PRIMARY_BUTTON } from '../ui/styles';
import { BenchmarkResults } from './BenchmarkResults';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: BenchmarkProgress | null }
  | { kind: 'done'; result: DeviceBenchmark }
  | { kind: 'failed'; message: string };

interface DeviceBenchmarkPanelProps {
  engine: EngineView;
  /** The models on screen, in order, with their display names. */
  models: readonly { id: ModelId; name: string }[];
  /** Hears of a finished run (the share panel can attach it). */
  onResult(result: DeviceBenchmark | null): void;
  /** A shared result's benchmark, to compare this device with. */
  shared?: DeviceBenchmark;
}

/**
 * "Benchmark this device": every backend this browser offers × the models on screen × (one
 * prediction, one sweep), in a worker of its own, so the lab keeps answering and Cancel stops it
 * at once. The result can go with a share link.
 */
export function DeviceBenchmarkPanel({ engine, models, onResult, shared }: DeviceBenchmarkPanelProps) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const hydrated = useHydrated();
  const names = Object.fromEntries(models.map((m) => [m.id, m.name]));

  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', progress: null });
    onResult(null);
    try {
      const result = await engine.benchmark(
        models.map((m) => m.id),
        {
          signal: controller.signal,
          onProgress: (progress) => setState((s) => (s.kind === 'running' ? { kind: 'running', progress } : s)),
        },
      );
      setState({ kind: 'done', result });
      onResult(result);
    } catch (e) {
      if (e instanceof EngineError && e.code === 'cancelled') setState({ kind: 'idle' });
      else if (!(e instanceof EngineError && e.code === 'disposed'))
        setState({ kind: 'failed', message: `The benchmark failed: ${errorMessage(e)}` });
    } finally {
      abort.current = null;
    }
  }

  const progress = state.kind === 'running' ? state.progress : null;
  return (
    <section aria-labelledby="benchmark-heading" className={`grid min-w-0 gap-3 ${PANEL}`}>
      <h2 id="benchmark-heading" className="text-xl font-semibold">
        Benchmark this device
      </h2>
      <p className="text-sm leading-relaxed text-slate-700">
        Times both models on every backend this browser offers — one prediction as you draw, and a sweep of all 289 shifts — and names the
        fastest. It runs in a worker of its own: the lab keeps answering meanwhile.
      </p>
      {shared && (
        <p className="text-sm" data-testid="shared-benchmark-compare">
          The shared result’s device ({shared.adapter}): {benchmarkVerdict(shared)}.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          data-testid="benchmark-button"
          onClick={run}
          disabled={!hydrated || engine.status !== 'ready' || state.kind === 'running'}
          {...startingHint(hydrated)}
          className={PRIMARY_BUTTON}
        >
          {state.kind === 'running' ? 'Benchmarking…' : state.kind === 'done' ? 'Run again' : 'Benchmark this device'}
        </button>
        {state.kind === 'running' && (
          <button
            type="button"
            data-testid="benchmark-cancel"
            onClick={() => abort.current?.abort()}
            className="min-h-11 rounded-md border border-slate-300 px-4 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-slate-700"
          >
            Cancel
          </button>
        )}
      </div>
      {state.kind === 'running' && (
        <div className="grid gap-1 text-sm" data-testid="benchmark-progress">
          <label htmlFor="benchmark-progress-bar">
            {progress
              ? `${progress.backend} · ${names[progress.modelId] ?? progress.modelId} (${Math.min(progress.done + 1, progress.total)} of ${progress.total})`
              : 'Starting…'}
          </label>
          <progress id="benchmark-progress-bar" className="h-2 w-full" max={progress?.total || 1} value={progress?.done ?? 0} />
        </div>
      )}
      {state.kind === 'failed' && (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && <BenchmarkResults benchmark={state.result} names={names} testId="benchmark-results" />}
    </section>
  );
}
