'use client';

import { useCallback, useRef, useState } from 'react';
import { preprocess, type RgbaImage } from '@/lib/digits/preprocess';
import { errorMessage } from '@/lib/inference/errors';
import type { RaceModelId } from '@/lib/learning/race-settings';
import { DrawPad, type DrawPhase } from '../input/DrawPad';
import { raceModelName } from './RaceCharts';

/**
 * "Try your models": the pair just trained reads a digit drawn here, in the training worker that
 * holds their weights (they never leave it, so the lab's published models are not replaced).
 */
export function TryModels({
  predict,
  models,
}: {
  predict: (pixels: Uint8Array) => Promise<Record<string, number[]>>;
  models: readonly [RaceModelId, RaceModelId];
}) {
  const [readings, setReadings] = useState<Record<string, number[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  const onChange = useCallback(
    async (image: RgbaImage | null, phase: DrawPhase) => {
      if (!image) return setReadings(null);
      // While a stroke is drawn, skip updates that arrive while the last one is still being read.
      if (busy.current && phase === 'drawing') return;
      const { pixels, blank } = preprocess(image);
      if (blank) return;
      busy.current = true;
      try {
        setReadings(await predict(pixels));
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        busy.current = false;
      }
    },
    [predict],
  );

  return (
    <section aria-labelledby="try-heading" className="grid gap-3 sm:grid-cols-[minmax(0,280px)_1fr]" data-testid="train-try">
      <h3 id="try-heading" className="text-lg font-semibold sm:col-span-2">
        Try your models
      </h3>
      <p className="text-sm text-slate-700 sm:col-span-2">Draw a digit: the two networks you just trained read it, here in your browser.</p>
      <DrawPad onChange={(image, phase) => void onChange(image, phase)} />
      <ul className="grid content-start gap-2">
        {models.map((id) => {
          const probs = readings?.[id];
          const top = probs ? probs.indexOf(Math.max(...probs)) : null;
          return (
            <li key={id} data-testid={`train-try-${id}`} data-top={top ?? ''}>
              <strong>{raceModelName(id)}</strong>{' '}
              {probs && top !== null ? (
                <>
                  reads <strong className="text-2xl">{top}</strong> ({(probs[top] * 100).toFixed(1)} %)
                </>
              ) : (
                'waits for a digit'
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="text-sm text-red-800 sm:col-span-2">
          {error}
        </p>
      )}
    </section>
  );
}
