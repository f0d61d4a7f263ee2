import type { CurvePoint } from '@/lib/learning/race';
import type { RaceModelId } from '@/lib/learning/race-settings';
import { ZOO_HEX } from '@/lib/viz/zoo-style';
import { DataTable } from '../cards/DataTable';

/** What the charts need of one side of a race (live progress, a result, or a shared race). */
export interface RaceCurves {
  modelId: RaceModelId;
  totalSteps: number;
  loss: readonly CurvePoint[];
  accuracy: readonly CurvePoint[];
}

/** Display name of a race model: the registry's names of these three are their ids in capitals. */
export const raceModelName = (id: RaceModelId) => id.toUpperCase();

/** The chart's drawing size in SVG units (it scales to its container's width). */
const WIDTH = 600;
const HEIGHT = 240;
const MARGIN = { left: 52, right: 12, top: 12, bottom: 36 };

/** A round upper bound for an axis: 1, 2 or 5 × a power of ten. */
function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

/**
 * A line per model, drawn as plain SVG by React: it redraws after every update of a live race, and
 * must stay far below a long task on a busy phone (Observable Plot rebuilds every scale and axis on
 * each draw, which took up to a quarter of a second here while training shared the CPU).
 */
function CurveChart({
  sides,
  pick,
  label,
  percent,
  totalSteps,
}: {
  sides: readonly RaceCurves[];
  pick: (s: RaceCurves) => readonly CurvePoint[];
  label: string;
  percent: boolean;
  totalSteps: number;
}) {
  const yMax = percent ? 1 : niceCeil(Math.max(0, ...sides.flatMap((s) => pick(s).map(([, v]) => v))));
  const xMax = Math.max(1, totalSteps);
  const x = (step: number) => MARGIN.left + (step / xMax) * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (value: number) => HEIGHT - MARGIN.bottom - (Math.min(value, yMax) / yMax) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * xMax));
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  const last = sides.map((s) => `${raceModelName(s.modelId)} ${formatValue(pick(s).at(-1)?.[1], percent)}`).join(', ');
  return (
    <div className="grid gap-1">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full text-slate-700"
        role="img"
        aria-label={`${label} by optimiser step; latest: ${last}`}
      >
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} stroke="currentColor" strokeOpacity={0.15} />
            <text x={MARGIN.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">
              {percent ? `${Math.round(t * 100)}%` : Number(t.toPrecision(3))}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={x(t)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">
            {t}
          </text>
        ))}
        <text x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={HEIGHT - 4} textAnchor="middle" fontSize={11} fill="currentColor">
          optimiser steps
        </text>
        {sides.map((s) => {
          const points = pick(s);
          return (
            <g key={s.modelId} stroke={ZOO_HEX[s.modelId]} fill={ZOO_HEX[s.modelId]}>
              <polyline
                fill="none"
                strokeWidth={2}
                points={points.map(([step, v]) => `${x(step).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
              />
              {percent && points.map(([step, v]) => <circle key={step} cx={x(step)} cy={y(v)} r={3} stroke="none" />)}
            </g>
          );
        })}
      </svg>
      <ul className="flex flex-wrap gap-3 text-xs" aria-hidden="true">
        {sides.map((s) => (
          <li key={s.modelId} className="flex items-center gap-1">
            <span className="inline-block h-2 w-4 rounded-sm" style={{ background: ZOO_HEX[s.modelId] }} />
            {raceModelName(s.modelId)}
          </li>
        ))}
      </ul>
    </div>
  );
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
        <CurveChart sides={sides} pick={pickLoss} label="Mean training loss" percent={false} totalSteps={sides[0]?.totalSteps ?? 1} />
        <DataTable caption="Mean training loss by optimiser step" columns={columns} rows={tableOf(pickLoss, false)} />
      </figure>
      <figure className="grid min-w-0 gap-1">
        <figcaption className="text-sm font-semibold">Accuracy on {heldOutDigits.toLocaleString('en')} held-out test digits</figcaption>
        <CurveChart sides={sides} pick={pickAccuracy} label="Held-out accuracy" percent totalSteps={sides[0]?.totalSteps ?? 1} />
        <DataTable caption="Held-out accuracy by optimiser step" columns={columns} rows={tableOf(pickAccuracy, true)} />
      </figure>
    </div>
  );
}
