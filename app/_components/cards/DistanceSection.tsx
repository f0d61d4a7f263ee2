'use client';

import { useCallback, useMemo } from 'react';
import type { PlotModule } from '../ui/PlotChart';
import { MAX_SHIFT } from '@/lib/digits/constants';
import type { ModelCard } from '@/lib/models/card';
import { accuracyByDistance } from '@/lib/viz/shift-stats';
import { formatPercent } from '@/lib/viz/format';
import { byDesignCell } from '@/lib/viz/zoo-style';
import { CardSection } from './CardSection';
import { DataTable } from './DataTable';
import { PlotChart } from '../ui/PlotChart';
import { modelColorScale, modelSymbolScale } from '../ui/model-style';

/** Distances quoted in the caption. */
const quoted = [2, 4];

/** Test accuracy against shift distance max(|dx|, |dy|), one line per model. */
export function DistanceSection({ models }: { models: readonly ModelCard[] }) {
  const byModel = useMemo(() => models.map((m) => ({ model: m, points: accuracyByDistance(m.shiftGrid) })), [models]);
  const rows = useMemo(() => byModel.flatMap(({ model, points }) => points.map((p) => ({ model: model.name, ...p }))), [byModel]);

  const draw = useCallback(
    (width: number, Plot: PlotModule) =>
      Plot.plot({
        width,
        height: 260,
        marginBottom: 40,
        style: { fontSize: '11px' },
        x: {
          domain: [0, MAX_SHIFT],
          ticks: MAX_SHIFT,
          label: 'shift distance max(|dx|, |dy|), px',
          labelAnchor: 'center',
          labelOffset: 34,
        },
        y: { domain: [0, 1], grid: true, tickFormat: '.0%', label: 'test accuracy' },
        color: modelColorScale(models),
        marks: [
          Plot.ruleY([0.1], { stroke: 'currentColor', strokeOpacity: 0.6, strokeDasharray: '4 3' }),
          // Labelled at the left, where both lines are still high above it.
          Plot.text([{ y: 0.1 }], {
            x: 0,
            y: 'y',
            text: () => 'chance (10%)',
            dx: 4,
            dy: -7,
            textAnchor: 'start',
            fill: 'currentColor',
            fillOpacity: 0.85,
          }),
          Plot.lineY(rows, { x: 'distance', y: 'accuracy', z: 'model', stroke: 'model', strokeWidth: 2.5 }),
          // Different symbols, so the lines differ in more than colour.
          Plot.dot(rows, {
            x: 'distance',
            y: 'accuracy',
            stroke: 'model',
            fill: 'var(--plot-background)',
            symbol: 'model',
            r: 3.5,
            tip: { format: { y: (v: number) => formatPercent(v) } },
          }),
        ],
        // The legend shows each model's symbol in its hue; the lines meet, so end labels would collide.
        symbol: { ...modelSymbolScale(models), legend: true },
      }),
    [models, rows],
  );

  return (
    <CardSection
      id="card-distance"
      title="Accuracy against shift distance"
      caption={
        <>
          The shift grid averaged over square rings: distance d is max(|dx|, |dy|) (Chebyshev), so every ring of 8·d shifts lies wholly
          inside the grid. Every model of the zoo: hue family for sharing, symbol for the rest of the design.
        </>
      }
      takeaway={quoted
        .map((d) => `At ${d} px — ${byDesignCell(models, (m) => formatPercent(accuracyByDistance(m.shiftGrid)[d].accuracy))}.`)
        .join(' ')}
      table={
        <DataTable
          caption="Test accuracy (%) by shift distance max(|dx|, |dy|)"
          columns={['distance (px)', ...models.map((m) => m.name)]}
          rows={byModel[0].points.map((p, d) => [d, ...byModel.map(({ points }) => (points[d].accuracy * 100).toFixed(1))])}
        />
      }
    >
      <PlotChart
        draw={draw}
        minHeight={260}
        label={`Line chart of test accuracy against shift distance 0 to ${MAX_SHIFT} px. ${byModel
          .map(
            ({ model, points }) =>
              `${model.name}: ${formatPercent(points[0].accuracy)} at 0 px, ${formatPercent(points[MAX_SHIFT].accuracy)} at ${MAX_SHIFT} px`,
          )
          .join('; ')}.`}
      />
    </CardSection>
  );
}
