'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import type { ShiftOffset } from '@/lib/digits/shift';
import { EngineError } from '@/lib/inference/client';
import { errorMessage } from '@/lib/inference/errors';
import type { FeatureMapsOptions, FirstLayerWeights, ModelInside } from '@/lib/inference/feature-maps';
import type { ModelId } from '@/lib/models/ids';
import { latestOnly, type LatestOnly } from './latest-only';

interface Request {
  pixels: Uint8Array;
  shift: ShiftOffset;
  models: ModelId[];
  /** Identifies what the maps are of: input, shift, models, backend. */
  mapsKey: string;
  /** Set when the first-layer weights of this filter are still missing. */
  weights?: { filter: number; key: string };
}

export interface FeatureMapsView {
  /** Maps of `mapsKey`'s input and shift; null before the first answer or with no digit. */
  maps: {
    key: string;
    pixels: Uint8Array;
    shift: ShiftOffset;
    models: Partial<Record<ModelId, ModelInside>>;
    /** When the request was sent and when its answer reached the page (performance.now()). */
    startedAt: number;
    answeredAt: number;
  } | null;
  /** First-layer weights per model, kept across inputs and shifts (they depend on the filter only). */
  weights: { key: string; models: Partial<Record<ModelId, FirstLayerWeights | null>> } | null;
  error: string | null;
}

const BLANK = new Uint8Array(INPUT_PIXELS);

/** The engine's call (EngineView['featureMaps']). */
export type FeatureMapsCall = (
  input: Uint8Array,
  shift: ShiftOffset,
  options?: FeatureMapsOptions,
) => Promise<Partial<Record<ModelId, ModelInside>>>;

/**
 * The engine's feature maps of the current input and shift, newest request wins (latest-only.ts);
 * the first-layer weights are asked for once per filter. Without a digit only the weights are
 * fetched (the maps of a blank input would show nothing but biases).
 */
export function useFeatureMaps(
  featureMaps: FeatureMapsCall,
  /** The engine has its models loaded on `backend`. */
  ready: boolean,
  backend: string,
  pixels: Uint8Array | null,
  inputKey: string,
  shift: ShiftOffset,
  models: readonly ModelId[],
  filter: number,
): FeatureMapsView {
  const [view, setView] = useState<FeatureMapsView>({ maps: null, weights: null, error: null });
  const runner = useRef<LatestOnly<Request> | null>(null);
  const answered = useRef<string | null>(null);

  useEffect(() => {
    const r = latestOnly<Request, { models: Partial<Record<ModelId, ModelInside>>; startedAt: number; answeredAt: number }>({
      key: (q) => `${q.mapsKey}|${q.weights?.key ?? ''}`,
      skip: (q) => !q.weights && answered.current === q.mapsKey,
      run: async (q) => {
        const startedAt = performance.now();
        const options = { models: q.models, ...(q.weights ? { weights: { filter: q.weights.filter } } : {}) };
        const models = await featureMaps(q.pixels, q.shift, options);
        return { models, startedAt, answeredAt: performance.now() };
      },
      settle: (q, outcome) => {
        if (!outcome.ok) {
          // A disposed client (retry, backend rebuild in a new worker) is not the user's problem.
          if (!(outcome.error instanceof EngineError && outcome.error.code === 'disposed')) {
            setView((v) => ({ ...v, error: `Inside the networks failed: ${errorMessage(outcome.error)}` }));
          }
          return;
        }
        answered.current = q.mapsKey;
        const { models: answer, startedAt, answeredAt } = outcome.value;
        setView((v) => ({
          error: null,
          maps: q.pixels === BLANK ? null : { key: q.mapsKey, pixels: q.pixels, shift: q.shift, models: answer, startedAt, answeredAt },
          weights: q.weights
            ? { key: q.weights.key, models: Object.fromEntries(Object.entries(answer).map(([id, m]) => [id, m?.weights ?? null])) }
            : v.weights,
        }));
      },
    });
    runner.current = r;
    return () => r.close();
  }, [featureMaps]);

  const modelsKey = models.join(',');
  const weightsKey = `${modelsKey}|${filter}`;
  const haveWeights = view.weights?.key === weightsKey;
  const request = useMemo<Request>(
    () => ({
      pixels: pixels ?? BLANK,
      shift: pixels ? shift : { dx: 0, dy: 0 },
      models: modelsKey.split(',') as ModelId[],
      mapsKey: pixels ? `${inputKey}|${shift.dx},${shift.dy}|${modelsKey}|${backend}` : `blank|${modelsKey}|${backend}`,
      ...(haveWeights ? {} : { weights: { filter, key: weightsKey } }),
    }),
    // pixels follow inputKey; a new array with the same digit is the same request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [inputKey, shift.dx, shift.dy, modelsKey, backend, filter, weightsKey, haveWeights],
  );

  useEffect(() => {
    if (ready) runner.current?.request(request);
  }, [ready, request]);

  return view;
}
