'use client';

import { memo, useMemo } from 'react';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { ModelInside, PooledVector } from '@/lib/inference/feature-maps';
import type { ModelFacts } from '@/lib/models/card';
import { mosaicLayout, valueRange } from '@/lib/viz/mosaic';
import { scaleFor } from '@/lib/viz/palette';
import { MapMosaic } from './MapMosaic';
import { ScaleLegend } from './ScaleLegend';
import { BOX, MUTED } from './theme';
import { modelTextClass } from '../ui/model-style';
import { formatOffset, formatRelative } from './words';

/** Global pooling heads: the vector each reads (one number a map), for the input and the shifted input. */
export const PooledRow = memo(function PooledRow({
  models,
  insides,
  shift,
}: {
  models: readonly ModelFacts[];
  insides: Partial<Record<string, ModelInside>>;
  shift: ShiftOffset;
}) {
  const pooling = models.filter((m) => insides[m.id]?.pooled);
  if (pooling.length === 0) return null;
  return (
    <section aria-labelledby="inside-pooled" className="grid min-w-0 gap-3">
      <h3 id="inside-pooled" className="text-lg font-semibold">
        The pooled vector
      </h3>
      <p className={`text-sm leading-relaxed ${MUTED}`}>
        A global pooling head reduces each of the last maps to one number over all positions, so where a feature sits no longer matters to
        it, as long as the maps only moved.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {pooling.map((card) => (
          <PooledColumn key={card.id} card={card} pooled={insides[card.id]!.pooled!} shift={shift} />
        ))}
      </div>
    </section>
  );
});

function PooledColumn({ card, pooled, shift }: { card: ModelFacts; pooled: PooledVector; shift: ShiftOffset }) {
  const { values, layout, scale } = useMemo(() => {
    const n = pooled.unshifted.length;
    const both = new Float32Array(2 * n);
    both.set(pooled.unshifted);
    both.set(pooled.shifted, n);
    const { min, max } = valueRange(both);
    return { values: both, layout: mosaicLayout(1, 2, n, { columns: 1 }), scale: scaleFor(min, max) };
  }, [pooled]);
  return (
    <article aria-labelledby={`inside-pooled-${card.id}`} className={`grid min-w-0 content-start gap-2 ${BOX}`}>
      <h4 id={`inside-pooled-${card.id}`} className={`font-semibold ${modelTextClass(card)}`}>
        {card.name}
      </h4>
      <MapMosaic
        values={values}
        layout={layout}
        order="thw"
        scale={scale}
        testId={`pooled-vector-${card.id}`}
        label={`${card.name}, ${pooled.unshifted.length} pooled values; top row the input, bottom row shifted by ${formatOffset(shift)}; values ${scale.kind === 'sequential' ? 0 : (-scale.max).toPrecision(3)} to ${scale.max.toPrecision(3)}`}
      />
      <p className={`text-xs ${MUTED}`}>
        Top row: input; bottom row: shifted by {formatOffset(shift)} ({pooled.layer}).
      </p>
      <ScaleLegend scale={scale} label="pooled value" />
      <p
        data-testid={`pooled-${card.id}`}
        data-error={String(pooled.relativeError)}
        data-shift={`${shift.dx},${shift.dy}`}
        className="text-sm"
      >
        Relative L2 difference between the two vectors:{' '}
        <strong className="font-mono tabular-nums">{formatRelative(pooled.relativeError)}</strong>
      </p>
    </article>
  );
}
