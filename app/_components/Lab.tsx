'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { decodePixels, encodePixels } from '@/lib/digits/codec';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { preprocess, type RgbaImage } from '@/lib/digits/preprocess';
import { shiftGridIndex, shiftImage, type ShiftOffset } from '@/lib/digits/shift';
import { LazyModelCards } from './cards/LazyModelCards';
import { defaultPairIds, type ModelPair } from '@/lib/models/pair';
import { labHref } from '@/lib/share/lab-query';
import type { LabModel } from '@/lib/storage/manifest';
import { errorMessage } from '@/lib/inference/errors';
import type { DeviceBenchmark } from '@/lib/inference/device-benchmark';
import type { PerModel, Prediction, SweepResult } from '@/lib/inference/types';
import { loadMnistSample, sampleDigit, STARTER_COUNT, starterSample } from '@/lib/mnist/sample';
import { useEngine } from './engine/useEngine';
import { preloadFirstAnswer } from './engine/preload';
import { LAB_ROOT_ATTRIBUTE } from '@/lib/inference/worker-start';
import { DeviceBenchmarkPanel } from './benchmark/DeviceBenchmarkPanel';
import { DrawPad, type DrawPadHandle, type DrawPhase } from './input/DrawPad';
import { ImageInput } from './input/ImageInput';
import { DigitPreview } from './ui/DigitPreview';
import { ShiftControls } from './predict/ShiftControls';
import { ResetShiftButton } from './predict/ResetShiftButton';
import { ModelResult } from './predict/ModelResult';
import { ReadingStrip } from './predict/ReadingStrip';
import { SweepPanel } from './sweep/SweepPanel';
import { EngineStatus } from './engine/EngineStatus';
import { SampleButton } from './input/SampleButton';
import { SharePanel } from './share/SharePanel';
import { RobustnessPanel } from './sweep/RobustnessPanel';
import { InsideSection } from './inside/InsideSection';
import { PairPicker } from './pair/PairPicker';
import { PANEL } from './ui/styles';

/** The digit both networks currently read, before any shift. */
export interface LabInput {
  pixels: Uint8Array;
  /** Where it came from, for the caption. */
  source: 'drawing' | 'upload' | 'sample' | 'shared';
  /** The true class, when known (MNIST test digits). */
  label?: number;
  /** Which MNIST test digit it is (index in the test set), for a test digit. */
  testDigit?: number;
  /** The uploaded file's name. */
  fileName?: string;
  /** A stroke is still being drawn: predictions follow it live, the sweep waits for the stroke's end. */
  inProgress?: boolean;
}

/** Where the lab starts: a shared result (/s/<id>) or a lab link (/?a=…&b=…&digit=…&dx=…&dy=…). */
export interface LabStart {
  pair?: ModelPair;
  /** A shared digit; else `digit`, one of the test digits the page carries. */
  input?: LabInput;
  digit?: number | null;
  shift?: ShiftOffset;
  /** The sharer's device benchmark, if one was attached. */
  benchmark?: DeviceBenchmark;
  /** What the link asked for and could not have, in words. */
  linkProblems?: readonly string[];
}

interface LabProps {
  /** The published models, each with its card's facts: what the lab offers, runs and says about them. */
  models: readonly LabModel[];
  initial?: LabStart;
  /** The address bar follows the pair, the test digit and the shift (on the lab's own page, not on a share's). */
  followInAddress?: boolean;
  /** Show the model cards below the lab (fetched when scrolled near): the zoo's shift charts and the chosen pair in detail. */
  withCards?: boolean;
}

type Predictions = PerModel<Prediction>;
type Sweeps = PerModel<SweepResult>;

/** The lab: choose two models, draw or upload a digit, compare them, shift it, sweep it, share it. */
export function Lab({ models: published, initial, followInAddress = false, withCards = false }: LabProps) {
  const [pair, setPair] = useState<ModelPair>(() => initial?.pair ?? defaultPairIds(published.map((m) => m.id)));
  // The models on screen, the only ones downloaded: the pair.
  const models = useMemo(() => pair.flatMap((id) => published.filter((m) => m.id === id)), [pair, published]);
  const cards = useMemo(() => models.map((m) => m.card), [models]);
  const publishedCards = useMemo(() => published.map((m) => m.card), [published]);
  const modelIds = useMemo(() => models.map((m) => m.id), [models]);
  preloadFirstAnswer(models);
  const engine = useEngine(published, modelIds);
  // The stable calls, so latency or progress updates do not re-run predictions and sweeps; each
  // model answers from the moment it is ready, the others join when they are.
  const { predict, sweep, status, readyIds } = engine;
  const [benchmark, setBenchmark] = useState<DeviceBenchmark | null>(null);
  const [input, setInput] = useState<LabInput | null>(
    () => initial?.input ?? (initial?.digit != null ? starterInput(initial.digit) : null),
  );
  const [shift, setShift] = useState<ShiftOffset>(initial?.shift ?? { dx: 0, dy: 0 });
  const [error, setError] = useState<string | null>(null);
  const [predictions, setPredictions] = useState<{ key: string; values: Predictions } | null>(null);
  const [sweeps, setSweeps] = useState<{ key: string; values: Sweeps } | null>(null);
  const [expectedOverride, setExpectedOverride] = useState<number | null>(null);
  const padRef = useRef<DrawPadHandle>(null);

  const inputKey = useMemo(() => (input ? encodePixels(input.pixels) : ''), [input]);
  const { dx, dy } = shift;
  // Keyed on content, not on the input and shift objects: an equal input or shift (a stroke's end,
  // re-selecting the current cell, Reset at 0) keeps this array, so the predict effect does not re-send it.
  const shifted = useMemo(() => (inputKey ? shiftImage(decodePixels(inputKey), dx, dy) : null), [inputKey, dx, dy]);
  const predictionKey = `${inputKey}|${dx},${dy}|${engine.backend?.backend ?? ''}`;

  // Predict the shifted input with every model that answers; a model that joins later adds its
  // reading to the same key, a late answer for an older input is dropped by its key.
  useEffect(() => {
    if (!shifted || readyIds.length === 0) return;
    let current = true;
    predict(readyIds, shifted).then(
      (values) =>
        current &&
        setPredictions((prev) => ({ key: predictionKey, values: prev?.key === predictionKey ? { ...prev.values, ...values } : values })),
      (e: unknown) => current && setError(`Prediction failed: ${errorMessage(e)}`),
    );
    return () => {
      current = false;
    };
  }, [shifted, predictionKey, predict, readyIds]);

  // Sweep every shift of the unshifted input once per input and backend for batched work.
  const sweepKey = `${inputKey}|${engine.backend?.sweepBackend ?? ''}`;
  useEffect(() => {
    if (!input || input.inProgress || readyIds.length === 0) return;
    let current = true;
    sweep(readyIds, input.pixels).then(
      (values) =>
        current && setSweeps((prev) => ({ key: sweepKey, values: prev?.key === sweepKey ? { ...prev.values, ...values } : values })),
      (e: unknown) => current && setError(`Sweep failed: ${errorMessage(e)}`),
    );
    return () => {
      current = false;
    };
  }, [input, sweepKey, sweep, readyIds]);

  // Once the models on screen answer, the whole test sample comes in the background (low
  // priority): until then "Try a test digit" draws from the digits the page carries.
  useEffect(() => {
    if (status === 'ready') loadMnistSample({ priority: 'low' }).catch(() => undefined);
  }, [status]);

  const acceptImage = useCallback((image: RgbaImage, source: LabInput['source'], inProgress = false, fileName?: string) => {
    const result = preprocess(image);
    if (result.blank) {
      if (source !== 'drawing') setError('The image looks blank: no digit stands out from the background.');
      // A stroke too faint to read still replaces an image on the pad: nothing is read then.
      else setInput((current) => (current && current.source !== 'drawing' ? null : current));
      return;
    }
    // An image takes the pad's place: its strokes go, so they cannot come back under it.
    if (source !== 'drawing') padRef.current?.clear();
    setError(null);
    setExpectedOverride(null);
    setInput({ pixels: result.pixels, source, inProgress, fileName });
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

  const onSample = useCallback((pixels: Uint8Array, label: number, testDigit: number) => {
    padRef.current?.clear();
    setError(null);
    setExpectedOverride(null);
    setInput({ pixels, source: 'sample', label, testDigit });
  }, []);

  // The address bar follows what a link can restore: the pair, a test digit the page carries (a
  // drawing, an upload or a digit of the downloaded sample leaves it out) and the shift.
  const linkDigit = input?.source === 'sample' && input.testDigit !== undefined && input.testDigit < STARTER_COUNT ? input.testDigit : null;
  const href = labHref({ pair, digit: linkDigit, shift });
  useEffect(() => {
    // Replaced, not pushed: no navigation, no reload, and Back leaves the lab as before.
    if (followInAddress && `${location.pathname}${location.search}` !== href) history.replaceState(null, '', `${href}${location.hash}`);
  }, [followInAddress, href]);

  const discardImage = useCallback(() => {
    setInput(null);
    setError(null);
  }, []);

  const padImage = useMemo(
    () => (input && input.source !== 'drawing' ? { pixels: input.pixels, caption: imageCaption(input) } : null),
    [input],
  );

  // Stored keys always hold an input's pixels, so with no input nothing is shown.
  const shown = predictions?.key === predictionKey ? predictions.values : {};
  const sweepValues = sweeps?.key === sweepKey ? sweeps.values : {};
  // By default a shift should keep the shared-weights model's unshifted reading.
  const sharedId = cards.find((m) => m.weightSharing)?.id;
  const sharedUnshiftedTop = sharedId ? sweepValues[sharedId]?.tops[centreCell] : undefined;
  const expected = expectedOverride ?? input?.label ?? sharedUnshiftedTop ?? null;

  return (
    <div className="grid gap-4 lg:gap-6" {...{ [LAB_ROOT_ATTRIBUTE]: true }}>
      <EngineStatus engine={engine} models={models} />

      {/*
        The first screen: the pad, both readings with their bars, and the shift, without scrolling on a
        laptop. On phones one column (the two column wrappers are `contents`), where the readings strip
        stays in view beside the pad; on wide screens the pad and its sources on the left, the readings,
        bars and shift on the right.
      */}
      <div className={`grid gap-4 ${PANEL} lg:grid-cols-[minmax(0,21rem)_minmax(0,1fr)] lg:items-start lg:gap-x-6`}>
        <div className="contents lg:grid lg:content-start lg:gap-3">
          <section aria-labelledby="input-heading" className="grid content-start gap-3">
            <h2 id="input-heading" className="text-lg font-semibold">
              1. Draw or upload a digit
            </h2>
            <DrawPad ref={padRef} onChange={onDraw} image={padImage} onDiscardImage={discardImage} />
          </section>
          <div className="grid content-start gap-2">
            <ImageInput onImage={(image, fileName) => acceptImage(image, 'upload', false, fileName)} onError={setError}>
              <SampleButton onSample={onSample} />
            </ImageInput>
            <p data-testid="error" role="alert" className={error ? 'rounded-md bg-red-50 p-3 text-sm text-red-800' : 'sr-only'}>
              {error}
            </p>
          </div>
          {/* Below the pad, so the first screen still shows it whole on a phone. */}
          <PairPicker models={publishedCards} pair={pair} onChange={setPair} linkProblems={initial?.linkProblems} />
        </div>

        <div className="contents lg:grid lg:content-start">
          <ReadingStrip models={cards} predictions={shown} />
          {/* On wide screens the readings strip is the header row of these cards. */}
          <div className="grid gap-3 sm:grid-cols-2 lg:gap-x-4">
            {models.map((model) => (
              <ModelResult
                key={model.id}
                model={model}
                prediction={shown[model.id]}
                latency={engine.latency[model.id]}
                status={engine.models[model.id]}
              />
            ))}
          </div>
          <section aria-labelledby="shift-heading" className="grid content-start gap-2 lg:mt-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="shift-heading" className="text-lg font-semibold">
                2. Shift it and compare
              </h2>
              <ResetShiftButton onChange={setShift} />
            </div>
            <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
              <div className="min-w-64 flex-1">
                <ShiftControls shift={shift} onChange={setShift} />
              </div>
              <div className="flex items-start gap-3">
                <figure className="grid w-21 gap-1">
                  <DigitPreview
                    pixels={input?.pixels ?? emptyPixels}
                    label="The 28×28 image the networks receive"
                    testId="input-preview"
                    data-pixels={input ? inputKey : ''}
                    size={84}
                  />
                  <figcaption className="text-xs text-slate-600">
                    28×28 input{input?.source === 'sample' && input.label !== undefined ? ` · MNIST label ${input.label}` : ''}
                  </figcaption>
                </figure>
                <figure className="grid w-21 gap-1">
                  <DigitPreview pixels={shifted ?? emptyPixels} label="The shifted input" size={84} />
                  <figcaption className="text-xs text-slate-600">
                    shifted by ({shift.dx}, {shift.dy})
                  </figcaption>
                </figure>
              </div>
            </div>
          </section>
        </div>
      </div>

      <SweepPanel
        models={cards}
        sweeps={sweepValues}
        expected={expected}
        onExpectedChange={setExpectedOverride}
        shift={shift}
        onSelectShift={setShift}
        firstRunMs={engine.firstSweepMs}
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

      {/* Keyed by the pair: a check of other models is not this pair's. */}
      <RobustnessPanel key={pair.join()} engine={engine} models={cards} />

      <DeviceBenchmarkPanel engine={engine} models={cards} onResult={setBenchmark} shared={initial?.benchmark} />

      <SharePanel pixels={input?.pixels ?? null} shift={shift} models={pair} predictions={shown} benchmark={benchmark} />

      {withCards && <LazyModelCards pair={pair} />}
    </div>
  );
}

/** What an image on the pad is, in a few words. */
function imageCaption(input: LabInput): string {
  switch (input.source) {
    case 'sample':
      return 'MNIST test digit';
    case 'upload':
      return input.fileName ? `your image (${input.fileName})` : 'your image';
    case 'shared':
      return 'the shared digit';
    default:
      return 'an image';
  }
}

/** Test digit `index` of the MNIST test set, one the page carries (index < STARTER_COUNT). */
function starterInput(index: number): LabInput {
  const { pixels, label } = sampleDigit(starterSample(), index);
  return { pixels, source: 'sample', label, testDigit: index };
}

/** The unshifted cell of the shift grid. */
const centreCell = shiftGridIndex(0, 0);
const emptyPixels = new Uint8Array(INPUT_PIXELS);
