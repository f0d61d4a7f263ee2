'use client';

import { useCallback, useMemo } from 'react';
import type { PlotModule } from '../ui/PlotChart';
import type { ModelCard } from '@/lib/models/card';
import { formatPercent } from '@/lib/viz/format';
import { byDesignCell } from '@/lib/viz/zoo-style';
import { CardSection } from './CardSection';
import { DataTable } from './DataTable';
import { PlotChart } from '../ui/PlotChart';
import { modelColorScale, modelSymbolScale } from '../ui/model-style';

/** Share of test digits whose top-1 survives a 1–4 px shift: one line per model of the zoo. */
export function ConsistencySection({ models }: { models: readonly ModelCard[] }) {
  const rows = useMemo(() => models.flatMap((m) => m.consistency.map((c) => ({ model: m.name, ...c }))), [models]);
  const shifts = models[0].consistency.map((c) => c.shiftPx);

  const draw = useCallback(
    (width: number, Plot: PlotModule) =>
      Plot.plot({
        width,
        height: 260,
        marginBottom: 40,
        style: { fontSize: '11px' },
        x: { ticks: shifts, tickFormat: (d: number) => `${d} px`, label: 'shift', labelAnchor: 'center', labelOffset: 34 },
        y: { domain: [0, 1], grid: true, tickFormat: '.0%', label: 'top-1 unchanged' },
        color: modelColorScale(models),
        symbol: { ...modelSymbolScale(models), legend: true },
        marks: [
          Plot.lineY(rows, { x: 'shiftPx', y: 'rate', z: 'model', stroke: 'model', strokeWidth: 2 }),
          Plot.dot(rows, {
            x: 'shiftPx',
            y: 'rate',
            stroke: 'model',
            fill: 'var(--plot-background)',
            symbol: 'model',
            r: 3.5,
            tip: { format: { y: (v: number) => formatPercent(v) } },
          }),
        ],
      }),
    [models, rows, shifts],
  );

  return (
    <CardSection
      id="card-consistency"
      title="Consistency under small shifts"
      caption={
        <>
          For each test digit and each of the four moves of d pixels (left, right, up, down), whether the top-1 answer stays the same as for
          the unshifted digit, right or wrong. Every model of the zoo: hue family for sharing, symbol for the rest of the design.
        </>
      }
      takeaway={`Unchanged at ${shifts.at(-1)} px — ${byDesignCell(models, (m) => formatPercent(m.consistency.at(-1)!.rate))}. Within a cell only sharing differs; across cells, the head and the training data.`}
      table={
        <DataTable
          caption="Share of test digits (%) whose top-1 is unchanged by the shift"
          columns={['shift (px)', ...models.map((m) => m.name)]}
          rows={shifts.map((px, i) => [px, ...models.map((m) => (m.consistency[i].rate * 100).toFixed(1))])}
        />
      }
    >
      <PlotChart
        draw={draw}
        minHeight={260}
        label={`Line chart of the share of test digits whose answer is unchanged by a shift. ${models
          .map((m) => `${m.name}: ${m.consistency.map((c) => `${formatPercent(c.rate)} at ${c.shiftPx} px`).join(', ')}`)
          .join('; ')}.`}
      />
    </CardSection>
  );
}
