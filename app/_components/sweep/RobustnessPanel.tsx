'use client';

import { useCallback, useMemo, useState } from 'react';
import type { PlotModule } from '../ui/PlotChart';
import { INPUT_PIXELS, MAX_SHIFT } from '@/lib/digits/constants';
import { AXIS_SHIFTS, type ShiftOffset } from '@/lib/digits/shift';
import { errorMessage } from '@/lib/inference/errors';
import type { EvaluationResult } from '@/lib/inference/types';
import type { ModelFacts } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import { formatMs, formatPercent } from '@/lib/viz/format';
import { PlotChart } from '../ui/PlotChart';
import { modelColorScale, modelSymbolScale } from '../ui/model-style';
import { loadMnistSample } from '@/lib/mnist/sample';
import type { EngineView } from '../engine/useEngine';
import { startingHint, useHydrated } from '../ui/useHydrated';
import { PANEL, PRIMARY_BUTTON } from '../ui/styles';

/** Digits of the shipped sample the live check uses: enough for a stable curve, quick on any backend. */
const LIVE_DIGITS = 200;
/** Horizontal shifts −8…+8 px. */
const SHIFTS: ShiftOffset[] = AXIS_SHIFTS.map((dx) => ({ dx, dy: 0 }));

type Results = Partial<Record<ModelId, EvaluationResult>>;

/** Live robustness: both models on real MNIST test digits shifted left and right, in this browser. */
export function RobustnessPanel({ engine, models }: { engine: EngineView; models: readonly ModelFacts[] }) {
  const [state, setState] = useState<
    { kind: 'idle' | 'running' } | { kind: 'done'; results: Results } | { kind: 'failed'; message: string }
  >({
    kind: 'idle',
  });
  const hydrated = useHydrated();

  async function run() {
    setState({ kind: 'running' });
    try {
      const sample = await loadMnistSample();
      const count = Math.min(LIVE_DIGITS, sample.count);
      const results = await engine.evaluate(
        models.map((m) => m.id),
        { images: sample.pixels.slice(0, count * INPUT_PIXELS), labels: sample.labels.slice(0, count) },
        SHIFTS,
      );
      setState({ kind: 'done', results });
    } catch (e) {
      setState({ kind: 'failed', message: `The live check failed: ${errorMessage(e)}` });
    }
  }

  const rows = useMemo(
    () =>
      state.kind === 'done'
        ? models.flatMap((m) =>
            (state.results[m.id]?.accuracyByShift ?? []).map((accuracy, i) => ({ model: m.name, dx: SHIFTS[i].dx, accuracy })),
          )
        : [],
    [state, models],
  );
  const draw = useCallback(
    (width: number, Plot: PlotModule) =>
      Plot.plot({
        width,
        height: 220,
        style: { fontSize: '11px' },
        x: { domain: [-MAX_SHIFT, MAX_SHIFT], ticks: 2 * MAX_SHIFT + 1, label: 'horizontal shift dx, px' },
        y: { domain: [0, 1], grid: true, tickFormat: '.0%', label: 'accuracy' },
        color: { ...modelColorScale(models), legend: true },
        marks: [
          Plot.lineY(rows, { x: 'dx', y: 'accuracy', stroke: 'model', strokeWidth: 2.5 }),
          Plot.dot(rows, { x: 'dx', y: 'accuracy', fill: 'model', symbol: 'model', r: 3 }),
        ],
        symbol: modelSymbolScale(models),
      }),
    [rows, models],
  );

  return (
    <section aria-labelledby="live-heading" className={`grid min-w-0 gap-3 ${PANEL}`}>
      <h2 id="live-heading" className="text-xl font-semibold">
        Live check: shifted test digits
      </h2>
      <p className="text-sm leading-relaxed text-slate-700">
        Runs both models on {LIVE_DIGITS} real MNIST test digits, each shifted from {-MAX_SHIFT} to +{MAX_SHIFT} pixels sideways, here in
        your browser — {LIVE_DIGITS * SHIFTS.length} images a model.
      </p>
      <button
        type="button"
        data-testid="live-check-button"
        onClick={run}
        disabled={!hydrated || engine.status !== 'ready' || state.kind === 'running'}
        {...startingHint(hydrated)}
        className={`${PRIMARY_BUTTON} justify-self-start`}
      >
        {state.kind === 'running' ? 'Running…' : 'Run the live check'}
      </button>
      {state.kind === 'failed' && (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <div data-testid="live-check" className="grid gap-2">
          <PlotChart draw={draw} label="Accuracy of both models against horizontal shift" minHeight={220} />
          <ul className="grid gap-1 text-sm">
            {models.map((m) => {
              const result = state.results[m.id];
              return (
                result && (
                  <li key={m.id} data-model={m.id} data-accuracy={result.accuracy}>
                    <strong>{m.name}</strong>: {formatPercent(result.accuracy)} over all shifts,{' '}
                    {formatPercent(result.accuracyByShift[MAX_SHIFT])} unshifted — {formatMs(result.ms)} (
                    {result.method === 'equivariant' ? 'one padded pass per digit' : 'every shifted image run'})
                  </li>
                )
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
