'use client';

import { useCallback, useMemo } from 'react';
import { benchmarkBars, benchmarkVerdict, benchmarkWinners, type DeviceBenchmark } from '@/lib/inference/device-benchmark';
import type { ModelId } from '@/lib/models/ids';
import { formatMs } from '@/lib/viz/format';
import { PlotChart, type PlotModule } from '../ui/PlotChart';

const WORKLOAD_WORDS = { single: 'one prediction', sweep: '289-shift sweep' } as const;

/**
 * A device benchmark as a table (every backend × model, the fastest per column marked) and a chart
 * (time per backend, log scale, one row of panels per workload), with the verdict in one line.
 * The lab shows a fresh run with it; a shared result shows the sharer's.
 */
export function BenchmarkResults({
  benchmark,
  names,
  testId,
}: {
  benchmark: DeviceBenchmark;
  names: Partial<Record<ModelId, string>>;
  testId: string;
}) {
  const winners = useMemo(() => benchmarkWinners(benchmark), [benchmark]);
  const won = (modelId: ModelId, workload: 'single' | 'sweep', backend: string) =>
    winners.some((w) => w.modelId === modelId && w.workload === workload && w.backend === backend);
  const name = (id: ModelId) => names[id] ?? id;
  const bars = useMemo(
    () => benchmarkBars(benchmark).map((b) => ({ ...b, panel: `${name(b.modelId)} · ${WORKLOAD_WORDS[b.workload]}` })),
    // `names` comes from the cards: stable for a page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [benchmark],
  );
  const draw = useCallback(
    (width: number, Plot: PlotModule) =>
      Plot.plot({
        width,
        height: 70 + 36 * bars.length,
        marginLeft: 60,
        marginRight: 70,
        style: { fontSize: '11px' },
        x: { type: 'log', grid: true, label: 'ms (log scale)' },
        y: { label: null },
        fy: { label: null },
        color: { domain: [true, false], range: ['#0f766e', '#94a3b8'] },
        marks: [
          Plot.dot(bars, { x: 'ms', y: 'backend', fy: 'panel', fill: 'winner', r: 5 }),
          Plot.text(
            bars.filter((b) => b.winner),
            { x: 'ms', y: 'backend', fy: 'panel', text: () => 'fastest', dx: 8, textAnchor: 'start', fill: '#0f766e' },
          ),
        ],
      }),
    [bars],
  );

  return (
    <div className="grid gap-3" data-testid={testId} data-cells={benchmark.cells.length}>
      <p className="text-sm">
        On <strong>{benchmark.adapter}</strong>: <strong data-testid={`${testId}-verdict`}>{benchmarkVerdict(benchmark)}</strong>
      </p>
      <div role="region" aria-label="Benchmark results" tabIndex={0} className="max-w-full overflow-x-auto">
        <table className="border-collapse text-xs tabular-nums">
          <caption className="pb-1 text-left text-slate-600">
            Warm median (p95 in brackets) of one prediction with its read-back, median of the sweeps, first run after building
          </caption>
          <thead>
            <tr>
              {['backend', 'model', 'one prediction', '289-shift sweep', 'first run'].map((c) => (
                <th key={c} scope="col" className="border-b border-slate-300 px-2 py-1 text-left font-semibold">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {benchmark.cells.map((c) => (
              <tr
                key={`${c.backend}|${c.modelId}`}
                data-backend={c.backend}
                data-model={c.modelId}
                data-single-ms={c.singleP50Ms}
                data-sweep-ms={c.sweepMs}
              >
                <th scope="row" className="border-b border-slate-100 px-2 py-1 text-left font-semibold">
                  {c.backend}
                </th>
                <td className="border-b border-slate-100 px-2 py-1">{name(c.modelId)}</td>
                <Time winner={won(c.modelId, 'single', c.backend)}>
                  {formatMs(c.singleP50Ms)} ({formatMs(c.singleP95Ms)})
                </Time>
                <Time winner={won(c.modelId, 'sweep', c.backend)}>
                  {formatMs(c.sweepMs)} {c.sweepMethod === 'equivariant' ? '(one padded pass)' : '(289 images)'}
                </Time>
                <td className="border-b border-slate-100 px-2 py-1 text-right">{formatMs(c.coldMs)}</td>
              </tr>
            ))}
            {benchmark.failed.map((f) => (
              <tr key={f.backend} data-backend={f.backend} data-failed="true">
                <th scope="row" className="border-b border-slate-100 px-2 py-1 text-left font-semibold">
                  {f.backend}
                </th>
                <td colSpan={4} className="border-b border-slate-100 px-2 py-1 text-slate-600">
                  did not run: {f.error}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PlotChart
        draw={draw}
        label={`Time per backend for each model and workload; ${benchmarkVerdict(benchmark)}`}
        minHeight={70 + 36 * bars.length}
      />
    </div>
  );
}

function Time({ winner, children }: { winner: boolean; children: React.ReactNode }) {
  return (
    <td
      className={`border-b border-slate-100 px-2 py-1 text-right ${winner ? 'font-bold text-teal-800' : ''}`}
      data-winner={winner || undefined}
    >
      {children}
      {winner && <span className="sr-only"> (fastest)</span>}
    </td>
  );
}
