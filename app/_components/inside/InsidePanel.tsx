'use client';

import { memo, useEffect, useId, useMemo, useState } from 'react';
import { shiftImage, type ShiftOffset } from '@/lib/digits/shift';
import type { ModelFacts } from '@/lib/models/card';
import { formatMs } from '@/lib/viz/format';
import { cursorFields, describeCursor, type Cursor } from './cursor';
import { InputFields } from './InputFields';
import { PooledRow } from './PooledRow';
import { StageRow } from './StageRow';
import { MUTED } from './theme';
import { useFeatureMaps, type FeatureMapsCall } from './useFeatureMaps';
import { WeightsRow } from './WeightsRow';

export interface InsidePanelProps {
  /** The engine's featureMaps call (stable). */
  featureMaps: FeatureMapsCall;
  /** The engine has its models loaded on `backend`. */
  ready: boolean;
  backend: string;
  /** The models on screen, in order. */
  models: readonly ModelFacts[];
  /** The current digit (before the shift) and its encoding, or null before there is one. */
  pixels: Uint8Array | null;
  inputKey: string;
  shift: ShiftOffset;
}

/**
 * The section's body, loaded on demand (InsideSection): both inputs with the cursor's receptive
 * fields, each feature stage side by side, a pooling head's vector, the first layer's weights, and
 * how long the last update took. Memoised: the lab re-renders for many reasons (predictions,
 * latency figures) that change nothing here.
 */
export const InsidePanel = memo(function InsidePanel({ featureMaps, ready, backend, models, pixels, inputKey, shift }: InsidePanelProps) {
  const [filter, setFilter] = useState(0);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const modelIds = useMemo(() => models.map((m) => m.id), [models]);
  const { maps, weights, error } = useFeatureMaps(featureMaps, ready, backend, pixels, inputKey, shift, modelIds, filter);
  const descriptionId = useId();
  const [timing, setTiming] = useState<{ key: string; ms: number } | null>(null);

  // Request → answer → canvases painted (children's effects run first) → the next frame.
  useEffect(() => {
    if (!maps) return;
    const frame = requestAnimationFrame(() => setTiming({ key: maps.key, ms: performance.now() - maps.startedAt }));
    return () => cancelAnimationFrame(frame);
  }, [maps]);

  const shifted = useMemo(() => (maps ? shiftImage(maps.pixels, maps.shift.dx, maps.shift.dy) : null), [maps]);
  const stageCount = maps ? Math.max(0, ...models.map((m) => maps.models[m.id]?.stages.length ?? 0)) : 0;
  const cursorModel = cursor ? maps?.models[cursor.modelId] : undefined;
  const cursorName = models.find((m) => m.id === cursor?.modelId)?.name ?? '';
  const workerMs = maps ? models.reduce((sum, m) => sum + (maps.models[m.id]?.ms ?? 0), 0) : 0;

  return (
    <>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {maps && shifted ? (
        <div className="-mx-4 border-b border-slate-200 bg-white/95 px-4 py-2 md:sticky md:top-0 md:z-10">
          <InputFields
            pixels={maps.pixels}
            shifted={shifted}
            shift={maps.shift}
            fields={cursorFields(cursor, cursorModel)}
            description={describeCursor(cursor, cursorModel, cursorName)}
            descriptionId={descriptionId}
          />
        </div>
      ) : (
        <p className={`text-sm ${MUTED}`}>
          {pixels ? 'Computing the maps…' : 'Draw a digit or try a test digit above to see its feature maps here.'}
        </p>
      )}
      {maps &&
        Array.from({ length: stageCount }, (_, index) => (
          <StageRow
            key={index}
            index={index}
            models={models}
            insides={maps.models}
            shift={maps.shift}
            cursor={cursor}
            onCursor={setCursor}
            describedBy={descriptionId}
          />
        ))}
      {maps && <PooledRow models={models} insides={maps.models} shift={maps.shift} />}
      <WeightsRow
        models={models}
        weights={weights?.models}
        filter={filter}
        onFilter={setFilter}
        cursor={cursor}
        onCursor={setCursor}
        describedBy={descriptionId}
      />
      {maps && (
        <p
          data-testid="inside-timing"
          data-key={maps.key}
          data-update-ms={timing?.key === maps.key ? timing.ms.toFixed(1) : undefined}
          data-answer-ms={(maps.answeredAt - maps.startedAt).toFixed(1)}
          data-worker-ms={workerMs.toFixed(2)}
          className={`text-xs ${MUTED}`}
        >
          Computed in the inference worker in {formatMs(workerMs)} for {models.length === 1 ? 'the model' : `the ${models.length} models`}{' '}
          (one pass of both inputs each, through the model’s own steps)
          {timing?.key === maps.key ? `; on screen ${formatMs(timing.ms)} after it was asked for` : ''}.
        </p>
      )}
    </>
  );
});
