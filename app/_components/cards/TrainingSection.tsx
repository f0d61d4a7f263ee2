'use client';

import { useCallback, useMemo } from 'react';
import type * as Plot from '@observablehq/plot';
import type { PlotModule } from '../ui/PlotChart';
import type { ModelCard } from '@/lib/models/card';
import { convergenceRace, type ConvergenceRace } from '@/lib/viz/card-stats';
import { formatPercent } from '@/lib/viz/format';
import { CardSection } from './CardSection';
import { DataTable } from './DataTable';
import { PlotChart } from '../ui/PlotChart';
import { modelColorScale, modelSymbolScale } from '../ui/model-style';

interface CurveRow {
  model: string;
  step: number;
  testAccuracy: number;
  testLoss: number;
  trainLoss: number | null;
}

/** Test accuracy and loss against optimiser steps, both models, sampled at the same steps on the same test subset. */
export function TrainingSection({ models }: { models: readonly ModelCard[] }) {
  const rows = useMemo<CurveRow[]>(() => models.flatMap((m) => m.training.curve.map((p) => ({ model: m.name, ...p }))), [models]);
  const hyper = models[0].training.hyperparameters;
  const race = convergenceRace(models.map((m) => m.training.curve));

  const drawAccuracy = useCallback(
    (width: number, Plot: PlotModule) =>
      curvePlot(
        Plot,
        width,
        models,
        [
          Plot.lineY(rows, {
            x: 'step',
            y: 'testAccuracy',
            z: 'model',
            stroke: 'model',
            strokeWidth: 2.5,
            tip: { format: { y: (v: number) => formatPercent(v) } },
          }),
          Plot.dot(
            rows,
            Plot.selectLast({ x: 'step', y: 'testAccuracy', z: 'model', stroke: 'model', fill: 'var(--plot-background)', symbol: 'model' }),
          ),
          Plot.ruleY([0]),
        ],
        { domain: [0, 1], tickFormat: '.0%', label: 'test accuracy' },
      ),
    [models, rows],
  );
  const drawLoss = useCallback(
    (width: number, Plot: PlotModule) =>
      curvePlot(
        Plot,
        width,
        models,
        [
          Plot.lineY(rows, { x: 'step', y: 'testLoss', z: 'model', stroke: 'model', strokeWidth: 2.5, tip: true }),
          Plot.lineY(
            rows.filter((r) => r.trainLoss !== null),
            { x: 'step', y: 'trainLoss', z: 'model', stroke: 'model', strokeWidth: 1.5, strokeDasharray: '4 3' },
          ),
          Plot.dot(
            rows,
            Plot.selectLast({ x: 'step', y: 'testLoss', z: 'model', stroke: 'model', fill: 'var(--plot-background)', symbol: 'model' }),
          ),
        ],
        { type: 'log', tickFormat: '~g', label: 'loss (log scale)' },
      ),
    [models, rows],
  );

  return (
    <CardSection
      id="card-training"
      title="Training curves"
      caption={
        <>
          Every {hyper.curveEvery} steps (batches of {hyper.batchSize}), accuracy and cross-entropy on the first{' '}
          {hyper.curveTestImages.toLocaleString('en-US')} test digits; in the loss chart, solid lines are test loss and dashed lines
          training loss. {race && raceSentence(race, models)}
        </>
      }
      takeaway="Each shared kernel is trained by every position of every image, so the shared-weights network has far fewer numbers to fit and more evidence for each — a prior that tends to save data and steps, though the learning rule is the same."
      table={
        <DataTable
          caption="Test accuracy (%) and test loss at each sampled step"
          columns={['step', ...models.flatMap((m) => [`${m.name} accuracy`, `${m.name} loss`])]}
          rows={models[0].training.curve.map((p, i) => [
            p.step,
            ...models.flatMap((m) => {
              const point = m.training.curve[i];
              return point ? [(point.testAccuracy * 100).toFixed(1), point.testLoss.toFixed(3)] : ['—', '—'];
            }),
          ])}
        />
      }
    >
      <div className="grid gap-4 md:grid-cols-2">
        <PlotChart
          draw={drawAccuracy}
          minHeight={240}
          label={`Line chart of test accuracy against training steps. ${models.map((m) => `${m.name} ends at ${formatPercent(m.training.curve.at(-1)?.testAccuracy ?? 0)}`).join('; ')}.`}
        />
        <PlotChart
          draw={drawLoss}
          minHeight={240}
          label={`Line chart of test and training loss against training steps, log scale. ${models.map((m) => `${m.name} ends at test loss ${(m.training.curve.at(-1)?.testLoss ?? 0).toFixed(3)}`).join('; ')}.`}
        />
      </div>
    </CardSection>
  );
}

/** "Steps to reach 95% test accuracy: CNN 400, LCN 700 — the CNN got there first." */
function raceSentence(race: ConvergenceRace, models: readonly ModelCard[]): string {
  const steps = models
    .map((m, i) => `${m.name} ${race.steps[i] === null ? 'not reached' : race.steps[i]!.toLocaleString('en-US')}`)
    .join(', ');
  const verdict = race.leader === null ? 'a tie' : `the ${models[race.leader].name} got there first`;
  return `Steps to reach ${formatPercent(race.threshold, 0)} test accuracy: ${steps} — ${verdict}.`;
}

/** The frame both curve charts share: steps across, models in their hues and symbols, named in a legend. */
function curvePlot(Plot: PlotModule, width: number, models: readonly ModelCard[], marks: Plot.Markish[], y: Plot.ScaleOptions): Element {
  return Plot.plot({
    width,
    height: 240,
    marginBottom: 40,
    style: { fontSize: '11px' },
    x: { label: 'optimiser steps', labelAnchor: 'center', labelOffset: 34, ticks: Math.max(2, Math.floor(width / 90)) },
    y: { grid: true, ...y },
    color: modelColorScale(models),
    // The legend shows each model's symbol in its hue, so lines are told apart by more than colour.
    symbol: { ...modelSymbolScale(models), legend: true },
    marks,
  });
}
