'use client';

import { useCallback } from 'react';
import type { PlotModule } from '../ui/PlotChart';
import { MAX_SHIFT } from '@/lib/digits/constants';
import { AXIS_SHIFTS, shiftGridIndex } from '@/lib/digits/shift';
import type { ModelCard } from '@/lib/models/card';
import { gridCells } from '@/lib/viz/card-stats';
import { formatPercent, formatShift, sparseShiftTick } from '@/lib/viz/format';
import { modelTitle } from '../ui/model-style';
import { CardSection } from './CardSection';
import { DataTable } from './DataTable';
import { PlotChart } from '../ui/PlotChart';

/** One colour scale for both maps, so equal colours mean equal accuracy. Viridis reads in greyscale and to colour-blind eyes. */
const accuracyScale = { type: 'linear', domain: [0, 1], scheme: 'viridis', label: 'Test accuracy', tickFormat: '.0%' } as const;
const margin = { top: 8, right: 8, bottom: 44, left: 40 };

/** Test accuracy at every shift of the test set, both models side by side on the same scale. */
export function ShiftGridSection({ models }: { models: readonly ModelCard[] }) {
  const drawLegend = useCallback(
    (width: number, Plot: PlotModule) => Plot.legend({ color: accuracyScale, width: Math.min(width, 320) }),
    [],
  );
  return (
    <CardSection
      id="card-shift-grid"
      title="Shifted test digits"
      caption={
        <>
          Each square is the accuracy on {models[0].shiftGridImages.toLocaleString('en-US')} test digits moved by (dx, dy) pixels, dx from −
          {MAX_SHIFT} (left) to +{MAX_SHIFT} (right), dy from −{MAX_SHIFT} (up) to +{MAX_SHIFT} (down); the centre is the unshifted test
          set.{' '}
          {models
            .map(
              (m) =>
                `${m.name}: ${formatPercent(m.shiftGrid[centreCell])} at the centre, ${formatPercent(cornerMean(m.shiftGrid))} in the corners`,
            )
            .join('; ')}
          .
        </>
      }
      takeaway="Shared weights buy translation equivariance — the same 5×5 detectors fire wherever a stroke lands — but not invariance: the dense head still reads each feature at a fixed position, so both networks, trained on centred digits, fail far from the centre, and only pooling (a pixel or two) and shifted training data would make them tolerate more."
      table={models.map((m) => (
        <DataTable
          key={m.id}
          summary={`Show the numbers (${m.name})`}
          caption={`${m.name}: test accuracy (%) by shift; rows dy, columns dx`}
          columns={['dy \\ dx', ...AXIS_SHIFTS.map(formatShift)]}
          rows={AXIS_SHIFTS.map((dy) => [
            formatShift(dy),
            ...AXIS_SHIFTS.map((dx) => (m.shiftGrid[shiftGridIndex(dx, dy)] * 100).toFixed(0)),
          ])}
        />
      ))}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {models.map((m) => (
          <ShiftGridMap key={m.id} model={m} />
        ))}
      </div>
      <PlotChart
        draw={drawLegend}
        minHeight={50}
        label="Colour scale: test accuracy from 0% (dark purple) through green to 100% (yellow)."
      />
    </CardSection>
  );
}

const centreCell = shiftGridIndex(0, 0);
const corners = [
  shiftGridIndex(-MAX_SHIFT, -MAX_SHIFT),
  shiftGridIndex(MAX_SHIFT, -MAX_SHIFT),
  shiftGridIndex(-MAX_SHIFT, MAX_SHIFT),
  shiftGridIndex(MAX_SHIFT, MAX_SHIFT),
];
const cornerMean = (grid: number[]) => corners.reduce((sum, cell) => sum + grid[cell], 0) / corners.length;

function ShiftGridMap({ model }: { model: ModelCard }) {
  const draw = useCallback(
    (width: number, Plot: PlotModule) =>
      Plot.plot({
        width,
        // Square cells: the plotting area is as tall as it is wide.
        height: width - margin.left - margin.right + margin.top + margin.bottom,
        ...margin,
        style: { fontSize: '11px' },
        x: {
          type: 'band',
          domain: AXIS_SHIFTS,
          tickFormat: sparseShiftTick,
          label: 'dx (px) →',
          labelAnchor: 'center',
          labelOffset: 28,
          tickSize: 0,
        },
        y: {
          type: 'band',
          domain: AXIS_SHIFTS,
          tickFormat: sparseShiftTick,
          label: 'dy (px) ↓',
          labelAnchor: 'center',
          labelOffset: 34,
          tickSize: 0,
        },
        color: accuracyScale,
        marks: [
          Plot.cell(gridCells(model.shiftGrid), {
            x: 'dx',
            y: 'dy',
            fill: 'value',
            tip: { format: { fill: (v: number) => formatPercent(v) } },
          }),
          // Outline the unshifted cell, the one the usual test accuracy measures.
          Plot.cell([{ dx: 0, dy: 0 }], { x: 'dx', y: 'dy', stroke: 'white', strokeWidth: 2, fill: 'none' }),
        ],
      }),
    [model],
  );
  return (
    <div className="grid min-w-0 gap-1">
      <p className="text-sm font-semibold">{modelTitle(model)}</p>
      <PlotChart
        draw={draw}
        minHeight={200}
        label={`${modelTitle(model)}: test accuracy at each shift, ${formatPercent(model.shiftGrid[centreCell])} unshifted, ${formatPercent(cornerMean(model.shiftGrid))} at the corners.`}
      />
    </div>
  );
}
