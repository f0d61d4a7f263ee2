'use client';

import { useCallback, useMemo } from 'react';
import type { PlotModule } from '../ui/PlotChart';
import { publishedPrecision, type ModelCard } from '@/lib/models/card';
import { MAX_ACCURACY_CHANGE, MIN_AGREEMENT } from '@/lib/models/precision';
import { formatBytes, formatPercent, formatRatio } from '@/lib/viz/format';
import { CardSection } from './CardSection';
import { DataTable } from './DataTable';
import { PlotChart } from '../ui/PlotChart';
import { modelColorScale } from '../ui/model-style';
import { sharedAndUnshared } from '@/lib/viz/card-stats';

/**
 * One sentence on the precision a model's weights are published at, from its card: the bytes a visitor
 * downloads against float32's, and how often they answer as float32 does. Null for a card without precisions.
 */
export function publishedPrecisionNote(model: ModelCard): string | null {
  const float32 = model.precisions?.find((p) => p.dtype === 'float32');
  const published = model.precisions?.find((p) => p.dtype === publishedPrecision(model));
  if (!float32 || !published) return null;
  if (published === float32) {
    return `${model.name} is published as float32 (${formatBytes(float32.weightBytes)}): neither float16 nor uint8 kept its top-1 on at least ${formatPercent(MIN_AGREEMENT)} of the test images with test accuracy within ${(MAX_ACCURACY_CHANGE * 100).toFixed(2)} pp.`;
  }
  return `${model.name} is published as ${published.dtype}: ${formatBytes(published.weightBytes)} instead of ${formatBytes(float32.weightBytes)}; same top-1 as float32 on ${formatPercent(published.agreement, 2)} of the 10,000 test images.`;
}

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
  const precisionNotes = models.flatMap((m) => publishedPrecisionNote(m) ?? []);

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
          {precisionNotes.length > 0 && ` ${precisionNotes.join(' ')}`}
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
