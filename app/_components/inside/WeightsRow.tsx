'use client';

import { memo, useId, useMemo } from 'react';
import type { FirstLayerWeights } from '@/lib/inference/feature-maps';
import type { ModelFacts } from '@/lib/models/card';
import { mosaicLayout, valueRange } from '@/lib/viz/mosaic';
import { scaleFor, type MapScale } from '@/lib/viz/palette';
import type { Cursor } from './cursor';
import { MapMosaic } from './MapMosaic';
import { ScaleLegend } from './ScaleLegend';
import { BOX, MUTED, SELECT_CLASS } from './theme';
import { modelTextClass } from '../ui/model-style';
import { formatRelative } from './words';

/** Below this mean |cosine similarity| at every distance, nothing like sharing emerged. */
const UNRELATED_BELOW = 0.1;

interface WeightsRowProps {
  models: readonly ModelFacts[];
  /** First-layer weights per model; undefined while loading. */
  weights: Partial<Record<string, FirstLayerWeights | null>> | undefined;
  filter: number;
  onFilter(filter: number): void;
  cursor: Cursor | null;
  onCursor(cursor: Cursor | null): void;
  describedBy: string;
}

/** The first layer's weights of each model: shared kernels, a locally connected filter's many kernels, or an MLP's weight images. */
export const WeightsRow = memo(function WeightsRow({ models, weights, filter, onFilter, cursor, onCursor, describedBy }: WeightsRowProps) {
  return (
    <section aria-labelledby="inside-weights" className="grid min-w-0 gap-3">
      <h3 id="inside-weights" className="text-lg font-semibold">
        The first layer’s weights
      </h3>
      <div className="grid gap-4 lg:grid-cols-2">
        {models.map((card) => (
          <article key={card.id} aria-labelledby={`inside-weights-${card.id}`} className={`grid min-w-0 content-start gap-2 ${BOX}`}>
            <h4 id={`inside-weights-${card.id}`} className={`font-semibold ${modelTextClass(card)}`}>
              {card.name}
            </h4>
            {weights === undefined ? (
              <p className={`text-sm ${MUTED}`}>Loading…</p>
            ) : (
              <WeightsView
                card={card}
                weights={weights[card.id] ?? null}
                filter={filter}
                onFilter={onFilter}
                cursor={cursor}
                onCursor={onCursor}
                describedBy={describedBy}
              />
            )}
          </article>
        ))}
      </div>
    </section>
  );
});

/** Symmetric scale over the weights shown, so zero is the neutral middle. */
function symmetricScale(values: Float32Array): MapScale {
  const { min, max } = valueRange(values);
  const m = Math.max(Math.abs(min), Math.abs(max));
  return scaleFor(-m, m);
}

function WeightsView({
  card,
  weights,
  ...rest
}: Omit<WeightsRowProps, 'models' | 'weights'> & { card: ModelFacts; weights: FirstLayerWeights | null }) {
  const picture = useMemo(
    () => (weights ? { layout: mosaicLayout(weights.tiles, weights.size, weights.size), scale: symmetricScale(weights.values) } : null),
    [weights],
  );
  if (!weights || !picture) return <p className={`text-sm ${MUTED}`}>The lab has no picture of {card.name}’s first layer.</p>;
  const range = `weights ${(-picture.scale.max).toPrecision(3)} to ${picture.scale.max.toPrecision(3)}`;
  switch (weights.kind) {
    case 'conv2d':
      return (
        <>
          <p className={`text-sm ${MUTED}`}>
            {weights.tiles} kernels of {weights.size}×{weights.size}: each is used at every position of its map, which is why the maps move
            with the input.
          </p>
          <MapMosaic
            className="w-40"
            values={weights.values}
            layout={picture.layout}
            order="thw"
            scale={picture.scale}
            testId={`kernels-${card.id}`}
            label={`${card.name}: ${weights.tiles} kernels of ${weights.size}×${weights.size}, ${range}`}
          />
          <ScaleLegend scale={picture.scale} label="weight" />
        </>
      );
    case 'dense':
      return (
        <>
          <p className={`text-sm ${MUTED}`}>
            {card.name} has no feature maps: each of its {weights.tiles} first-layer units is connected to all {weights.size}×{weights.size}{' '}
            pixels at once, with no notion of position or neighbourhood (no locality), so there is nothing a shift could move. Instead, here
            are those weights, one {weights.size}×{weights.size} image a unit.
          </p>
          <MapMosaic
            values={weights.values}
            layout={picture.layout}
            order="thw"
            scale={picture.scale}
            testId={`kernels-${card.id}`}
            label={`${card.name}: the weights of its ${weights.tiles} first-layer units as ${weights.size}×${weights.size} images, ${range}`}
          />
          <ScaleLegend scale={picture.scale} label="weight" />
        </>
      );
    case 'locallyConnected':
      return <LocallyConnectedKernels card={card} weights={weights} picture={picture} range={range} {...rest} />;
  }
}

type LcWeights = Extract<FirstLayerWeights, { kind: 'locallyConnected' }>;

function LocallyConnectedKernels({
  card,
  weights,
  picture,
  range,
  filter,
  onFilter,
  cursor,
  onCursor,
  describedBy,
}: Omit<WeightsRowProps, 'models' | 'weights'> & {
  card: ModelFacts;
  weights: LcWeights;
  picture: { layout: ReturnType<typeof mosaicLayout>; scale: MapScale };
  range: string;
}) {
  const selectId = useId();
  const similarity = useMemo(
    () => ({ layout: mosaicLayout(1, weights.outH, weights.outW), scale: scaleFor(-1, 1) }),
    [weights.outH, weights.outW],
  );
  const here = cursor?.modelId === card.id && cursor.kind === 'position' ? cursor.cell : null;
  const position = (y: number, x: number) => onCursor({ modelId: card.id, kind: 'position', cell: { tile: 0, y, x } });
  const unrelated = weights.byDistance.every((d) => Math.abs(d.mean) < UNRELATED_BELOW);
  return (
    <>
      <p className={`text-sm ${MUTED}`}>
        One filter’s {weights.tiles} kernels of {weights.size}×{weights.size}, one for each of the {weights.outH}×{weights.outW} positions,
        laid out where they apply. Weight sharing would make them all the same picture.
      </p>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={selectId}>{card.name} filter</label>
        <select id={selectId} className={SELECT_CLASS} value={weights.filter} onChange={(e) => onFilter(Number(e.currentTarget.value))}>
          {Array.from({ length: weights.filters }, (_, f) => (
            <option key={f} value={f}>
              {f + 1} of {weights.filters}
            </option>
          ))}
        </select>
        {filter !== weights.filter && <span className={MUTED}>loading…</span>}
      </div>
      <MapMosaic
        className="w-full max-w-md"
        values={weights.values}
        layout={picture.layout}
        order="thw"
        scale={picture.scale}
        testId={`kernels-${card.id}`}
        label={`${card.name}, filter ${weights.filter + 1}: ${weights.tiles} kernels of ${weights.size}×${weights.size}, ${range}`}
        wholeTiles
        cursor={here ? { tile: here.y * weights.outW + here.x, y: 0, x: 0 } : null}
        onCursor={(cell) => (cell ? position(Math.floor(cell.tile / weights.outW), cell.tile % weights.outW) : onCursor(null))}
        describedBy={describedBy}
      />
      <ScaleLegend scale={picture.scale} label="weight" />
      <div className="grid grid-cols-[auto_minmax(0,1fr)] items-start gap-3">
        <MapMosaic
          className="w-36"
          values={weights.neighbourSimilarity}
          layout={similarity.layout}
          order="thw"
          scale={similarity.scale}
          testId={`kernel-similarity-${card.id}`}
          label={`${card.name}, filter ${weights.filter + 1}: cosine similarity of each position’s kernel with its neighbours’, ${weights.outH}×${weights.outW}`}
          cursor={here}
          onCursor={(cell) => (cell ? position(cell.y, cell.x) : onCursor(null))}
          describedBy={describedBy}
        />
        <div className="grid gap-2">
          <p className={`text-xs ${MUTED}`}>
            Each position: mean cosine similarity of its kernel with its 4 neighbours’ (1 = identical, as shared weights would be).
          </p>
          <ScaleLegend scale={similarity.scale} label="cosine similarity" />
        </div>
      </div>
      <table data-testid={`kernel-similarity-by-distance-${card.id}`} className={`w-full text-left text-xs ${MUTED}`}>
        <caption className="text-left">
          Mean cosine similarity of kernels d positions apart along rows and columns, all {weights.filters} filters
        </caption>
        <thead>
          <tr>
            <th scope="row">d</th>
            {weights.byDistance.map((d) => (
              <th key={d.distance} scope="col" className="font-mono">
                {d.distance}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">mean</th>
            {weights.byDistance.map((d) => (
              <td key={d.distance} className="font-mono tabular-nums" data-mean={d.mean}>
                {d.mean < 0 ? `−${formatRelative(-d.mean)}` : formatRelative(d.mean)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="text-sm">
        {unrelated
          ? `≈ 0 at every distance checked: nothing like sharing emerged in training; every position learned a kernel of its own.`
          : `Kernels at nearby positions are alike: something like sharing emerged in training.`}
      </p>
    </>
  );
}
