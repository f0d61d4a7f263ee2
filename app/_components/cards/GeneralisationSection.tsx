'use client';

import { useCallback, useMemo } from 'react';
import type { PlotModule } from '../ui/PlotChart';
import type { ModelCard } from '@/lib/models/card';
import { zoomedFloor } from '@/lib/viz/card-stats';
import { formatPercent, formatPoints } from '@/lib/viz/format';
import { CardSection } from './CardSection';
import { DataTable } from './DataTable';
import { PlotChart } from '../ui/PlotChart';
import { modelColorScale } from '../ui/model-style';

/** Train and test accuracy of each model as a dumbbell: the length of the bar is the generalisation gap. */
export function GeneralisationSection({ models }: { models: readonly ModelCard[] }) {
  const floor = zoomedFloor(models.flatMap((m) => [m.trainAccuracy, m.testAccuracy]));
  const rows = useMemo(
    () =>
      models.flatMap((m) => [
        { model: m.name, set: 'train', accuracy: m.trainAccuracy },
        { model: m.name, set: 'test', accuracy: m.testAccuracy },
      ]),
    [models],
  );

  const draw = useCallback(
    (width: number, Plot: PlotModule) =>
      Plot.plot({
        width,
        height: 60 + 52 * models.length,
        marginLeft: 44,
        marginRight: 28,
        marginBottom: 40,
        style: { fontSize: '11px' },
        x: {
          domain: [floor, 1],
          grid: true,
          tickFormat: '.1%',
          ticks: Math.max(2, Math.floor(width / 90)),
          label: 'accuracy (zoomed)',
          labelAnchor: 'center',
          labelOffset: 34,
        },
        y: { label: null, padding: 0.4 },
        color: modelColorScale(models),
        marks: [
          Plot.link(models, { y1: 'name', y2: 'name', x1: 'testAccuracy', x2: 'trainAccuracy', stroke: 'name', strokeWidth: 3 }),
          // Training accuracy filled, test accuracy hollow: told apart by shape, not hue.
          Plot.dot(
            rows.filter((r) => r.set === 'train'),
            { y: 'model', x: 'accuracy', r: 6, stroke: 'model', strokeWidth: 2, fill: 'model' },
          ),
          Plot.dot(
            rows.filter((r) => r.set === 'test'),
            { y: 'model', x: 'accuracy', r: 6, stroke: 'model', strokeWidth: 2, fill: 'var(--plot-background)' },
          ),
          Plot.tip(
            rows,
            Plot.pointer({
              y: 'model',
              x: 'accuracy',
              title: (r: { set: string; accuracy: number }) => `${r.set} ${formatPercent(r.accuracy, 2)}`,
            }),
          ),
          Plot.text(models, {
            y: 'name',
            x: (m: ModelCard) => (m.trainAccuracy + m.testAccuracy) / 2,
            text: (m: ModelCard) => `gap ${formatPoints(m.generalisationGap)}`,
            dy: -14,
            fill: 'currentColor',
          }),
        ],
      }),
    [models, rows, floor],
  );

  return (
    <CardSection
      id="card-generalisation"
      title="Generalisation gap"
      caption={
        <>
          Filled dot: accuracy on the training images; hollow dot: on the 10,000 test images; the axis starts at {formatPercent(floor, 0)},
          not zero.{' '}
          {models
            .map(
              (m) =>
                `${m.name}: train ${formatPercent(m.trainAccuracy, 2)}, test ${formatPercent(m.testAccuracy, 2)}, gap ${formatPoints(m.generalisationGap)}`,
            )
            .join('; ')}
          .
        </>
      }
      takeaway="Fewer free weights leave less room to memorise the training images, so sharing tends to narrow the gap between training and test accuracy — a constraint built into the architecture, not more data."
      table={
        <DataTable
          caption="Train and test accuracy (%) and their gap (percentage points)"
          columns={['model', 'train', 'test', 'gap']}
          rows={models.map((m) => [
            m.name,
            (m.trainAccuracy * 100).toFixed(2),
            (m.testAccuracy * 100).toFixed(2),
            formatPoints(m.generalisationGap),
          ])}
        />
      }
    >
      <PlotChart
        draw={draw}
        minHeight={60 + 52 * models.length}
        label={`Dumbbell chart of train and test accuracy. ${models.map((m) => `${m.name}: train ${formatPercent(m.trainAccuracy, 2)}, test ${formatPercent(m.testAccuracy, 2)}`).join('; ')}.`}
      />
    </CardSection>
  );
}
