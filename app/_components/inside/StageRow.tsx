'use client';

import { memo, useMemo, useState } from 'react';
import type { ShiftOffset } from '@/lib/digits/shift';
import type { ModelInside, StageMaps } from '@/lib/inference/feature-maps';
import type { ModelFacts } from '@/lib/models/card';
import { mosaicLayout, tileRanges, valueRange } from '@/lib/viz/mosaic';
import { scaleFor, type MapScale } from '@/lib/viz/palette';
import type { Cursor, MapVariant } from './cursor';
import { MapMosaic } from './MapMosaic';
import { ScaleLegend } from './ScaleLegend';
import { BOX, MUTED } from './theme';
import { modelTextClass } from '../ui/model-style';
import { formatOffset, formatRelative, stageVerdict, strideNote } from './words';

interface StageRowProps {
  /** Index into each model's stages. */
  index: number;
  models: readonly ModelFacts[];
  insides: Partial<Record<string, ModelInside>>;
  /** The shift the maps were computed for. */
  shift: ShiftOffset;
  cursor: Cursor | null;
  onCursor(cursor: Cursor | null): void;
  describedBy: string;
}

const LAYER_WORDS = {
  conv2d: 'convolution (one set of kernels shared by every position)',
  locallyConnected: 'locally connected layer (its own kernels at every position)',
};

/** One feature stage, the models side by side: maps of the input, of the shifted input, and shifted back minus the input. */
export const StageRow = memo(function StageRow({ index, models, insides, shift, cursor, onCursor, describedBy }: StageRowProps) {
  const reference = models.map((m) => insides[m.id]?.stages[index]).find((s) => s !== undefined);
  if (!reference) return null;
  const { height, width, channels } = reference.shape;
  return (
    <section aria-labelledby={`inside-stage-${index}`} className="grid min-w-0 gap-3">
      <h3 id={`inside-stage-${index}`} className="text-lg font-semibold">
        Stage {reference.stage}: {channels} maps of {height}×{width}
      </h3>
      <p className={`text-sm leading-relaxed ${MUTED}`}>
        The output of feature layer {reference.stage} and its ReLU, before the pool: one map per filter.{' '}
        {capitalise(strideNote(reference.stride))}.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {models.map((card) => (
          <StageColumn
            key={card.id}
            card={card}
            inside={insides[card.id]}
            index={index}
            shift={shift}
            cursor={cursor}
            onCursor={onCursor}
            describedBy={describedBy}
          />
        ))}
      </div>
    </section>
  );
});

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface StageColumnProps extends Omit<StageRowProps, 'models' | 'insides'> {
  card: ModelFacts;
  inside: ModelInside | undefined;
}

function StageColumn({ card, inside, index, shift, cursor, onCursor, describedBy }: StageColumnProps) {
  const stage = inside?.stages[index];
  return (
    <article aria-labelledby={`inside-${card.id}-${index}`} className={`grid min-w-0 content-start gap-2 ${BOX}`}>
      <h4 id={`inside-${card.id}-${index}`} className={`font-semibold ${modelTextClass(card)}`}>
        {card.name}
      </h4>
      {stage ? (
        <StageMapsView
          card={card}
          stage={stage}
          index={index}
          shift={shift}
          cursor={cursor}
          onCursor={onCursor}
          describedBy={describedBy}
        />
      ) : (
        <p className={`text-sm ${MUTED}`}>
          {inside && inside.stages.length === 0
            ? index === 0
              ? `${card.name} has no feature maps: its first layer connects every pixel to each of its units, so nothing is computed per position that a shift could move (no locality).`
              : `${card.name}: no maps (see stage 1).`
            : inside
              ? `${card.name} has no stage ${index + 1}.`
              : 'Computing…'}
        </p>
      )}
    </article>
  );
}

interface StageView {
  layout: ReturnType<typeof mosaicLayout>;
  scale: MapScale;
  differenceScale: MapScale;
  ranges: Record<MapVariant, { min: Float64Array; max: Float64Array }>;
}

function StageMapsView({
  card,
  stage,
  index,
  shift,
  cursor,
  onCursor,
  describedBy,
}: Omit<StageColumnProps, 'inside'> & { stage: StageMaps }) {
  // Memoised on the stage: a new scale object would repaint every canvas on each pointer move.
  const view = useMemo<StageView>(() => {
    const layout = mosaicLayout(stage.shape.channels, stage.shape.height, stage.shape.width);
    const { min, max } = valueRange(stage.unshifted, stage.shifted);
    // Differences on the activations' own scale, so "small" looks small next to the maps.
    const magnitude = Math.max(Math.abs(min), Math.abs(max));
    const ranges = {
      unshifted: tileRanges(stage.unshifted, layout, 'hwc'),
      shifted: tileRanges(stage.shifted, layout, 'hwc'),
      difference: tileRanges(stage.difference, layout, 'hwc'),
    };
    return { layout, scale: scaleFor(min, max), differenceScale: scaleFor(-magnitude, magnitude), ranges };
  }, [stage]);
  const back = { dx: -stage.moveBack.dx, dy: -stage.moveBack.dy };
  const variants: [MapVariant, string, Float32Array, MapScale][] = [
    ['unshifted', 'input', stage.unshifted, view.scale],
    ['shifted', `shifted by ${formatOffset(shift)}`, stage.shifted, view.scale],
    ['difference', `moved ${formatOffset(back)}, minus input`, stage.difference, view.differenceScale],
  ];
  const rangeWords = (variant: MapVariant) => {
    const { min, max } = valueRange(view.ranges[variant].min, view.ranges[variant].max);
    return `values ${min.toPrecision(3)} to ${max.toPrecision(3)}`;
  };
  return (
    <>
      <p className={`text-xs ${MUTED}`}>{LAYER_WORDS[stage.layer]}</p>
      <div className="grid grid-cols-3 gap-2">
        {variants.map(([variant, caption, values, scale]) => (
          <figure key={variant} className="grid min-w-0 content-start gap-1">
            <MapMosaic
              values={values}
              layout={view.layout}
              order="hwc"
              scale={scale}
              testId={`maps-${card.id}-${stage.stage}-${variant}`}
              label={`${card.name}, stage ${stage.stage}, ${caption}: ${stage.shape.channels} maps of ${stage.shape.height}×${stage.shape.width}, ${rangeWords(variant)}`}
              cursor={cursor && cursor.modelId === card.id && cursor.kind === variant && cursor.stage === index ? cursor.cell : null}
              onCursor={(cell) => onCursor(cell ? { modelId: card.id, kind: variant, stage: index, cell } : null)}
              describedBy={describedBy}
            />
            <figcaption className={`text-xs ${MUTED}`}>{caption}</figcaption>
          </figure>
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <ScaleLegend scale={view.scale} label="activation (both inputs)" />
        <ScaleLegend scale={view.differenceScale} label="difference" showVoid />
      </div>
      <p
        data-testid={`equivariance-${card.id}-${stage.stage}`}
        data-error={String(stage.relativeError)}
        data-exact={String(stage.exact)}
        data-shift={`${shift.dx},${shift.dy}`}
        className="text-sm leading-relaxed"
      >
        Shift back and compare, relative L2 difference over the interior ({stage.interiorPositions} positions):{' '}
        <strong className="font-mono tabular-nums">{formatRelative(stage.relativeError)}</strong>.{' '}
        <span className={MUTED}>{stageVerdict(stage, shift)}</span>
      </p>
      <RangeTable channels={stage.shape.channels} ranges={view.ranges} />
    </>
  );
}

/** Each map's smallest and largest value, as text; its rows are made only once it is opened. */
function RangeTable({ channels, ranges }: { channels: number; ranges: StageView['ranges'] }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={`text-xs ${MUTED}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer">Range of each map</summary>
      {open && (
        <table className="mt-1 w-full text-left font-mono tabular-nums">
          <thead>
            <tr>
              <th scope="col">map</th>
              <th scope="col">input</th>
              <th scope="col">shifted</th>
              <th scope="col">difference</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: channels }, (_, c) => (
              <tr key={c}>
                <th scope="row">{c + 1}</th>
                {(['unshifted', 'shifted', 'difference'] as const).map((v) => (
                  <td key={v}>
                    {format(ranges[v].min[c])} – {format(ranges[v].max[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function format(v: number): string {
  return Number.isNaN(v) ? '—' : v.toPrecision(3);
}
