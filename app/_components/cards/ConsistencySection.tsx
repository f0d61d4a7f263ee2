'use client';

import { useCallback, useMemo } from 'react';
import type { PlotModule } from '../ui/PlotChart';
import type { ModelCard } from '@/lib/models/card';
import { formatPercent } from '@/lib/viz/format';
import { CardSection } from './CardSection';
import { DataTable } from './DataTable';
import { PlotChart } from '../ui/PlotChart';
import { modelColorScale } from '../ui/model-style';
import { modelColor } from '../ui/model-style';
import { MODEL_HEX, inkOn } from '@/lib/viz/color';

/** Share of test digits whose top-1 survives a 1–4 px shift: bars grouped by shift, one per model. */
export function ConsistencySection({ models }: { models: readonly ModelCard[] }) {
  const rows = useMemo(() => models.flatMap((m) => m.consistency.map((c) => ({ model: m.name, ...c }))), [models]);
  const shifts = models[0].consistency.map((c) => c.shiftPx);

  const draw = useCallback(
    (width: number, Plot: PlotModule) =>
      Plot.plot({
        width,
        height: 260,
        marginTop: 48,
        style: { fontSize: '11px' },
        fx: { label: 'shift', labelAnchor: 'center', tickFormat: (d: number) => `${d} px`, padding: 0.15, axis: 'top', labelOffset: 34 },
        // The model name under each bar, so the groups don't rely on colour.
        x: { axis: 'bottom', label: null, tickSize: 0, padding: 0.1 },
        y: { domain: [0, 1], grid: true, tickFormat: '.0%', label: 'top-1 unchanged' },
        color: modelColorScale(models),
        marks: [
          Plot.barY(rows, { fx: 'shiftPx', x: 'model', y: 'rate', fill: 'model' }),
          // Values inside the top of each bar, in the ink that reads on its hue, clear of the shift labels above.
          ...models.map((m) =>
            Plot.text(
              rows.filter((r) => r.model === m.name),
              {
                fx: 'shiftPx',
                x: 'model',
                y: 'rate',
                text: (d: { rate: number }) => (d.rate * 100).toFixed(1),
                dy: 9,
                fill: inkOn(MODEL_HEX[modelColor(m)]),
                fontSize: 10,
              },
            ),
          ),
          Plot.ruleY([0]),
        ],
      }),
    [models, rows],
  );

  return (
    <CardSection
      id="card-consistency"
      title="Consistency under small shifts"
      caption={
        <>
          For each test digit and each of the four moves of d pixels (left, right, up, down), whether the top-1 answer stays the same as for
          the unshifted digit, right or wrong; bar labels are percentages.
        </>
      }
      takeaway="Most of the steadiness under one- or two-pixel moves comes from the two 2×2 max-pools, which both networks have; weight sharing adds that the shifted strokes meet the very same detectors, but nothing in it guarantees the answer survives the move."
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
        label={`Grouped bar chart of the share of test digits whose answer is unchanged by a shift. ${models
          .map((m) => `${m.name}: ${m.consistency.map((c) => `${formatPercent(c.rate)} at ${c.shiftPx} px`).join(', ')}`)
          .join('; ')}.`}
      />
    </CardSection>
  );
}
