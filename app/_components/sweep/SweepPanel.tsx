'use client';

import { MAX_SHIFT, NUM_CLASSES } from '@/lib/digits/constants';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { SweepResult } from '@/lib/inference/types';
import type { ModelFacts } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import { formatMs, formatRatio } from '@/lib/viz/format';
import { sweepRatio } from '@/lib/viz/sweep-cost';
import { SweepHeatmap } from './SweepHeatmap';
import { modelColor, modelTextClass, modelTitle } from '../ui/model-style';
import { startingHint, useHydrated } from '../ui/useHydrated';
import { PANEL, SELECT } from '../ui/styles';

interface SweepPanelProps {
  models: readonly ModelFacts[];
  sweeps: Partial<Record<ModelId, SweepResult>>;
  /** The class a shifted digit should still be read as; null before there is a digit. */
  expected: number | null;
  onExpectedChange(expected: number | null): void;
  shift: ShiftOffset;
  onSelectShift(shift: ShiftOffset): void;
  /** Each model's first sweep on this backend, run while the lab loaded (cold), ms. */
  firstRunMs?: Partial<Record<ModelId, number>>;
}

/** Every shift of the digit at once: a 17×17 map per model, and what each sweep cost. */
export function SweepPanel({ models, sweeps, expected, onExpectedChange, shift, onSelectShift, firstRunMs = {} }: SweepPanelProps) {
  const hydrated = useHydrated();
  return (
    <section aria-labelledby="sweep-heading" className={`grid gap-4 ${PANEL}`}>
      <h2 id="sweep-heading" className="text-xl font-semibold">
        3. Sweep every shift
      </h2>
      <p className="text-sm leading-relaxed text-slate-700">
        Each cell is the digit moved by (dx, dy), from −{MAX_SHIFT} to +{MAX_SHIFT} pixels, and what the network reads there. Click a cell
        to move the digit there.
      </p>
      <label className="flex flex-wrap items-center gap-2 text-sm">
        Expected class (automatic: the test digit’s label, else the CNN’s unshifted reading)
        <select
          className={`${SELECT} min-w-0 max-w-full`}
          disabled={!hydrated}
          {...startingHint(hydrated)}
          value={expected ?? ''}
          onChange={(e) => onExpectedChange(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
        >
          <option value="">automatic</option>
          {Array.from({ length: NUM_CLASSES }, (_, digit) => (
            <option key={digit} value={digit}>
              {digit}
            </option>
          ))}
        </select>
      </label>
      <div className="grid gap-6 md:grid-cols-2">
        {models.map((model) => (
          <div key={model.id} className="grid min-w-0 content-start gap-2">
            <h3 className={`font-semibold ${modelTextClass(model)}`}>{modelTitle(model)}</h3>
            <SweepHeatmap
              modelId={model.id}
              sweep={sweeps[model.id] ?? null}
              expected={expected ?? 0}
              selected={shift}
              onSelect={(dx, dy) => onSelectShift({ dx, dy })}
              color={modelColor(model)}
            />
          </div>
        ))}
      </div>
      <SweepCost models={models} sweeps={sweeps} firstRunMs={firstRunMs} />
    </section>
  );
}

/**
 * What each model's sweep of this digit cost, and why the shared-weights one is cheaper. The figures
 * are warm (the engine swept while the lab loaded); those first, cold runs are named apart, after.
 */
function SweepCost({
  models,
  sweeps,
  firstRunMs,
}: Pick<SweepPanelProps, 'models' | 'sweeps'> & { firstRunMs: Partial<Record<ModelId, number>> }) {
  const ratio = sweepRatio(models.map(({ id, name }) => ({ name, ms: sweeps[id]?.ms })));
  const firstRuns = models.filter(({ id }) => firstRunMs[id] !== undefined);
  return (
    <div className="grid gap-2 rounded-lg bg-slate-50 p-3 text-sm">
      <ul className="flex flex-wrap gap-x-6 gap-y-1" data-testid="sweep-cost">
        {models.map(({ id, name }) => {
          const sweep = sweeps[id];
          return (
            <li key={id} data-model={id} data-ms={sweep?.ms} data-method={sweep?.method}>
              <span className="font-semibold">{name}</span> sweep:{' '}
              <span className="font-mono tabular-nums">{sweep ? formatMs(sweep.ms) : '…'}</span>
              {sweep && (
                <span className="text-slate-600">
                  {' '}
                  ({sweep.method === 'equivariant' ? 'one pass on a padded input' : '289 images in one batch'})
                </span>
              )}
            </li>
          );
        })}
        {ratio && (
          <li data-testid="sweep-ratio" className="text-slate-700">
            the {ratio.slower} took {formatRatio(ratio.ratio)} as long as the {ratio.faster}
          </li>
        )}
      </ul>
      <p className="leading-relaxed text-slate-700">
        Because a convolution uses the same weights everywhere, shifting the input just shifts its feature maps, so the CNN computes its
        features once on a padded digit and reads every shift off them; the locally connected network has different weights at every
        position, so it has no such shortcut and must run all 289 shifted images.
      </p>
      {firstRuns.length > 0 && (
        <p data-testid="sweep-first-runs" className="text-xs text-slate-600">
          First runs, swept while the lab loaded (compiling and allocating, so not the figures above):{' '}
          {firstRuns.map(({ id, name }) => `${name} ${formatMs(firstRunMs[id]!)}`).join(', ')}.
        </p>
      )}
    </div>
  );
}
