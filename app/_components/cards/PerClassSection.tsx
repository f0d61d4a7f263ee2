'use client';

import { useCallback, useMemo } from 'react';
import type { PlotModule } from '../ui/PlotChart';
import type { ModelCard } from '@/lib/models/card';
import { zoomedFloor } from '@/lib/viz/card-stats';
import { formatPercent } from '@/lib/viz/format';
import { CardSection } from './CardSection';
import { DataTable } from './DataTable';
import { PlotChart } from '../ui/PlotChart';
import { modelColorScale, modelSymbolScale } from '../ui/model-style';

/** Test accuracy of each digit 0–9, one symbol per model. */
export function PerClassSection({ models }: { models: readonly ModelCard[] }) {
  const rows = useMemo(
    () => models.flatMap((m) => m.perClassAccuracy.map((accuracy, digit) => ({ model: m.name, digit, accuracy }))),
    [models],
  );
  const floor = zoomedFloor(rows.map((r) => r.accuracy));
  const hardest = models.map((m) => ({ name: m.name, digit: m.perClassAccuracy.indexOf(Math.min(...m.perClassAccuracy)) }));

  const draw = useCallback(
    (width: number, Plot: PlotModule) =>
      Plot.plot({
        width,
        height: 240,
        marginBottom: 40,
        style: { fontSize: '11px' },
        x: { type: 'band', label: 'digit', labelAnchor: 'center', labelOffset: 34 },
        y: { domain: [floor, 1], grid: true, tickFormat: '.1%', label: 'test accuracy (zoomed)' },
        color: modelColorScale(models),
        symbol: { ...modelSymbolScale(models), legend: true },
        // One mark a model, nudged sideways so equal accuracies don't hide each other.
        marks: models.map((m, i) =>
          Plot.dot(
            rows.filter((r) => r.model === m.name),
            {
              x: 'digit',
              y: 'accuracy',
              stroke: 'model',
              symbol: 'model',
              r: 4.5,
              strokeWidth: 2,
              dx: (i - (models.length - 1) / 2) * 8,
              tip: { format: { y: (v: number) => formatPercent(v, 2) } },
            },
          ),
        ),
      }),
    [models, rows, floor],
  );

  return (
    <CardSection
      id="card-per-class"
      title="Accuracy of each digit"
      caption={
        <>
          Test accuracy per true digit; the axis starts at {formatPercent(floor, 0)}, not zero. Hardest digit:{' '}
          {hardest.map((h) => `${h.digit} for the ${h.name}`).join(', ')}.
        </>
      }
      takeaway="Weight sharing changes how many weights learn each stroke, not which digits look alike in handwriting: where both symbols dip together, the difficulty is in the data, not the architecture."
      table={
        <DataTable
          caption="Test accuracy (%) of each digit"
          columns={['digit', ...models.map((m) => m.name)]}
          rows={models[0].perClassAccuracy.map((_, digit) => [digit, ...models.map((m) => (m.perClassAccuracy[digit] * 100).toFixed(2))])}
        />
      }
    >
      <PlotChart
        draw={draw}
        minHeight={240}
        label={`Dot chart of test accuracy per digit. ${models.map((m) => `${m.name}: ${m.perClassAccuracy.map((a, d) => `${d} ${formatPercent(a)}`).join(', ')}`).join('; ')}.`}
      />
    </CardSection>
  );
}
