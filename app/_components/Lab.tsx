'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ModelId } from '@/lib/models/ids';
import { decodePixels, encodePixels } from '@/lib/digits/codec';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { preprocess, type RgbaImage } from '@/lib/digits/preprocess';
import { shiftGridIndex, shiftImage, type ShiftOffset } from '@/lib/digits/shift';
import type { PublishedModel } from '@/lib/storage/manifest';
import { errorMessage } from '@/lib/inference/errors';
import type { Prediction, SweepResult } from '@/lib/inference/types';
import { useEngine } from './engine/useEngine';
import { DrawPad, type DrawPhase } from './input/DrawPad';
import { ImageInput } from './input/ImageInput';
import { DigitPreview } from './ui/DigitPreview';
import { ShiftControls } from './predict/ShiftControls';
import { ModelResult } from './predict/ModelResult';
import { SweepPanel } from './sweep/SweepPanel';
import { EngineStatus } from './engine/EngineStatus';
import { SampleButton } from './input/SampleButton';
import { SharePanel } from './share/SharePanel';
import { RobustnessPanel } from './sweep/RobustnessPanel';
import { InsideSection } from './inside/InsideSection';
import { PANEL } from './ui/styles';

/** The digit both networks currently read, before any shift. */
export interface LabInput {
  pixels: Uint8Array;
  /** Where it came from, for the caption. */
  source: 'drawing' | 'upload' | 'sample' | 'shared';
  /** The true class, when known (MNIST test digits). */
  label?: number;
  /** A stroke is still being drawn: predictions follow it live, the sweep waits for the stroke's end. */
  inProgress?: boolean;
}

interface LabProps {
  /** The published models, each with its card: what the lab runs and everything it says about them. */
  models: readonly PublishedModel[];
  /** A shared result to start from (the /s/<id> page). */
  initial?: { input: LabInput; shift: ShiftOffset };
}

type Predictions = Partial<Record<ModelId, Prediction>>;
type Sweeps = Partial<Record<ModelId, SweepResult>>;

/** The lab: draw or upload a digit, compare both models, shift it, sweep it, share it. */
export function Lab({ models, initial }: LabProps) {
  const engine = useEngine(models);
  const cards = useMemo(() => models.map((m) => m.card), [models]);
  const modelIds = useMemo(() => models.map((m) => m.id), [models]);
  // The stable calls, so latency or progress updates do not re-run predictions and sweeps.
  const { predict, sweep, status } = engine;
  const [input, setInput] = useState<LabInput | null>(initial?.input ?? null);
  const [shift, setShift] = useState<ShiftOffset>(initial?.shift ?? { dx: 0, dy: 0 });
  const [error, setError] = useState<string | null>(null);
  const [predictions, setPredictions] = useState<{ key: string; values: Predictions } | null>(null);
  const [sweeps, setSweeps] = useState<{ key: string; values: Sweeps } | null>(null);
  const [expectedOverride, setExpectedOverride] = useState<number | null>(null);

  const inputKey = useMemo(() => (input ? encodePixels(input.pixels) : ''), [input]);
  const { dx, dy } = shift;
  // Keyed on content, not on the input and shift objects: an equal input or shift (a stroke's end,
  // re-selecting the current cell, Reset at 0) keeps this array, so the predict effect does not re-send it.
  const shifted = useMemo(() => (inputKey ? shiftImage(decodePixels(inputKey), dx, dy) : null), [inputKey, dx, dy]);
  const predictionKey = `${inputKey}|${dx},${dy}|${engine.backend?.backend ?? ''}`;

  // Predict the shifted input; a late answer for an older input is dropped by its key.
  useEffect(() => {
    if (!shifted || status !== 'ready') return;
    let current = true;
    predict(shifted).then(
      (values) => current && setPredictions({ key: predictionKey, values }),
      (e: unknown) => current && setError(`Prediction failed: ${errorMessage(e)}`),
    );
    return () => {
      current = false;
    };
  }, [shifted, predictionKey, predict, status]);

  // Sweep every shift of the unshifted input once per input.
  const sweepKey = `${inputKey}|${engine.backend?.backend ?? ''}`;
  useEffect(() => {
    if (!input || input.inProgress || status !== 'ready') return;
    let current = true;
    sweep(input.pixels).then(
      (values) => current && setSweeps({ key: sweepKey, values }),
      (e: unknown) => current && setError(`Sweep failed: ${errorMessage(e)}`),
    );
    return () => {
      current = false;
    };
  }, [input, sweepKey, sweep, status]);

  const acceptImage = useCallback((image: RgbaImage, source: LabInput['source'], inProgress = false) => {
    const result = preprocess(image);
    if (result.blank) {
      if (source !== 'drawing') setError('The image looks blank: no digit stands out from the background.');
      return;
    }
    setError(null);
    setExpectedOverride(null);
    setInput({ pixels: result.pixels, source, inProgress });
  }, []);

  const onDraw = useCallback(
    (image: RgbaImage | null, phase: DrawPhase) => {
      if (image) acceptImage(image, 'drawing', phase === 'drawing');
      else {
        setInput(null);
        setError(null);
      }
    },
    [acceptImage],
  );

  // Stored keys always hold an input's pixels, so with no input nothing is shown.
  const shown = predictions?.key === predictionKey ? predictions.values : {};
  const sweepValues = sweeps?.key === sweepKey ? sweeps.values : {};
  // By default a shift should keep the shared-weights model's unshifted reading.
  const sharedId = cards.find((m) => m.weightSharing)?.id;
  const sharedUnshiftedTop = sharedId ? sweepValues[sharedId]?.tops[centreCell] : undefined;
  const expected = expectedOverride ?? input?.label ?? sharedUnshiftedTop ?? null;

  return (
    <div className="grid gap-6">
      <EngineStatus engine={engine} />

      <section aria-labelledby="input-heading" className={`grid gap-4 ${PANEL} md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]`}>
        <h2 id="input-heading" className="text-xl font-semibold md:col-span-2">
          1. Draw or upload a digit
        </h2>
        <DrawPad onChange={onDraw} />
        <div className="grid content-start gap-4">
          <ImageInput onImage={(image) => acceptImage(image, 'upload')} onError={setError} />
          <SampleButton
            onSample={(pixels, label) => {
              setError(null);
              setExpectedOverride(null);
              setInput({ pixels, source: 'sample', label });
            }}
            onError={setError}
          />
          <p data-testid="error" role="alert" className={error ? 'rounded-md bg-red-50 p-3 text-sm text-red-800' : 'sr-only'}>
            {error}
          </p>
          <div className="flex items-end gap-4">
            <figure className="grid gap-1">
              <DigitPreview
                pixels={input?.pixels ?? emptyPixels}
                label="The 28×28 image the networks receive"
                testId="input-preview"
                data-pixels={input ? inputKey : ''}
                size={112}
              />
              <figcaption className="text-xs text-slate-600">
                28×28 input{input?.source === 'sample' && input.label !== undefined ? ` · MNIST label ${input.label}` : ''}
              </figcaption>
            </figure>
            <figure className="grid gap-1">
              <DigitPreview pixels={shifted ?? emptyPixels} label="The shifted input" size={112} />
              <figcaption className="text-xs text-slate-600">
                shifted by ({shift.dx}, {shift.dy})
              </figcaption>
            </figure>
          </div>
        </div>
      </section>

      <section aria-labelledby="shift-heading" className={`grid gap-4 ${PANEL}`}>
        <h2 id="shift-heading" className="text-xl font-semibold">
          2. Shift it and compare
        </h2>
        <ShiftControls shift={shift} onChange={setShift} />
        <div className="grid gap-4 md:grid-cols-2">
          {models.map((model) => (
            <ModelResult key={model.id} model={model} prediction={shown[model.id]} latency={engine.latency[model.id]} />
          ))}
        </div>
      </section>

      <SweepPanel
        models={cards}
        sweeps={sweepValues}
        expected={expected}
        onExpectedChange={setExpectedOverride}
        shift={shift}
        onSelectShift={setShift}
      />

      <InsideSection
        featureMaps={engine.featureMaps}
        ready={status === 'ready'}
        backend={engine.backend?.backend ?? ''}
        models={cards}
        pixels={input?.pixels ?? null}
        inputKey={inputKey}
        shift={shift}
      />

      <RobustnessPanel engine={engine} models={cards} />

      <SharePanel pixels={input?.pixels ?? null} shift={shift} models={modelIds} predictions={shown} backend={engine.backend?.backend ?? null} />
    </div>
  );
}

/** The unshifted cell of the shift grid. */
const centreCell = shiftGridIndex(0, 0);
const emptyPixels = new Uint8Array(INPUT_PIXELS);
