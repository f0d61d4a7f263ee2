'use client';

import { useCallback, useMemo } from 'react';
import type { PlotModule } from '../ui/PlotChart';
import type { ModelCard } from '@/lib/models/card';
import { formatBytes, formatRatio } from '@/lib/viz/format';
import { CardSection } from './CardSection';
import { DataTable } from './DataTable';
import { PlotChart } from '../ui/PlotChart';
import { modelColorScale } from '../ui/model-style';
import { sharedAndUnshared } from '@/lib/viz/card-stats';

/** Parameter counts on a linear scale, so the bars are as far apart as the models are; the numbers sit beside them. */
export function ParametersSection({ models }: { models: readonly ModelCard[] }) {
  const rows = useMemo(
    () =>
      models.map((m) => ({
        model: m.name,
        params: m.params,
        label: `${m.params.toLocaleString('en-US')} · ${formatBytes(m.weightBytes)}`,
      })),
    [models],
  );
  const pair = sharedAndUnshared(models);

  const draw = useCallback(
    (width: number, Plot: PlotModule) =>
      Plot.plot({
        width,
        height: 60 + 44 * rows.length,
        marginLeft: 44,
        marginRight: 12,
        marginBottom: 40,
        style: { fontSize: '11px' },
        // Room to the right of the longest bar for its label.
        x: {
          domain: [0, Math.max(...rows.map((r) => r.params)) * 1.6],
          grid: true,
          tickFormat: '~s',
          ticks: Math.max(2, Math.floor(width / 100)),
          label: 'parameters',
          labelAnchor: 'center',
          labelOffset: 34,
        },
        y: { label: null, padding: 0.3 },
        color: modelColorScale(models),
        marks: [
          Plot.barX(rows, { y: 'model', x: 'params', fill: 'model' }),
          Plot.text(rows, { y: 'model', x: 'params', text: 'label', dx: 6, textAnchor: 'start', fill: 'currentColor' }),
          Plot.ruleX([0]),
        ],
      }),
    [models, rows],
  );

  return (
    <CardSection
      id="card-parameters"
      title="Parameters and weight size"
      caption={
        <>
          Learned numbers in each model (labels: parameters · size of the float32 weights file), on a linear scale.
          {pair &&
            ` The ${pair.unshared.name} has ${formatRatio(pair.unshared.params / pair.shared.params)} the parameters of the ${pair.shared.name} (${pair.unshared.params.toLocaleString('en-US')} against ${pair.shared.params.toLocaleString('en-US')}).`}
        </>
      }
      takeaway={`Sharing one set of 5×5 kernels across all positions is what divides the weights${pair ? ` by ${formatRatio(pair.unshared.params / pair.shared.params).replace('×', '')}` : ''} while each image still costs the same multiply-adds: it saves memory, download and data, not arithmetic.`}
      table={
        <DataTable
          caption="Parameters and weight file size"
          columns={['model', 'parameters', 'weights file']}
          rows={models.map((m) => [m.name, m.params.toLocaleString('en-US'), formatBytes(m.weightBytes)])}
        />
      }
    >
      <PlotChart
        draw={draw}
        minHeight={60 + 44 * models.length}
        label={`Bar chart of parameters: ${models.map((m) => `${m.name} ${m.params.toLocaleString('en-US')} (${formatBytes(m.weightBytes)})`).join(', ')}.`}
      />
    </CardSection>
  );
}
