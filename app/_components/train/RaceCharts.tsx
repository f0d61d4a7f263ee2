'use client';

import { useCallback } from 'react';
import type { CurvePoint } from '@/lib/learning/race';
import type { RaceModelId } from '@/lib/learning/race-settings';
import { ZOO_HEX } from '@/lib/viz/zoo-style';
import { DataTable } from '../cards/DataTable';
import { PlotChart, type PlotModule } from '../ui/PlotChart';

/** What the charts need of one side of a race (live progress, a result, or a shared race). */
export interface RaceCurves {
  modelId: RaceModelId;
  loss: readonly CurvePoint[];
  accuracy: readonly CurvePoint[];
}

/** Display name of a race model: the registry's names of these three are their ids in capitals. */
export const raceModelName = (id: RaceModelId) => id.toUpperCase();

const HEIGHT = 220;

function CurveChart({
  sides,
  pick,
  label,
  percent,
}: {
  sides: readonly RaceCurves[];
  pick: (s: RaceCurves) => readonly CurvePoint[];
  label: string;
  percent: boolean;
}) {
  const draw = useCallback(
    (width: number, Plot: PlotModule) => {
      const rows = sides.flatMap((s) => pick(s).map(([step, value]) => ({ model: raceModelName(s.modelId), step, value })));
      return Plot.plot({
        width,
        height: HEIGHT,
        marginLeft: 52,
        style: { fontSize: '11px' },
        x: { label: 'optimiser steps', labelAnchor: 'center' },
        y: { label, grid: true, ...(percent ? { domain: [0, 1], tickFormat: '.0%' } : { zero: true }) },
        color: { domain: sides.map((s) => raceModelName(s.modelId)), range: sides.map((s) => ZOO_HEX[s.modelId]), legend: true },
        marks: [
          Plot.line(rows, { x: 'step', y: 'value', stroke: 'model' }),
          Plot.dot(rows, { x: 'step', y: 'value', fill: 'model', r: 2 }),
        ],
      });
    },
    [sides, pick, label, percent],
  );
  const last = sides.map((s) => `${raceModelName(s.modelId)} ${formatValue(pick(s).at(-1)?.[1], percent)}`).join(', ');
  return <PlotChart draw={draw} label={`${label} by optimiser step; latest: ${last}`} minHeight={HEIGHT} />;
}

function formatValue(value: number | undefined, percent: boolean): string {
  if (value === undefined) return '—';
  return percent ? `${(value * 100).toFixed(1)} %` : value.toFixed(3);
}

const pickLoss = (s: RaceCurves) => s.loss;
const pickAccuracy = (s: RaceCurves) => s.accuracy;

/** The race's two curves (training loss, held-out accuracy), each with its numbers as a table. */
export function RaceCharts({ sides, heldOutDigits }: { sides: readonly RaceCurves[]; heldOutDigits: number }) {
  const tableOf = (pick: (s: RaceCurves) => readonly CurvePoint[], percent: boolean) => {
    const steps = [...new Set(sides.flatMap((s) => pick(s).map(([step]) => step)))].sort((a, b) => a - b);
    return steps.map((step) => [step, ...sides.map((s) => formatValue(pick(s).find(([x]) => x === step)?.[1], percent))]);
  };
  const columns = ['step', ...sides.map((s) => raceModelName(s.modelId))];
  return (
    <div
      className="grid gap-4 md:grid-cols-2"
      data-testid="train-curves"
      data-points={sides.map((s) => s.accuracy.length + s.loss.length).join(',')}
    >
      <figure className="grid min-w-0 gap-1">
        <figcaption className="text-sm font-semibold">Training loss</figcaption>
        <CurveChart sides={sides} pick={pickLoss} label="Mean training loss" percent={false} />
        <DataTable caption="Mean training loss by optimiser step" columns={columns} rows={tableOf(pickLoss, false)} />
      </figure>
      <figure className="grid min-w-0 gap-1">
        <figcaption className="text-sm font-semibold">Accuracy on {heldOutDigits.toLocaleString('en')} held-out test digits</figcaption>
        <CurveChart sides={sides} pick={pickAccuracy} label="Held-out accuracy" percent />
        <DataTable caption="Held-out accuracy by optimiser step" columns={columns} rows={tableOf(pickAccuracy, true)} />
      </figure>
    </div>
  );
}
